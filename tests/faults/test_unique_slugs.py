"""Parallel creations with one title give one row each, with suffixed slugs, never a 500 (issue 16).

On SQLite the race is made deterministic: another creation of the same slug is committed between the
check for a free slug and the insert. On PostgreSQL (marker postgres) real threads race."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from partners.models import MembershipApplication, Partner
from partners.services import approve_application
from projects.models import Need, Project, Solution
from projects.services import propose_project, publish_need, publish_solution
from tests.factories import PartnerFactory, ProjectFactory, SegmentFactory, UserFactory
from tests.partners.test_join import application

PARALLEL = 10


@pytest.fixture
def overtaken(monkeypatch):
    """`overtaken(model, slug)`: a row of `model` with `slug` was committed by a concurrent request just
    after this one checked that the slug was free: the first check for it answers "free"."""
    from django.db.models import QuerySet

    real_exists = QuerySet.exists
    fooled: list[str] = []

    def overtake(model, slug: str) -> list[str]:
        def exists(queryset) -> bool:
            if (
                not fooled
                and queryset.model is model
                and (f'slug" = {slug}' in str(queryset.query) or f"slug\" = '{slug}'" in str(queryset.query))
            ):
                fooled.append(slug)
                return False
            return real_exists(queryset)

        monkeypatch.setattr(QuerySet, "exists", exists)
        return fooled

    return overtake


@pytest.mark.django_db
def test_a_proposal_that_loses_the_race_for_its_slug_takes_the_next_one(cast, overtaken):
    ProjectFactory(slug="smart-charging")
    fooled = overtaken(Project, "smart-charging")
    response = cast.client("rep_b").post("/projects/new/", {"title": "Smart charging", "summary": "Plan it."})
    assert fooled == ["smart-charging"]
    project = Project.objects.get(title="Smart charging")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.slug == "smart-charging-2"
    assert project.participations.count() == 1  # the savepoint left the rest of the proposal whole


@pytest.mark.django_db
def test_an_approval_that_loses_the_race_for_the_partner_slug_takes_the_next_one(cast, client, overtaken):
    client.post("/join/", application())
    pending = MembershipApplication.objects.get()
    PartnerFactory(slug="nordic-e-buses-ab")
    fooled = overtaken(Partner, "nordic-e-buses-ab")
    response = cast.client("coordinator").post(f"/coordination/applications/{pending.pk}/approve/")
    assert fooled == ["nordic-e-buses-ab"]
    assert response.status_code == 302
    assert Partner.objects.get(name="Nordic E-Buses AB").slug == "nordic-e-buses-ab-2"


@pytest.mark.django_db
def test_another_integrity_error_is_not_mistaken_for_a_slug_race(cast, monkeypatch):
    """Only a lost slug is retried: any other violation still reaches the caller."""
    from django.db import IntegrityError

    def fail(*args, **kwargs):
        raise IntegrityError("another constraint")

    monkeypatch.setattr(Project.objects, "create", fail)
    monkeypatch.setattr(type(Project._default_manager), "create", fail)
    with pytest.raises(IntegrityError):
        propose_project(title="Whatever", segment=None, call=None, summary="x", by=cast.rep_b)


@pytest.mark.django_db
def test_when_every_attempt_is_lost_the_creation_is_refused_with_a_conflict(cast, monkeypatch):
    from django.db.models import QuerySet

    from core import slugs

    monkeypatch.setattr(slugs, "ATTEMPTS", 3)
    for slug in ("busy", "busy-2", "busy-3"):
        ProjectFactory(slug=slug)
    # Each slug is taken between this request's check and its insert: the check says free, the
    # check after the failed insert says taken.
    real_exists, checks = QuerySet.exists, []

    def exists(queryset) -> bool:
        if queryset.model is Project and "slug" in str(queryset.query):
            checks.append(1)
            return len(checks) % 2 == 0
        return real_exists(queryset)

    monkeypatch.setattr(QuerySet, "exists", exists)
    response = cast.client("rep_b").post("/projects/new/", {"title": "Busy", "summary": "x"})
    assert response.status_code == 409
    assert not Project.objects.filter(title="Busy").exists()


def race(count: int, create) -> list[Exception]:
    start = threading.Barrier(count)
    errors: list[Exception] = []

    def attempt(index: int) -> None:
        try:
            start.wait()
            create(index)
        except Exception as error:  # noqa: BLE001 (collected and asserted by the caller)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_creations_with_one_title_give_one_row_each(cast):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises every write")
    segment = SegmentFactory()
    title = "Electric buses for everyone"

    errors = race(
        PARALLEL, lambda i: propose_project(title=title, segment=None, call=None, summary="x", by=cast.rep_b)
    )
    errors += race(
        PARALLEL,
        lambda i: publish_need(
            city=cast.partner_b, title=title, segment=segment, description="x", by=cast.rep_b
        ),
    )
    errors += race(
        PARALLEL,
        lambda i: publish_solution(
            provider=cast.partner_a, title=title, segment=segment, summary="x", by=cast.rep_a
        ),
    )

    assert errors == []
    expected = {"electric-buses-for-everyone"} | {
        f"electric-buses-for-everyone-{n}" for n in range(2, PARALLEL + 1)
    }
    for model in (Project, Need, Solution):
        assert set(model.objects.filter(title=title).values_list("slug", flat=True)) == expected, model


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_approvals_of_one_name_give_one_partner_each(cast):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises every write")
    pending = [
        MembershipApplication.objects.create(
            organisation_name="Nordic E-Buses AB",
            kind="company",
            country="SE",
            city="Göteborg",
            contact_name="Astrid Berg",
            contact_email=f"astrid{index}@nordic.example",
            consented_at=timezone.now(),
        )
        for index in range(PARALLEL)
    ]
    reviewer = UserFactory(is_staff=True)

    errors = race(PARALLEL, lambda i: approve_application(application=pending[i], reviewer=reviewer))

    assert errors == []
    assert Partner.objects.filter(name="Nordic E-Buses AB").count() == PARALLEL
