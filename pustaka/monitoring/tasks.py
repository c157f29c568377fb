"""Reports made in the background: asked for on the staff pages or the API,
made by a task that notes its progress on the ``Report`` row, and kept
under ``PUSTAKA_PRIVATE_ROOT`` for download by those who may see them.

Who may ask for what: a library's brief, anyone on the staff who sees the
library (a library manager their own library's); the district's report and
tables, the office and its viewers (they show every library)."""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.libraries.models import Library
from pustaka.monitoring import reports
from pustaka.monitoring.indices import FIRST_YEAR
from pustaka.monitoring.models import Report
from pustaka.monitoring.policies import GRAINS, MAX_YEARS
from pustaka.monitoring.reports.figures import grain_for


def _check_allowed(actor, kind: str, library: Library | None) -> None:
    access = access_for(actor)
    if not access.is_staff_member:
        raise NotPermitted
    if kind == Report.Kind.BRIEF:
        if library is None:
            raise Invalid(fields={"library": [_("Choose the library of the brief.")]})
        if not access.can_view_library(library.pk):
            raise NotFound
    elif kind in Report.Kind.values:
        if not access.sees_all_libraries:
            raise NotPermitted
    else:
        raise Invalid(fields={"kind": [_("Choose one of the reports.")]})


def _check_span(start: datetime.date, end: datetime.date) -> None:
    if start.year < FIRST_YEAR:
        message = _("Give a day from %(first)s on.") % {"first": FIRST_YEAR}
        raise Invalid(fields={"start": [message]})
    if end < start:
        raise Invalid(fields={"end": [_("The end comes before the start.")]})
    if (end - start).days > MAX_YEARS * 366:
        message = _("At most %(years)s years at once.") % {"years": MAX_YEARS}
        raise Invalid(fields={"end": [message]})


def report_enqueue(
    *,
    actor,
    kind: str,
    start: datetime.date,
    end: datetime.date,
    library: Library | None = None,
    language: str | None = None,
    grain: str | None = None,
) -> Report:
    """Keep the request and queue the report's making.

    Call it outside a transaction: the worker must find the row committed."""
    _check_allowed(actor, kind, library)
    _check_span(start, end)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise Invalid(fields={"language": [_("Choose one of the site's languages.")]})
    grain = grain or grain_for(start, end)
    if grain not in GRAINS:
        raise Invalid(fields={"grain": [_("Choose month, quarter or year.")]})
    report = Report.objects.create(
        kind=kind,
        library=library if kind == Report.Kind.BRIEF else None,
        start=start,
        end=end,
        grain=grain,
        language=language,
        requested_by=actor,
    )
    report_build.enqueue(str(report.pk))
    report.refresh_from_db()
    return report


@task()
def report_build(report_id: str) -> dict:
    """Make the file of the ``Report`` ``report_id`` in its language, noting progress."""
    report = Report.objects.select_related("library", "requested_by").get(pk=report_id)
    _note(report, status=Report.Status.RUNNING, started_at=timezone.now(), progress=5)
    try:
        with translation.override(report.language):
            data = reports.render(report, lambda percent: _note(report, progress=percent))
        report.file.save(reports.file_name(report), ContentFile(data), save=False)
    except Exception as error:
        reason = _("The report could not be made: %(error)s") % {"error": error}
        _note(report, status=Report.Status.FAILED, finished_at=timezone.now(), error=reason)
        raise
    _note(
        report,
        file=report.file.name,
        status=Report.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
    )
    return {"report": str(report.pk), "bytes": len(data)}


def _note(report: Report, **values) -> None:
    for name, value in values.items():
        setattr(report, name, value)
    report.save(update_fields=[*values, "updated_at"])
