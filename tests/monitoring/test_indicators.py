"""Every indicator against the year counted by hand in ``conftest.year_2025``."""

import datetime

import pytest

from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.monitoring.indicators import indicators

JAN_1, DEC_31 = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def _table(user, grain, *, start=JAN_1, end=DEC_31, libraries=None):
    return indicators(user=user, libraries=libraries, start=start, end=end, grain=grain)


def _figures(row, index, prefix):
    return {code: value for code, value in row.values[index].items() if code.startswith(prefix)}


def test_periods_follow_the_wita_calendar(year_2025, admin, library_a):
    # given loans at 23:30 on 31 March and 00:10 on 1 April (still 31 March in UTC)
    # when counted per month
    months = _table(admin, "month", start=datetime.date(2025, 3, 1), end=datetime.date(2025, 4, 30))
    row = months.row(library_a)
    # then each falls in its local month
    assert [period.key for period in months.periods] == ["2025-03", "2025-04"]
    assert row.series("loans") == [1, 2]
    # and per quarter in Q1 and Q2, per year in 2025
    assert _table(admin, "quarter").row(library_a).series("loans") == [1, 2, 0, 0]
    assert _table(admin, "year").row(library_a).series("loans") == [3]


def test_a_range_cut_inside_periods_counts_only_its_days(year_2025, admin, library_a):
    table = _table(admin, "month", start=datetime.date(2025, 3, 31), end=datetime.date(2025, 4, 1))
    assert [(p.start.day, p.end.day) for p in table.periods] == [(31, 31), (1, 1)]
    assert table.row(library_a).series("loans") == [1, 2]


def test_visits_by_gender_age_purpose_and_disability(year_2025, admin, library_a):
    row = _table(admin, "year").row(library_a)
    # a guest, a member and a class of 23
    assert row.value("visits.entries") == 3
    assert row.value("visits.people") == 25
    assert _figures(row, 0, "visits.people.gender.") == {
        "visits.people.gender.female": 14,
        "visits.people.gender.male": 11,
        "visits.people.gender.unknown": 0,
    }
    assert row.value("visits.people.age.6-12") == 22
    assert row.value("visits.people.age.19-35") == 2
    assert row.value("visits.people.age.36-59") == 1
    assert row.value("visits.people.purpose.activity") == 23
    assert row.value("visits.people.purpose.read") == 1
    assert row.value("visits.people.purpose.borrow") == 1
    # the class was asked (2 with a disability), the member not disabled, the guest not asked
    assert row.value("visits.people.disability.yes") == 2
    assert row.value("visits.people.disability.no") == 22
    assert row.value("visits.people.disability.unknown") == 1


def test_visitors_per_opening_day(year_2025, admin, library_a):
    # A opens on Mondays: four in February 2025, one of them a holiday
    february = _table(
        admin, "month", start=datetime.date(2025, 2, 1), end=datetime.date(2025, 2, 28)
    )
    row = february.row(library_a)
    assert row.value("opening_days") == 3
    assert row.value("visits.people") == 2
    assert row.value("visits.per_opening_day") == 0.7


def test_loans_returns_and_active_borrowers(year_2025, admin, library_a, library_b):
    quarters = _table(admin, "quarter")
    a, b = quarters.row(library_a), quarters.row(library_b)
    assert a.series("loans") == [1, 2, 0, 0]
    # returns count where the copy came back: one at A, one at B
    assert a.series("returns") == [0, 1, 0, 0]
    assert b.series("returns") == [0, 1, 0, 0]
    # Q2: Bayu (still named) and Ani's returned loan (one unnamed borrower that day)
    assert a.series("borrowers") == [1, 2, 0, 0]
    # the year: Ani's two returned loans on two days count twice (the rule's estimate)
    assert _table(admin, "year").row(library_a).value("borrowers") == 3


def test_an_unnamed_borrower_counts_once_per_local_day(
    year_2025, admin, clock, manager_a, library_a
):
    # given Ani (no reading history) borrowing twice on 1 September, at 07:30
    # (still 31 August in UTC) and 09:00, both loans returned
    from pustaka.circulation import services as circulation

    barcode = year_2025.copies[0].barcode
    for hour in (7, 9):
        with clock(2025, 9, 1, hour, 30):
            circulation.checkout(
                actor=manager_a, library=library_a, member=year_2025.ani, barcode=barcode
            )
        with clock(2025, 9, 1, hour, 45):
            circulation.checkin(actor=manager_a, library=library_a, barcode=barcode)
    # then September has two loans and one borrower
    september = _table(
        admin, "month", start=datetime.date(2025, 9, 1), end=datetime.date(2025, 9, 30)
    )
    assert september.row(library_a).value("loans") == 2
    assert september.row(library_a).value("borrowers") == 1


def test_members_total_and_new_by_gender_and_age(year_2025, admin, library_a):
    quarters = _table(admin, "quarter")
    row = quarters.row(library_a)
    assert row.series("members.new") == [2, 1, 0, 0]
    assert row.series("members.total") == [2, 3, 3, 3]
    assert row.value("members.total.gender.female", 1) == 2
    assert row.value("members.total.gender.male", 1) == 1
    # ages on 30 June: Ani 10, Bayu 35, Citra 65
    assert row.value("members.total.age.6-12", 1) == 1
    assert row.value("members.total.age.19-35", 1) == 1
    assert row.value("members.total.age.60+", 1) == 1
    assert row.value("members.new.age.60+", 1) == 1
    assert quarters.district.series("members.total") == [3, 4, 4, 4]


def test_members_by_disability_declared_or_not(year_2025, admin, library_a):
    from pustaka.members import services as member_services

    # Ani declares a hearing disability; Bayu, Citra and B's Dedi declare none
    member_services.member_update(
        actor=admin, member=year_2025.ani, changes={"disability": "hearing"}
    )
    quarters = _table(admin, "quarter")
    row = quarters.row(library_a)
    assert row.series("members.total.disability.yes") == [1, 1, 1, 1]
    assert row.series("members.total.disability.unknown") == [1, 2, 2, 2]
    assert row.series("members.new.disability.yes") == [1, 0, 0, 0]
    assert row.series("members.new.disability.unknown") == [1, 1, 0, 0]
    # none declared is not "without": there is no such figure for members
    assert row.value("members.total.disability.no") is None
    assert quarters.district.series("members.total.disability.unknown") == [2, 3, 3, 3]
    assert quarters.district.series("members.total.disability.yes") == [1, 1, 1, 1]


def test_collection_titles_copies_added_and_per_capita(year_2025, admin, library_a, library_b):
    table = _table(admin, "quarter")
    a = table.row(library_a)
    assert a.value("collection.copies", 0) == 3
    assert a.value("collection.titles", 0) == 2
    # the copy acquired in December 2024 was not added in 2025
    assert a.series("collection.added") == [2, 0, 0, 0]
    # 1,000 served until 1 July, then 1,200
    assert a.series("collection.copies_per_capita") == [0.003, 0.003, 0.003, 0.003]
    assert a.series("profile.population_served") == [1000, 1000, 1200, 1200]
    # the district holds 4 copies of 2 titles (B's copy is of a title A holds too)
    assert table.district.value("collection.copies", 0) == 4
    assert table.district.value("collection.titles", 0) == 2
    # B's population is not known: no district per capita
    assert table.district.value("collection.copies_per_capita", 0) is None


def test_copies_and_titles_are_held_from_the_month_each_is_added(
    year_2025, admin, manager_a, manager_b, library_a, library_b
):
    from pustaka.catalog import services as catalog_services

    second = year_2025.copies[2].record
    add = catalog_services.item_create
    # B acquires a title A holds in February; A a second copy of one and a new title in March
    add(actor=manager_b, record=second, library=library_b, acquired_on=datetime.date(2025, 2, 10))
    add(actor=manager_a, record=second, library=library_a, acquired_on=datetime.date(2025, 3, 3))
    third = catalog_services.record_create(actor=admin, fields={"title": "Hikayat"})
    add(actor=manager_a, record=third, library=library_a, acquired_on=datetime.date(2025, 3, 31))
    table = _table(admin, "month", start=datetime.date(2024, 12, 1), end=datetime.date(2025, 3, 31))
    a, b = table.row(library_a), table.row(library_b)
    assert a.series("collection.copies") == [1, 3, 3, 5]
    assert a.series("collection.titles") == [1, 2, 2, 3]
    assert b.series("collection.copies") == [0, 1, 2, 2]
    assert b.series("collection.titles") == [0, 1, 2, 2]
    assert table.district.series("collection.copies") == [1, 4, 5, 7]
    assert table.district.series("collection.titles") == [1, 2, 2, 3]
    assert a.series("collection.added") == [1, 2, 0, 2]


def test_withdrawn_copies_leave_the_collection(year_2025, admin, library_a):
    from pustaka.catalog import services as catalog_services

    catalog_services.item_withdraw(actor=admin, item=year_2025.copies[1])
    assert _table(admin, "year").row(library_a).value("collection.copies") == 2


def test_activities_by_category_and_participants_counted_both_ways(year_2025, admin, library_a):
    row = _table(admin, "year").row(library_a)
    # the planned and the cancelled ones are not counted
    assert row.value("activities") == 2
    assert row.value("activities.category.reading") == 1
    assert row.value("activities.category.digital-literacy") == 1
    assert row.value("activities.category.children") == 0
    # 13 counted at the reading club, 3 named at the computer class
    assert row.value("participants") == 16
    assert row.value("participants.gender.female") == 9
    assert row.value("participants.gender.male") == 7
    assert row.value("participants.age.6-12") == 13
    assert row.value("participants.disability.yes") == 1
    assert row.value("participants.disability.no") == 10
    assert row.value("participants.disability.unknown") == 5


def test_computer_sessions(year_2025, admin, library_a):
    row = _table(admin, "quarter").row(library_a)
    assert row.series("sessions") == [1, 0, 1, 0]
    assert row.series("sessions.minutes") == [45, 0, 30, 0]


def test_partners_contributions_village_fund_and_stories(year_2025, admin, library_a):
    table = _table(admin, "year")
    a = table.row(library_a)
    assert a.value("partners") == 3
    assert a.value("contributions") == 2
    assert a.value("contributions.money") == 500_000
    assert a.value("contributions.in_kind") == 200_000
    assert a.value("village_fund") == 25_000_000
    assert a.value("stories") == 2
    assert a.value("stories.consented") == 1
    # the district adds its own partner and contribution
    assert table.district.value("partners") == 4
    assert table.district.value("contributions.money") == 1_500_000


def test_quarters_of_a_partner_and_the_village_fund(year_2025, admin, library_a):
    row = _table(admin, "quarter").row(library_a)
    assert row.series("partners") == [1, 2, 0, 0]
    # the allocation is the year's, whichever quarter
    assert row.series("village_fund") == [25_000_000] * 4


def test_trainings_attended_and_mentoring(year_2025, admin, library_a, library_b):
    table = _table(admin, "quarter")
    a = table.row(library_a)
    # two of A's people were at a session in March; B's was at none
    assert a.series("trainings") == [2, 0, 0, 0]
    assert table.row(library_b).series("trainings") == [0, 0, 0, 0]
    assert a.series("mentoring.visits") == [0, 1, 0, 0]
    assert a.series("mentoring.actions_done") == [0, 0, 1, 0]


def test_table_as_json(year_2025, admin, library_a):
    data = _table(admin, "year").as_dict()
    assert data["periods"] == [{"key": "2025", "start": "2025-01-01", "end": "2025-12-31"}]
    assert [row["library"] for row in data["libraries"]] == ["DSA", "DSB"]
    assert data["district"]["values"][0]["loans"] == 3
    codes = {item["code"] for item in data["indicators"]}
    assert {"visits.people", "borrowers", "activities.category.reading"} <= codes


def test_a_manager_sees_their_library_and_the_district_totals(year_2025, manager_a, library_a):
    table = _table(manager_a, "year")
    assert [row.library for row in table.rows] == [library_a]
    assert table.district.value("returns") == 2


def test_another_librarys_figures_are_not_found(year_2025, manager_a, library_b):
    with pytest.raises(NotFound):
        _table(manager_a, "year", libraries=[library_b])


def test_only_staff_get_indicators(year_2025, django_user_model):
    outsider = django_user_model.objects.create_user(username="tamu", password="x")
    with pytest.raises(NotPermitted):
        _table(outsider, "year")


def test_bad_ranges_are_refused(admin, library_a):
    with pytest.raises(Invalid):
        _table(admin, "week")
    with pytest.raises(Invalid):
        _table(admin, "year", start=DEC_31, end=JAN_1)
