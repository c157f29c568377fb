"""The MARC pages: upload a file and follow its import, download an export."""

import io

import pymarc
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pustaka.catalog.marc.importing import marc_import
from pustaka.catalog.models import MarcImport, Record
from tests.catalog.marc.conftest import data_field, marc_bytes, marc_record
from tests.core.html import cells, tags, text

IMPORT_URL = "/staff/catalog/marc/import/"
EXPORT_URL = "/staff/catalog/marc/export/"


@pytest.fixture
def english_client_for(client_for):
    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


def upload(data: bytes, name: str = "koleksi.mrc") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/marc")


def test_an_uploaded_file_is_imported_and_its_counts_shown(
    english_client_for, manager_a, library_a
):
    # given a file with two good records and a bad one
    data = marc_bytes(marc_record(control_number="PK1", title="Satu"), marc_record(title="Dua"))
    client = english_client_for(manager_a)
    # when the manager uploads it for their library
    response = client.post(IMPORT_URL, {"library": "DSA", "file": upload(data + b"0009")})
    # then the import ran and its page shows the progress and the counts
    job = MarcImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{IMPORT_URL}{job.pk}/"
    assert (job.status, job.total, job.processed, job.imported) == ("done", 3, 3, 2)
    assert job.original_name == "koleksi.mrc"
    assert len(job.errors) == 1
    page = client.get(response["Location"]).content.decode()
    progress = [attrs for tag, attrs in tags(page) if tag == "progress"]
    assert progress == [{"value": "3", "max": "3", "aria-labelledby": "import-numbers"}]
    assert "3 of 3 records read" in text(page)
    assert "2 imported" in text(page)
    assert cells(page, 1) == [
        f"record 3 (byte {len(data)}): the record is only 4 bytes long, too short for its leader"
    ]
    assert "hx-trigger" not in page
    assert sorted(Record.objects.values_list("title", flat=True)) == ["Dua", "Satu"]


def test_the_reasons_are_kept_in_the_uploaders_language(client_for, manager_a, library_a):
    from django.utils import translation

    from pustaka.catalog.tasks import marc_import_run

    # given a bad record uploaded by someone reading in English
    job = MarcImport.objects.create(
        library=library_a, uploaded_by=manager_a, file=upload(b"0009"), original_name="x.mrc"
    )
    # when a worker whose own language is Indonesian imports it
    with translation.override("id"):
        marc_import_run.call(str(job.pk), "en")
    # then the reason is in English
    job.refresh_from_db()
    assert job.errors[0]["reason"].endswith("too short for its leader")


def test_a_running_import_polls_every_second_and_offers_a_refresh_link(
    english_client_for, manager_a, library_a
):
    # given an import that is still running
    job = MarcImport.objects.create(
        library=library_a, uploaded_by=manager_a, status="running", total=1000, processed=500
    )
    client = english_client_for(manager_a)
    url = f"{IMPORT_URL}{job.pk}/"
    # when its page is shown, and when htmx asks for the progress
    page = client.get(url).content.decode()
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    # then the progress part polls itself, works without JS through a link, and
    # htmx gets that part only
    poller = next(attrs for tag, attrs in tags(page) if attrs.get("id") == "import-progress")
    assert (poller["hx-get"], poller["hx-trigger"]) == (url, "every 1s")
    assert (
        "progress",
        {"value": "500", "max": "1000", "aria-labelledby": "import-numbers"},
    ) in tags(page)
    assert "Refresh" in text(page)
    assert partial.lstrip().startswith('<div id="import-progress"')
    assert "<html" not in partial
    assert "500 of 1000 records read" in text(partial)


def test_the_library_choice_is_limited_to_the_users_own(english_client_for, manager_a, library_b):
    client = english_client_for(manager_a)
    page = client.get(IMPORT_URL).content.decode()
    options = [attrs["value"] for tag, attrs in tags(page) if tag == "option"]
    assert options == ["DSA"]
    response = client.post(
        IMPORT_URL, {"library": "DSB", "file": upload(marc_bytes(marc_record()))}
    )
    assert response.status_code == 200
    assert MarcImport.objects.count() == 0


def test_a_viewer_may_not_import(client_for, viewer):
    assert client_for(viewer).get(IMPORT_URL).status_code == 403


def test_another_librarys_import_is_not_found(client_for, manager_a, manager_b, library_a):
    job = MarcImport.objects.create(library=library_a, uploaded_by=manager_a)
    assert client_for(manager_b).get(f"{IMPORT_URL}{job.pk}/").status_code == 404
    assert client_for(manager_a).get(f"{IMPORT_URL}{job.pk}/").status_code == 200


def test_export_downloads_the_catalogue_or_a_librarys_holdings(
    english_client_for, admin, manager_a, library_a
):
    # given two records, one held by library A
    held = marc_record(title="Dipegang", fields=[data_field("952", a="DSA", p="A-1")])
    marc_import(actor=admin, source=marc_bytes(held, marc_record(title="Lain")), library=library_a)
    client = english_client_for(manager_a)
    # when the form is shown, then submitted for everything and for library A
    form_page = client.get(EXPORT_URL)
    everything = client.get(EXPORT_URL, {"library": "", "format": "mrc"})
    holdings = client.get(EXPORT_URL, {"library": "DSA", "format": "xml"})
    # then the downloads hold the records asked for
    assert "The whole union catalogue" in text(form_page.content.decode())
    assert everything["Content-Type"] == "application/marc"
    assert everything["Content-Disposition"].startswith('attachment; filename="pustaka-catalogue-')
    records = list(pymarc.MARCReader(b"".join(everything.streaming_content), to_unicode=True))
    assert sorted(record["245"]["a"] for record in records) == ["Dipegang", "Lain"]
    (record,) = pymarc.parse_xml_to_array(io.BytesIO(b"".join(holdings.streaming_content)))
    assert (record["245"]["a"], record["952"]["p"]) == ("Dipegang", "A-1")
