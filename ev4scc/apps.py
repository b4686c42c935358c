from importlib import import_module

from django.conf import settings
from django.contrib.admin.apps import SimpleAdminConfig


class AdminConfig(SimpleAdminConfig):
    """The admin, discovering only the project's own `admin` modules.

    Django's default admin autodiscovery imports every installed app's `admin` module, and
    django-leaflet's `leaflet/admin.py` imports GeoDjango, which fails on a machine without the
    GDAL system library. The platform stores plain latitude/longitude, so it needs no GeoDjango:
    discovering only our apps keeps the admin working on a fresh machine (and changes nothing
    where GDAL is present).
    """

    def ready(self) -> None:
        super().ready()
        for app in ["django.contrib.auth", *settings.PROJECT_APPS]:
            try:
                import_module(f"{app}.admin")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.admin":
                    raise
