"""MARC through the API: an uploaded file is imported by the background task
(immediate in tests) with its progress and report; exports stream MARC."""

import io

import pymarc
from django.core.files.uploadedfile import SimpleUploadedFile

from pustaka.catalog.models import Item, Record


def marc_file(*titles: str) -> bytes:
    out = io.BytesIO()
    writer = pymarc.MARCWriter(out)
    for number, title in enumerate(titles, start=1):
        record = pymarc.Record(force_utf8=True)
        record.add_field(pymarc.Field(tag="001", data=f"API-{number}"))
        record.add_field(
            pymarc.Field(
                tag="245",
                indicators=["0", "0"],
                subfields=[pymarc.Subfield("a", title)],
            )
        )
        record.add_field(
            pymarc.Field(
                tag="952", indicators=[" ", " "], subfields=[pymarc.Subfield("p", f"API-B{number}")]
            )
        )
        writer.write(record)
    return out.getvalue()


def upload(client, library_code: str, data: bytes):
    file = SimpleUploadedFile("katalog.mrc", data, content_type="application/marc")
    return client.post("/api/v1/marc/imports", {"library": library_code, "file": file})


def test_upload_imports_in_the_background_and_reports(api_client_for, manager_a, library_a):
    client = api_client_for(manager_a)

    started = upload(client, library_a.code, marc_file("Budidaya Lele", "Cerita Rakyat Kutai"))
    report = client.get(f"/api/v1/marc/imports/{started.json()['id']}").json()

    assert started.status_code == 202
    assert (report["status"], report["imported"], report["errors"]) == ("done", 2, [])
    assert sorted(Record.objects.values_list("title", flat=True)) == [
        "Budidaya Lele",
        "Cerita Rakyat Kutai",
    ]
    assert set(Item.objects.values_list("library__code", "barcode")) == {
        ("DSA", "API-B1"),
        ("DSA", "API-B2"),
    }


def test_manager_cannot_import_into_another_library(api_client_for, manager_a, library_b):
    response = upload(api_client_for(manager_a), library_b.code, marc_file("Budidaya Lele"))

    assert response.status_code == 404
    assert not Record.objects.exists()


def test_another_librarys_import_is_not_found(api_client_for, manager_a, manager_b, library_a):
    started = upload(api_client_for(manager_a), library_a.code, marc_file("Budidaya Lele"))

    response = api_client_for(manager_b).get(f"/api/v1/marc/imports/{started.json()['id']}")

    assert response.status_code == 404


def test_export_streams_a_librarys_holdings_as_marc(api_client_for, manager_a, item_a):
    response = api_client_for(manager_a).get("/api/v1/marc/export?library=DSA&format=mrc")

    records = list(pymarc.MARCReader(b"".join(response.streaming_content)))
    assert response["Content-Type"] == "application/marc"
    assert [record["245"]["a"] for record in records] == ["Budidaya Lele di Kolam Terpal"]
    assert records[0]["952"]["p"] == item_a.barcode
