"""The site's two menus, each rendered once per language and reader.

Every page carries a menu of links, each a ``{% url %}`` and a
``{% translate %}``. The staff menu's twenty took a fifth of a staff page with
nothing else on it (2 of 9 ms). What a menu shows depends only on the
language, who reads it (the staff member's role; on the public site a
visitor, a member or staff) and where the site is mounted, so each
combination is rendered once per process. With ``DEBUG`` it is rendered every
time, so that a changed template shows at once."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from pustaka.core.permissions import Access

register = template.Library()
STAFF_MENU = "partials/staff_nav.html"
SITE_MENU = "partials/site_nav.html"
# Each menu's context, from who reads it.
CONTEXTS = {
    STAFF_MENU: lambda role: {"access": Access(role=role)},
    SITE_MENU: lambda reader: {"reader": reader},
}


@register.simple_tag
def staff_nav(access: Access) -> str:
    """The staff menu's HTML for a user with ``access``."""
    return _menu(STAFF_MENU, access.role)


@register.simple_tag
def site_nav(user) -> str:
    """The public site's menu for ``user``: a visitor is offered signing in
    and membership, a member their account, staff their pages."""
    if not getattr(user, "is_authenticated", False):
        reader = "visitor"
    else:
        reader = "member" if hasattr(user, "member") else "staff"
    return _menu(SITE_MENU, reader)


def _menu(template_name: str, reader: str | None) -> str:
    if settings.DEBUG:
        return mark_safe(render_to_string(template_name, CONTEXTS[template_name](reader)))
    return _rendered(template_name, reader, get_language(), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=64)
def _rendered(template_name: str, reader: str | None, language: str, _prefix: str, _urlconf):
    """The menu for ``reader`` in ``language``; the site's mount point and
    URL configuration are part of the key, as the links depend on them."""
    with override(language):
        return mark_safe(render_to_string(template_name, CONTEXTS[template_name](reader)))
