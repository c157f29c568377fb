"""Forms of the circulation desk: the member and copy scan fields, and placing
a hold from the desk."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pustaka.catalog.identifiers import barcode_clean

SCAN_ATTRS = {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}


class MemberScanForm(forms.Form):
    """The member number, scanned from the card or typed."""

    member = forms.CharField(
        label=_("Member number"),
        max_length=32,
        widget=forms.TextInput(attrs=SCAN_ATTRS),
        help_text=_("Scan the member card or type the number, then Enter."),
    )

    def __init__(self, *args, focus: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if focus:
            self.fields["member"].widget.attrs["autofocus"] = True


class ScanForm(forms.Form):
    """A copy's barcode at the desk; ``override`` lends despite a refusal."""

    barcode = forms.CharField(
        label=_("Copy barcode"),
        max_length=64,
        widget=forms.TextInput(attrs=SCAN_ATTRS | {"autofocus": True}),
    )
    override = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_barcode(self):
        """Barcodes are kept in capitals (the catalogue stores them so)."""
        return barcode_clean(self.cleaned_data["barcode"])


class HoldSearchForm(forms.Form):
    """Find the book to reserve: words of its title or author, or a copy's barcode."""

    q = forms.CharField(label=_("Title, author or ISBN"), max_length=200, required=False)
    barcode = forms.CharField(
        label=_("or a copy's barcode"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs=SCAN_ATTRS),
    )


class HoldPlaceForm(forms.Form):
    """The hold itself: which record (or copy) and where the member collects it."""

    record = forms.UUIDField(widget=forms.HiddenInput)
    item = forms.UUIDField(required=False, widget=forms.HiddenInput)
    pickup_library = forms.ModelChoiceField(label=_("Pick up at"), queryset=None, empty_label=None)

    def __init__(self, *args, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pickup_library"].queryset = libraries
