"""Headless Debian Chromium driven by Playwright; skipped (with the reason) where
no Chromium is installed, unless PUSTAKA_REQUIRE_BROWSER is set, as in CI."""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in the test thread; the ORM calls made
# by test set-up in that thread are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = "Chromium is not installed (apt-get install chromium): browser tests skipped"
        if os.environ.get("PUSTAKA_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright's event loop runs in this thread, Django's connections
        # here are others than before it started (asgiref's Local keeps a running
        # loop's apart): closed before it stops, or they outlive the test database.
        connections.close_all()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(locale="id-ID", viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from npm (``npm ci``; ``make test`` runs it where npm exists)."""
    if not AXE_SCRIPT.exists():
        message = "axe-core is not installed (npm ci): accessibility checks skipped"
        if os.environ.get("PUSTAKA_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT


@pytest.fixture
def accessibility_problems(browser, axe_script):
    """``accessibility_problems(url, cookies=())``: the serious and critical
    WCAG 2.2 A/AA violations axe-core finds on the page at ``url``, as
    readable lines. The page opens in a context of its own that lets the test
    inject axe-core past the site's Content-Security-Policy."""

    def check(url: str, cookies=()) -> list[str]:
        context = browser.new_context(bypass_csp=True, locale="id-ID")
        context.add_cookies(list(cookies))
        try:
            page = context.new_page()
            response = page.goto(url)
            assert response.ok and page.url == url, f"{url}: {response.status} at {page.url}"
            page.add_script_tag(path=str(axe_script))
            found = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
            )
        finally:
            context.close()
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            for violation in found["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    return check
