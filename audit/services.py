import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast

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


# --- Personal data in the trail -------------------------------------------------------------------

#: What an erased name, email or value becomes in the trail.
ERASED = "[erased]"


def _pattern(texts: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({text.strip() for text in texts if text and text.strip()}, key=len, reverse=True)
    if not words:
        return None
    # Whole words only: erasing "Ada" leaves "Adams" alone.
    return re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in words), re.IGNORECASE)


def _scrubbed(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, dict):
        return {_scrubbed(key, pattern): _scrubbed(item, pattern) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrubbed(item, pattern) for item in value]
    return value


def _mentioning(texts: Iterable[str]) -> Q:
    """Entries whose object, before or after values contain one of the texts. JSON is compared as
    its text: PostgreSQL's jsonb shows "Zoë" as it is, SQLite's stored JSON as "Zo\\u00eb"."""
    query = Q(pk__in=[])
    for text in texts:
        escaped = json.dumps(text)[1:-1]
        for form in {text, escaped}:
            query |= (
                Q(object_repr__icontains=form)
                | Q(before_text__icontains=form)
                | Q(after_text__icontains=form)
            )
    return query


def entries_about(objects: Iterable[models.Model]) -> models.QuerySet[AuditEntry]:
    """The entries whose target is one of the objects."""
    query = Q(pk__in=[])
    for obj in objects:
        query |= Q(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
    return AuditEntry.objects.filter(query)


def scrub_personal_data(*, texts: Iterable[str], objects: Iterable[models.Model] = ()) -> int:
    """Erase a person from the trail and keep the entries: every occurrence of `texts` (their name,
    email) in an entry's object, before and after values becomes ERASED, and so does the object's
    name of the entries about `objects` (their login, their person). Who acted stays a link to the
    (then anonymised) login; what was done, when, stays. Returns the number of entries changed."""
    texts = [text for text in texts if text and text.strip()]
    pattern = _pattern(texts)
    about = set(entries_about(objects).values_list("pk", flat=True))
    candidates = AuditEntry.objects.annotate(
        before_text=Cast("before", models.TextField()), after_text=Cast("after", models.TextField())
    ).filter(Q(pk__in=about) | (_mentioning(texts) if texts else Q(pk__in=[])))
    changed = 0
    for entry in candidates:
        object_repr = ERASED if entry.pk in about else entry.object_repr
        before, after = entry.before, entry.after
        if pattern is not None:
            object_repr = _scrubbed(object_repr, pattern)
            before, after = _scrubbed(before, pattern), _scrubbed(after, pattern)
        if (object_repr, before, after) != (entry.object_repr, entry.before, entry.after):
            AuditEntry.objects.filter(pk=entry.pk).update(object_repr=object_repr, before=before, after=after)
            changed += 1
    return changed


def export_entries(
    *, actor: AbstractBaseUser | None, objects: Iterable[models.Model]
) -> list[dict[str, Any]]:
    """The entries about the person (their login, their person) or made by them, for the right of access."""
    query = entries_about(objects).values("pk")
    entries = AuditEntry.objects.filter(Q(pk__in=query) | Q(actor=actor) if actor else Q(pk__in=query))
    return list(entries.order_by("at", "pk").values("at", "action", "object_repr", "before", "after"))


def acted_on(*, actor: Any, actions: Iterable[str], model: type[models.Model]) -> list[str]:
    """The ids of the `model` objects the actor did one of the `actions` to, per the trail."""
    return list(
        AuditEntry.objects.filter(
            actor=actor, action__in=list(actions), content_type=ContentType.objects.get_for_model(model)
        ).values_list("object_id", flat=True)
    )
