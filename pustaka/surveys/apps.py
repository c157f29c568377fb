"""Surveys: questionnaires answered on a phone without an account, their
results, and the official indices computed from them (the community
satisfaction index SKM/IKM, reading interest TGM)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "pustaka.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
