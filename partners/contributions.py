"""What partners puts in the shared places it owns (see core.contributions), beside what the apps
above it add: its own section of /me/ (first), and the person, organisation, login and applications
in the personal-data export. The orders leave room for the other apps' parts between them, in the
order the export has always had."""

from core.contributions import ME_SECTIONS, PERSONAL_DATA, PersonalData, Section

from . import privacy

ME_SECTIONS.register(Section("partners", "partners/me_section.html", lambda request, person: {}, order=10))

PERSONAL_DATA.register(PersonalData("person", privacy.person_details, order=10))
PERSONAL_DATA.register(PersonalData("organisation", privacy.organisation, order=20))
PERSONAL_DATA.register(PersonalData("login", privacy.login, order=30))
PERSONAL_DATA.register(PersonalData("membership_applications", privacy.membership_applications, order=60))
