"""Monitoring: the figures of every library and of the district computed from
daily work (indicators), the profile figures that are not daily work, the
office's targets, and the staff dashboard."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "pustaka.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        # The official indices' inputs and the reports live in their own module.
        from pustaka.monitoring import models_official  # noqa: F401
