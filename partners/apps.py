from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from .geo import forget_map
        from .models import Partner

        post_save.connect(forget_map, sender=Partner, dispatch_uid="partners-forget-map-on-save")
        post_delete.connect(forget_map, sender=Partner, dispatch_uid="partners-forget-map-on-delete")
