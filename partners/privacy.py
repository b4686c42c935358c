"""What partners holds about a person, for the right of access ("download my data") and erasure:
its parts of core.contributions.PERSONAL_DATA (registered in partners/contributions.py). The apps
above partners add theirs; core.contributions.export_personal_data and erase_personal_data run them
all, the erasers inside partners.services.erase_person's transaction, before the person's own row is
anonymised (so each still sees the name and email to look for)."""

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from audit.models import AuditEntry
from audit.services import ERASED, export_entries, scrub_personal_data

from .models import ApiToken, ApplicationStatus, MembershipApplication, Person

#: What an erased application's contact email becomes (the field must hold an email).
ERASED_APPLICATION_EMAIL = "erased@erased.invalid"

# --- The person, the organisation, the login ------------------------------------------------------


def person_details(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "email": person.email,
        "role": person.role_title,
        "representative": person.is_representative,
        "language": person.language,
        "created_at": person.created_at,
    }


def organisation(person: Person) -> dict[str, Any]:
    return {"name": person.partner.name, "url": person.partner.get_absolute_url()}


def login(person: Person) -> dict[str, Any] | None:
    user = person.user
    return user and {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


# --- Login attempts (django-axes) -----------------------------------------------------------------

ATTEMPT_FIELDS = ("attempt_time", "ip_address", "user_agent", "path_info")


def _usernames(person: Person) -> Q:
    """What the login form may have been given for the person: their username or their email."""
    names = [person.email, *([person.user.username, person.user.email] if person.user else [])]
    query = Q(pk__in=[])
    for name in {name for name in names if name}:
        query |= Q(username__iexact=name)
    return query


def _attempt_tables() -> list[QuerySet]:
    return [AccessLog.objects, AccessAttempt.objects, AccessFailureLog.objects]


def login_history(person: Person) -> dict[str, list[dict[str, Any]]]:
    """Logins (AccessLog), failed attempts still counted (AccessAttempt) and failures (AccessFailureLog)."""
    query = _usernames(person)
    return {
        "logins": list(AccessLog.objects.filter(query).values(*ATTEMPT_FIELDS, "logout_time")),
        "failed_attempts": list(
            AccessAttempt.objects.filter(query).values(*ATTEMPT_FIELDS, "failures_since_start")
        ),
        "failures": list(AccessFailureLog.objects.filter(query).values(*ATTEMPT_FIELDS, "locked_out")),
    }


def erase_login_history(person: Person) -> None:
    query = _usernames(person)
    for table in _attempt_tables():
        table.filter(query).delete()


# --- API tokens -----------------------------------------------------------------------------------


def api_tokens(person: Person) -> list[dict[str, Any]]:
    """That tokens exist, their names and use; never a secret (none is stored)."""
    if person.user_id is None:
        return []
    return list(
        ApiToken.objects.filter(user=person.user_id).values(
            "name", "token_key", "created", "expiry", "last_used_at"
        )
    )


def erase_api_tokens(person: Person) -> None:
    if person.user_id is not None:
        ApiToken.objects.filter(user=person.user_id).delete()


# --- Membership applications ----------------------------------------------------------------------

APPLICATION_FIELDS = (
    "organisation_name",
    "kind",
    "country",
    "city",
    "website",
    "staff_count",
    "turnover_eur_m",
    "balance_sheet_eur_m",
    "description",
    "population",
    "contact_name",
    "contact_email",
    "contact_role",
    "language",
    "consented_at",
    "submitted_at",
    "status",
    "reviewed_at",
    "reason",
)


def _applications(person: Person) -> QuerySet:
    # Only the application that brought the person's own organisation in: an email address can be
    # edited by a representative, so it alone proves nothing (nor may it erase another's). Others
    # (rejected ones) go by retention.
    return MembershipApplication.objects.filter(partner=person.partner_id, contact_email__iexact=person.email)


def membership_applications(person: Person) -> list[dict[str, Any]]:
    return [
        {**row, "country": str(row["country"])}
        for row in _applications(person).order_by("pk").values(*APPLICATION_FIELDS)
    ]


def erase_applications(person: Person) -> None:
    """The contact is erased; the organisation's part (name, kind, figures) stays with the partner."""
    _applications(person).update(contact_name=ERASED, contact_email=ERASED_APPLICATION_EMAIL, contact_role="")


# --- The audit trail and the admin's log ----------------------------------------------------------


def _identities(person: Person) -> list[Any]:
    return [person, *([person.user] if person.user else [])]


def _texts(person: Person) -> list[str]:
    user = person.user
    full_name = user.get_full_name() if user else ""
    return [person.name, person.email, *([user.email, full_name] if user else [])]


def audit_entries(person: Person) -> list[dict[str, Any]]:
    return export_entries(actor=person.user, objects=_identities(person))


def erase_from_audit(person: Person) -> None:
    """Scrub the person's name and email from every entry (kept, as the trail must be), their
    details from the contact-people records of their organisation's profile edits, and the admin's
    log of changes to them."""
    _erase_from_admin_log(person)
    scrub_personal_data(texts=_texts(person), objects=_identities(person))
    key = str(person.pk)
    partner_type = ContentType.objects.get_for_model(person.partner)
    for entry in AuditEntry.objects.filter(content_type=partner_type, object_id=str(person.partner_id)):
        before, after = dict(entry.before), dict(entry.after)
        for values in (before, after):
            if key in values.get("people", {}):
                values["people"] = {**values["people"], key: ERASED}
        if (before, after) != (entry.before, entry.after):
            AuditEntry.objects.filter(pk=entry.pk).update(before=before, after=after)


def _erase_from_admin_log(person: Person) -> None:
    # The admin's own history names what it changed: the person and their login become ERASED.
    for obj in _identities(person):
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).update(object_repr=ERASED)


# --- Retention (RETENTION_DAYS) -------------------------------------------------------------------


def expire_login_attempts(cutoff: Any) -> int:
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessLog, AccessAttempt, AccessFailureLog)
    )


def expire_rejected_applications(cutoff: Any) -> int:
    """A rejected application's contact is anonymised; the organisation's part stays, for the
    reviewers' record of who asked and why they were declined."""
    return (
        MembershipApplication.objects.filter(status=ApplicationStatus.REJECTED, reviewed_at__lt=cutoff)
        .exclude(contact_name=ERASED)
        .update(contact_name=ERASED, contact_email=ERASED_APPLICATION_EMAIL, contact_role="")
    )
