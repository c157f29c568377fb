"""Forms of the official indices and reports pages: the year shown, the
office's IPLM inputs of a year, and a report to make."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pustaka.monitoring import iplm
from pustaka.monitoring.indices import FIRST_YEAR
from pustaka.monitoring.models import IplmInput, Report


class YearForm(forms.Form):
    """The year the indices are for (this year unless chosen)."""

    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR)

    def __init__(self, data=None):
        super().__init__(data if data and "year" in data else None)
        self.fields["year"].max_value = timezone.localdate().year + 1
        self.fields["year"].widget.attrs["max"] = self.fields["year"].max_value

    def chosen(self) -> int:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"]
        return timezone.localdate().year


def input_field_name(kind: str, code: str) -> str:
    return f"{kind}__{code}"


class IplmInputForm(forms.Form):
    """The district's population and, per element, the figures of the library
    types Pustaka does not hold (empty: not known)."""

    population = forms.IntegerField(label=_("Population of the district"), min_value=1)
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("E.g. BPS 2025, Dapodik 2025."),
    )

    def __init__(self, *args, entered: IplmInput | None, population: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        figures = entered.figures if entered else {}
        self.fields["population"].initial = entered.population if entered else population
        self.fields["source"].initial = entered.source if entered else ""
        for kind, kind_name in iplm.IPLM_INPUT_TYPES:
            for element in iplm.IPLM_ELEMENTS:
                self.fields[input_field_name(kind, element.code)] = forms.DecimalField(
                    label=f"{kind_name}: UPLM {element.number} {element.name}",
                    required=False,
                    min_value=0,
                    decimal_places=2,
                    max_digits=11,
                    initial=(figures.get(kind) or {}).get(element.code),
                )

    def grid(self) -> list[tuple[str, list]]:
        """Rows of the table: each library type with its field per element."""
        return [
            (kind_name, [self[input_field_name(kind, e.code)] for e in iplm.IPLM_ELEMENTS])
            for kind, kind_name in iplm.IPLM_INPUT_TYPES
        ]

    def figures(self) -> dict:
        data = self.cleaned_data
        return {
            kind: {
                element.code: data[input_field_name(kind, element.code)]
                for element in iplm.IPLM_ELEMENTS
                if data.get(input_field_name(kind, element.code)) is not None
            }
            for kind, _name in iplm.IPLM_INPUT_TYPES
        }


class ReportForm(forms.Form):
    """A report to make: which, of which library, for which days, in which language."""

    kind = forms.ChoiceField(label=_("Report"))
    library = forms.ModelChoiceField(
        queryset=None,
        to_field_name="code",
        required=False,
        label=_("Library"),
        help_text=_("For a library's impact brief."),
    )
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    grain = forms.ChoiceField(
        label=_("District tables: figures per"),
        choices=[
            ("month", _("Month")),
            ("quarter", _("Quarter")),
            ("year", _("Year")),
        ],
        initial="month",
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, libraries, district: bool, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = Report.Kind.choices if district else [Report.Kind.choices[0]]
        self.fields["kind"].choices = kinds
        self.fields["library"].queryset = libraries
        today = timezone.localdate()
        self.fields["start"].initial = datetime.date(today.year, 1, 1)
        self.fields["end"].initial = today
        self.fields["language"].initial = language
        if not district:
            del self.fields["grain"]
            self.fields["library"].required = True
            self.fields["library"].empty_label = None
