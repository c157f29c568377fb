"""Staff pages of the official indices and the reports, under
``/staff/monitoring/``: the district's indices of a year (IKM, TGM, IPLM
with its formula and inputs, each library's checklist), a library's indices,
the office's IPLM inputs, and reports asked for, followed and downloaded."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from pustaka.core.decorators import staff_required
from pustaka.core.errors import call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_for_user, library_for_user
from pustaka.monitoring import indices, iplm, reports, standard
from pustaka.monitoring.forms_reports import IplmInputForm, ReportForm, YearForm
from pustaka.monitoring.reports.queries import RECENT, report_for_user, reports_for_user
from pustaka.monitoring.services import iplm_input_set
from pustaka.monitoring.tasks import report_enqueue
from pustaka.surveys.policies import TGM_MEASURES, TGM_METHOD


def _method_context() -> dict:
    """What every indices page states about its methods."""
    return {
        "tgm_measures": TGM_MEASURES,
        "tgm_method": TGM_METHOD,
        "standard_method": standard.STANDARD_METHOD,
        "areas": standard.AREAS,
    }


@staff_required
def indices_district(request):
    """The district's indices of a year and each library's the user sees."""
    form = YearForm(request.GET)
    start, end = indices.year_span(form.chosen())
    found = indices.district_indices(user=request.user, start=start, end=end)
    context = {
        "form": form,
        "found": found,
        "may_enter": access_for(request.user).is_district_admin,
        **_method_context(),
    }
    return render(request, "monitoring/reports/indices.html", context)


@staff_required
def indices_library(request, code):
    """One library's IKM, TGM and checklist of a year (404 for another library's)."""
    library = library_for_user(request.user, code)
    form = YearForm(request.GET)
    start, end = indices.year_span(form.chosen())
    found = indices.library_indices(user=request.user, library=library, start=start, end=end)
    context = {"form": form, "found": found, **_method_context()}
    return render(request, "monitoring/reports/library_indices.html", context)


@staff_required
def iplm_inputs(request):
    """The office enters the IPLM's inputs of a year."""
    require(access_for(request.user).is_district_admin)
    year = YearForm(request.GET).chosen()
    entered = indices.iplm_input(year)
    form = IplmInputForm(
        request.POST or None, entered=entered, population=indices.district_population()
    )
    if request.method == "POST" and form.is_valid():
        saved, _input = call_on_form(
            form,
            iplm_input_set,
            actor=request.user,
            year=year,
            population=form.cleaned_data["population"],
            figures=form.figures(),
            source=form.cleaned_data["source"],
        )
        if saved:
            messages.success(request, _("The IPLM inputs of %(year)s are saved.") % {"year": year})
            return redirect(f"{request.path}?year={year}")
    context = {"form": form, "year": year, "elements": iplm.IPLM_ELEMENTS}
    return render(request, "monitoring/reports/iplm_inputs.html", context)


@staff_required
def report_list(request):
    """Ask for a report; the reports kept for download."""
    district = access_for(request.user).sees_all_libraries
    form = ReportForm(
        request.POST or None,
        libraries=libraries_for_user(request.user),
        district=district,
        language=translation.get_language(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made, report = call_on_form(
            form,
            report_enqueue,
            actor=request.user,
            kind=data["kind"],
            library=data["library"],
            start=data["start"],
            end=data["end"],
            language=data["language"],
            grain=data.get("grain"),
        )
        if made:
            return redirect("monitoring_reports:report", report_id=report.pk)
    context = {"form": form, "reports": reports_for_user(request.user)[:RECENT]}
    return render(request, "monitoring/reports/list.html", context)


@staff_required
def report_status(request, report_id):
    """How far a report has come; htmx asks for the progress part every second."""
    report = report_for_user(request.user, report_id)
    template = "monitoring/reports/status.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"report": report})


@staff_required
def report_download(request, report_id):
    """The report's file, for those who may see the report."""
    report = report_for_user(request.user, report_id)
    return report_file_response(report)


def report_file_response(report) -> FileResponse:
    """The file of a finished report as a download (404 while it is not ready)."""
    if report.status != report.Status.DONE or not report.file:
        raise Http404
    extension = reports.EXTENSIONS[report.kind]
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=reports.file_name(report),
        content_type=reports.CONTENT_TYPES[extension],
    )
