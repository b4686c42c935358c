"""What partners holds about a person, for the "download my data" right of access: its parts of
core.contributions.PERSONAL_DATA (registered in partners/contributions.py). The apps above partners
add theirs; core.contributions.export_personal_data gathers them all."""

from typing import Any

from .models import MembershipApplication, Person


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


def membership_applications(person: Person) -> list[dict[str, Any]]:
    # Only the application that brought the person's own organisation in: an email address can be
    # edited by a representative, so it alone proves nothing.
    return list(
        MembershipApplication.objects.filter(partner=person.partner_id, contact_email__iexact=person.email)
        .order_by("pk")
        .values(
            "organisation_name", "contact_name", "contact_email", "contact_role", "submitted_at", "status"
        )
    )
