"""Digest subscriptions for the demo logins, with the defaults every member starts from (weekly,
following the organisation's segments, groups and country). Loading twice changes nothing."""

from digests.services import ensure_subscriptions


def load() -> int:
    return ensure_subscriptions()
