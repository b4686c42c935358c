"""The projects app's sections on other pages: /me/ and the segment page's replications."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from projects.models import ParticipationRole, ParticipationStatus
from tests.factories import CityFactory, ParticipationFactory, PartnerFactory, ProjectFactory, SegmentFactory
from tests.projects.factories import ReplicationFactory, SolutionFactory

pytestmark = pytest.mark.django_db


def me_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/me/")
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_me_shows_projects_with_roles_invitations_and_requests_waiting(cast, project):
    ParticipationFactory(
        project=ProjectFactory(title="Invited to this"),
        partner=cast.partner_a,
        status=ParticipationStatus.INVITED,
        joined_on=None,
    )
    ParticipationFactory(
        project=project, partner=cast.partner_b, status=ParticipationStatus.REQUESTED, joined_on=None
    )
    _, page = me_queries(cast.client("rep_a"))
    assert "Electric freight pilot" in page and "Coordinator" in page
    assert "Invitations waiting for your answer" in page and "Invited to this" in page
    assert "Requests to join your consortia" in page and "Tartu" in page
    _, other_page = me_queries(cast.client("rep_b"))
    assert "Your requests to join" in other_page and "Requests to join your consortia" not in other_page


@pytest.mark.usefixtures("project")
def test_me_section_queries_do_not_grow_with_projects(cast):
    few, _ = me_queries(cast.client("rep_a"))
    for _ in range(6):
        project = ProjectFactory()
        ParticipationFactory(project=project, partner=cast.partner_a, role=ParticipationRole.COORDINATOR)
        ParticipationFactory(project=project, status=ParticipationStatus.REQUESTED, joined_on=None)
        ParticipationFactory(
            project=ProjectFactory(),
            partner=cast.partner_a,
            status=ParticipationStatus.INVITED,
            joined_on=None,
        )
    assert me_queries(cast.client("rep_a"))[0] == few


def test_segment_replications_say_where_it_was_tested_and_how_often_replicated(db):
    segment = SegmentFactory()
    solution = SolutionFactory(
        title="Opportunity charging", segment=segment, tested_in=CityFactory(name="Gothenburg")
    )
    for name in ["Graz", "Cork", "Umea"]:
        ReplicationFactory(solution=solution, city=CityFactory(name=name))
    ReplicationFactory(solution=SolutionFactory(title="Elsewhere"))
    html = render_to_string("projects/segment_replications.html", {"segment": segment})
    assert "Tested in Gothenburg, replicated in 3 cities" in html and "Cork, Graz, Umea" in html
    assert "Elsewhere" not in html and 'id="segment-replication-points"' in html


def test_segment_replications_without_any(db):
    html = render_to_string("projects/segment_replications.html", {"segment": SegmentFactory()})
    assert "No solution of this segment has been replicated yet." in html


def test_segment_replications_run_one_query_whatever_the_number(db):
    segment = SegmentFactory()
    ReplicationFactory(solution=SolutionFactory(segment=segment, tested_in=CityFactory()))
    with CaptureQueriesContext(connection) as few:
        render_to_string("projects/segment_replications.html", {"segment": segment})
    for solution in SolutionFactory.create_batch(4, segment=segment, tested_in=PartnerFactory()):
        ReplicationFactory.create_batch(3, solution=solution)
    with CaptureQueriesContext(connection) as many:
        render_to_string("projects/segment_replications.html", {"segment": segment})
    assert len(few) == len(many) == 1
