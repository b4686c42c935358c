"""The backup procedure in the README (pg_dump, then pg_restore into a fresh database) restores
every row."""

import shutil
import subprocess
import uuid

import pytest
from django.db import connection

from tests.factories import GroupMembershipFactory, ParticipationFactory, RegistrationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TABLES = [
    "partners_partner",
    "partners_person",
    "segments_groupmembership",
    "projects_participation",
    "events_registration",
]


def libpq_args(name: str) -> list[str]:
    settings = connection.settings_dict
    return [
        "-h",
        settings["HOST"] or "127.0.0.1",
        "-p",
        str(settings["PORT"] or 5432),
        "-U",
        settings["USER"] or "postgres",
        "-d",
        name,
    ]


def counts(name: str) -> dict[str, int]:
    query = " UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM {table}" for table in TABLES)
    out = subprocess.run(
        ["psql", *libpq_args(name), "-At", "-F", "=", "-c", query], check=True, capture_output=True, text=True
    ).stdout
    return {table: int(count) for table, count in (line.split("=") for line in out.splitlines())}


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("needs PostgreSQL and its client tools")


def test_pg_dump_restores_into_a_fresh_database(postgres, tmp_path):
    for _ in range(3):
        GroupMembershipFactory()
        ParticipationFactory()
        RegistrationFactory()
    source = connection.settings_dict["NAME"]
    dump = tmp_path / "ev4scc.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "-f", str(dump), *libpq_args(source)], check=True
    )

    restored = f"restore_{uuid.uuid4().hex[:8]}"
    admin = libpq_args("postgres")
    subprocess.run(["createdb", *admin[:-2], restored], check=True)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", *libpq_args(restored), str(dump)], check=True
        )
        assert counts(restored) == counts(source)
        assert counts(restored)["partners_partner"] >= 9
    finally:
        subprocess.run(["dropdb", *admin[:-2], restored], check=True)
