"""The Nu HTML checker (vnu.jar from npm `vnu-jar`, run with Java) reports no error on the main
pages, for a visitor and for people who are logged in. One JVM run checks every page at once."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.factories import EventFactory, NewsItemFactory, ProjectFactory, TargetFactory

pytestmark = [pytest.mark.validators, pytest.mark.django_db]

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PUBLIC = [
    "/",
    "/partners/",
    "/partners/voltaic-fleets/",
    "/map/",
    "/join/",
    "/segments/",
    "/groups/",
    "/groups/e-freight/",
    "/projects/",
    "/projects/e-bus/",
    "/calls/",
    "/solutions/",
    "/needs/",
    "/events/",
    "/events/assembly/",
    "/news/",
    "/news/launch/",
    "/targets/",
    "/accounts/login/",
]
#: Who sees which pages beyond the public ones.
LOGGED_IN = {
    "member": ["/", "/me/", "/events/assembly/", "/groups/e-freight/"],
    "rep_a": ["/me/", "/partners/voltaic-fleets/", "/projects/e-bus/", "/events/"],
    "coordinator": ["/me/", "/dashboard/", "/coordination/applications/", "/events/assembly/attendees/"],
}


@pytest.fixture
def pages(cast, tmp_path) -> dict[str, str]:
    """Each page's HTML written to a file: file -> who and what it is."""
    ProjectFactory(slug="e-bus", title="E-bus", segment=cast.segment)
    EventFactory(slug="assembly", title="General Assembly", segment=cast.segment)
    NewsItemFactory(slug="launch", title="Launch")
    TargetFactory()
    files = {}
    for who, paths in [("anonymous", PUBLIC), *LOGGED_IN.items()]:
        client = cast.client(who)
        for number, path in enumerate(paths):
            response = client.get(path)
            assert response.status_code == 200, (who, path, response.status_code)
            file = tmp_path / f"{who}-{number}.html"
            file.write_bytes(response.content)
            files[str(file)] = f"{who} {path}"
    return files


def test_the_nu_html_checker_finds_no_error_on_the_main_pages(pages):
    java = shutil.which("java")
    assert java and VNU.exists(), "Java 17 and `npm ci` (vnu-jar) run the checker"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{pages[message['url'].removeprefix('file:')]}: line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] == "error"
    ]
    assert errors == [], "\n".join(errors)
