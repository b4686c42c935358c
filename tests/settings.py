"""Test settings: the project's settings with a test secret, a fast password hasher, in-memory
email and plain static files. DATABASE_URL and REDIS_URL still choose the services, so the same
suite runs on SQLite and on PostgreSQL with Redis."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret")
# The tests run with DEBUG off, where the services' URLs are required: unless the run chose them, SQLite,
# no Redis and in-memory email, given for the import only, so a test that asks whether REDIS_URL is set
# (a real worker) still sees the run's own environment.
_LOCAL = {"DATABASE_URL": "sqlite:///db.sqlite3", "REDIS_URL": "memory://", "EMAIL_URL": "memorymail://"}
_LOCAL = {name: value for name, value in _LOCAL.items() if name not in os.environ}
os.environ.update(_LOCAL)
try:
    from ev4scc.settings import *  # noqa: E402,F403
finally:
    for _name in _LOCAL:
        del os.environ[_name]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Tests serve static files from the finders. Without this, a staticfiles/ left by collectstatic (make load)
# is scanned by WhiteNoise for every test client, which made the suite three times slower.
STATIC_ROOT = None
SECURE_SSL_REDIRECT = False
# Tests log in with client.login(), which passes no request, and django-axes needs one; the lockout
# has its own test (tests/foundation/test_login_throttling.py) that puts the axes backend back.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = False
# CELERY_EAGER=false is for a real worker started by a test (tests/digests/test_worker.py).
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_EAGER", "true").lower() != "false"

# Under pytest-xdist each worker gets its own Redis database, so one worker's cache.clear() never
# empties another's cache in the middle of a test.
if REDIS_URL:  # noqa: F405
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    CACHES["default"]["LOCATION"] = REDIS_URL.rsplit("/", 1)[0] + f"/{1 + _worker}"  # noqa: F405
