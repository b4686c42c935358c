"""Emails go out in the recipient's language: the member's account, the applicant's language at the
time of applying; never the language of whoever caused them. The coordinators read English."""

from datetime import date

import pytest
from django.utils import translation

from digests.compose import compose
from digests.emails import render_digest
from digests.periods import Period
from events.services import cancel_registration
from partners.models import Person
from partners.services import approve_application, reject_application, submit_application
from segments.services import request_group_membership
from tests.digests.factories import SubscriptionFactory
from tests.factories import EventFactory, NewsItemFactory, RegistrationFactory, SegmentFactory

pytestmark = pytest.mark.django_db

WELCOME = "Welcome to EV4SCC, %(name)s"
ASKS = "%(partner)s asks to join %(group)s"
RECEIVED = "New membership application: %(name)s"


@pytest.fixture
def french_and_german(catalogue):
    catalogue(
        "fr", {WELCOME: "Bienvenue dans EV4SCC, %(name)s", ASKS: "%(partner)s demande à rejoindre %(group)s"}
    )
    catalogue(
        "de", {WELCOME: "Willkommen bei EV4SCC, %(name)s", ASKS: "%(partner)s möchte %(group)s beitreten"}
    )


def apply(language: str):
    data = {
        "organisation_name": "Ville de Nantes",
        "kind": "city",
        "country": "FR",
        "city": "Nantes",
        "contact_name": "Nadia Nantes",
        "contact_email": "nadia@nantes.example",
    }
    with translation.override(language):
        return submit_application(data=data)


def test_the_invitation_is_in_the_applicants_language_not_the_reviewers(
    cast, french_and_german, mailoutbox, django_capture_on_commit_callbacks
):
    application = apply("fr")
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        approve_application(application=application, reviewer=cast.coordinator)
    invitation = next(mail for mail in mailoutbox if mail.to == ["nadia@nantes.example"])
    assert invitation.subject == "Bienvenue dans EV4SCC, Ville de Nantes"
    assert Person.objects.get(email="nadia@nantes.example").language == "fr"


def test_the_coordinators_read_english_whoever_applied(
    catalogue, mailoutbox, django_capture_on_commit_callbacks, settings
):
    catalogue("fr", {RECEIVED: "Nouvelle demande d’adhésion : %(name)s"})
    with django_capture_on_commit_callbacks(execute=True):
        apply("fr")
    (received,) = mailoutbox
    assert received.to == sorted(settings.COORDINATORS_EMAIL)
    assert received.subject == "New membership application: Ville de Nantes"


def test_a_rejection_is_in_the_applicants_language(
    cast, catalogue, mailoutbox, django_capture_on_commit_callbacks
):
    catalogue("it", {"Your application to EV4SCC": "La vostra domanda di adesione a EV4SCC"})
    application = apply("it")
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        reject_application(application=application, reviewer=cast.coordinator, reason="Not a city.")
    (rejection,) = [mail for mail in mailoutbox if mail.to == ["nadia@nantes.example"]]
    assert rejection.subject == "La vostra domanda di adesione a EV4SCC"
    assert "Not a city." in rejection.body


def test_a_promoted_seat_is_announced_in_the_attendees_language(
    cast, catalogue, mailoutbox, django_capture_on_commit_callbacks
):
    catalogue("de", {"A seat is yours: %(title)s": "Ein Platz für Sie: %(title)s"})
    event = EventFactory(title="E-bus Gothenburg", capacity=1)
    first = RegistrationFactory(event=event, person=cast.member_person)
    waiting = RegistrationFactory(event=event, person=cast.rep_b_person, status="waitlisted")
    Person.objects.filter(pk=waiting.person_id).update(language="de")
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration=first, by=cast.coordinator)
    (promoted,) = [mail for mail in mailoutbox if mail.to == ["rep@tartu.example"]]
    assert promoted.subject == "Ein Platz für Sie: E-bus Gothenburg"


def test_a_group_request_reaches_each_representative_in_their_language(
    cast, french_and_german, mailoutbox, django_capture_on_commit_callbacks, settings
):
    Person.objects.filter(pk=cast.rep_b_person.pk).update(language="fr")
    Person.objects.filter(pk=cast.lead_person.pk).update(language="de")
    with translation.override("it"), django_capture_on_commit_callbacks(execute=True):
        request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    subjects = {address: mail.subject for mail in mailoutbox for address in mail.to}
    group = cast.group.name
    assert subjects["rep@tartu.example"] == f"Tartu demande à rejoindre {group}"
    assert subjects["lead@aarhus.example"] == f"Tartu möchte {group} beitreten"
    for address in settings.COORDINATORS_EMAIL:
        assert subjects[address] == f"Tartu asks to join {group}"


def test_the_digest_is_in_its_readers_language(catalogue):
    frequency_subject = "EV4SCC %(frequency)s digest: %(start)s to %(end)s"
    catalogue("fr", {frequency_subject: "EV4SCC, lettre %(frequency)s : du %(start)s au %(end)s"})
    segment = SegmentFactory()
    subscription = SubscriptionFactory(segments=[segment])
    Person.objects.filter(pk=subscription.person_id).update(language="fr")
    subscription.person.refresh_from_db()
    period = Period.before("weekly", date(2017, 2, 6))
    NewsItemFactory(segment=segment)
    with translation.override("de"):
        email = render_digest(compose(subscription, period))
    # The period's dates are French too (Django's own catalogue names the months).
    assert email.subject.startswith("EV4SCC, lettre ") and email.subject.endswith("5 Fév 2017")
