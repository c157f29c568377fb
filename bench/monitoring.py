"""District dashboard benchmark: a district of 20 libraries with 5 years of
daily work (about 1,000,000 loans, 500,000 visits, 5,000 activities, with
their members, copies, computer sessions, attendance, partners and stories),
then the staff's district dashboard timed through Django's test client.

Usage:
  .venv/bin/python bench/monitoring.py                         # SQLite, fresh PUSTAKA_HOME
  PUSTAKA_HOME=/tmp/bench-x .venv/bin/python bench/monitoring.py  # SQLite in an EMPTY folder
  .venv/bin/python bench/monitoring.py --years 1               # a fifth of it
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pustaka_bench_mon \\
      .venv/bin/python bench/monitoring.py                     # an EMPTY PostgreSQL database
  PUSTAKA_HOME=/tmp/pustaka-bench-monitoring-xyz \\
      .venv/bin/python bench/monitoring.py --existing          # time an earlier run's database

The district, its libraries and the office's account are made through the
services. The years of daily work are NOT: for volume they are written with
``core.bulk.values_insert`` straight into the tables, as they would be after
years at the desk (loans keep their borrower's figures, members who keep no
reading history are forgotten on return, a group visit has its counts), but
without circulation events, change-log rows or the search index, which the
dashboard does not read. So the dashboard's roll-up is then counted from
every row (``rollup_rebuild``, timed as ``rollup_s``), as ``pustaka
indicators --rebuild-rollup`` does after a bulk load.

Timed: the dashboard as the office opens it (``/staff/monitoring/``: this
year with the trend of five years; ``dashboard_ms``), a month of it
(``dashboard_month_ms``), and the first page after a loan at the desk
(through the service, a random copy each time: the roll-up recounts that
library's loans of the month and its borrowers of the quarter and year;
``after_checkout_ms``, as many loans as ``--repeat``). Each is the whole
page through the test client.

The last line is one JSON object: database, libraries, years, rows (per
table), rollup_s, dashboard_ms (median, p95), dashboard_month_ms,
after_checkout_ms, and report_s (the district's Excel workbook of the
whole period, month by month, as the report task builds it) with
report_pdf_s (the district report's PDF of the last year).
"""

import argparse
import datetime
import os
import random
import tempfile
import time

from common import django_setup, print_result, summary, timings_ms

SEED = 2026
LOANS_PER_LIBRARY_YEAR = 10_000
VISITS_PER_LIBRARY_YEAR = 5_000
ACTIVITIES_PER_LIBRARY_YEAR = 50
SESSIONS_PER_LIBRARY_YEAR = 1_000
MEMBERS_PER_LIBRARY = 1_500
COPIES_PER_LIBRARY = 3_000
RECORDS = 30_000
KEEPS_HISTORY = 0.2  # members who keep their reading history
GROUP_SHARE = 0.03  # visits that are a group (a class...)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--libraries", type=int, default=20)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--existing", action="store_true", help="time the database already loaded")
    args = parser.parse_args()
    fresh = not args.existing and not os.environ.get("PUSTAKA_HOME")
    if fresh and not os.environ.get("DATABASE_URL"):
        os.environ["PUSTAKA_HOME"] = tempfile.mkdtemp(prefix="pustaka-bench-monitoring-")
    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if args.existing:
        figures = {"rows": row_counts(), "rollup_s": None}
    else:
        figures = {"rows": load(args.libraries, args.years), "rollup_s": rebuild()}
    figures.update(time_dashboard(args.repeat))
    libraries, years = library_count(), data_years()
    print(f"home: {os.environ.get('PUSTAKA_HOME', 'DATABASE_URL')}", flush=True)
    figures.update(time_reports(years))
    print_result("monitoring", figures, libraries=libraries, years=years)


def time_reports(years: int) -> dict:
    """Seconds to build the district's Excel workbook (every month of the
    data's years) and the district PDF of the last year, as the office's task does."""
    from django.contrib.auth import get_user_model

    from pustaka.monitoring.reports.district import district_content, district_pdf
    from pustaka.monitoring.reports.excel import district_workbook

    admin = get_user_model().objects.get(username="admin")
    today = datetime.datetime.now(WITA).date()
    start = datetime.date(today.year - years + 1, 1, 1)
    began = time.perf_counter()
    workbook = district_workbook(user=admin, start=start, end=today, grain="month")
    report_s = round(time.perf_counter() - began, 2)
    began = time.perf_counter()
    year = district_content(user=admin, start=datetime.date(today.year, 1, 1), end=today)
    pdf = district_pdf(year)
    pdf_s = round(time.perf_counter() - began, 2)
    print(f"district workbook {len(workbook)} bytes, PDF {len(pdf)} bytes", flush=True)
    return {"report_s": report_s, "report_pdf_s": pdf_s}


# The district --------------------------------------------------------------------------


def district(count: int):
    """The office's account, the district and ``count`` libraries (services)."""
    from pustaka.libraries import services
    from pustaka.libraries.demo import LIBRARIES, VILLAGE_HOURS
    from pustaka.libraries.models import Library, Region

    if Library.objects.exists():
        raise SystemExit("The database already has libraries: give the benchmark an empty one.")
    admin = services.staff_create_first_admin(username="admin", password="bench-pustaka-2026")
    services.regions_load(actor=admin, rows=services.read_regions_csv())
    services.district_create(actor=admin, name="Kabupaten Kutai Kartanegara", region_code="64.02")
    regions = {region.code: region for region in Region.objects.all()}
    libraries = []
    for index in range(count):
        code, name, kind, village, population, _year = LIBRARIES[1 + index % (len(LIBRARIES) - 1)]
        if index >= len(LIBRARIES) - 1:
            code, name = f"BX{index:02d}", f"{name} {index}"
        libraries.append(
            services.library_create(
                actor=admin,
                code=code,
                name=name,
                kind=kind if kind != "district" else "desa",
                kecamatan=regions[village.rsplit(".", 1)[0]],
                village=regions[village],
                opening_hours=VILLAGE_HOURS,
                population_served=population,
            )
        )
    return admin, libraries


# Years of daily work, in bulk -----------------------------------------------------------


class Writer:
    """Rows of one model as tuples of every column (defaults filled in),
    written ``batch`` at a time with ``core.bulk.values_insert`` (``None``:
    all at ``flush``, after the rows they refer to)."""

    def __init__(self, model, batch: int | None = 20_000):
        self.batch = batch
        from pustaka.core.bulk import _columns

        self.model = model
        self.fields = _columns(model)
        self.names = [field.attname for field in self.fields]
        self.defaults = {field.attname: field.get_default for field in self.fields}
        self.rows, self.count = [], 0

    def add(self, **values) -> None:
        self.rows.append(
            tuple(values[name] if name in values else self.defaults[name]() for name in self.names)
        )
        if self.batch and len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        from django.db import transaction

        from pustaka.core.bulk import values_insert

        with transaction.atomic():
            values_insert(self.model, self.names, self.rows)
        self.count += len(self.rows)
        self.rows = []


def moment(rng, day: datetime.date) -> datetime.datetime:
    """A moment of ``day`` in the opening hours (08:00-16:00 WITA), in UTC."""
    local = datetime.datetime.combine(day, datetime.time(8), tzinfo=WITA)
    local += datetime.timedelta(minutes=rng.randrange(8 * 60))
    return local.astimezone(datetime.UTC)


WITA = datetime.timezone(datetime.timedelta(hours=8))


def load(library_count: int, years: int) -> dict:
    started = time.perf_counter()
    rng = random.Random(SEED)
    admin, libraries = district(library_count)
    today = datetime.datetime.now(WITA).date()
    first = today - datetime.timedelta(days=365 * years)
    days = [first + datetime.timedelta(days=n) for n in range((today - first).days)]
    records = write_records(rng)
    counts = {}
    for library in libraries:
        members = write_members(rng, library, first, today)
        copies = write_copies(rng, library, records, first, today)
        counts_add(counts, write_loans(rng, library, members, copies, days, years))
        counts_add(counts, write_visits(rng, library, members, days, years))
        counts_add(counts, write_sessions(rng, library, days, years))
        print(f"{library.code}: {time.perf_counter() - started:.0f}s", flush=True)
    counts_add(counts, write_programmes(rng, admin, libraries, days, years))
    counts.update(records=len(records), members=len(libraries) * MEMBERS_PER_LIBRARY)
    counts["copies"] = len(libraries) * COPIES_PER_LIBRARY
    print(f"loaded in {time.perf_counter() - started:.0f}s: {counts}", flush=True)
    analyze()
    return counts


def counts_add(counts: dict, more: dict) -> None:
    for name, value in more.items():
        counts[name] = counts.get(name, 0) + value


def write_records(rng) -> list:
    from pustaka.catalog.models import Record
    from pustaka.core.ids import uuid7

    writer, ids = Writer(Record), []
    now = datetime.datetime.now(datetime.UTC)
    for number in range(RECORDS):
        record_id = uuid7()
        ids.append(record_id)
        writer.add(
            id=record_id,
            created_at=now,
            updated_at=now,
            title=f"Buku {number}",
            year=rng.randrange(1980, 2026),
        )
    writer.flush()
    return ids


def write_members(rng, library, first: datetime.date, today: datetime.date) -> list:
    """The library's members, oldest registration first:
    (id, created_at, gender, birth_date, category_id, keeps_history, disability)."""
    from pustaka.core.ids import uuid7
    from pustaka.members.models import Member, MemberCategory

    categories = list(MemberCategory.objects.values_list("pk", flat=True))
    writer, members = Writer(Member), []
    span = (today - first).days + 365
    for number in range(MEMBERS_PER_LIBRARY):
        joined = first - datetime.timedelta(days=365) + datetime.timedelta(days=rng.randrange(span))
        created = moment(rng, joined)
        member = (
            uuid7(),
            created,
            rng.choice(("female", "male")),
            datetime.date(rng.randrange(1950, 2020), rng.randrange(1, 13), rng.randrange(1, 29)),
            rng.choice(categories),
            rng.random() < KEEPS_HISTORY,
            "physical" if rng.random() < 0.03 else "",
        )
        writer.add(
            id=member[0],
            created_at=created,
            updated_at=created,
            library_id=library.pk,
            number=f"{library.code}-{number + 1:06d}",
            name=f"Anggota {number + 1}",
            gender=member[2],
            birth_date=member[3],
            category_id=member[4],
            keeps_history=member[5],
            disability=member[6],
            expires_on=joined + datetime.timedelta(days=365),
        )
        members.append(member)
    writer.flush()
    members.sort(key=lambda member: member[1])
    return members


def write_copies(rng, library, records: list, first: datetime.date, today: datetime.date):
    """The library's copies (ids); some acquired before the years of work."""
    from pustaka.catalog.models import Item
    from pustaka.core.ids import uuid7

    writer, copies = Writer(Item), []
    span = (today - first).days + 3 * 365
    for number in range(COPIES_PER_LIBRARY):
        acquired = (
            first - datetime.timedelta(days=3 * 365) + datetime.timedelta(days=rng.randrange(span))
        )
        created = moment(rng, acquired)
        item_id = uuid7()
        writer.add(
            id=item_id,
            created_at=created,
            updated_at=created,
            record_id=rng.choice(records),
            library_id=library.pk,
            barcode=f"{library.code}-{number + 1:06d}",
            acquired_on=acquired,
            status="withdrawn" if rng.random() < 0.02 else "available",
        )
        copies.append(item_id)
    writer.flush()
    return copies


def write_loans(rng, library, members: list, copies: list, days: list, years: int) -> dict:
    """Loans spread over the days; those of the last three weeks partly still
    out (one open loan per copy); members without reading history forgotten
    on return."""
    import bisect

    from pustaka.catalog.models import Item
    from pustaka.circulation.models import Loan
    from pustaka.core.ids import uuid7
    from pustaka.members.policies import age_group

    writer, joined = Writer(Loan), [member[1] for member in members]
    free, on_loan = list(copies), []
    recent = days[-1] - datetime.timedelta(days=21)
    for _ in range(LOANS_PER_LIBRARY_YEAR * years):
        day = rng.choice(days)
        lent = moment(rng, day)
        member = members[rng.randrange(max(bisect.bisect_left(joined, lent), 1))]
        still_out = day > recent and rng.random() < 0.5 and free
        item = free.pop(rng.randrange(len(free))) if still_out else rng.choice(copies)
        returned = None if still_out else lent + datetime.timedelta(days=rng.randrange(1, 21))
        if still_out:
            on_loan.append(item)
        writer.add(
            id=uuid7(),
            created_at=lent,
            updated_at=returned or lent,
            item_id=item,
            member_id=member[0] if returned is None or member[5] else None,
            library_id=library.pk,
            checked_out_at=lent,
            due_on=day + datetime.timedelta(days=14),
            returned_at=returned,
            returned_library_id=library.pk if returned else None,
            borrower_category_id=member[4],
            borrower_gender=member[2],
            borrower_age_group=age_group(member[3], day),
            borrower_disability=bool(member[6]),
        )
    writer.flush()
    Item.objects.filter(pk__in=on_loan).update(status="on_loan")
    return {"loans": writer.count}


def write_visits(rng, library, members: list, days: list, years: int) -> dict:
    from pustaka.core.ids import uuid7
    from pustaka.members.policies import age_group
    from pustaka.visits.models import GroupCount, Visit

    visits, counts = Writer(Visit), Writer(GroupCount)
    purposes = ["read", "borrow", "internet", "activity", "study", "other", ""]
    ages = ["0-5", "6-12", "13-18", "19-35", "36-59", "60+"]
    for _ in range(VISITS_PER_LIBRARY_YEAR * years):
        day = rng.choice(days)
        at = moment(rng, day)
        visit_id, kind = uuid7(), rng.random()
        values = {"id": visit_id, "created_at": at, "updated_at": at, "library_id": library.pk}
        values |= {"visited_at": at, "visited_on": day, "purpose": rng.choice(purposes)}
        if kind < GROUP_SHARE:
            cells = {(g, a): rng.randrange(3, 15) for g in ("female", "male") for a in ("6-12",)}
            visits.add(**values, kind="group", people=sum(cells.values()), description="Kelas")
            for (gender, group), people in cells.items():
                counts.add(
                    id=uuid7(),
                    created_at=at,
                    updated_at=at,
                    visit_id=visit_id,
                    gender=gender,
                    age_group=group,
                    people=people,
                )
        elif kind < 0.6:
            member = rng.choice(members)
            visits.add(
                **values,
                kind="member",
                member_id=member[0],
                gender=member[2],
                age_group=age_group(member[3], day),
                disability="yes" if member[6] else "no",
            )
        else:
            visits.add(
                **values,
                kind="guest",
                gender=rng.choice(("female", "male")),
                age_group=rng.choice(ages),
            )
    visits.flush()
    counts.flush()
    return {"visits": visits.count, "group_counts": counts.count}


def write_sessions(rng, library, days: list, years: int) -> dict:
    from pustaka.core.ids import uuid7
    from pustaka.visits.models import ComputerSession

    writer = Writer(ComputerSession)
    for _ in range(SESSIONS_PER_LIBRARY_YEAR * years):
        day = rng.choice(days)
        at = moment(rng, day)
        writer.add(
            id=uuid7(),
            created_at=at,
            updated_at=at,
            library_id=library.pk,
            started_at=at,
            started_on=day,
            minutes=rng.randrange(15, 120),
            purpose="school",
            gender=rng.choice(("female", "male")),
            age_group="13-18",
        )
    writer.flush()
    return {"computer_sessions": writer.count}


def write_programmes(rng, admin, libraries: list, days: list, years: int) -> dict:
    """Activities (done, attendance counted or named), partners with
    contributions, stories, the village fund."""
    from pustaka.core.ids import uuid7
    from pustaka.programs.models import (
        Activity,
        ActivityCategory,
        AttendanceCount,
        Contribution,
        Participant,
        Partner,
        Story,
        VillageFund,
    )

    categories = list(ActivityCategory.objects.values_list("pk", flat=True))
    writers = {
        model: Writer(model, batch=None)
        for model in (
            Activity,
            AttendanceCount,
            Participant,
            Partner,
            Contribution,
            Story,
            VillageFund,
        )
    }
    for library in libraries:
        partners = []
        for number in range(5):
            partner_id = uuid7()
            partners.append(partner_id)
            writers[Partner].add(
                id=partner_id,
                created_at=moment(rng, days[0]),
                updated_at=moment(rng, days[0]),
                library_id=library.pk,
                name=f"Mitra {number}",
                kind="business",
            )
        for _ in range(ACTIVITIES_PER_LIBRARY_YEAR * years):
            starts = moment(rng, rng.choice(days))
            activity_id = uuid7()
            writers[Activity].add(
                id=activity_id,
                created_at=starts,
                updated_at=starts,
                library_id=library.pk,
                title="Kegiatan",
                category_id=rng.choice(categories),
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                status="done",
            )
            attendance(rng, writers, activity_id, starts)
        for _ in range(10 * years):
            given = rng.choice(days)
            writers[Contribution].add(
                id=uuid7(),
                created_at=moment(rng, given),
                updated_at=moment(rng, given),
                partner_id=rng.choice(partners),
                library_id=library.pk,
                kind=rng.choice(("money", "goods", "venue")),
                given_on=given,
                value_idr=rng.randrange(1, 50) * 100_000,
            )
        for _ in range(5 * years):
            told = rng.choice(days)
            writers[Story].add(
                id=uuid7(),
                created_at=moment(rng, told),
                updated_at=moment(rng, told),
                library_id=library.pk,
                title="Cerita",
                what_changed="Banyak.",
                happened_on=told,
                theme="education",
            )
        for year in sorted({day.year for day in days}):
            writers[VillageFund].add(
                id=uuid7(),
                created_at=moment(rng, days[0]),
                updated_at=moment(rng, days[0]),
                library_id=library.pk,
                year=year,
                amount_idr=rng.randrange(5, 50) * 1_000_000,
            )
    for writer in writers.values():
        writer.flush()
    return {writer.model._meta.model_name: writer.count for writer in writers.values()}


def attendance(rng, writers: dict, activity_id, at) -> None:
    from pustaka.core.ids import uuid7
    from pustaka.programs.models import AttendanceCount, Participant

    if rng.random() < 0.5:
        for gender in ("female", "male"):
            writers[AttendanceCount].add(
                id=uuid7(),
                created_at=at,
                updated_at=at,
                activity_id=activity_id,
                gender=gender,
                age_group=rng.choice(("6-12", "19-35")),
                disability=rng.choice(("", "no", "yes")),
                people=rng.randrange(3, 20),
            )
        return
    for _ in range(rng.randrange(5, 15)):
        writers[Participant].add(
            id=uuid7(),
            created_at=at,
            updated_at=at,
            activity_id=activity_id,
            gender=rng.choice(("female", "male")),
            age_group=rng.choice(("13-18", "19-35")),
            disability=rng.choice(("", "no")),
        )


def analyze() -> None:
    """Fresh planner statistics, as a running installation has them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def rebuild() -> float:
    from pustaka.monitoring.rollup import rollup_rebuild

    started = time.perf_counter()
    rollup_rebuild()
    seconds = time.perf_counter() - started
    print(f"roll-up counted in {seconds:.1f}s", flush=True)
    return round(seconds, 1)


# Timing ------------------------------------------------------------------------------------


def time_dashboard(repeat: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    today = datetime.datetime.now(WITA).date()

    def page(params=None):
        response = client.get("/staff/monitoring/", params or {})
        assert response.status_code == 200, response.status_code
        return response

    size = len(page().content)
    figures = {"dashboard_ms": _ms(timings_ms(page, repeat)), "dashboard_bytes": size}
    month = {"period": f"month:{today:%Y-%m}"}
    figures["dashboard_month_ms"] = _ms(timings_ms(lambda: page(month), repeat))
    figures["after_checkout_ms"] = _ms(after_checkouts(page, repeat))
    return figures


def _ms(runs: list[float]) -> dict:
    found = summary(runs)
    return {"median": found["median_ms"], "p95": found["p95_ms"]}


def after_checkouts(page, times: int) -> list[float]:
    """The dashboard's first page after a loan at a desk (the service)."""
    from django.contrib.auth import get_user_model

    from pustaka.catalog.models import Item
    from pustaka.circulation.services import checkout
    from pustaka.members.models import Member

    admin = get_user_model().objects.get(username="admin")
    runs = []
    for _ in range(times):
        item = Item.objects.filter(status="available").exclude(loans__returned_at__isnull=True)
        item = item.select_related("library").order_by("?").first()
        member = Member.objects.filter(library=item.library).order_by("?").first()
        checkout(
            actor=admin, library=item.library, member=member, barcode=item.barcode, override=True
        )
        started = time.perf_counter()
        page()
        runs.append((time.perf_counter() - started) * 1000)
    return runs


def row_counts() -> dict:
    from pustaka.circulation.models import Loan
    from pustaka.programs.models import Activity
    from pustaka.visits.models import Visit

    return {
        "loans": Loan.objects.count(),
        "visits": Visit.objects.count(),
        "activities": Activity.objects.count(),
    }


def library_count() -> int:
    from pustaka.libraries.models import Library

    return Library.objects.count()


def data_years() -> int:
    from django.db.models import Max, Min

    from pustaka.circulation.models import Loan

    span = Loan.objects.aggregate(first=Min("checked_out_at"), last=Max("checked_out_at"))
    if not span["first"]:
        return 0
    return round((span["last"] - span["first"]).days / 365)


if __name__ == "__main__":
    main()
