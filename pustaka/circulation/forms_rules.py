"""Forms of the circulation settings pages: a loan rule (its cell and its
values), a closed day, the due-date preview, and rotating collections."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pustaka.catalog.models import MaterialType
from pustaka.circulation.models import LoanRule

DISTRICT = "district"

VALUE_FIELDS = [
    "loan_days",
    "max_loans",
    "renewals",
    "holds_allowed",
    "fine_per_day",
    "grace_days",
    "hold_pickup_days",
    "overrides_allowed",
]


def _library_choices(libraries, *, district: bool) -> list[tuple[str, str]]:
    choices = [(DISTRICT, _("District (every library)"))] if district else []
    return choices + [(str(library.pk), library.name) for library in libraries]


def library_from(value: str, libraries):
    """The library a choice names; None for the district."""
    if value == DISTRICT:
        return None
    return next(library for library in libraries if str(library.pk) == value)


class LoanRuleValuesForm(forms.ModelForm):
    """The values of one rule (its cell stays as it is)."""

    class Meta:
        model = LoanRule
        fields = VALUE_FIELDS

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in VALUE_FIELDS}


class LoanRuleForm(LoanRuleValuesForm):
    """A new rule: its cell (library, member category, material type; empty
    means every one) and its values."""

    scope = forms.ChoiceField(label=_("Library"))
    category = forms.ModelChoiceField(
        label=_("Member category"), queryset=None, required=False, empty_label=_("Every category")
    )
    material = forms.ChoiceField(
        label=_("Material type"),
        required=False,
        choices=[("", _("Every material"))] + list(MaterialType.choices),
    )

    field_order = ["scope", "category", "material", *VALUE_FIELDS]

    def __init__(self, *args, libraries, district: bool, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.libraries = list(libraries)
        self.fields["scope"].choices = _library_choices(self.libraries, district=district)
        self.fields["category"].queryset = categories

    def cell(self) -> dict:
        return {
            "library": library_from(self.cleaned_data["scope"], self.libraries),
            "category": self.cleaned_data["category"],
            "material_type": self.cleaned_data["material"],
        }


class HolidayForm(forms.Form):
    scope = forms.ChoiceField(label=_("Closed"))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Name"), max_length=120)

    def __init__(self, *args, libraries, district: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.libraries = list(libraries)
        self.fields["scope"].choices = _library_choices(self.libraries, district=district)

    def library(self):
        return library_from(self.cleaned_data["scope"], self.libraries)


class DuePreviewForm(forms.Form):
    """Which due date a loan would get: at a library, for a member category
    and a material type, lent on a day (today unless said)."""

    library = forms.ModelChoiceField(label=_("Library"), queryset=None, empty_label=None)
    category = forms.ModelChoiceField(label=_("Member category"), queryset=None, empty_label=None)
    material = forms.ChoiceField(label=_("Material type"), choices=MaterialType.choices)
    start = forms.DateField(
        label=_("Lent on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, libraries, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries
        self.fields["category"].queryset = categories

    def lent_on(self):
        return self.cleaned_data.get("start") or timezone.localdate()


class CollectionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    from_library = forms.ModelChoiceField(label=_("Lent by"), queryset=None, empty_label=None)
    to_library = forms.ModelChoiceField(label=_("Lent to"), queryset=None)
    due_back_on = forms.DateField(
        label=_("Due back"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, lenders, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_library"].queryset = lenders
        self.fields["to_library"].queryset = libraries


class BarcodeForm(forms.Form):
    """One scanned copy (the scanner types the barcode and presses Enter)."""

    barcode = forms.CharField(
        label=_("Barcode"),
        max_length=64,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
        help_text=_("Scan each copy to pack; the scanner presses Enter."),
    )


class ReturnScanForm(forms.Form):
    """Every copy that came back in the box, one barcode per line."""

    barcodes = forms.CharField(
        label=_("Copies that came back"),
        required=False,
        widget=forms.Textarea(attrs={"autofocus": True, "rows": 8, "autocomplete": "off"}),
        help_text=_(
            "Scan every copy in the box: each scan adds a line. Copies not scanned are "
            "reported missing."
        ),
    )

    def barcode_list(self) -> list[str]:
        return self.cleaned_data["barcodes"].split()
