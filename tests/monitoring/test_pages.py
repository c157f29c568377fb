"""The monitoring pages: the district dashboard, a library's page, the rows
behind a figure, profile figures and targets — what each role sees."""

import re

import pytest

from pustaka.monitoring.models import LibraryFigure, Target

YEAR = {"period": "year:2025"}


@pytest.fixture
def client_for(client_for):
    """Signed-in clients reading in English (the Indonesian catalogue is the lead's)."""

    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


def _text(response) -> str:
    return response.content.decode()


def _row_names(html: str) -> list[str]:
    body = html.split('id="district-table"', 1)[1].split("<tfoot>", 1)[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', body)


def test_dashboard_lists_every_library_with_trend_lines_and_the_district(
    year_2025, admin, client_for, django_assert_max_num_queries
):
    client = client_for(admin)
    client.get("/staff/monitoring/", YEAR)  # the roll-up is built once
    with django_assert_max_num_queries(12):
        response = client.get("/staff/monitoring/", YEAR)
    html = _text(response)
    assert response.status_code == 200
    assert _row_names(html) == ["Perpustakaan Desa Bukit Biru", "Perpustakaan Desa Rebaq Rinding"]
    # each library's 10 figures and the district's, each with its trend line
    assert html.count('class="sparkline"') == 3 * 10
    assert 'aria-label="Visitors, the last 5 years: 0, 0, 0, 0, 25"' in html
    # the district's trends as charts and as a table
    assert html.count('class="bars"') == 10
    assert "The district's figures per period" in html


def test_a_figure_opens_the_rows_it_counts(year_2025, admin, client_for, library_a):
    html = _text(client_for(admin).get("/staff/monitoring/", YEAR))
    link = "/staff/monitoring/DSA/rows/?source=loans&amp;start=2025-01-01&amp;end=2025-12-31"
    assert f'<a href="{link}">3</a>' in html
    rows = client_for(admin).get(link.replace("&amp;", "&"))
    assert rows.status_code == 200
    assert "3 rows counted" in _text(rows)


def test_dashboard_sorts_on_the_server(year_2025, admin, client_for):
    client = client_for(admin)
    by_loans = _text(client.get("/staff/monitoring/", {**YEAR, "sort": "-loans"}))
    assert _row_names(by_loans)[0] == "Perpustakaan Desa Rebaq Rinding"
    assert 'aria-sort="descending"' in by_loans
    fewest = _text(client.get("/staff/monitoring/", {**YEAR, "sort": "loans"}))
    assert _row_names(fewest)[0] == "Perpustakaan Desa Bukit Biru"


def test_dashboard_filters_by_kecamatan(year_2025, admin, client_for):
    html = _text(client_for(admin).get("/staff/monitoring/", {**YEAR, "kecamatan": "64.02.06"}))
    assert _row_names(html) == ["Perpustakaan Desa Bukit Biru"]
    assert "Libraries shown" in html


def test_a_manager_sees_their_library_and_the_district_only(
    year_2025, manager_a, client_for, library_b
):
    html = _text(client_for(manager_a).get("/staff/monitoring/", YEAR))
    assert _row_names(html) == ["Perpustakaan Desa Rebaq Rinding"]
    assert "Bukit Biru" not in html
    # the district's totals, without links to other libraries' rows
    assert "/staff/monitoring/rows/" not in html


def test_another_librarys_pages_are_not_found(year_2025, manager_a, client_for):
    client = client_for(manager_a)
    assert client.get("/staff/monitoring/DSB/").status_code == 404
    assert client.get("/staff/monitoring/DSB/figures/").status_code == 404
    range_ = {"source": "loans", "start": "2025-01-01", "end": "2025-12-31"}
    assert client.get("/staff/monitoring/DSB/rows/", range_).status_code == 404
    assert client.get("/staff/monitoring/rows/", range_).status_code == 404


def test_library_page_shows_charts_with_tables_and_who_is_reached(year_2025, manager_a, client_for):
    response = client_for(manager_a).get("/staff/monitoring/DSA/", {"period": "quarter:2025-Q2"})
    html = _text(response)
    assert response.status_code == 200
    assert '<svg class="bars" role="img"' in html
    assert "The figures per period" in html
    # who is reached: the class of 23 (13 women and girls), by village
    assert "By gender" in html
    assert "Rebaq Rinding" in html
    assert "Kelas komputer" in html
    assert "Bisa membaca" in html


def test_members_by_disability_open_the_members_they_count(
    year_2025, admin, manager_a, manager_b, client_for
):
    from pustaka.members import services as member_services

    member_services.member_update(
        actor=admin, member=year_2025.ani, changes={"disability": "hearing"}
    )
    client = client_for(manager_a)
    html = _text(client.get("/staff/monitoring/DSA/", {"period": "quarter:2025-Q2"}))
    rows = "/staff/monitoring/DSA/rows/"
    days = "start=2025-04-01&amp;end=2025-06-30"
    # members at the end of Q2: Ani declared a disability, Bayu and Citra none
    assert f'<a href="{rows}?source=members&amp;part=disability.yes&amp;{days}">1</a>' in html
    assert f'<a href="{rows}?source=members&amp;part=disability.unknown&amp;{days}">2</a>' in html
    assert "not asked, or none declared" in html
    period = {"start": "2025-04-01", "end": "2025-06-30"}
    with_one = _text(client.get(rows, {"source": "members", "part": "disability.yes", **period}))
    assert "1 row counted" in with_one
    assert "Ani" in with_one
    assert "Bayu" not in with_one
    none_declared = {"source": "members", "part": "disability.unknown", **period}
    listed = _text(client.get(rows, none_declared))
    assert "2 rows counted" in listed
    assert "Bayu" in listed
    assert "Citra" in listed
    assert "Members: none declared" in listed
    new = _text(client.get(rows, {**none_declared, "source": "new_members"}))
    assert "1 row counted" in new
    assert "Citra" in new
    # scoped like the rest: another library's manager sees none of them
    assert client_for(manager_b).get(rows, none_declared).status_code == 404
    for part in ("disability.no", "purpose.read", "age.7-9"):
        assert client.get(rows, {**none_declared, "part": part}).status_code == 404
    assert client.get(rows, {**none_declared, "source": "loans"}).status_code == 404


def test_members_by_gender_and_age_open_the_members_they_count(year_2025, manager_a, client_for):
    client = client_for(manager_a)
    rows = "/staff/monitoring/DSA/rows/"
    q2 = {"source": "members", "start": "2025-04-01", "end": "2025-06-30"}
    # ages on 30 June: Ani 10, Bayu 35, Citra 65
    sixty = _text(client.get(rows, {**q2, "part": "age.60+"}))
    assert "1 row counted" in sixty
    assert "Citra" in sixty
    women = _text(client.get(rows, {**q2, "part": "gender.female"}))
    assert "2 rows counted" in women
    assert "Ani" in women
    assert "Citra" in women


def test_a_manager_records_a_profile_figure(year_2025, manager_a, client_for, library_a):
    client = client_for(manager_a)
    response = client.post(
        "/staff/monitoring/DSA/figures/",
        {"kind": "staff", "value": "3", "as_of": "2025-08-01", "source": "SK Kepala Desa"},
    )
    assert response.status_code == 302
    figure = LibraryFigure.objects.get(library=library_a, kind="staff")
    assert (figure.value, figure.source) == (3, "SK Kepala Desa")
    assert "SK Kepala Desa" in _text(client.get("/staff/monitoring/DSA/figures/"))


def test_a_future_figure_is_refused_in_words(year_2025, manager_a, client_for):
    client = client_for(manager_a)
    response = client.post(
        "/staff/monitoring/DSA/figures/", {"kind": "staff", "value": "3", "as_of": "2099-01-01"}
    )
    assert response.status_code == 200
    assert "Give a day that has passed" in _text(response)


def test_a_volunteer_may_not_record_figures(year_2025, volunteer_a, client_for):
    response = client_for(volunteer_a).post(
        "/staff/monitoring/DSA/figures/", {"kind": "staff", "value": "3", "as_of": "2025-08-01"}
    )
    assert response.status_code == 403


def test_the_office_sets_a_target_and_sees_progress(year_2025, admin, client_for, library_a):
    client = client_for(admin)
    response = client.post(
        "/staff/monitoring/targets/?year=2025",
        {"indicator": "loans", "library": "", "year": "2025", "value": "10"},
    )
    assert response.status_code == 302
    html = _text(client.get("/staff/monitoring/targets/", {"year": "2025"}))
    # A lent 3 of its 10, B none; the district 3 of 20
    assert "30 %" in html
    assert "15 %" in html


@pytest.mark.parametrize("user", ["manager_a", "viewer"])
def test_only_the_office_admin_sets_targets(year_2025, client_for, request, user):
    response = client_for(request.getfixturevalue(user)).post(
        "/staff/monitoring/targets/",
        {"indicator": "loans", "library": "", "year": "2025", "value": "10"},
    )
    assert response.status_code == 403
    assert not Target.objects.exists()


def test_the_office_opens_the_districts_rows_and_bad_days_are_said(year_2025, admin, client_for):
    client = client_for(admin)
    found = client.get(
        "/staff/monitoring/rows/",
        {"source": "activities", "start": "2025-01-01", "end": "2025-12-31"},
    )
    assert found.status_code == 200
    assert "Klub baca" in _text(found) and "Kelas komputer" in _text(found)
    backwards = client.get(
        "/staff/monitoring/rows/", {"source": "visits", "start": "2025-12-31", "end": "2025-01-01"}
    )
    assert backwards.status_code == 400
    assert "The end comes before the start." in _text(backwards)
    unknown = {"source": "secrets", "start": "2025-01-01", "end": "2025-12-31"}
    assert client.get("/staff/monitoring/rows/", unknown).status_code == 404


def test_a_target_and_a_figure_taken_back(year_2025, admin, manager_a, client_for, library_a):
    target = Target.objects.create(indicator="loans", library=None, year=2025, value=10)
    response = client_for(admin).post(f"/staff/monitoring/targets/{target.pk}/delete/")
    assert response.status_code == 302 and response["Location"].endswith("?year=2025")
    target.refresh_from_db()
    assert target.deleted_at is not None
    figure = LibraryFigure.objects.filter(library=library_a).first()
    client = client_for(manager_a)
    assert client.post(f"/staff/monitoring/DSB/figures/{figure.pk}/delete/").status_code == 404
    assert client.post(f"/staff/monitoring/DSA/figures/{figure.pk}/delete/").status_code == 302
    figure.refresh_from_db()
    assert figure.deleted_at is not None


def test_visits_by_purpose_and_activities_by_category_open_their_rows(
    year_2025, manager_a, client_for
):
    client = client_for(manager_a)
    html = _text(client.get("/staff/monitoring/DSA/", YEAR))
    rows = "/staff/monitoring/DSA/rows/"
    days = "start=2025-01-01&amp;end=2025-12-31"
    # the class of 23 came for an activity; the guest to read
    assert f'<a href="{rows}?source=visits&amp;part=purpose.activity&amp;{days}">23</a>' in html
    assert f'<a href="{rows}?source=visits&amp;part=purpose.read&amp;{days}">1</a>' in html
    reading = f'<a href="{rows}?source=activities&amp;part=category.reading&amp;{days}">1</a>'
    assert reading in html
    year = {"start": "2025-01-01", "end": "2025-12-31"}
    for_activity = _text(client.get(rows, {"source": "visits", "part": "purpose.activity", **year}))
    assert "1 row counted" in for_activity
    assert "Kelas 5" in for_activity
    held = _text(client.get(rows, {"source": "activities", "part": "category.reading", **year}))
    assert "1 row counted" in held
    assert "Klub baca" in held
    assert "Kelas komputer" not in held
    for source, part in (("visits", "purpose.nothing"), ("activities", "purpose.read")):
        assert client.get(rows, {"source": source, "part": part, **year}).status_code == 404


def test_the_district_page_adds_up_every_library_and_who_is_reached(
    year_2025, admin, manager_a, client_for
):
    html = _text(client_for(admin).get("/staff/monitoring/district/", YEAR))
    assert "The district's libraries together: 2025" in html
    assert "By gender" in html and "By village" in html
    # the office opens the district's rows: loans of A (3) and of B (none)
    days = "start=2025-01-01&amp;end=2025-12-31"
    assert f'<a href="/staff/monitoring/rows/?source=loans&amp;{days}">3</a>' in html
    assert "Klub baca" in html and "Partners engaged" in html
    # a manager sees the district's totals, but no rows of another library
    seen = _text(client_for(manager_a).get("/staff/monitoring/district/", YEAR))
    assert "By gender" in seen
    assert "/staff/monitoring/rows/" not in seen
    assert "Klub baca" not in seen


def test_long_lists_show_a_page_and_link_to_all_their_rows(
    year_2025, admin, manager_a, client_for, library_a, monkeypatch
):
    from pustaka.monitoring import views

    monkeypatch.setattr(views, "ROWS_PER_PAGE", 1)  # the year has two stories at A
    html = _text(client_for(manager_a).get("/staff/monitoring/DSA/", YEAR))
    stories = html.split('id="stories-title"', 1)[1].split("</section>", 1)[0]
    assert stories.count("<tr><td>") == 1
    all_rows = "/staff/monitoring/DSA/rows/?source=stories&amp;start=2025-01-01&amp;end=2025-12-31"
    assert f'<a href="{all_rows}">All 2 of the period</a>' in stories
    listed = _text(client_for(manager_a).get(all_rows.replace("&amp;", "&")))
    assert "Bisa membaca" in listed or "Toko daring" in listed
    assert "&amp;page=2" in listed  # the rows page goes on to the other
    # a list that fits says nothing more
    monkeypatch.setattr(views, "ROWS_PER_PAGE", 50)
    html = _text(client_for(manager_a).get("/staff/monitoring/DSA/", YEAR))
    assert "of the period</a>" not in html
