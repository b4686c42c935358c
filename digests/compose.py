"""What goes into one person's digest for one period: what changed in what they follow.

The apps that own the data say what that is: each registers its parts in core.contributions
.DIGEST_ITEMS (partners the new partners, segments the working group changes, projects the project
status changes, solutions and needs, events the news and upcoming events). Composing asks every
registered part, in order, what it has for the subscription and the period, and keeps those that
are not empty; the email shows them in that order.

A part's `collect(subscription, period)` reads what it needs of the `Subscription` (its followed
`segments`, `groups` and `projects`, `countries`, `all_news`) and of the `Period` (`start` and
`end`, dates, inclusive), and runs one query: composing takes the same number of queries however
much changed.
"""

from dataclasses import dataclass
from typing import Any

from core.contributions import DIGEST_ITEMS
from partners.models import Person

from .models import Subscription
from .periods import Period


@dataclass(frozen=True)
class Part:
    """What one registered part has for this digest. Its templates get it as `part` (the collected
    value is `part.items`), with `site_url` for absolute links."""

    key: str
    items: Any
    template: str
    text_template: str
    counts_as_change: bool = True


@dataclass
class Digest:
    subscription: Subscription
    period: Period
    #: The parts that are not empty, by key, in the order they show.
    parts: dict[str, Part]

    @property
    def sections(self) -> list[Part]:
        """The parts in the order they show (what the email templates loop over)."""
        return list(self.parts.values())

    @property
    def person(self) -> Person:
        return self.subscription.person

    @property
    def has_changes(self) -> bool:
        """Whether anything changed. Some parts (upcoming events) only accompany changes: on their
        own they would make the same digest arrive every week."""
        return any(part.counts_as_change for part in self.parts.values())


def compose(subscription: Subscription, period: Period) -> Digest:
    """The digest of `subscription.person` for `period` (the subscription with its person loaded)."""
    parts = {}
    for item in DIGEST_ITEMS:
        collected = item.collect(subscription, period)
        if collected:
            parts[item.key] = Part(
                item.key, collected, item.template, item.text_template, item.counts_as_change
            )
    return Digest(subscription=subscription, period=period, parts=parts)
