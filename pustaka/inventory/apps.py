"""Inventory: stock takes (inventarisasi) of a library's shelves."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "pustaka.inventory"
    label = "inventory"
    verbose_name = _("Stock take")
