"""Visits: the visitor book (buku tamu) at a library's door — members,
guests and groups — and the use of its computers and internet."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "pustaka.visits"
    label = "visits"
    verbose_name = _("Visits")
