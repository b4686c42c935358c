"""Settings, read from the environment (12-factor) with django-environ.

With nothing set, the platform runs for development: SQLite in the project, Celery tasks eager,
local-memory cache, email on the console. Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL, REDIS_URL and EMAIL_URL; it refuses to start without a SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.cache import redis_cache
from core.europe import EUROPE

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (production).")
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The address in links that background work (digests, tasks) puts in emails; during a request the
# links follow the address the client reached (core/sites.py). `make run` sets it from PORT.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

PROJECT_APPS = ["core", "audit", "partners", "segments", "projects", "events", "kpis", "digests", "demo"]

INSTALLED_APPS = [
    # Multilingual content (partners' descriptions, solutions' and needs' summaries): first, before the admin.
    "modeltranslation",
    "ev4scc.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "leaflet",
    "corsheaders",
    "axes",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.conditional.CompressInterfacesMiddleware",
    "csp.middleware.CSPMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Faults (issue 16): what PostgreSQL cannot store (NUL) is a 404/400 here, before any query.
    "core.unstorable.UnstorableInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Absolute links in emails on the address the client reached (core/sites.py).
    "core.sites.SiteURLMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "partners.languages.MemberLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.refusals.RefusalMiddleware",
]

ROOT_URLCONF = "ev4scc.urls"
WSGI_APPLICATION = "ev4scc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Faults (issue 16): the services' URLs, checked at start --------------------------------------------
# In production (DEBUG off) DATABASE_URL, REDIS_URL and EMAIL_URL must be set and valid: a process that
# would answer 500 everywhere, or silently run with a per-process cache and eager tasks, refuses to start
# with one line naming the variable. Development falls back to SQLite, a local cache and console email.
_DB_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis", "sqlite"}


def _service_url(name: str, schemes: set[str], example: str, development_default: str) -> str:
    value = env.str(name, default="")
    if not value and DEBUG:
        return development_default
    scheme, separator, rest = value.partition("://")
    if not value:
        problem = "is not set"
    elif not separator or scheme not in schemes:
        problem = "is not a valid URL"
    elif scheme not in {"memory", "consolemail", "memorymail", "dummymail"} and not rest.strip("/"):
        problem = "names no server or database"
    else:
        return value
    raise ImproperlyConfigured(f"{name} {problem}; production needs it, e.g. {example}")


DATABASE_URL = _service_url(
    "DATABASE_URL",
    _DB_SCHEMES,
    "postgres://user:password@db:5432/ev4scc",
    f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
)
# memory:// says explicitly "no Redis": a per-process cache and eager tasks (tests, a one-process trial).
REDIS_URL = _service_url("REDIS_URL", {"redis", "rediss", "unix", "memory"}, "redis://redis:6379/0", "")
REDIS_URL = "" if REDIS_URL == "memory://" else REDIS_URL
EMAIL_URL = _service_url(
    "EMAIL_URL",
    {"smtp", "smtps", "smtp+tls", "smtp+ssl", "consolemail", "filemail", "memorymail", "dummymail"},
    "smtp+tls://user:password@mail.example.org:587",
    "consolemail://",
)
# --- end of the faults block ---------------------------------------------------------------------------

DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Faults (issue 16): the cache is an accelerator, never a dependency: with Redis down it is a miss, and a
# circuit breaker stops each request from waiting for it (core/cache.py).
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

#: Writes in these apps change nothing a cached list shows (core.versions): sessions, lockouts, the
#: audit trail, the outbox (core.OutgoingMail), content types and the admin's log.
DATA_VERSION_IGNORED_APPS = {"sessions", "axes", "audit", "contenttypes", "admin", "core"}

# Celery: Redis as broker when REDIS_URL is set; otherwise tasks run eagerly in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Brussels"
# The digests (digests.tasks): each run sends the period that ended the day before, once per person.
CELERY_BEAT_SCHEDULE = {
    f"digests-{frequency}": {
        "task": "digests.tasks.send_digests_for_period",
        "schedule": schedule,
        "args": (frequency,),
    }
    for frequency, schedule in [
        ("daily", crontab(hour=6, minute=0)),
        ("weekly", crontab(hour=6, minute=30, day_of_week="mon")),
        ("monthly", crontab(hour=7, minute=0, day_of_month="1")),
    ]
}
# The KPIs' daily snapshots (kpis.tasks): each night stores the day that just ended.
CELERY_BEAT_SCHEDULE["kpis-snapshots"] = {
    "task": "kpis.tasks.snapshot_metrics",
    "schedule": crontab(hour=0, minute=15),
}
# Today's provisional KPI snapshots, kept current (trusted for kpis.snapshots.PROVISIONAL_SECONDS).
CELERY_BEAT_SCHEDULE["kpis-today"] = {"task": "kpis.tasks.refresh_today", "schedule": 240}

vars().update(env.email_url_config(EMAIL_URL))
# Faults (issue 16): the outbox (core.mail). A mail server that does not answer gives up after this many
# seconds (the task retries later), and the sweep sends what a lost task left pending.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
CELERY_BEAT_SCHEDULE["outbox-sweep"] = {"task": "core.tasks.send_pending_mail", "schedule": 300}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="EV4SCC <noreply@ev4scc.eu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
COORDINATORS_EMAIL = env.list("COORDINATORS_EMAIL", default=["coordination@ev4scc.eu"])

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- Privacy and account security (issue 17; docs/domain/privacy.md, docs/operations/security.md) ---
# The client's address (core.ratelimit.client_address): the number of trusted proxies in front of
# the platform. 0 (the default): X-Forwarded-For is ignored, REMOTE_ADDR is the client.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
# Login throttling (django-axes): after 5 failures for a username from one address, that pair is
# locked out for 15 minutes; someone elsewhere cannot lock the user out. Failures from one address
# across usernames are limited too (LOGIN_FAILURES_PER_ADDRESS an hour, partners.security).
AUTHENTICATION_BACKENDS = [
    "core.logins.AddressLimitBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=30)
# Password reset: requests per address and per account an hour (partners.security).
PASSWORD_RESETS_PER_ADDRESS = env.int("PASSWORD_RESETS_PER_ADDRESS", default=10)
PASSWORD_RESETS_PER_ACCOUNT = env.int("PASSWORD_RESETS_PER_ACCOUNT", default=3)
# API tokens (django-rest-knox, hashed at rest; partners.ApiToken adds a name and the last use).
KNOX_TOKEN_MODEL = "partners.ApiToken"  # noqa: S105 (a model name)
# knox's own migrations create its AuthToken table even when the model is swapped for ours; that table
# references auth_user and would block every flush and truncate of users. Not migrated, it is never made.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=90)),
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_LIMIT_PER_USER": 5,
}
# Retention (core.retention, run daily by beat): days after which each kind of record is deleted
# or anonymised. The privacy notice states them.
RETENTION_DAYS = {
    "contact_messages": env.int("RETAIN_CONTACT_MESSAGES_DAYS", default=365),
    "login_attempts": env.int("RETAIN_LOGIN_ATTEMPTS_DAYS", default=90),
    "rejected_applications": env.int("RETAIN_REJECTED_APPLICATIONS_DAYS", default=180),
    "digest_deliveries": env.int("RETAIN_DIGEST_DELIVERIES_DAYS", default=90),
    "sent_emails": env.int("RETAIN_SENT_EMAILS_DAYS", default=7),
    "failed_emails": env.int("RETAIN_FAILED_EMAILS_DAYS", default=30),
}
CELERY_BEAT_SCHEDULE["retention"] = {
    "task": "core.tasks.apply_retention",
    "schedule": crontab(hour=3, minute=30),
}
# --- end of privacy and account security ---

# Forms (docs/forms.md): a web address typed without a scheme is stored as https:// (Django 6's
# default, opted into early); Europe's countries head every country list (django-countries).
FORMS_URLFIELD_ASSUME_HTTPS = True
COUNTRIES_FIRST = EUROPE
COUNTRIES_FIRST_SORT = True

LOGIN_URL = "login"
# Without a `next`, a login lands on the member's own page, where their work starts.
LOGIN_REDIRECT_URL = "/me/"
LOGOUT_REDIRECT_URL = "/"

# The interface speaks the network's five working languages (docs/i18n.md). The language comes from the
# language cookie (the switcher, or the member's account at login), else Accept-Language, else English;
# URLs carry no language prefix. English is the source language: it has no catalogue.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
# Content partners write (django-modeltranslation): one column per language beside the original field,
# read in the reader's language, falling back to English, then to whichever language was given.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "de", "es", "it")
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security. Production sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # the proxy and container health checks speak plain http
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): no inline script or style anywhere, nothing from a CDN.
MAP_TILES_URL = env.str("MAP_TILES_URL", default="")  # optional tile layer; the map works without one
_tiles_origin = "/".join(MAP_TILES_URL.split("/")[:3]) if MAP_TILES_URL else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_tiles_origin] if _tiles_origin else [])],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# CSP_REPORT_ONLY=true reports violations instead of blocking them: for rolling out a policy change,
# or for tools that inject scripts into the page (accessibility scanners).
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY, CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY, None

LEAFLET_CONFIG = {
    "TILES": [(_("Map"), MAP_TILES_URL, {"attribution": env.str("MAP_TILES_ATTRIBUTION", default="")})]
    if MAP_TILES_URL
    else [],
    "DEFAULT_CENTER": (50.5, 10.0),
    "DEFAULT_ZOOM": 4,
    "RESET_VIEW": False,
}

# CORS: third parties may read the API from a browser; writes need a token and no cookie.
# The machine-readable public answers too: the map's GeoJSON, the feeds and the calendars.
CORS_URLS_REGEX = r"^/(api/.*|map/.*\.geojson|news/feed/.*|events/.*\.ics)$"
#: Headers a browser script may read: the validators, paging, waiting, file names.
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Link", "Retry-After", "Content-Disposition"]
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "core.api.ApiSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["core.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # Per client (address or login), in the cache; 429 with Retry-After past the rate.
    "DEFAULT_THROTTLE_CLASSES": [
        "core.throttling.AddressRateThrottle",
        "core.throttling.AuthenticatedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
    },
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.api_tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "EV4SCC API",
    "DESCRIPTION": "The EV4SCC network's public data: partners, segments, groups, projects, events, targets.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The site that serves the schema (a relative URL): clients generated from it work on any host.
    "SERVERS": [{"url": "/", "description": "This EV4SCC site"}],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
