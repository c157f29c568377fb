"""Trainings (Bimtek) the district office runs for library staff, and the
mentoring visits to libraries that follow them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "pustaka.training"
    label = "training"
    verbose_name = _("Trainings and mentoring")
