from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpisConfig(AppConfig):
    name = "kpis"
    verbose_name = _("Targets and KPIs")

    def ready(self) -> None:
        from segments.signals import history_corrected

        from . import facts
        from .snapshots import invalidate

        def recompute(sender, from_date, **kwargs) -> None:
            invalidate(from_date)

        history_corrected.connect(recompute, dispatch_uid="kpis.snapshots.invalidate", weak=False)
        facts.connect()
