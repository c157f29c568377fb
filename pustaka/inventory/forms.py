"""The scan field of a stock take."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ScanForm(forms.Form):
    barcode = forms.CharField(
        label=_("Barcode"),
        max_length=64,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
        help_text=_("Scan each copy on the shelves; the scanner presses Enter."),
    )
