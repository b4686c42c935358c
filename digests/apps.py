from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = _("Digests")

    def ready(self) -> None:
        # What this app adds to shared pages, personal-data export and erasure, and digests.
        from . import contributions  # noqa: F401
