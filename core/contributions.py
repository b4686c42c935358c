"""The contribution registry: what each app adds to the places that several apps share.

A lower app owns a page or an operation (partners owns the profile page and erasure); the
apps above it add their parts here in their `AppConfig.ready()`. The owner iterates what is
registered and never names an app above it, in code, templates or strings. This is how the
dependency rule (docs/architecture.md) holds while a page still shows everything about a partner.

The slots:
- `ME_SECTIONS`: sections of /me/, given the request and the member's `Person`.
- `PROFILE_SECTIONS`: sections of a partner's profile page, given the request and the `Partner`. The
  profile is a cached fragment (partners/views.py): its sections must not depend on the reader, and
  say by `varies` what else than the partner, the data, the day and the language they depend on.
- `SEGMENT_SECTIONS`: sections of a segment page, given the request and the `Segment`.
- `PERSONAL_DATA`: what an app holds about a person, to export it (right of access) and erase it.
- `RETENTION`: how long an app keeps a kind of record (contact messages, login attempts, ...).
- `DIGEST_ITEMS`: what an app tells a subscriber about a period, for the digest email.
- `GROUP_SECTIONS`: sections of a working group's page, given the request and the `WorkingGroup`.
- `GROUP_ACTIVITY`: what happened in a working group, for its "Recent activity" list.
- `SEGMENT_FIGURES`: counts shown for each segment (segment list and page), as subqueries.
- `DIRECTORY_FILTERS`: filters (with their facet) of the partner directory, page and API alike.
- `APPLICATION_FIELDS`: fields of the membership application form, kept with the application and
  handed to the partner on approval.
- `PERSON_REMOVAL_GUARDS`: reasons an app has to refuse removing a partner's contact person.
- `WORKSPACE_CARDS`: what waits for the coordinators, with a count and a link, on /coordination/.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

T = TypeVar("T")


@dataclass(frozen=True)
class Section:
    """A part of a page: a template rendered with what `context(request, obj)` returns, or left out
    when it returns None. Sections render in `order`, then in the order they were registered."""

    key: str
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any] | None]
    order: int = 100
    #: On a page served from a cached fragment: what the section shows depends on besides its object,
    #: the data, the day and the language (the time of day, say), as a value for the fragment's key.
    varies: Callable[[], Any] | None = None


def sections_vary(slot: str) -> list[tuple[str, Any]]:
    """What the sections of `slot` depend on, for the key of a cached fragment that shows them: which
    sections there are, and each one's `varies`."""
    return [(section.key, section.varies() if section.varies else None) for section in SLOTS[slot]]


@dataclass(frozen=True)
class PersonalData:
    """What one app holds about a person. `export(person)` returns it as JSON-ready data under `key`;
    `erase(person)` removes or anonymises it and runs inside the erasure's transaction."""

    key: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None
    order: int = 100


@dataclass(frozen=True)
class Retention:
    """How long one kind of record is kept: `apply(cutoff)` deletes or anonymises those older than
    the cutoff and returns how many; the period is RETENTION_DAYS[key] (settings). Run daily by
    core.tasks.apply_retention. `notice` says it in the privacy notice: a lazy ngettext on `days`."""

    key: str
    apply: Callable[[Any], int]
    notice: Any
    order: int = 100


@dataclass(frozen=True)
class DigestItems:
    """One part of a digest: `collect(subscription, period)` returns what changed in it during the
    period (an empty value leaves the part out); `template` renders it in the HTML email and
    `text_template` in the plain-text one. A part that is not `counts_as_change` (upcoming events)
    only accompanies the others: a digest with nothing else in it is not sent."""

    key: str
    collect: Callable[[Any, Any], Any]
    template: str
    text_template: str
    order: int = 100
    counts_as_change: bool = True


@dataclass(frozen=True)
class Happening:
    """One line of a working group's recent activity: on a day, what happened, and a detail."""

    on: date
    text: str
    detail: str = ""


@dataclass(frozen=True)
class ActivitySource:
    """`collect(group)` returns what an app saw happen in the group, as `Happening`s; it runs one
    query whatever the group's size."""

    key: str
    collect: Callable[[Any], Iterable[Happening]]
    order: int = 100


@dataclass(frozen=True)
class Figure:
    """A count per segment: `count()` returns an expression (a subquery on `OuterRef("pk")`, the
    segment) that the segment queryset annotates as `key`, so every figure costs no extra query."""

    key: str
    label: str
    count: Callable[[], Any]
    order: int = 100


@dataclass(frozen=True)
class DirectoryFilter:
    """A filter of the partner directory from an app above partners: `make_filter()` returns the
    django-filter Filter (its label titles the facet), `facet` counts its values, and `prepare`
    adds what the facet's path needs to the partners' queryset (an alias, no join until used)."""

    key: str
    make_filter: Callable[[], Any]
    facet: Any  # core.facets.FacetSpec
    prepare: Callable[[Any], Any] = lambda queryset: queryset
    order: int = 100


@dataclass(frozen=True)
class ApplicationField:
    """A field of the membership application form. `make_field()` returns the form field; `save`
    keeps the cleaned value with the submitted application, `display` shows it to the reviewer,
    and `approve` hands it to the new partner, inside the approval's transaction."""

    key: str
    label: str
    make_field: Callable[[], Any]
    save: Callable[[Any, Any], None]
    display: Callable[[Any], str]
    approve: Callable[[Any, Any], None]
    order: int = 100


@dataclass(frozen=True)
class Guard:
    """`refuse(person)` returns why the person may not be removed from their partner (a message for
    the user), or None; the removal is then refused with that message as a conflict."""

    key: str
    refuse: Callable[[Any], str | None]
    order: int = 100


@dataclass(frozen=True)
class WorkLine:
    """One line of a workspace card: what (a group, a partner) and where to act on it."""

    label: str
    url: str
    count: int | None = None


@dataclass(frozen=True)
class Work:
    """What a workspace card shows: how many things wait, where to see them all, and a few of them."""

    count: int
    url: str
    lines: tuple[WorkLine, ...] = ()


@dataclass(frozen=True)
class WorkspaceCard:
    """A card of the coordination workspace: `collect(request)` returns the `Work` waiting, or None
    to leave the card out (nothing of the kind exists here). It runs a query or two, whatever the size
    of the network."""

    key: str
    title: str
    collect: Callable[[HttpRequest], Work | None]
    description: str = ""
    order: int = 100


class Slot(Generic[T]):
    """An ordered set of contributions under unique keys. Two apps cannot take one key: registering
    a taken key is an error, so one contribution never silently replaces another (a test that swaps
    one unregisters it first)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        key = item.key  # type: ignore[attr-defined]
        if key in self._items:
            raise ImproperlyConfigured(f"{self.name}: {key!r} is registered already.")
        self._items[key] = item
        return item

    def unregister(self, key: str) -> None:
        self._items.pop(key, None)

    def __iter__(self) -> Iterator[T]:
        # sorted() is stable: equal orders keep the order of registration.
        return iter(sorted(self._items.values(), key=lambda item: item.order))  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<Slot {self.name}: {', '.join(self._items)}>"


ME_SECTIONS: Slot[Section] = Slot("/me/ sections")
PROFILE_SECTIONS: Slot[Section] = Slot("partner profile sections")
SEGMENT_SECTIONS: Slot[Section] = Slot("segment page sections")
PERSONAL_DATA: Slot[PersonalData] = Slot("personal data")
DIGEST_ITEMS: Slot[DigestItems] = Slot("digest items")
GROUP_SECTIONS: Slot[Section] = Slot("working group page sections")
GROUP_ACTIVITY: Slot[ActivitySource] = Slot("working group activity")
SEGMENT_FIGURES: Slot[Figure] = Slot("segment figures")
DIRECTORY_FILTERS: Slot[DirectoryFilter] = Slot("partner directory filters")
APPLICATION_FIELDS: Slot[ApplicationField] = Slot("membership application fields")
PERSON_REMOVAL_GUARDS: Slot[Guard] = Slot("person removal guards")
RETENTION: Slot[Retention] = Slot("retention")
WORKSPACE_CARDS: Slot[WorkspaceCard] = Slot("coordination workspace cards")

#: The page slots, by the name `{% sections %}` takes.
SLOTS: dict[str, Slot[Section]] = {
    "me": ME_SECTIONS,
    "profile": PROFILE_SECTIONS,
    "segment": SEGMENT_SECTIONS,
    "group": GROUP_SECTIONS,
}


def export_personal_data(person: Any) -> dict[str, Any]:
    """Everything the platform holds about a person, one key per registered contribution."""
    return {item.key: item.export(person) for item in PERSONAL_DATA}


def erase_personal_data(person: Any) -> None:
    """Every app erases what it holds about the person; the caller runs this in one transaction."""
    for item in PERSONAL_DATA:
        if item.erase is not None:
            item.erase(person)


def apply_retention(now: Any) -> dict[str, int]:
    """Every registered retention rule, with its period from RETENTION_DAYS; what each removed."""
    return {
        item.key: item.apply(now - timedelta(days=settings.RETENTION_DAYS[item.key])) for item in RETENTION
    }


def retention_notices() -> list[str]:
    """Each retention rule as the privacy notice states it, with its period."""
    return [item.notice % {"days": settings.RETENTION_DAYS[item.key]} for item in RETENTION]


def removal_refused(person: Any) -> str | None:
    """The first reason an app gives to keep the person, or None when they may be removed."""
    for guard in PERSON_REMOVAL_GUARDS:
        reason = guard.refuse(person)
        if reason:
            return reason
    return None
