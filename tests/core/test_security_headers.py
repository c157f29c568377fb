"""Pages carry a strict Content-Security-Policy and load nothing from outside:
villages are often offline, and no third party sees who reads what."""

import pytest

from pustaka.libraries import services
from tests.conftest import PASSWORD
from tests.core.html import asset_urls

PUBLIC_PAGES = [
    "/",
    "/perpustakaan/DSA/",
    "/accounts/login/",
    "/accounts/password_reset/",
    "/halaman-yang-tidak-ada/",
]
STAFF_PAGES = ["/staff/", "/staff/libraries/", "/staff/libraries/DSA/", "/staff/accounts/"]


@pytest.fixture
def library_with_website(admin, library_a):
    services.library_update(
        actor=admin,
        library=library_a,
        changes={"website": "https://rebaqrinding.desa.id", "email": "perpus@desa.id"},
    )
    return library_a


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_carry_a_same_origin_content_security_policy(
    page, client, library_with_website
):
    response = client.get(page)
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    # no outside origin anywhere, no wildcard, nothing inline
    header = response["Content-Security-Policy"]
    assert "http" not in header and "*" not in header and "unsafe" not in header


def test_staff_pages_carry_the_same_policy(client_for, manager_a):
    response = client_for(manager_a).get("/staff/")
    assert csp_directives(response)["default-src"] == ["'self'"]
    assert "http" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_load_no_asset_from_outside(page, client, library_with_website):
    response = client.get(page)
    urls = asset_urls(response.text)
    assert urls, "the page has its stylesheet at least"
    assert [url for url in urls if not url.startswith("/") or url.startswith("//")] == []
    # the only outside address is the library's own website, as a plain link
    assert "http://" not in response.text
    assert response.text.count("https://") == response.text.count("https://rebaqrinding.desa.id")


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_pages_load_no_asset_from_outside(page, client_for, manager_a):
    response = client_for(manager_a).get(page)
    urls = asset_urls(response.text)
    assert any(url.endswith(".js") for url in urls), "htmx is served by the app"
    assert [url for url in urls if not url.startswith("/") or url.startswith("//")] == []


def test_pages_forbid_framing_and_sniffing(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_not_readable_by_scripts(client, manager_a):
    response = client.post("/accounts/login/", {"username": "pengelola_a", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"] is True
    assert response.cookies["sessionid"]["samesite"] == "Lax"
