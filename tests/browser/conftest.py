"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against a live server.

Playwright cannot download its own browser here, so the launch arguments point at the system
Chromium; the background-networking flags keep it from calling out of a closed network. Playwright's event
loop makes Django's async-safety check misfire in the live server's tests, so `make test-browser`
sets DJANGO_ALLOW_ASYNC_UNSAFE=true for that run only.
"""

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def axe_violations():
    """Runs axe-core in the page and returns its serious and critical violations."""

    def scan(page) -> list[str]:
        # Evaluated through the DevTools protocol: a <script> tag would be (rightly) blocked by the CSP.
        page.evaluate(AXE.read_text())
        return page.evaluate(
            "async () => (await axe.run(document)).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
        )

    return scan


@pytest.fixture
def console_errors(page):
    """JavaScript errors and CSP violations the page reports; a test asserts there are none."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors
