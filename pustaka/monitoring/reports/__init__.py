"""The reports monitoring makes: the library impact brief (PDF), the district
report (PDF) and its tables (Excel). ``render`` makes the file of a
``Report`` row in the active language; ``tasks.py`` runs it in the background."""

from collections.abc import Callable

from pustaka.monitoring.models import Report
from pustaka.monitoring.reports.brief import brief_content, brief_pdf
from pustaka.monitoring.reports.district import district_content, district_pdf
from pustaka.monitoring.reports.excel import district_workbook

EXTENSIONS = {
    Report.Kind.BRIEF: "pdf",
    Report.Kind.DISTRICT_PDF: "pdf",
    Report.Kind.DISTRICT_XLSX: "xlsx",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(report: Report, progress: Callable[[int], None]) -> bytes:
    """The file of ``report``, made as the user who asked for it."""
    user, start, end = report.requested_by, report.start, report.end
    if report.kind == Report.Kind.BRIEF:
        content = brief_content(user=user, library=report.library, start=start, end=end)
        progress(70)
        return brief_pdf(content)
    if report.kind == Report.Kind.DISTRICT_PDF:
        return district_pdf(district_content(user=user, start=start, end=end, progress=progress))
    return district_workbook(user=user, start=start, end=end, grain=report.grain, progress=progress)


def file_name(report: Report) -> str:
    """``pustaka-brief-DS01-2025-01-01-2025-12-31.pdf`` and the like."""
    owner = report.library.code if report.library else "district"
    kind = report.kind.replace("_", "-")
    return f"pustaka-{kind}-{owner}-{report.start}-{report.end}.{EXTENSIONS[report.kind]}"
