"""Core: base models, change log, audit log, permissions, shared widgets."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pustaka.core"
    label = "core"
    verbose_name = _("Core")
