"""What partners puts in the shared places it owns (see core.contributions), beside what the apps
above it add: its own section of /me/ (first), and in the personal-data export and erasure the
person, organisation, login, login history, API tokens, applications and the audit trail (last, so
it also finds what the other apps' erasers left). The orders leave room for the other apps' parts."""

from django.utils.translation import ngettext_lazy

from core.contributions import ME_SECTIONS, PERSONAL_DATA, RETENTION, PersonalData, Retention, Section

from . import privacy

ME_SECTIONS.register(Section("partners", "partners/me_section.html", lambda request, person: {}, order=10))

PERSONAL_DATA.register(PersonalData("person", privacy.person_details, order=10))
PERSONAL_DATA.register(PersonalData("organisation", privacy.organisation, order=20))
PERSONAL_DATA.register(PersonalData("login", privacy.login, order=30))
PERSONAL_DATA.register(
    PersonalData("login_history", privacy.login_history, privacy.erase_login_history, order=31)
)
PERSONAL_DATA.register(PersonalData("api_tokens", privacy.api_tokens, privacy.erase_api_tokens, order=32))
PERSONAL_DATA.register(
    PersonalData(
        "membership_applications", privacy.membership_applications, privacy.erase_applications, order=60
    )
)
PERSONAL_DATA.register(
    PersonalData("audit_entries", privacy.audit_entries, privacy.erase_from_audit, order=900)
)

RETENTION.register(
    Retention(
        "login_attempts",
        privacy.expire_login_attempts,
        ngettext_lazy(
            "Log-in attempts and log-ins: deleted after %(days)d day.",
            "Log-in attempts and log-ins: deleted after %(days)d days.",
            "days",
        ),
    )
)
RETENTION.register(
    Retention(
        "rejected_applications",
        privacy.expire_rejected_applications,
        ngettext_lazy(
            "Rejected applications: the contact person is erased %(days)d day after the decision.",
            "Rejected applications: the contact person is erased %(days)d days after the decision.",
            "days",
        ),
    )
)
