import pytest

from tests.cast import Cast, build_cast


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so a cached page never leaks between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(db) -> Cast:
    """The one cast of the suite (tests/cast.py): who is who, and what they belong to."""
    return build_cast()
