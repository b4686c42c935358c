"""Benchmark settings: the production settings (DEBUG off, cached templates, whitenoise) on the
benchmark database, with the floor views mounted beside the project's URLs."""

import os
import warnings
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 50)
os.environ.setdefault("DEBUG", "false")
_BENCH_DATABASE = not os.environ.get("DATABASE_URL")
# Production settings need the services' URLs (issue 16): without them, the benchmark's SQLite (below),
# no Redis and in-memory email.
os.environ.setdefault("DATABASE_URL", "sqlite:///bench.sqlite3")
os.environ.setdefault("REDIS_URL", "memory://")
os.environ.setdefault("EMAIL_URL", "memorymail://")

from ev4scc.settings import *  # noqa: E402,F403

BENCH_DIR = Path(__file__).resolve().parent
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
if _BENCH_DATABASE:
    DATABASES["default"]["NAME"] = str(BENCH_DIR / f"bench-{os.environ.get('BENCH_SCALE', '10000')}.sqlite3")  # noqa: F405
# The email a digest composition would send stays in memory.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Static files are served from the finders here; whitenoise's note about a missing STATIC_ROOT is noise.
warnings.filterwarnings("ignore", message="No directory at")
