"""The permission matrix: every URL pattern of the project (read from the URL resolver, so a new page
cannot be forgotten) requested by every role of the cast (tests/cast.py, in the scene that
tests/security/conftest.py builds around it), compared with the answer this table expects.

Each row: url name -> {method: statuses}, the statuses in the order of ROLES: (anonymous, member,
rep_b: partner B's representative, lead: the group lead, coordinator). GET for every pattern;
POST (or PATCH) for the patterns that change state, with an empty body or, where an empty form would
hide the permission answer behind a 400, the smallest valid one (BODIES). Each request is rolled back,
so every role meets the same data. 302 from a state-changing POST is its success, never a refusal: a
refused action answers 400, 403 or 409 (core.refusals); 302 for the anonymous visitor is the way to
the login page."""

import json

import pytest
from django.urls import reverse

from .conftest import ROLES, attempt, build_scene, is_rest_api, url_patterns

# --- the notation --------------------------------------------------------------------------------

PUBLIC = (200, 200, 200, 200, 200)
LOGIN = (302, 200, 200, 200, 200)  # any login; anonymous visitors go to the login page
STAFF = (302, 403, 403, 403, 200)  # coordinators only
NO_GET = (405, 405, 405, 405, 405)  # a POST-only endpoint reached with GET
LOGIN_NO_GET = (302, 405, 405, 405, 405)  # the same, behind the login page
API_READ_ONLY = (401, 405, 405, 405, 405)  # a write to a read-only API resource
READ = {"GET": PUBLIC}
API_READ = {"GET": PUBLIC, "POST": API_READ_ONLY}

# fmt: off
TABLE: dict[str, dict[str, tuple[int, ...]]] = {
    # the project package and Django's accounts
    "home": READ,
    "healthz": READ,
    "readyz": READ,
    "set_language": {"GET": NO_GET, "POST": (302, 302, 302, 302, 302)},  # the language switcher: anyone
    "robots_txt": READ,
    "sitemap": READ,
    "sitemap_section": READ,
    "security_txt": READ,
    "favicon": {"GET": (301, 301, 301, 301, 301)},
    "me": {"GET": LOGIN},
    "coordination": {"GET": STAFF},
    "login": {"GET": PUBLIC, "POST": PUBLIC},  # an empty login form is shown again
    "logout": {"GET": NO_GET, "POST": (302, 302, 302, 302, 302)},
    "password_change": {"GET": LOGIN, "POST": LOGIN},
    "password_change_done": {"GET": LOGIN},
    "password_reset": {"GET": PUBLIC, "POST": PUBLIC},
    "password_reset_done": READ,
    "password_reset_confirm": READ,  # an invalid link says so
    "password_reset_complete": READ,
    # the API
    "api:partners-geojson": API_READ,
    "api:projects-geojson": API_READ,
    "api:index": API_READ,
    "api:schema": READ,
    "api:docs": READ,
    "api:token_create": {"GET": NO_GET, "POST": (302, 403, 200, 200, 200)},  # representatives and staff
    "api:token_revoke": {"GET": NO_GET, "POST": (302, 404, 404, 404, 404)},  # none's own: see tests/api
    "api:partner-list": API_READ,
    "api:partner-detail": {"GET": PUBLIC, "POST": API_READ_ONLY, "PATCH": (401, 403, 403, 200, 200)},
    "api:segment-list": API_READ,
    "api:segment-detail": API_READ,
    "api:group-list": API_READ,
    "api:group-detail": API_READ,
    # naming the other partner: only its representatives (already asking: 409) and staff may
    "api:group-join": {"GET": NO_GET, "POST": (401, 403, 409, 403, 409)},
    "api:project-list": API_READ,
    "api:project-detail": API_READ,
    "api:call-list": API_READ,
    "api:call-detail": API_READ,
    "api:event-list": API_READ,
    "api:event-detail": API_READ,
    # registering the other partner's person: only colleagues (already registered: 409) and staff
    "api:event-register": {"GET": NO_GET, "POST": (401, 403, 409, 403, 409)},
    "api:news-list": API_READ,
    "api:news-detail": API_READ,
    "api:solution-list": API_READ,
    "api:solution-detail": API_READ,
    "api:need-list": API_READ,
    "api:need-detail": API_READ,
    "api:target-list": API_READ,
    "api:target-series": API_READ,
    # partners: the directory, profiles, applications, personal data
    "partners:list": READ,
    "partners:detail": READ,
    "partners:edit": {"GET": (403, 403, 403, 200, 200), "POST": (403, 403, 403, 400, 400)},
    "partners:map": READ,
    "partners:geojson": READ,
    "partners:join": {"GET": PUBLIC, "POST": (400, 400, 400, 400, 400)},
    "partners:join_done": READ,
    "partners:applications": {"GET": STAFF},
    "partners:application": {"GET": STAFF},
    "partners:approve": {"GET": STAFF, "POST": (302, 403, 403, 403, 302)},
    "partners:reject": {"GET": (302, 403, 403, 403, 405), "POST": (302, 403, 403, 403, 400)},
    "partners:privacy": READ,
    # a login without a person (the coordinator here) is sent to /me/
    "partners:my_data": {"GET": (302, 200, 200, 200, 302)},
    "partners:erase_me": {"GET": (302, 200, 200, 200, 302), "POST": (302, 400, 400, 400, 302)},
    # segments: the request (pk) is the other partner's, asking to join the lead city's group
    "segments:segment_list": READ,
    "segments:segment_detail": READ,
    "segments:group_list": READ,
    "segments:group_detail": READ,
    # the other partner has asked already and the lead city is a member: 409
    "segments:join": {"GET": LOGIN_NO_GET, "POST": (302, 403, 409, 409, 403)},
    "segments:withdraw": {"GET": LOGIN_NO_GET, "POST": (302, 403, 302, 403, 302)},
    "segments:leave": {"GET": LOGIN_NO_GET, "POST": (302, 403, 409, 403, 409)},  # a request: no member yet
    "segments:approve": {"GET": (302, 403, 403, 200, 200), "POST": (302, 403, 403, 302, 302)},
    "segments:decline": {"GET": (302, 403, 403, 200, 200), "POST": (302, 403, 403, 302, 302)},
    "segments:change_role": {"GET": LOGIN_NO_GET, "POST": (302, 403, 403, 409, 409)},  # not a member yet
    "segments:hand_over": {"GET": (302, 403, 403, 200, 200), "POST": (302, 403, 403, 409, 409)},
    # projects: the lead city coordinates the forming project; the other partner asked to join
    "projects:call_list": READ,
    "projects:call_create": {"GET": STAFF, "POST": (302, 403, 403, 403, 200)},
    "projects:project_list": READ,
    # proposing, publishing and replicating act for one's own partner: staff without one may not
    "projects:project_create": {"GET": (302, 403, 200, 200, 403), "POST": (302, 403, 200, 200, 403)},
    "projects:project_detail": READ,
    "projects:project_edit": {"GET": (302, 403, 403, 200, 200), "POST": (302, 403, 403, 200, 200)},
    "projects:project_invite": {"GET": NO_GET, "POST": (302, 403, 403, 302, 302)},
    "projects:project_join": {"GET": NO_GET, "POST": (302, 403, 409, 409, 403)},
    "projects:project_status": {"GET": NO_GET, "POST": (302, 403, 403, 302, 302)},
    "projects:participation_answer": {"GET": NO_GET, "POST": (302, 403, 403, 302, 302)},
    "projects:solution_list": READ,
    "projects:solution_create": {"GET": (302, 403, 200, 200, 403), "POST": (302, 403, 200, 200, 403)},
    "projects:solution_detail": READ,
    # members write to the provider (an empty message: 400); the coordinator is no member: 403
    "projects:solution_contact": {"GET": LOGIN_NO_GET, "POST": (302, 400, 400, 400, 403)},
    # cities only: partner B and the lead partner are cities (a company's refusal: test_only_cities_*
    # in tests/projects/test_marketplace.py)
    "projects:solution_replicate": {"GET": (302, 403, 200, 200, 403), "POST": (302, 403, 200, 200, 403)},
    "projects:need_list": READ,
    "projects:need_create": {"GET": (302, 403, 200, 200, 403), "POST": (302, 403, 200, 200, 403)},
    "projects:need_detail": READ,
    # the need's own city (the lead partner) and coordinators; an empty body: the form again
    "projects:need_edit": {"GET": (302, 403, 403, 200, 200), "POST": (302, 403, 403, 200, 200)},
    "projects:need_status": {"GET": LOGIN_NO_GET, "POST": (302, 403, 403, 302, 302)},
    # events: the group's event, run by the group lead; the registration is the other partner's
    "events:event_list": READ,
    "events:events_feed": READ,
    "events:event_detail": READ,
    "events:event_ics": READ,
    # an empty form: 400; the coordinator has no person to register from this page: 403
    "events:event_register": {"GET": LOGIN_NO_GET, "POST": (302, 400, 400, 400, 403)},
    # representatives only (member, coordinator: 403); an empty form: 400
    "events:event_register_colleague": {"GET": LOGIN_NO_GET, "POST": (302, 403, 400, 400, 403)},
    "events:registration_cancel": {"GET": (302, 403, 200, 403, 200), "POST": (302, 403, 302, 403, 302)},
    "events:registration_leave": {"GET": LOGIN_NO_GET, "POST": (302, 403, 409, 403, 409)},  # not waiting
    "events:event_attendees": {"GET": (302, 403, 403, 200, 200)},
    "events:event_attendees_csv": {"GET": (302, 403, 403, 200, 200)},
    "events:event_close": {"GET": LOGIN_NO_GET, "POST": (302, 403, 403, 302, 302)},
    "events:news_list": READ,
    "events:news_feed": READ,
    "events:news_feed_atom": READ,
    "events:news_detail": READ,
    "events:contact": {"GET": PUBLIC, "POST": (400, 400, 400, 400, 400)},
    # kpis
    "kpis:dashboard": {"GET": STAFF},
    "kpis:breakdown-csv": {"GET": STAFF},
    "kpis:metric-csv": {"GET": STAFF},
    "kpis:targets": READ,
    # digests: the preferences of a person (a login without one: 404); the link's token is the key
    "digests:preferences": {"GET": (302, 200, 200, 200, 404), "POST": (302, 400, 400, 400, 404)},
    "digests:unsubscribe": {"GET": PUBLIC, "POST": PUBLIC},
    "digests:preview": {"GET": STAFF},
}
# fmt: on

ARGS = {
    "sitemap_section": lambda c: {"section": "partners"},
    "api:partner-detail": lambda c: {"slug": c.cast.lead_partner.slug},
    "api:segment-detail": lambda c: {"slug": c.cast.group.segment.slug},
    "api:group-detail": lambda c: {"slug": c.cast.group.slug},
    "api:group-join": lambda c: {"slug": c.cast.group.slug},
    "api:project-detail": lambda c: {"slug": c.project.slug},
    "api:call-detail": lambda c: {"identifier": c.call.identifier},
    "api:event-detail": lambda c: {"slug": c.event.slug},
    "api:event-register": lambda c: {"slug": c.event.slug},
    "api:news-detail": lambda c: {"slug": c.news.slug},
    "api:solution-detail": lambda c: {"slug": c.solution.slug},
    "api:need-detail": lambda c: {"slug": c.need.slug},
    "api:target-series": lambda c: {"metric": "cities"},
    "password_reset_confirm": lambda c: {"uidb64": "MQ", "token": "set-password"},
    "api:token_revoke": lambda c: {"prefix": "0123456789abcde"},
    "partners:detail": lambda c: {"slug": c.cast.lead_partner.slug},
    "partners:edit": lambda c: {"slug": c.cast.lead_partner.slug},
    "partners:application": lambda c: {"pk": c.application.pk},
    "partners:approve": lambda c: {"pk": c.application.pk},
    "partners:reject": lambda c: {"pk": c.application.pk},
    "segments:segment_detail": lambda c: {"slug": c.cast.group.segment.slug},
    "segments:group_detail": lambda c: {"slug": c.cast.group.slug},
    "segments:join": lambda c: {"slug": c.cast.group.slug},
    "segments:withdraw": lambda c: {"slug": c.cast.group.slug, "pk": c.request.pk},
    "segments:leave": lambda c: {"slug": c.cast.group.slug, "pk": c.request.pk},
    "segments:approve": lambda c: {"slug": c.cast.group.slug, "pk": c.request.pk},
    "segments:decline": lambda c: {"slug": c.cast.group.slug, "pk": c.request.pk},
    "segments:change_role": lambda c: {"slug": c.cast.group.slug, "pk": c.request.pk},
    "segments:hand_over": lambda c: {"slug": c.cast.group.slug, "pk": c.request.pk},
    "projects:project_detail": lambda c: {"slug": c.project.slug},
    "projects:project_edit": lambda c: {"slug": c.project.slug},
    "projects:project_invite": lambda c: {"slug": c.project.slug},
    "projects:project_join": lambda c: {"slug": c.project.slug},
    "projects:project_status": lambda c: {"slug": c.project.slug},
    "projects:participation_answer": lambda c: {
        "slug": c.project.slug,
        "pk": c.project_request.pk,
        "action": "accept-request",
    },
    "projects:solution_detail": lambda c: {"slug": c.solution.slug},
    "projects:solution_contact": lambda c: {"slug": c.solution.slug},
    "projects:solution_replicate": lambda c: {"slug": c.solution.slug},
    "projects:need_detail": lambda c: {"slug": c.need.slug},
    "projects:need_edit": lambda c: {"slug": c.need.slug},
    "projects:need_status": lambda c: {"slug": c.need.slug},
    "events:event_detail": lambda c: {"slug": c.event.slug},
    "events:event_ics": lambda c: {"slug": c.event.slug},
    "events:event_register": lambda c: {"slug": c.event.slug},
    "events:event_register_colleague": lambda c: {"slug": c.event.slug},
    "events:registration_cancel": lambda c: {"slug": c.event.slug, "pk": c.registration.pk},
    "events:registration_leave": lambda c: {"slug": c.event.slug, "pk": c.registration.pk},
    "events:event_attendees": lambda c: {"slug": c.event.slug},
    "events:event_attendees_csv": lambda c: {"slug": c.event.slug},
    "events:event_close": lambda c: {"slug": c.event.slug},
    "events:news_detail": lambda c: {"slug": c.news.slug},
    "kpis:breakdown-csv": lambda c: {"name": "cities"},
    "kpis:metric-csv": lambda c: {"metric": "cities"},
    "digests:unsubscribe": lambda c: {"token": c.unsubscribe_token},
}

#: The smallest valid body where an empty one would be refused as invalid before permissions count.
BODIES = {
    "api:token_create": lambda c: {"name": "matrix"},
    "api:group-join": lambda c: {"partner": c.cast.partner_b.slug, "message": ""},
    "api:event-register": lambda c: {"person": c.registration.person_id},
    "segments:change_role": lambda c: {"role": "observer"},
    "projects:project_invite": lambda c: {"partner": c.outsider.pk, "role": "partner"},
    "projects:project_status": lambda c: {"to_status": "submitted"},
}

#: Rows whose answer is a known bug (see the report of issue 11): xfail until it is fixed.
KNOWN_BUGS: dict[str, str] = {}


def test_every_url_pattern_has_a_row():
    patterns = set(url_patterns())
    assert sorted(patterns - set(TABLE)) == [], "add these URL patterns to the permission matrix"
    assert sorted(set(TABLE) - patterns) == [], "these rows name no URL pattern any more"
    assert set(ARGS) <= patterns and set(BODIES) <= patterns


def _rows():
    for name in TABLE:
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name])] if name in KNOWN_BUGS else []
        yield pytest.param(name, marks=marks, id=name)


def _columns(statuses: tuple[int, ...]) -> list[tuple[str, int]]:
    """The roles with their expected statuses; the member's column holds as well for lead_colleague,
    who has a login at the lead partner but does not represent it."""
    return [*zip(ROLES, statuses, strict=True), ("lead_colleague", statuses[ROLES.index("member")])]


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(_rows()))
def test_permission_matrix(name):
    scene = build_scene()
    url = reverse(name, kwargs=ARGS[name](scene) if name in ARGS else None)
    body = BODIES[name](scene) if name in BODIES else {}
    wrong = {}
    for method, statuses in TABLE[name].items():
        for role, status in _columns(statuses):
            if method != "GET" and is_rest_api(name):
                response = attempt(
                    scene.client(role), method, url, json.dumps(body), content_type="application/json"
                )
            else:
                response = attempt(scene.client(role), method, url, body)
            if response.status_code != status:
                wrong[f"{method} as {role}"] = f"{response.status_code}, expected {status}"
    assert wrong == {}, f"{url}: {wrong}"
