import pytest

from tests.cast import Cast, build_cast


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so a cached page never leaks between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in French leaves French active in the
    thread (LocaleMiddleware activates, nothing deactivates), and the next test to render would be in
    French."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def cast(db) -> Cast:
    """The one cast of the suite (tests/cast.py): who is who, and what they belong to."""
    return build_cast()
