from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class CoreConfig(AppConfig):
    """The bottom of the platform: shared plumbing and the contribution registry. It imports no app
    of the project; the apps register what they add to shared places (see `core.contributions`)."""

    name = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from . import outbox  # noqa: F401 (registers the outbox's contributions)
        from .logins import count_failure
        from .versions import bump_data_version

        user_login_failed.connect(count_failure, dispatch_uid="core-login-failures")

        # Every domain write bumps the data version of cached reads.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(bump_data_version, dispatch_uid=f"core-data-version-{id(signal)}")
