from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry

#: Through what the current state changes are made ("admin"), when it is not the pages or the API.
_channel: ContextVar[str | None] = ContextVar("audit_channel", default=None)


@contextmanager
def acting_through(channel: str) -> Iterator[None]:
    """Mark the entries recorded inside this block with `"via": channel` in their `after` values, so
    the trail tells an admin action from the same action taken on a page."""
    token = _channel.set(channel)
    try:
        yield
    finally:
        _channel.reset(token)


def record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record a state change; call it inside the service's transaction so both land or neither."""
    if (channel := _channel.get()) is not None:
        after = {**(after or {}), "via": channel}
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        object_repr=str(target)[:200],
        before=before or {},
        after=after or {},
    )
