"""What digests adds to the pages that lower apps own (see core.contributions): the digest
settings on /me/."""

from core.contributions import ME_SECTIONS, Section

ME_SECTIONS.register(Section("digests", "digests/me_section.html", lambda request, person: {}, order=50))
