"""Members: the people registered at a library, their consent and cards."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "pustaka.members"
    label = "members"
    verbose_name = _("Members")
