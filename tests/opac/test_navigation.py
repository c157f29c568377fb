"""The public site's menu fits who is reading: a visitor is offered signing in
and membership, a member their account, library staff their pages."""

import re

from tests.core.html import links
from tests.opac.test_account import english, signed_in, with_password


def menu(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav aria-label="Site">(.*?)</nav>', html, re.S).group(1)
    return links(nav)


def test_a_visitor_is_offered_the_catalogue_news_signing_in_and_membership(library_a):
    html = english().get("/").text
    assert menu(html) == [
        ("Libraries", "/"),
        ("Catalogue", "/katalog/"),
        ("News", "/berita/"),
        ("Sign in", "/akun/masuk/"),
        ("Become a member", "/daftar/"),
    ]
    assert ("Staff sign-in", "/accounts/login/") in links(html)


def test_a_signed_in_member_finds_their_account_and_no_staff_link(manager_a, member_a):
    with_password(manager_a, member_a)
    html = signed_in(member_a).get("/").text
    assert menu(html)[-1] == ("My account", "/akun/")
    assert not [href for _label, href in links(html) if href.startswith(("/staff/", "/accounts/"))]


def test_signed_in_staff_find_their_pages(client_for, manager_a):
    client = client_for(manager_a)
    client.cookies["django_language"] = "en"
    assert menu(client.get("/").text)[-1] == ("Staff", "/staff/")
