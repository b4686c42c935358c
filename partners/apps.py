from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        # What this app adds to shared pages, personal-data export and erasure, and digests.
        from . import contributions, digest_items, languages, workspace  # noqa: F401
