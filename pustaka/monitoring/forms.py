"""Forms of the monitoring pages: choosing a period (and a kecamatan), a
range for the rows behind a figure, a profile figure, a target."""

import datetime

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from pustaka.libraries.queries import kecamatan_list
from pustaka.monitoring import policies
from pustaka.monitoring.models import LibraryFigure, Target
from pustaka.monitoring.policies import Period

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YEARS_OFFERED = 6
QUARTERS_OFFERED = 8
MONTHS_OFFERED = 24


def period_label(period: Period) -> str:
    """A period in words: "2025", "Q3 2025", "July 2025"."""
    if period.grain == "year":
        return str(period.start.year)
    if period.grain == "quarter":
        return _("Q%(quarter)s %(year)s") % {
            "quarter": (period.start.month - 1) // 3 + 1,
            "year": period.start.year,
        }
    return formats.date_format(period.start, "F Y")


def period_choices(today: datetime.date) -> list:
    """The periods offered, grouped by grain, the latest first: ``grain:key``."""
    groups = []
    for grain, count, title in (
        ("year", YEARS_OFFERED, _("Years")),
        ("quarter", QUARTERS_OFFERED, _("Quarters")),
        ("month", MONTHS_OFFERED, _("Months")),
    ):
        periods = policies.periods_ending(policies.period_of(today, grain), count)
        choices = [(f"{grain}:{p.key}", period_label(p)) for p in reversed(periods)]
        groups.append((title, choices))
    return groups


class PeriodForm(forms.Form):
    """A month, quarter or year to look at (default: this year so far)."""

    period = forms.ChoiceField(label=_("Period"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()
        self.fields["period"].choices = period_choices(self.today)

    def clean_period(self) -> Period:
        value = self.cleaned_data.get("period") or f"year:{self.today.year}"
        grain, _sep, key = value.partition(":")
        return policies.period_parse(key, grain)

    def chosen(self) -> Period:
        """The chosen period; this year when the choice is missing or unknown."""
        if self.is_valid():
            return self.cleaned_data["period"]
        return policies.period_of(self.today, "year")


class DashboardForm(PeriodForm):
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everywhere = [("", _("Every kecamatan"))]
        self.fields["kecamatan"].choices = everywhere + [
            (region.code, region.name) for region in kecamatan_list().order_by("name")
        ]

    def chosen_kecamatan(self) -> str:
        return self.cleaned_data.get("kecamatan", "") if self.is_valid() else ""

    def chosen_sort(self) -> str:
        return self.cleaned_data.get("sort", "") if self.is_valid() else ""


class RangeForm(forms.Form):
    """The days behind a figure (the link from the figure gives them)."""

    source = forms.CharField()
    part = forms.CharField(required=False)  # a breakdown: "disability.yes"
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end comes before the start."))
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"], "range")


class FigureForm(forms.ModelForm):
    class Meta:
        model = LibraryFigure
        fields = ["kind", "value", "as_of", "source"]
        widgets = {"as_of": DATE}


class TargetForm(forms.ModelForm):
    """A target: the indicators offered come from the view (codes and labels)."""

    indicator = forms.ChoiceField(label=_("Indicator"))

    class Meta:
        model = Target
        fields = ["indicator", "library", "year", "value"]

    def __init__(self, *args, indicators=(), libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(item.code, item.label) for item in indicators]
        self.fields["library"].queryset = libraries
        self.fields["library"].empty_label = _("Every library without its own target")
