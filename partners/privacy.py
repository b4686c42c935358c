"""Everything the platform holds about a person, for the "download my data" right of access."""

from typing import Any

from .models import MembershipApplication, Person


def personal_data(person: Person) -> dict[str, Any]:
    """The person, their login, their event registrations, their organisation's working-group
    memberships and the applications they sent, read through reverse relations so that this app
    needs no import of the apps that build on it."""
    user = person.user
    return {
        "person": {
            "name": person.name,
            "email": person.email,
            "role": person.role_title,
            "representative": person.is_representative,
            "created_at": person.created_at,
        },
        "organisation": {"name": person.partner.name, "url": person.partner.get_absolute_url()},
        "login": user
        and {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "event_registrations": list(
            person.registrations.order_by("pk").values(
                "event__title", "event__starts_at", "status", "created_at"
            )
        ),
        "organisation_group_memberships": list(
            person.partner.group_memberships.order_by("pk").values(
                "group__name", "role", "status", "joined_on", "left_on"
            )
        ),
        "membership_applications": list(
            # Only the application that brought the person's own organisation in: an email address
            # can be edited by a representative, so it alone proves nothing.
            MembershipApplication.objects.filter(
                partner=person.partner_id, contact_email__iexact=person.email
            )
            .order_by("pk")
            .values(
                "organisation_name", "contact_name", "contact_email", "contact_role", "submitted_at", "status"
            )
        ),
    }
