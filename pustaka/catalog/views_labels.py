"""Spine and barcode labels for chosen copies, as a PDF for A4 label sheets."""

import datetime

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pustaka.catalog import queries
from pustaka.catalog.labels import SHEETS, Label, labels_pdf
from pustaka.core.decorators import staff_required
from pustaka.libraries.queries import libraries_managed_by

MAX_LABELS = 2000


class LabelsForm(forms.Form):
    """Which copies (scanned barcodes, or everything added since a date) and which sheet."""

    library = forms.ModelChoiceField(label=gettext_lazy("Library"), queryset=None)
    barcodes = forms.CharField(
        label=gettext_lazy("Barcodes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "autofocus": True}),
        help_text=gettext_lazy(
            "Scan or type one barcode per line; or leave empty and give a date."
        ),
    )
    added_since = forms.DateField(
        label=gettext_lazy("Copies added since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sheet = forms.ChoiceField(label=gettext_lazy("Label sheet"))
    start_position = forms.IntegerField(
        label=gettext_lazy("Start at label number"),
        min_value=1,
        initial=1,
        help_text=gettext_lazy("To reuse a sheet that is partly used, counted across then down."),
    )

    def __init__(self, *args, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries
        self.fields["sheet"].choices = [(key, sheet.description) for key, sheet in SHEETS.items()]
        self.fields["added_since"].initial = timezone.localdate()

    def barcode_list(self) -> list[str]:
        lines = self.cleaned_data["barcodes"].splitlines()
        return list(dict.fromkeys(line.strip().upper() for line in lines if line.strip()))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("barcodes", "").strip() and not cleaned.get("added_since"):
            raise forms.ValidationError(_("Scan some barcodes or give a date."))
        return cleaned


@staff_required
def labels(request):
    """Choose copies and a sheet; answer with the PDF."""
    form = LabelsForm(request.POST or None, libraries=libraries_managed_by(request.user))
    if request.method == "POST" and form.is_valid():
        copies, unknown = _chosen_copies(request.user, form)
        if copies and not unknown:
            pdf = labels_pdf(
                [_label(item) for item in copies],
                sheet=form.cleaned_data["sheet"],
                start_position=form.cleaned_data["start_position"],
            )
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = 'attachment; filename="label.pdf"'
            return response
        form.add_error(None, _message(copies, unknown))
    return render(request, "catalog/labels.html", {"form": form})


def _chosen_copies(user, form: LabelsForm):
    library = form.cleaned_data["library"]
    copies = queries.items_for_user(user).filter(library=library).exclude(status="withdrawn")
    barcodes = form.barcode_list()
    if barcodes:
        found = {item.barcode: item for item in copies.filter(barcode__in=barcodes)}
        return [found[code] for code in barcodes if code in found], [
            code for code in barcodes if code not in found
        ]
    since = datetime.datetime.combine(form.cleaned_data["added_since"], datetime.time.min)
    recent = copies.filter(created_at__gte=timezone.make_aware(since))
    return list(recent.order_by("call_number", "barcode")[:MAX_LABELS]), []


def _label(item) -> Label:
    return Label(
        barcode=item.barcode,
        call_number=item.call_number,
        title=item.record.title,
        library_name=item.library.name,
    )


def _message(copies, unknown) -> str:
    if unknown:
        return _("Not copies of this library: %(codes)s") % {"codes": ", ".join(unknown)}
    return _("No copies were chosen.")
