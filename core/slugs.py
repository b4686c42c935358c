"""Rows with a unique slug made from a title, created safely under concurrency.

Looking for a free slug and then inserting is a race: two requests with one title both find `title`
free, and the second insert violates the unique constraint (a 500 before, issue 16). Here each insert
runs in a savepoint; when it loses the race on the slug, the next suffix is tried, so N parallel
creations give N rows (`title`, `title-2`, ...). Only when every attempt is lost is the creation
refused, with a conflict, never an error page.
"""

from collections.abc import Iterator
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .errors import Reason, ServiceError

M = TypeVar("M", bound=models.Model)

#: Inserts tried before giving up (each one lost to a concurrent creation of the same slug).
ATTEMPTS = 25


def _candidates(base: str, reserved: frozenset[str]) -> Iterator[str]:
    number = 1
    while True:
        slug = base if number == 1 else f"{base}-{number}"
        if slug not in reserved:
            yield slug
        number += 1


def create_with_unique_slug(
    model: type[M],
    source: str,
    /,
    *,
    fallback: str,
    reserved: frozenset[str] = frozenset(),
    **fields: Any,
) -> M:
    """`model.objects.create(slug=..., **fields)` with the first free slug made from `source` (a title,
    a name; `fallback` when it gives none), never one of `reserved` (a page's own path, such as "new")."""
    base = slugify(source)[:200] or fallback
    lost = 0
    for slug in _candidates(base, reserved):
        if model._default_manager.filter(slug=slug).exists():
            continue
        try:
            with transaction.atomic():  # a savepoint: a lost race leaves the caller's transaction usable
                return model._default_manager.create(slug=slug, **fields)
        except IntegrityError:
            if not model._default_manager.filter(slug=slug).exists():
                raise  # another constraint: not ours to retry
            lost += 1
            if lost >= ATTEMPTS:
                break
    raise ServiceError(
        _("Too many items with this title were created at the same moment. Please try again."),
        reason=Reason.CONFLICT,
        field="title",
    )
