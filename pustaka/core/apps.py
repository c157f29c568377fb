"""Core: base models, change log, audit log, permissions, shared widgets."""

from django.apps import AppConfig
from django.db.models import Field, ForeignObject
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pustaka.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from pustaka.core.lookups import Among

        Field.register_lookup(Among)
        ForeignObject.register_lookup(Among)  # related fields keep lookups of their own
