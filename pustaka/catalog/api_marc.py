"""The MARC part of the API: upload a file to import (a background task with its
progress and report) and download the union catalogue or a library's holdings."""

import datetime
from typing import Literal
from uuid import UUID

from django.http import Http404
from ninja import File, Form, Router, Schema, Status, UploadedFile

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.catalog.models import MarcImport
from pustaka.catalog.tasks import marc_import_enqueue
from pustaka.catalog.views_marc import marc_download
from pustaka.core.permissions import scope_to_user
from pustaka.libraries.queries import library_for_user

router = Router(tags=["MARC"])


class ImportProblem(Schema):
    position: int
    reason: str


class ImportOut(Schema):
    id: UUID
    library: str
    file_name: str
    status: Literal["queued", "running", "done", "failed"]
    total: int
    processed: int
    imported: int
    updated: int
    skipped: int
    errors: list[ImportProblem]
    warnings: list[str]
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None

    @staticmethod
    def from_job(job: MarcImport) -> "ImportOut":
        return ImportOut(
            id=job.pk,
            library=job.library.code,
            file_name=job.original_name,
            status=job.status,
            total=job.total,
            processed=job.processed,
            imported=job.imported,
            updated=job.updated,
            skipped=job.skipped,
            errors=job.errors,
            warnings=job.warnings,
            started_at=job.started_at,
            finished_at=job.finished_at,
        )


@router.post(
    "/marc/imports",
    response={202: ImportOut, frozenset({401, 403, 404, 422}): ErrorOut},
    summary="Import a MARC file (ISO 2709 or MARCXML) into a library, in the background",
)
def marc_import_start(request, library: Form[str], file: File[UploadedFile]):
    """Queues the import and answers at once; poll ``GET /marc/imports/{id}``."""
    user = caller(request)
    target = library_for_user(user, library)
    job = marc_import_enqueue(actor=user, library=target, upload=file)
    return Status(202, ImportOut.from_job(job))


@router.get(
    "/marc/imports/{import_id}",
    response={200: ImportOut, frozenset({401, 403, 404}): ErrorOut},
    summary="Progress and report of a MARC import",
)
def marc_import_read(request, import_id: UUID):
    imports = scope_to_user(MarcImport.objects.select_related("library"), caller(request))
    job = imports.filter(pk=import_id).first()
    if job is None:
        raise Http404
    return ImportOut.from_job(job)


@router.get(
    "/marc/export",
    response={200: None, frozenset({401, 403, 404}): ErrorOut},
    summary="The union catalogue, or one library's holdings, as MARC 21",
)
def marc_export(request, library: str | None = None, format: Literal["mrc", "xml"] = "mrc"):
    """Streams ISO 2709 (``mrc``) or MARCXML (``xml``); a library's export
    carries its copies as 952 fields."""
    holder = library_for_user(caller(request), library) if library else None
    return marc_download(library=holder, fmt=format)
