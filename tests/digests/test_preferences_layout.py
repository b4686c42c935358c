"""Digest settings as grouped checkboxes (issue 20, point 6): no Ctrl-click multi-select, the
projects of one's own organisation, countries by region, what is followed said in words."""

import re

import pytest

from digests.models import Subscription
from tests.factories import ParticipationFactory, ProjectFactory, SegmentFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

PREFERENCES = "/me/digest/"


def page(client, user) -> str:
    client.force_login(user)
    return client.get(PREFERENCES).content.decode()


def test_every_choice_is_a_checkbox_and_no_list_needs_ctrl_click(client, cast):
    WorkingGroupFactory(name="E-freight")
    html = page(client, cast.rep_a)
    assert "<select" not in html.split('id="followed-choices"')[1].split("</form>")[0]
    assert "multiple" not in re.sub(r"<option[^>]*>", "", html.split("<form")[1])
    assert re.search(r'<input type="checkbox" name="groups" value="\d+"[^>]*>\s*E-freight', html)
    assert re.search(r'<input type="checkbox" name="countries" value="SE"', html)


def test_only_the_projects_of_one_s_organisation_are_offered(client, cast):
    ours = ParticipationFactory(partner=cast.partner_a, project=ProjectFactory(title="Our buses")).project
    ProjectFactory(title="Someone else's trucks")
    html = page(client, cast.rep_a)
    assert "Our buses" in html and "Someone else&#x27;s trucks" not in html
    response = client.post(PREFERENCES, {"frequency": "weekly", "projects": [ours.pk]})
    assert response.status_code == 302


def test_a_project_of_another_organisation_is_refused(client, cast):
    theirs = ProjectFactory(title="Someone else's trucks")
    client.force_login(cast.rep_a)
    response = client.post(PREFERENCES, {"frequency": "weekly", "projects": [theirs.pk]})
    assert response.status_code == 400 and "projects" in response.context["form"].errors
    assert not Subscription.objects.get(person=cast.rep_a_person).projects.exists()


def test_a_project_already_followed_stays_offered_so_saving_keeps_it(client, cast):
    followed = ProjectFactory(title="Followed before")
    page(client, cast.rep_a)  # creates the subscription
    Subscription.objects.get(person=cast.rep_a_person).projects.add(followed)
    assert "Followed before" in page(client, cast.rep_a)


def test_countries_come_by_region_and_a_region_with_a_followed_country_is_open(client, cast):
    client.force_login(cast.rep_a)
    client.post(PREFERENCES, {"frequency": "weekly", "countries": ["SE", "DK"]})
    html = page(client, cast.rep_a)
    north = html.split("Northern Europe")[1].split("</details>")[0]
    assert 'value="SE"' in north and 'value="DK"' in north and 'value="FR"' not in north
    assert re.search(r'<details class="choice-region" open>\s*<summary>Northern Europe', html)
    assert "2 followed" in north
    assert re.search(r'<details class="choice-region">\s*<summary>Western Europe', html)
    assert html.index("Northern Europe") < html.index("Elsewhere")


def test_the_page_says_what_is_followed(client, cast):
    segment = SegmentFactory(name="Smart electrification of public transport")
    client.force_login(cast.rep_a)
    client.post(PREFERENCES, {"frequency": "weekly", "segments": [segment.pk], "countries": ["SE"]})
    followed = page(client, cast.rep_a).split('id="followed-heading"')[1].split("</section>")[0]
    assert "Smart electrification of public transport" in followed and "Sweden" in followed


def test_the_search_is_left_to_javascript(client, cast):
    # Without JavaScript it would filter nothing: it stays hidden until the script shows it.
    assert '<div class="choice-search" hidden>' in page(client, cast.rep_a)
