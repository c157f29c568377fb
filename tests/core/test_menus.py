"""The staff menu and the public site's: what each reader is offered, in the
reader's language, the same whether it was rendered for this request or
remembered from another (``core.templatetags.menus``)."""

import re

import pytest
from django.test import Client

from pustaka.core.templatetags import menus
from tests.core.html import links
from tests.opac.test_account import english, signed_in, with_password


def menu(html: str, label: str = "(?:Staff|Staf)") -> list[tuple[str, str]]:
    nav = re.search(rf'<nav aria-label="{label}">(.*?)</nav>', html, re.S).group(1)
    return links(nav)


def site_menu(client) -> list[str]:
    return [label for label, _href in menu(client.get("/").text, "(?:Site|Situs)")]


def in_language(client, language: str):
    client.cookies["django_language"] = language
    return client


@pytest.fixture(autouse=True)
def _menus_forgotten():
    menus._rendered.cache_clear()


def test_each_role_is_offered_its_pages(client_for, admin, manager_a, volunteer_a, viewer):
    offered = {
        user.username: [
            label for label, _href in menu(in_language(client_for(user), "en").get("/staff/").text)
        ]
        for user in (admin, manager_a, volunteer_a, viewer)
    }
    assert {"API tokens", "Audit log", "District", "Stock take"} <= set(offered[admin.username])
    assert "API tokens" not in offered[manager_a.username]
    assert {"Stock take", "Staff accounts", "Circulation"} <= set(offered[manager_a.username])
    assert "Staff accounts" not in offered[volunteer_a.username]
    assert "Labels" not in offered[viewer.username]
    assert "District" in offered[viewer.username]
    # a role's menu, remembered, is not another's: the admin's is asked again last
    again = menu(in_language(client_for(admin), "en").get("/staff/").text)
    assert [label for label, _href in again] == offered[admin.username]


def test_the_menu_speaks_the_readers_language(client_for, manager_a):
    english = menu(in_language(client_for(manager_a), "en").get("/staff/").text)
    indonesian = menu(in_language(client_for(manager_a), "id").get("/staff/").text)
    assert ("Members", "/staff/members/") in english
    assert ("Anggota", "/staff/members/") in indonesian
    assert [href for _label, href in english] == [href for _label, href in indonesian]


def test_with_debug_a_changed_template_shows_at_once(client_for, manager_a, settings):
    settings.DEBUG = True
    client = in_language(client_for(manager_a), "en")
    client.get("/staff/")
    assert menus._rendered.cache_info().currsize == 0


def test_the_public_menu_fits_each_reader_in_turn(client_for, manager_a, member_a):
    with_password(manager_a, member_a)
    visitor, member, staff = english(), signed_in(member_a), client_for(manager_a)
    in_language(staff, "en")
    for _round in range(2):  # rendered, then remembered
        assert site_menu(visitor)[-2:] == ["Sign in", "Become a member"]
        assert site_menu(member)[-1] == "My account"
        assert site_menu(staff)[-1] == "Staff"


def test_the_public_menu_speaks_the_readers_language(library_a):
    assert site_menu(english())[:3] == ["Libraries", "Catalogue", "News"]
    assert site_menu(Client())[:3] == ["Perpustakaan", "Katalog", "Berita"]
