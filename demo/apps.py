from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data: the network as it stood at launch, a generated history, and benchmark scale."""

    name = "demo"
    verbose_name = _("Demo data")
