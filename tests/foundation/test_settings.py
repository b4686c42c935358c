import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Valid URLs for the services production requires (nothing connects to them during `check`).
SERVICES = {
    "DATABASE_URL": "postgres://ev4scc@db.invalid:5432/ev4scc",
    "REDIS_URL": "redis://redis.invalid:6379/0",
    "EMAIL_URL": "smtp://mail.invalid:25",
}


def run_check(command: str = "check", **env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            *SERVICES,
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
        if command == "check"
        else [sys.executable, "-c", "import ev4scc.settings"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "ev4scc.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(DEBUG="false", **SERVICES)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_check(
        DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="ev4scc.example", **SERVICES
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", None),
        ("DATABASE_URL", "notaurl"),
        ("DATABASE_URL", "postgres://"),
        ("REDIS_URL", None),
        ("REDIS_URL", "localhost:6379"),
        ("EMAIL_URL", None),
        ("EMAIL_URL", "ftp://mail.example.org"),
    ],
)
def test_production_refuses_to_start_with_a_missing_or_invalid_service_url(name, value):
    """The settings, as every process (gunicorn, celery, manage.py) loads them at start."""
    services = {**SERVICES, name: value} if value else {k: v for k, v in SERVICES.items() if k != name}
    result = run_check(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), **services, command="settings")
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(f"django.core.exceptions.ImproperlyConfigured: {name} ")
    assert "production needs it" in last_line


def test_development_runs_without_any_service_url():
    result = run_check(DEBUG="true", command="settings")
    assert result.returncode == 0, result.stderr


def test_memory_is_the_explicit_choice_of_no_redis():
    services = {**SERVICES, "REDIS_URL": "memory://"}
    result = run_check(
        DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="x.example", **services
    )
    assert result.returncode == 0, result.stderr
