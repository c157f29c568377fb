"""Catalog: the union catalogue's records, each library's copies, MARC, search."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "pustaka.catalog"
    label = "catalog"
    verbose_name = _("Catalogue")
