"""Reads of the reports kept for download: a library's briefs for those who
see the library, the district's reports for the office and its viewers; any
other report is a 404."""

from django.db.models import QuerySet
from django.http import Http404

from pustaka.core.permissions import access_for
from pustaka.monitoring.models import Report

RECENT = 30


def reports_for_user(user) -> QuerySet[Report]:
    """The reports ``user`` may see and download, newest first."""
    access = access_for(user)
    reports = Report.objects.select_related("library", "requested_by")
    if access.sees_all_libraries:
        return reports.order_by("-created_at")
    if access.library_id is None:
        return reports.none()
    return reports.filter(library_id=access.library_id).order_by("-created_at")


def report_for_user(user, report_id) -> Report:
    report = reports_for_user(user).filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report
