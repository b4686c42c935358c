"""The pages read the current period: a partner that left and came back shows once, as it is now."""

from datetime import date

from projects.models import ParticipationStatus
from segments import services
from tests.factories import ParticipationFactory, ProjectFactory


def test_the_group_page_shows_a_rejoined_partner_once_as_a_member(cast, past):
    request = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    services.approve_membership_request(membership=request, by=cast.lead)
    response = cast.client("rep_b").get(cast.group.get_absolute_url())
    assert [m.partner for m in response.context["members"]].count(cast.partner_b) == 1
    assert response.context["own"] == request  # the current period, not the one left in 2017


def test_the_profile_shows_each_project_once_with_the_current_period(cast):
    project = ProjectFactory(title="Charging corridor")
    ParticipationFactory(
        project=project,
        partner=cast.partner_b,
        status=ParticipationStatus.LEFT,
        joined_on=date(2016, 3, 1),
        left_on=date(2016, 9, 1),
    )
    ParticipationFactory(project=project, partner=cast.partner_b, joined_on=date(2017, 1, 1))
    response = cast.client("anonymous").get(cast.partner_b.get_absolute_url())
    assert response.content.decode().count("Charging corridor") == 1
