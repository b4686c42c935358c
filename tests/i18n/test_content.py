"""What partners write, in several languages: a need, a solution's summary, a partner's description
are shown in the reader's language, else in the first language that has them, with a note."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from partners.models import Partner
from projects.models import Need, Solution
from tests.factories import SegmentFactory

pytestmark = pytest.mark.django_db

ITALIAN = "Cerchiamo colonnine rapide per i taxi."
ENGLISH = "We are looking for fast chargers for taxis."


@pytest.fixture
def segment():
    return SegmentFactory()


def publish_need(cast, segment, **texts):
    data = {"title": "Ricarica per taxi", "segment": segment.pk, **texts}
    return cast.client("lead").post("/needs/new/", data, HTTP_ACCEPT_LANGUAGE="it")


def test_a_city_officer_publishes_a_need_in_italian_with_an_english_summary(cast, segment):
    response = publish_need(cast, segment, description_it=ITALIAN, description_en=ENGLISH)
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.description_it, need.description_en, need.description_fr) == (ITALIAN, ENGLISH, "")


NOTE = "Shown in %(shown)s: no %(reader)s version yet."


@pytest.mark.parametrize(
    ("reader", "shown", "note"),
    [
        ("it", ITALIAN, None),
        ("en", ENGLISH, None),
        ("de", ENGLISH, "Auf Englisch angezeigt: noch keine Fassung auf Deutsch."),
        ("fr", ENGLISH, "Affiché en anglais : pas encore de version en français."),
    ],
)
def test_readers_see_their_language_or_the_fallback_with_a_note(
    client, cast, segment, catalogue, reader, shown, note
):
    # The language names come from Django's own catalogues, in the reader's language.
    catalogue("de", {NOTE: "Auf %(shown)s angezeigt: noch keine Fassung auf %(reader)s."})
    catalogue("fr", {NOTE: "Affiché en %(shown)s : pas encore de version en %(reader)s."})
    publish_need(cast, segment, description_it=ITALIAN, description_en=ENGLISH)
    page = client.get(Need.objects.get().get_absolute_url(), HTTP_ACCEPT_LANGUAGE=reader).content.decode()
    other = ENGLISH if shown == ITALIAN else ITALIAN
    assert shown in page and other not in page
    if note:
        assert note in page
    else:
        assert "shown-in-note" not in page


def test_a_text_given_in_one_language_only_is_shown_to_everyone_marked_with_its_language(
    client, cast, segment
):
    publish_need(cast, segment, description_it=ITALIAN)
    page = client.get(Need.objects.get().get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<p lang="it">{ITALIAN}</p>' in page
    assert "Shown in Italian: no English version yet." in page


def test_a_need_needs_a_text_in_at_least_one_language(cast, segment):
    response = publish_need(cast, segment)
    assert response.status_code == 400
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = gettext("Give it in at least one language.")
    assert expected in response.content.decode()
    assert not Need.objects.exists()


def test_the_form_offers_the_readers_language_first(cast):
    page = cast.client("lead").get("/needs/new/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    boxes = [name for name in ("description_it", "description_en", "description_fr") if name in page]
    assert boxes == ["description_it", "description_en", "description_fr"]
    assert page.index('name="description_it"') < page.index('name="description_en"')
    assert 'lang="it"' in page


def test_a_solution_summary_in_several_languages(cast, segment, client):
    response = cast.client("rep_a").post(
        "/solutions/new/",
        {"title": "Ricarica notturna", "segment": segment.pk, "summary_fr": "Recharge de nuit au dépôt."},
    )
    assert response.status_code == 302
    solution = Solution.objects.get()
    french = client.get(solution.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Recharge de nuit au dépôt." in french and "shown-in-note" not in french
    spanish = client.get(solution.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Se muestra en francés: todavía no hay versión en español." in spanish


def test_a_representative_adds_a_translation_of_the_description_and_every_language_is_searchable(
    cast, client
):
    from tests.partners.test_edit import URL, form_data

    people = list(cast.partner_a.people.order_by("pk"))
    data = form_data(
        cast.partner_a, people, description_en="Electric fleets", description_de="Elektrische Flotten"
    )
    assert cast.client("rep_a").post(URL, data).status_code == 302
    partner = Partner.objects.get(pk=cast.partner_a.pk)
    german = client.get(partner.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Elektrische Flotten" in german and "Electric fleets" not in german
    assert Partner.objects.search("flotten").get() == partner  # whatever the reader's language


def test_the_api_keeps_its_field_names_and_gives_the_readers_language(client, cast, segment):
    publish_need(cast, segment, description_it=ITALIAN, description_en=ENGLISH)
    slug = Need.objects.get().slug
    italian = client.get(f"/api/v1/needs/{slug}/", HTTP_ACCEPT_LANGUAGE="it")
    german = client.get(f"/api/v1/needs/{slug}/", HTTP_ACCEPT_LANGUAGE="de")
    assert italian.json().keys() == german.json().keys()
    assert not [key for key in italian.json() if key.startswith("description_")]
    assert (italian.json()["description"], german.json()["description"]) == (ITALIAN, ENGLISH)
    assert (italian.json()["status"], german.json()["status"]) == ("open", "open")  # codes stay codes
    assert "Accept-Language" in german["Vary"] and italian["ETag"] != german["ETag"]


def test_cached_api_answers_are_kept_per_language(client, cast, segment):
    publish_need(cast, segment, description_it=ITALIAN, description_en=ENGLISH)
    first = client.get("/api/v1/needs/", HTTP_ACCEPT_LANGUAGE="it").json()["results"][0]["description"]
    second = client.get("/api/v1/needs/", HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]["description"]
    assert (first, second) == (ITALIAN, ENGLISH)


def test_api_messages_follow_accept_language(client, catalogue):
    catalogue("fr", {"Unknown query parameter.": "Paramètre de requête inconnu."})
    french = client.get("/api/v1/partners/?colour=blue", HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get("/api/v1/partners/?colour=blue", HTTP_ACCEPT_LANGUAGE="en")
    assert french.status_code == english.status_code == 400
    assert "Paramètre de requête inconnu." in french.content.decode()
    assert "Unknown query parameter." in english.content.decode()
    assert french.json().keys() == english.json().keys()


def test_an_api_write_gives_the_version_in_the_requests_language(cast):
    from tests.api.conftest import client_for

    Partner.objects.filter(pk=cast.partner_a.pk).update(description_en="Electric fleets")
    response = client_for(cast.rep_a).patch(
        "/api/v1/partners/voltaic-fleets/",
        {"description": "Flottes électriques"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200 and response.json()["description"] == "Flottes électriques"
    partner = Partner.objects.get(pk=cast.partner_a.pk)
    assert (partner.description_fr, partner.description_en) == ("Flottes électriques", "Electric fleets")
