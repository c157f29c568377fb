"""Community programmes: activities and who took part, online registration,
partners and their contributions, the village fund, stories of change."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "pustaka.programs"
    label = "programs"
    verbose_name = _("Activities, partners and stories")
