from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and news")

    def ready(self) -> None:
        # What this app adds to shared pages, personal-data export and erasure, and digests.
        from . import contributions, digest_items, workspace  # noqa: F401
