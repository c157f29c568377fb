"""Monitoring: the figures of every library and of the district computed from
daily work (indicators), the profile figures that are not daily work, the
office's targets, and the staff dashboard."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "pustaka.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")
