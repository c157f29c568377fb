"""Background work of the catalogue: MARC files uploaded on the staff pages are
imported by a task, which records its progress on the ``MarcImport`` row; and
after a write too large for the search journal (an import), the latest broad
searches are run again so the next reader finds them remembered."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from pustaka.catalog.marc.importing import ImportReport, marc_import
from pustaka.catalog.models import MarcImport
from pustaka.catalog.search import cache, hitlists
from pustaka.catalog.search.service import SearchFilters, catalog_search
from pustaka.core.errors import NotPermitted
from pustaka.core.permissions import access_for


def marc_import_enqueue(*, actor, library, upload) -> MarcImport:
    """Keep the uploaded MARC file and queue its import into ``library``.

    Call it outside a transaction: the worker must find the row committed.
    """
    access = access_for(actor)
    if not (access.can_catalogue and access.can_manage_items(library.pk)):
        raise NotPermitted
    job = MarcImport.objects.create(
        library=library, uploaded_by=actor, file=upload, original_name=upload.name[:255]
    )
    marc_import_run.enqueue(str(job.pk), translation.get_language())
    job.refresh_from_db()
    return job


@task()
def marc_import_run(import_id: str, language: str | None = None) -> dict:
    """Import the file of the ``MarcImport`` ``import_id``, noting its
    progress; the reasons a record is refused are kept in ``language``, the
    uploader's (the worker's own is the server's default)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return _import(import_id)


def _import(import_id: str) -> dict:
    job = MarcImport.objects.select_related("library", "uploaded_by").get(pk=import_id)
    _note(job, status=MarcImport.Status.RUNNING, started_at=timezone.now())
    try:
        with job.file.open("rb") as source:
            report = marc_import(
                actor=job.uploaded_by,
                source=source,
                library=job.library,
                progress=lambda so_far: _note_progress(job, so_far),
            )
    except Exception as error:
        reason = _("The import stopped: %(error)s") % {"error": error}
        _note(
            job,
            status=MarcImport.Status.FAILED,
            finished_at=timezone.now(),
            errors=[*job.errors, {"position": 0, "reason": reason}],
        )
        raise
    _note_progress(job, report)
    _note(job, status=MarcImport.Status.DONE, finished_at=timezone.now())
    return report.as_dict()


@task()
def search_warm() -> dict:
    """Keep the hits of the commonest words again (``hitlists.warm``) and run
    the latest broad searches again (``cache.recent``): both were forgotten
    when a large write committed."""
    cache.warm_started()
    words = hitlists.warm()
    searches = cache.recent()
    for query, filters, sort in searches:
        narrowed = SearchFilters(**{name: _tupled(value) for name, value in filters.items()})
        catalog_search(query=query, filters=narrowed, sort=sort)
    return {"words": len(words), "searches": len(searches)}


@task()
def hitlist_build(word: str) -> dict:
    """Keep every hit of a word a search found broad (``hitlists``)."""
    return {"word": word, "hits": hitlists.made(word).size}


def _tupled(value):
    return tuple(value) if isinstance(value, list) else value


def _note_progress(job: MarcImport, report: ImportReport) -> None:
    _note(
        job,
        total=max(report.total or 0, report.processed),
        processed=report.processed,
        imported=report.imported,
        updated=report.updated,
        skipped=report.skipped,
        errors=report.errors,
        warnings=report.warnings,
    )


def _note(job: MarcImport, **values) -> None:
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=[*values, "updated_at"])
