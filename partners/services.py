"""State changes of the partners app: profiles, applications, erasure. Pages, the API and the admin
call these functions; each runs in one transaction, checks its rules and records an audit entry."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from knox.settings import knox_settings

from audit.services import record
from core.contributions import APPLICATION_FIELDS, erase_personal_data, removal_refused
from core.errors import Reason, ServiceError
from core.languages import codes, column, text_columns
from core.mail import send_templated
from core.slugs import create_with_unique_slug

from .access import is_coordinator, may_hold_api_token, represents
from .geocoding import city_point
from .models import (
    CITY_KINDS,
    ApiToken,
    ApplicationStatus,
    CityProfile,
    MembershipApplication,
    Partner,
    Person,
    meets_sme_definition,
    normalise,
    website_domain,
)

PROFILE_FIELDS = [
    "name",
    "city",
    "website",
    "description",
    "is_sme",
    "staff_count",
    "turnover_eur_m",
    "balance_sheet_eur_m",
    "latitude",
    "longitude",
]


@dataclass(frozen=True)
class PersonData:
    """One contact person as an edit gives it: `id` for an existing one (None for a new one),
    `delete` to remove an existing one."""

    name: str = ""
    email: str = ""
    role_title: str = ""
    is_representative: bool = False
    id: int | None = None
    delete: bool = False


PERSON_FIELDS = ["name", "email", "role_title", "is_representative"]


def _supported(language: str | None) -> str:
    """`language` if the interface speaks it (fr-be counts as fr), else empty."""
    if not language:
        return ""
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return ""


@transaction.atomic
def set_language_preference(*, person: Person, language: str) -> Person:
    """Remember the language a member chose (the switcher): their pages after login and their emails."""
    language = _supported(language)
    if person.language != language:
        person.language = language
        person.save(update_fields=["language"])
    return person


#: Profile fields partners may give in several languages (partners/translation.py).
TRANSLATED_PROFILE_FIELDS = ("description",)


def _audited_profile_fields() -> list[str]:
    """The profile fields with every language's column of the translated ones."""
    columns = [column(field, code) for field in TRANSLATED_PROFILE_FIELDS for code in codes()]
    return [field for field in PROFILE_FIELDS if field not in TRANSLATED_PROFILE_FIELDS] + columns


def _snapshot(instance, fields) -> dict[str, Any]:
    return {field: str(getattr(instance, field)) for field in fields}


def _people_snapshot(partner: Partner) -> dict[int, dict[str, Any]]:
    return {
        person.pk: {field: getattr(person, field) for field in PERSON_FIELDS}
        for person in partner.people.order_by("pk")
    }


@transaction.atomic
def update_partner_profile(
    *, partner: Partner, changes: dict[str, Any], people: list[PersonData] | None = None, by
) -> Partner:
    """Save a partner's profile fields (`changes`, any of PROFILE_FIELDS) and its contact people
    together: `people` adds, changes and removes people (None leaves them as they are). Emails stay
    unique, a person an app still needs (a seat at a coming event) is not removed, and one audit
    entry says what changed; all or nothing."""
    if not represents(by, partner):
        raise ServiceError(_("Only the partner's representatives may edit it."), reason=Reason.FORBIDDEN)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    before = _snapshot(partner, _audited_profile_fields())
    people_before = _people_snapshot(partner)
    for field, value in changes.items():
        if field not in PROFILE_FIELDS:
            raise ServiceError(_("This field cannot be changed here."), field=field)
        if field in TRANSLATED_PROFILE_FIELDS:  # one text (the active language's) or {language: text}
            for name, text in text_columns(field, value).items():
                setattr(partner, name, text)
        else:
            setattr(partner, field, value)
    # SME status counts towards a target: where staff and financial facts are given, it follows the
    # EU definition, whatever was ticked; cities and regions are never SMEs.
    if partner.is_city or partner.sme_by_definition is not None:
        partner.is_sme = bool(partner.sme_by_definition) and not partner.is_city
    try:
        # The rules the model holds (coordinates given together, ...), whoever calls.
        partner.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ServiceError(" ".join(messages), field=None if field == NON_FIELD_ERRORS else field) from error
    partner.save()
    if people is not None:
        _save_people(partner, people)
    record(
        actor=by,
        action="partner.updated",
        target=partner,
        before={**before, "people": _people_audit(people_before)},
        after={
            **_snapshot(partner, _audited_profile_fields()),
            "people": _people_audit(_people_snapshot(partner)),
        },
    )
    return partner


def _people_audit(people: dict[int, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    # The contact people by id, with their details: what changed (a new email, representative
    # rights granted) shows as it was and as it became. The erasure of a person replaces their
    # details here (partners.privacy.erase_from_audit), so the entry keeps no personal data.
    return {str(pk): details for pk, details in people.items()}


def _save_people(partner: Partner, people: list[PersonData]) -> None:
    existing = {person.pk: person for person in partner.people.select_for_update()}
    unknown = sorted(data.id for data in people if data.id is not None and data.id not in existing)
    if unknown:
        raise ServiceError(_("Not a contact of this partner: %s") % unknown, field="people")
    kept = [data for data in people if not data.delete]
    emails = [normalise(data.email) for data in kept]
    if len(emails) != len(set(emails)):
        raise ServiceError(_("Each contact person needs an email of their own."), field="people")
    removed = {data.id for data in people if data.delete and data.id is not None}
    for pk in sorted(removed):
        # An app above partners may still need the person (events: a seat at a coming event).
        reason = removal_refused(existing[pk])
        if reason:
            raise ServiceError(reason, reason=Reason.CONFLICT)
    others = Person.objects.exclude(pk__in=[*existing, *removed]) if kept else Person.objects.none()
    same_email = Q()
    for data in kept:
        same_email |= Q(email__iexact=data.email)
    if kept and others.filter(same_email).exists():
        raise ServiceError(_("This email is taken."), field="people")
    Person.objects.filter(pk__in=removed).delete()
    try:
        with transaction.atomic():
            for data in kept:
                person = existing[data.id] if data.id is not None else Person(partner=partner)
                for field in PERSON_FIELDS:
                    setattr(person, field, getattr(data, field))
                # The model's rules (a valid email, lengths, one person per email), whoever calls.
                person.full_clean()
                person.save()
    except ValidationError as error:
        raise ServiceError(
            " ".join(message for messages in error.message_dict.values() for message in messages),
            field="people",
        ) from error
    except IntegrityError as error:  # two people with one email, raced past the checks above
        raise ServiceError(
            _("Each contact person needs an email of their own."), reason=Reason.CONFLICT
        ) from error


@transaction.atomic
def add_contact_person(*, partner: Partner, name: str, email: str, by) -> Person:
    """A new contact person at `partner`, added by one of its representatives (or a coordinator)
    without going through the whole profile editor: what "add a colleague" on another page uses."""
    if not represents(by, partner):
        raise ServiceError(
            _("Only a representative of the organisation can add a contact person."), reason=Reason.FORBIDDEN
        )
    name, email = name.strip(), email.strip()
    if not name:
        raise ServiceError(_("Give the colleague's name."), field="name")
    if not email:
        raise ServiceError(_("Give the colleague's email."), field="email")
    if Person.objects.filter(email__iexact=email).exists():
        raise ServiceError(_("This email is taken."), reason=Reason.CONFLICT, field="email")
    try:
        with transaction.atomic():
            person = Person.objects.create(partner=partner, name=name, email=email)
    except IntegrityError as error:  # the same email, raced past the check above
        raise ServiceError(_("This email is taken."), reason=Reason.CONFLICT, field="email") from error
    # As the profile editor records its people: by id, no name or email in the trail.
    record(actor=by, action="person.added", target=person, after={"partner": partner.pk})
    return person


def fill_missing_coordinates(*, by=None) -> tuple[int, list[Partner]]:
    """Give every partner without coordinates its city's point where the gazetteer knows the city:
    how many were filled, and the partners still without a point (to be placed by hand). A point
    someone set is never changed."""
    filled, unknown = 0, []
    for partner in Partner.objects.filter(latitude__isnull=True).order_by("pk"):
        point = city_point(partner.city, partner.country)
        if point is None:
            unknown.append(partner)
            continue
        with transaction.atomic():
            current = Partner.objects.select_for_update().get(pk=partner.pk)
            if current.latitude is not None:  # set meanwhile, by hand: that point wins
                continue
            current.latitude, current.longitude = point
            # save(), not update(): the map's cached GeoJSON follows the data version a save bumps.
            current.save(update_fields=["latitude", "longitude"])
            record(actor=by, action="partner.geocoded", target=current, after={"point": str(point)})
        filled += 1
    return filled, unknown


def possible_duplicates(application: MembershipApplication) -> list[tuple[str, str]]:
    """Partners and other pending applications with the same normalised name or website domain, as
    (description, URL) pairs for the reviewer."""
    key = normalise(application.organisation_name)
    domain = website_domain(application.website)
    partners = Partner.objects.filter(name_key=key)
    if domain:
        partners = partners | Partner.objects.filter(website__icontains=domain)
    found = [
        (_("Partner “%(name)s”") % {"name": partner.name}, partner.get_absolute_url())
        for partner in partners.order_by("name")
        if partner.name_key == key or website_domain(partner.website) == domain
    ]
    others = MembershipApplication.objects.pending().exclude(pk=application.pk).order_by("submitted_at")
    found += [
        (
            _("Pending application “%(name)s”") % {"name": other.organisation_name},
            reverse("partners:application", args=[other.pk]),
        )
        for other in others.only("organisation_name", "website")
        if normalise(other.organisation_name) == key or (domain and website_domain(other.website) == domain)
    ]
    return found


@transaction.atomic
def submit_application(*, data: dict[str, Any]) -> MembershipApplication:
    """Record an application from the public form (already validated) and tell the coordinators.
    `data` holds the application's fields and the values of the fields that apps above partners add
    to the form (APPLICATION_FIELDS, by key), which each of them keeps with the application."""
    data = dict(data)
    parts = [(part, data.pop(part.key)) for part in APPLICATION_FIELDS if part.key in data]
    # The language the applicant reads the site in: the replies and the invitation use it.
    application = MembershipApplication(
        **data, consented_at=timezone.now(), language=_supported(translation.get_language())
    )
    application.full_clean()
    application.save()
    for part, value in parts:
        part.save(application, value)
    record(
        actor=None, action="application.submitted", target=application, after={"status": application.status}
    )
    send_templated(
        to=settings.COORDINATORS_EMAIL,
        template="partners/email/application_received",
        context={
            "application": application,
            "review_url": reverse("partners:application", args=[application.pk]),
        },
    )
    return application


def _lock_pending(application: MembershipApplication) -> MembershipApplication:
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.PENDING:
        raise ServiceError(_("This application has already been reviewed."), reason=Reason.CONFLICT)
    return application


def _check_reviewer(reviewer) -> None:
    if not is_coordinator(reviewer):
        raise ServiceError(_("Only coordinators review applications."), reason=Reason.FORBIDDEN)


@transaction.atomic
def approve_application(*, application: MembershipApplication, reviewer) -> Partner:
    """Admit the organisation: the active partner (with a city profile where a population is given),
    its contact as representative with a new login, what the apps above partners kept with the
    application (APPLICATION_FIELDS: the segments of interest), and an invitation email with a link
    to set a password. All or nothing."""
    _check_reviewer(reviewer)
    application = _lock_pending(application)
    email = application.contact_email
    user_model = get_user_model()
    if (
        Person.objects.with_email(email).exists()
        or user_model.objects.filter(username__iexact=email).exists()
    ):
        raise ServiceError(
            _("A person with this email already has a login; link them to the partner in the admin."),
            reason=Reason.CONFLICT,
            field="contact_email",
        )
    staff, turnover, balance = (
        application.staff_count,
        application.turnover_eur_m,
        application.balance_sheet_eur_m,
    )
    partner = create_with_unique_slug(
        Partner,
        application.organisation_name,
        fallback="partner",
        name=application.organisation_name,
        kind=application.kind,
        country=application.country,
        city=application.city,
        website=application.website,
        # The description in the language it was written in, not the reviewer's.
        **text_columns(
            "description", {application.language or settings.LANGUAGE_CODE: application.description}
        ),
        staff_count=staff,
        turnover_eur_m=turnover,
        balance_sheet_eur_m=balance,
        is_sme=bool(meets_sme_definition(staff, turnover, balance)),
        joined_on=timezone.localdate(),
    )
    # On the map from the first day: the city's point from the offline gazetteer, editable later.
    partner.latitude, partner.longitude = city_point(partner.city, partner.country) or (None, None)
    if partner.latitude is not None:
        partner.save(update_fields=["latitude", "longitude"])
    if application.kind in CITY_KINDS and application.population:
        CityProfile.objects.create(partner=partner, population=application.population)
    user = user_model.objects.create_user(username=email.lower(), email=email)  # no usable password yet
    person = Person.objects.create(
        partner=partner,
        name=application.contact_name,
        email=email,
        role_title=application.contact_role,
        is_representative=True,
        user=user,
        language=application.language,
    )
    for part in APPLICATION_FIELDS:
        part.approve(application, partner)
    application.status = ApplicationStatus.APPROVED
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.partner = partner
    application.save()
    record(
        actor=reviewer,
        action="application.approved",
        target=application,
        before={"status": ApplicationStatus.PENDING},
        after={"status": application.status, "partner": partner.slug},
    )
    set_password_url = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    send_templated(
        to=[email],
        template="partners/email/invitation",
        language=person.language or None,
        context={
            "person": person,
            "partner": partner,
            "username": user.username,
            "set_password_url": set_password_url,
        },
    )
    return partner


@transaction.atomic
def reject_application(*, application: MembershipApplication, reviewer, reason: str) -> MembershipApplication:
    """Decline the application with a reason, which the applicant is told by email."""
    _check_reviewer(reviewer)
    if not reason.strip():
        raise ServiceError(_("Say why the application is rejected."), field="reason")
    application = _lock_pending(application)
    application.status = ApplicationStatus.REJECTED
    application.reason = reason.strip()
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.save()
    record(
        actor=reviewer,
        action="application.rejected",
        target=application,
        before={"status": ApplicationStatus.PENDING},
        after={"status": application.status, "reason": application.reason},
    )
    send_templated(
        to=[application.contact_email],
        template="partners/email/rejection",
        context={"application": application},
        language=application.language or None,
    )
    return application


@transaction.atomic
def erase_person(*, person: Person, by) -> Person:
    """Remove a person's personal data: what each app holds about them (PERSONAL_DATA erasers), then
    their name, email and role anonymised, the login deactivated and detached. The organisation and
    what it did stay."""
    if not (is_coordinator(by) or (by and by.is_authenticated and by.pk == person.user_id)):
        raise ServiceError(
            _("Only the person themselves or a coordinator may erase this."), reason=Reason.FORBIDDEN
        )
    person = Person.objects.select_for_update().get(pk=person.pk)
    # The other apps first, while the person is still as they knew them (an email to match, ...).
    erase_personal_data(person)
    user = person.user
    person.name = _("Erased person")
    person.email = f"erased-{person.pk}@erased.invalid"
    person.role_title = ""
    person.is_representative = False
    person.user = None
    person.save()
    if user is not None:
        user.username = f"erased-{user.pk}"
        user.email = user.first_name = user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
    # No personal data in the audit entry: it would outlive the erasure.
    record(actor=by, action="person.erased", target=person, after={"erased_on": str(date.today())})
    return person


# --- API tokens (django-rest-knox: hashed at rest, with an expiry) --------------------------------


@transaction.atomic
def create_api_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new named token for a coordinator or representative: the token row (its digest, never the
    token) and the token itself, which the caller shows once. Expires after REST_KNOX's TOKEN_TTL."""
    if not may_hold_api_token(user):
        raise ServiceError(
            _("Only your organisation's representatives can create a token."), reason=Reason.FORBIDDEN
        )
    name = name.strip()
    if not name:
        raise ServiceError(
            _("Give the token a name, so you can tell it apart from your other tokens."), field="name"
        )
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ServiceError(_("The name is too long."), field="name")
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit is not None and ApiToken.objects.filter(user=user, expiry__gt=timezone.now()).count() >= limit:
        raise ServiceError(
            _("You have %(limit)s tokens already: revoke one first.") % {"limit": limit},
            reason=Reason.CONFLICT,
        )
    token, secret = ApiToken.objects.create(user=user, name=name)
    # The entry names the token and its visible prefix, never the secret nor its digest.
    record(
        actor=user, action="api_token.created", target=user, after={"name": name, "prefix": token.token_key}
    )
    return token, secret


@transaction.atomic
def revoke_api_token(*, user, prefix: str) -> bool:
    """Revoke one of the user's own tokens, named by its visible prefix. False when the user has no
    such token (someone else's, or one already gone): nothing changes."""
    tokens = ApiToken.objects.filter(user=user, token_key=prefix)
    names = list(tokens.values_list("name", flat=True))
    if not names:
        return False
    tokens.delete()
    record(actor=user, action="api_token.revoked", target=user, after={"name": names[0], "prefix": prefix})
    return True
