"""Circulation: loan rules, closed days, loans, holds, transfers, rotating
collections and notices."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirculationConfig(AppConfig):
    name = "pustaka.circulation"
    label = "circulation"
    verbose_name = _("Circulation")
