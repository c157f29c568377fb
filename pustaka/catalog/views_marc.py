"""Staff pages for MARC: upload a file to import (a background task, followed
on a progress page) and download the catalogue or a library's holdings."""

from django import forms
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pustaka.catalog.marc.exporting import marc_export_chunks
from pustaka.catalog.models import MarcImport
from pustaka.catalog.tasks import marc_import_enqueue
from pustaka.core.decorators import staff_required
from pustaka.core.permissions import access_for, require, scope_to_user
from pustaka.libraries.queries import libraries_for_user, libraries_managed_by

CONTENT_TYPES = {"mrc": "application/marc", "xml": "application/marcxml+xml"}
RECENT_IMPORTS = 10


class MarcImportForm(forms.Form):
    """A MARC file and the library that receives its copies."""

    file = forms.FileField(
        label=_("MARC file"),
        help_text=_("MARC 21 (.mrc, MARC-8 or UTF-8) or MARCXML (.xml)."),
    )
    library = forms.ModelChoiceField(
        queryset=None,
        to_field_name="code",
        empty_label=None,
        label=_("Library"),
        help_text=_("Copies go to this library unless their 952 or 852 field names another."),
    )

    def __init__(self, *args, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries


class MarcExportForm(forms.Form):
    """What to export: everything or one library's holdings, and the format."""

    library = forms.ModelChoiceField(
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label=_("The whole union catalogue"),
        label=_("Records"),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("mrc", _("MARC 21 (ISO 2709, UTF-8)")), ("xml", _("MARCXML"))],
    )

    def __init__(self, *args, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries


@staff_required
def marc_import_upload(request):
    """Upload a MARC file; its import runs in the background."""
    require(access_for(request.user).can_catalogue)
    libraries = libraries_managed_by(request.user)
    form = MarcImportForm(request.POST or None, request.FILES or None, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        job = marc_import_enqueue(
            actor=request.user,
            library=form.cleaned_data["library"],
            upload=form.cleaned_data["file"],
        )
        return redirect("catalog_marc:import_status", import_id=job.pk)
    imports = scope_to_user(MarcImport.objects.select_related("library"), request.user)
    context = {"form": form, "imports": imports[:RECENT_IMPORTS]}
    return render(request, "catalog/marc_import.html", context)


@staff_required
def marc_import_status(request, import_id):
    """How far an import has come; htmx asks for the progress part every second."""
    imports = scope_to_user(MarcImport.objects.select_related("library"), request.user)
    job = get_object_or_404(imports, pk=import_id)
    template = "catalog/marc_import_status.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"job": job})


@staff_required
def marc_export_download(request):
    """The export form; submitted, the MARC file itself, streamed."""
    form = MarcExportForm(request.GET or None, libraries=libraries_for_user(request.user))
    if not form.is_bound or not form.is_valid():
        return render(request, "catalog/marc_export.html", {"form": form})
    return marc_download(library=form.cleaned_data["library"], fmt=form.cleaned_data["format"])


def marc_download(*, library, fmt: str) -> StreamingHttpResponse:
    """The union catalogue, or ``library``'s holdings, streamed as a MARC file."""
    response = StreamingHttpResponse(
        marc_export_chunks(library=library, fmt=fmt), content_type=CONTENT_TYPES[fmt]
    )
    name = f"pustaka-{library.code if library else 'catalogue'}-{timezone.localdate():%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
