"""Browser tests: Debian's chromium driven by Playwright against Django's live server.

Never a downloaded browser: `make test` installs Debian's chromium (scripts/ensure_chromium.sh). Screenshots
are saved under test-artifacts/browser/ for people to look at.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser(django_db_setup):
    # Set up the test database first: Playwright's sync API runs an event loop in this thread from here on.
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the browser tests: /usr/bin/chromium is missing (make test installs it)")
        pytest.skip("Debian's chromium is not installed (`make browser` installs it)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # Django refuses ORM calls while an event loop runs in the thread; the test's calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def screenshots(request):
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    count = 0

    def take(page, name: str) -> Path:
        nonlocal count
        count += 1
        path = folder / f"{count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def audit():
    """`audit(page, "state")`: axe-core on the page at 412 px and 1280 px; a serious or critical violation
    fails the test with the rule and its nodes (tests/marketplace/browser/axe.py)."""
    from tests.marketplace.browser.axe import axe_check

    return axe_check
