"""Reports: the library impact brief and the district report as PDF (their
text read back with pypdf holds the figures), the district tables as Excel
(one sheet per indicator group), made by a background task that notes its
progress and kept for download; who may ask for and download which; and
the official indices' pages and API."""

import datetime
import html
import io
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from pustaka.core.errors import NotPermitted
from pustaka.monitoring import tasks
from pustaka.monitoring.definitions import GROUPS
from pustaka.monitoring.models import IplmInput, Report
from pustaka.monitoring.reports.brief import brief_content, brief_pdf
from pustaka.monitoring.reports.district import district_content, district_pdf
from pustaka.monitoring.reports.excel import district_workbook
from pustaka.programs import services as programs_services
from pustaka.programs.models import Story
from tests.monitoring.test_official import SKM_SUMS, answer_skm, skm_survey

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PUSTAKA_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def english_client_for(client_for):
    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


@pytest.fixture
def api_for(admin):
    from django.test import Client

    from pustaka.core.services import api_token_create

    def make(user):
        _token, secret = api_token_create(actor=admin, user=user, name=f"api {user.username}")
        headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
        return Client(headers=headers)

    return make


@pytest.fixture
def published_story(year_2025, manager_a):
    """The story of May 2025 (with consent), published as "Ibu S., penjahit"."""
    story = Story.objects.get(title="Bisa membaca")
    programs_services.story_update(
        actor=manager_a, story=story, changes={"shown_as": "Ibu S., penjahit"}
    )
    return programs_services.story_publish(actor=manager_a, story=story)


def pdf_words(data: bytes) -> tuple[int, str]:
    """The number of pages and the text of a PDF, spaces and line ends as single spaces."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def words(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


# -- the library impact brief ------------------------------------------------------------


def test_brief_says_the_libraries_figures_and_its_consented_story(
    published_story, admin, library_a
):
    # given library A's hand-counted 2025, its consented story published
    with translation.override("en"):
        brief = brief_content(user=admin, library=library_a, start=START, end=END)
        pages, text = pdf_words(brief_pdf(brief, compress=False))
    # then one page for the village head says what the library did
    assert pages <= 2
    assert "Perpustakaan Desa Rebaq Rinding: what the library did" in text
    assert "welcomed 25 visitors, lent 3 books and held 2 activities with 16 participants" in text
    assert "Members at the end 3 new" in text
    # who was reached: 14 women and girls visited, 9 took part; 2 visitors with a disability
    assert "Gender: women and girls 14 9" in text
    assert "Disability: with a disability 2 1" in text
    # the activities, partners and what they gave, the village fund
    assert "Kelas komputer Literasi digital 3" in text
    assert "Contributions in money Rp 500,000, in kind worth Rp 200,000" in text
    assert "Village fund allocated to the library: Rp 25,000,000." in text
    assert "Pemdes (Village government)" in text
    # the published story under the name the person agreed to, never the other one
    assert "Bisa membaca" in text and "Ibu S., penjahit" in text
    assert "Toko daring" not in text and "Ibu Salmah" not in text


def test_brief_without_a_published_story_has_none(year_2025, admin, library_a):
    with translation.override("en"):
        brief = brief_content(user=admin, library=library_a, start=START, end=END)
    assert brief.story is None
    assert "A story of change" not in pdf_words(brief_pdf(brief, compress=False))[1]


def test_brief_compares_with_the_period_before(year_2025, admin, library_a):
    # the second half of 2025 against the first: 23 visitors in May, 0 from July
    with translation.override("en"):
        brief = brief_content(
            user=admin,
            library=library_a,
            start=datetime.date(2025, 7, 1),
            end=datetime.date(2025, 12, 31),
        )
    figures = {code: (value, change) for code, _label, value, change in brief.figures}
    assert figures["visits.people"] == (0, "-100%")
    assert figures["activities"] == (0, "-100%")
    assert figures["members.total"] == (3, "+0%")


def test_brief_in_indonesian_writes_numbers_the_indonesian_way(year_2025, admin, library_a):
    with translation.override("id"):
        brief = brief_content(user=admin, library=library_a, start=START, end=END)
        text = pdf_words(brief_pdf(brief, compress=False))[1]
    assert "Rp 25.000.000" in text


def test_brief_of_a_library_the_user_may_not_see_is_not_found(year_2025, manager_a, library_b):
    from django.http import Http404

    with pytest.raises(Http404):
        brief_content(user=manager_a, library=library_b, start=START, end=END)


# -- the district report ------------------------------------------------------------------


def test_district_report_has_every_library_and_the_official_indices(
    year_2025, clock, admin, manager_a, library_a
):
    with clock(2025, 6, 1, 10, 0):
        answer_skm(skm_survey(manager_a, library_a), SKM_SUMS, 10, "p")
    with translation.override("en"):
        report = district_content(user=admin, start=START, end=END)
        pages, text = pdf_words(district_pdf(report, compress=False))
    assert pages >= 2
    # the programme's figures for the district
    assert "Community involvement activities 2" in text
    assert "Participants in activities 16" in text
    assert "Stories of change with consent 1" in text
    # each library side by side, then the district
    assert "Perpustakaan Desa Rebaq Rinding Muara Muntai 25 3 3 3 2 16 2" in text
    assert "Perpustakaan Desa Bukit Biru Tenggarong 0 0 1 1 0 0 0" in text
    # the IKM of DOMAIN.md's worked example, the IPLM waiting for its inputs
    assert "Perpustakaan Desa Rebaq Rinding 10 3.3333 83.33 B (Good)" in text
    assert "The IPLM needs the office's inputs for the year" in text


def test_district_report_is_for_the_office_and_its_viewers(year_2025, manager_a, viewer):
    with pytest.raises(NotPermitted):
        district_content(user=manager_a, start=START, end=END)
    with pytest.raises(NotPermitted):
        district_workbook(user=manager_a, start=START, end=END)
    assert district_content(user=viewer, start=START, end=END).table.rows


def test_district_workbook_has_a_sheet_per_indicator_group(year_2025, admin):
    with translation.override("en"):
        book = load_workbook(io.BytesIO(district_workbook(user=admin, start=START, end=END)))
        groups = [str(label) for label in GROUPS.values()]
    assert book.sheetnames == [*groups, "Official indices"]
    loans = list(book["Loans"].iter_rows(values_only=True))
    header = loans[0]
    assert header[:6] == ("Library code", "Library", "Kecamatan", "Period", "From", "To")
    column = header.index("Loans")
    by_row = {(row[0], row[3]): row[column] for row in loans[1:]}
    # library A lent once in March (23:30 on the 31st, WITA) and twice in April
    assert (by_row[("DSA", "2025-03")], by_row[("DSA", "2025-04")]) == (1, 2)
    assert by_row[(None, "2025-04")] == 2  # the district's row has no code
    assert len(loans) == 1 + 3 * 12  # two libraries and the district, twelve months
    visits = list(book["Visits"].iter_rows(values_only=True))
    people = visits[0].index("Visitors")
    assert sum(row[people] for row in visits[1:] if row[0] == "DSA") == 25


# -- made in the background, kept for download ---------------------------------------------


def test_task_notes_its_progress_and_keeps_the_file(year_2025, admin, library_a, monkeypatch):
    noted = []
    note = tasks._note

    def spy(report, **values):
        noted.append(values.get("progress"))
        note(report, **values)

    monkeypatch.setattr(tasks, "_note", spy)
    report = tasks.report_enqueue(
        actor=admin, kind="district_xlsx", start=START, end=END, language="en"
    )
    assert (report.status, report.progress) == ("done", 100)
    progress = [value for value in noted if value is not None]
    assert progress[0] == 5 and progress[-1] == 100 and len(progress) > 3
    assert progress == sorted(progress)
    assert report.started_at <= report.finished_at
    assert report.file.name.startswith("reports/")
    with report.file.open("rb") as kept:
        assert load_workbook(kept).sheetnames[-1] == "Official indices"


def test_a_report_that_fails_says_why(year_2025, admin, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("pustaka.monitoring.reports.district_workbook", broken)
    report = tasks.report_enqueue(actor=admin, kind="district_xlsx", start=START, end=END)
    assert report.status == "failed"
    assert "disk full" in report.error
    assert not report.file


def test_manager_makes_and_downloads_their_librarys_brief(
    published_story, english_client_for, manager_a
):
    client = english_client_for(manager_a)
    response = client.post(
        "/staff/monitoring/reports/",
        {
            "kind": "brief",
            "library": "DSA",
            "start": "2025-01-01",
            "end": "2025-12-31",
            "language": "en",
        },
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/monitoring/reports/{report.pk}/"
    page = words(client.get(response["Location"]))
    assert "Ready" in page and "Download the report" in page
    download = client.get(f"/staff/monitoring/reports/{report.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    assert "pustaka-brief-DSA-2025-01-01-2025-12-31.pdf" in download["Content-Disposition"]
    text = pdf_words(b"".join(download.streaming_content))[1]
    assert "lent 3 books" in text


def test_manager_may_not_make_another_librarys_brief_or_the_district_report(
    year_2025, english_client_for, api_for, manager_a
):
    client = english_client_for(manager_a)
    form = words(client.get("/staff/monitoring/reports/"))
    assert "District report (PDF)" not in form
    refused = client.post(
        "/staff/monitoring/reports/",
        {
            "kind": "brief",
            "library": "DSB",
            "start": "2025-01-01",
            "end": "2025-12-31",
            "language": "en",
        },
    )
    assert refused.status_code == 200 and not Report.objects.exists()
    api = api_for(manager_a)
    other = api.post(
        "/api/v1/reports",
        {"kind": "brief", "library": "DSB", "start": "2025-01-01", "end": "2025-12-31"},
        content_type="application/json",
    )
    assert other.status_code == 404
    district = api.post(
        "/api/v1/reports",
        {"kind": "district_pdf", "start": "2025-01-01", "end": "2025-12-31"},
        content_type="application/json",
    )
    assert district.status_code == 403


def test_reports_of_another_library_and_the_districts_are_not_found_for_a_manager(
    year_2025, english_client_for, admin, manager_a, library_b
):
    theirs = tasks.report_enqueue(
        actor=admin, kind="brief", library=library_b, start=START, end=END
    )
    district = tasks.report_enqueue(actor=admin, kind="district_pdf", start=START, end=END)
    client = english_client_for(manager_a)
    for report in (theirs, district):
        assert client.get(f"/staff/monitoring/reports/{report.pk}/").status_code == 404
        assert client.get(f"/staff/monitoring/reports/{report.pk}/download/").status_code == 404
    assert "No report made yet." in words(client.get("/staff/monitoring/reports/"))


def test_viewer_makes_the_district_report_through_the_api(year_2025, api_for, viewer):
    api = api_for(viewer)
    asked = api.post(
        "/api/v1/reports",
        {"kind": "district_pdf", "start": "2025-01-01", "end": "2025-12-31", "language": "en"},
        content_type="application/json",
    )
    assert asked.status_code == 202
    report = asked.json()
    assert (report["status"], report["progress"], report["library"]) == ("done", 100, None)
    status = api.get(f"/api/v1/reports/{report['id']}").json()
    assert status["file"] == f"/api/v1/reports/{report['id']}/file"
    download = api.get(status["file"])
    assert download["Content-Type"] == "application/pdf"
    assert "report of the libraries" in pdf_words(b"".join(download.streaming_content))[1]
    assert [item["id"] for item in api.get("/api/v1/reports").json()] == [report["id"]]


def test_report_request_refuses_a_span_backwards(year_2025, api_for, admin):
    refused = api_for(admin).post(
        "/api/v1/reports",
        {"kind": "district_xlsx", "start": "2025-12-31", "end": "2025-01-01"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["fields"] == {"end": ["The end comes before the start."]}


# -- the official indices' pages and API ----------------------------------------------------


def test_indices_page_shows_each_figure_with_its_formula(
    year_2025, clock, english_client_for, manager_a, admin, library_a
):
    with clock(2025, 6, 1, 10, 0):
        answer_skm(skm_survey(manager_a, library_a), SKM_SUMS, 10, "p")
    page = words(english_client_for(admin).get("/staff/monitoring/indices/?year=2025"))
    assert "IKM 3.3333 (on 1–4), 83.33 on the 25–100 scale: grade B, “Good”." in page
    assert "U8 Handling of complaints, suggestions and feedback 10 2.9000 0.3222" in page
    assert "FM · Reading frequency (times a week): 7 or more = 100; weight 0.3" in page
    assert "UPLM 2 · Sufficiency of the collection" in page
    assert "Public libraries Copies held at the year's end 0.5 4 – –" in page
    assert "Enter the inputs of the year" in page


def test_office_enters_the_iplm_inputs_and_the_index_is_computed(
    year_2025, english_client_for, admin
):
    client = english_client_for(admin)
    data = {"population": "2000", "source": "BPS 2025"}
    for kind in ("school", "university", "special"):
        for code in ("libraries", "collection", "staff", "daily_visits", "standard"):
            data[f"{kind}__{code}"] = "0"
        data[f"{kind}__participants"] = "0"
        data[f"{kind}__members"] = "0"
    data["school__libraries"] = "3"
    response = client.post("/staff/monitoring/indices/inputs/?year=2025", data)
    assert response.status_code == 302
    assert IplmInput.objects.get(year=2025).figures["school"]["libraries"] == "3"
    page = words(client.get("/staff/monitoring/indices/?year=2025"))
    assert "P = 2,000 people (entered for the year)." in page
    # UPLM 1 = 2.5 x (0.5 x 2/2000 + 0.2 x 3/2000) = 2.5 x 0.0008 = 0.002
    assert "School libraries 0.2 3 0.001500 0.000300" in page
    assert "UPLM = 2.5 × the weighted ratios added up 0.002000" in page
    assert re.search(r"IPLM = 0\.\d{6} / 7 × 100 = 0\.\d\d: “Very low”", page)


def test_only_the_office_enters_iplm_inputs(year_2025, english_client_for, manager_a, viewer):
    for user in (manager_a, viewer):
        assert english_client_for(user).get("/staff/monitoring/indices/inputs/").status_code == 403


def test_manager_sees_their_librarys_indices_and_the_districts_only(
    year_2025, english_client_for, api_for, manager_a
):
    client = english_client_for(manager_a)
    page = words(client.get("/staff/monitoring/indices/?year=2025"))
    assert "Perpustakaan Desa Rebaq Rinding" in page and "Bukit Biru" not in page
    own = words(client.get("/staff/monitoring/indices/DSA/?year=2025"))
    assert "The head has had library training The manager took part" in own
    assert client.get("/staff/monitoring/indices/DSB/?year=2025").status_code == 404
    api = api_for(manager_a)
    found = api.get("/api/v1/indices?year=2025").json()
    assert [row["library"] for row in found["libraries"]] == ["DSA"]
    assert found["iplm"]["elements"][1]["pustaka"] == "4"
    assert api.get("/api/v1/indices/DSB?year=2025").status_code == 404
    checklist = api.get("/api/v1/indices/DSA?year=2025").json()["checklist"]
    statuses = {item["code"]: item["status"] for item in checklist["criteria"]}
    assert (statuses["collection.titles"], statuses["staff.head_training"]) == ("fail", "pass")


def test_indices_of_a_year_out_of_range_are_refused(year_2025, api_for, admin):
    refused = api_for(admin).get("/api/v1/indices?year=1999")
    assert refused.status_code == 422


def test_indices_of_any_period_through_the_api(year_2025, api_for, admin):
    api = api_for(admin)
    half = api.get("/api/v1/indices?from=2025-01-01&to=2025-06-30").json()
    assert (half["start"], half["end"], half["year"]) == ("2025-01-01", "2025-06-30", 2025)
    assert half["iplm"]["year"] == 2025
    own = api.get("/api/v1/indices/DSA?from=2025-04-01&to=2025-06-30")
    assert own.status_code == 200
    assert own.json()["checklist"]["as_on"] == "2025-06-30"
    for query in ("from=2025-06-30&to=2025-01-01", "from=2025-01-01", ""):
        refused = api.get(f"/api/v1/indices?{query}")
        assert refused.status_code == 422, query


def test_iplm_inputs_through_the_api(year_2025, api_for, admin, manager_a):
    body = {"population": 5000, "figures": {"special": {"staff": "2.5"}}, "source": "BPS"}
    saved = api_for(admin).put("/api/v1/iplm-inputs/2025", body, content_type="application/json")
    assert saved.status_code == 200
    assert saved.json()["figures"] == {"special": {"staff": "2.5"}}
    refused = api_for(manager_a).put(
        "/api/v1/iplm-inputs/2025", body, content_type="application/json"
    )
    assert refused.status_code == 403


def test_dashboard_and_library_pages_link_to_the_indices_and_reports(
    year_2025, english_client_for, admin
):
    client = english_client_for(admin)
    dashboard = client.get("/staff/monitoring/?period=2025&grain=year").content.decode()
    assert 'href="/staff/monitoring/indices/?year=' in dashboard
    assert 'href="/staff/monitoring/reports/"' in dashboard
    library = client.get("/staff/monitoring/DSA/").content.decode()
    assert 'href="/staff/monitoring/indices/DSA/?year=' in library


def test_brief_stays_within_two_pages_when_everything_is_full(library_a):
    # given the most a brief shows: 13 months of bars, every group reached,
    # eight activities with long titles, ten partners and a long story
    from pustaka.monitoring.reports.brief import KEY_CODES, Brief
    from pustaka.monitoring.reports.figures import ReachRow

    long = "Pelatihan literasi digital dan pemasaran daring untuk pelaku UMKM desa " * 2
    brief = Brief(
        library=library_a,
        start=datetime.date(2024, 12, 1),
        end=END,
        figures=[(code, code, 123456, "+12%") for code in KEY_CODES],
        trend_labels=[f"M{month}" for month in range(13)],
        visitors=list(range(0, 1300, 100)),
        loans=list(range(13)),
        reach=[
            ("Gender", [ReachRow("women", 10, 10), ReachRow("men", 9, 9), ReachRow("?", 1, 1)]),
            ("Age group", [ReachRow(f"group {n}", n, n) for n in range(7)]),
            ("Disability", [ReachRow(f"d{n}", n, n) for n in range(3)]),
        ],
        activities=[
            (datetime.date(2025, 6, n + 1), long, "Literasi digital", 30) for n in range(8)
        ],
        activity_total=40,
        partners=[
            (f"Mitra desa nomor {n} yang namanya panjang", "Business or CSR") for n in range(10)
        ],
        money=12_500_000,
        in_kind=3_000_000,
        hours=120,
        village_fund=50_000_000,
        story=Story(
            title="Dari membaca ke usaha",
            shown_as="Ibu S., penjahit",
            what_changed="Kata demi kata " * 200,
            happened_on=datetime.date(2025, 5, 10),
            helped_by="Pojok komputer",
        ),
    )
    with translation.override("en"):
        pages, text = pdf_words(brief_pdf(brief, compress=False))
    assert pages <= 2
    assert "Dari membaca ke usaha" in text and text.count("Kata demi kata") < 100
