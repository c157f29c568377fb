"""Activities held and their participants, partners engaged and
contributions, stories of change, the village fund."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from pustaka.monitoring.counting.base import LIVE, Counter, code_of, during, on_days
from pustaka.monitoring.policies import Period
from pustaka.programs.models import Activity, ActivityPartner, Contribution, Story, VillageFund
from pustaka.programs.queries import attendance_totals


def done_activities(library_ids: list, span: Period):
    """The activities held (marked done) that started in ``span``."""
    return Activity.objects.filter(
        LIVE, during("starts_at")(span), library_id__in=library_ids, status=Activity.Status.DONE
    )


def count_activities(counter: Counter) -> None:
    done = done_activities(counter.ids, counter.span)
    placed = done.annotate(period=counter.placed("starts_at", moment=True))
    rows = placed.values("library_id", "period", "category__code").annotate(held=Count("pk"))
    for row in rows.order_by():
        library_id, index = row["library_id"], row["period"]
        counter.add(library_id, index, "activities", row["held"])
        counter.add(library_id, index, f"activities.category.{row['category__code']}", row["held"])
    # The people are added up by library and period in SQL (not per activity).
    period = counter.placed("activity__starts_at", moment=True)
    people_by = attendance_totals(done, group_by=("library_id",), placed=period)
    for (library_id, index, *cell), people in people_by.items():
        counter.add(library_id, index, "participants", people)
        for part, code in zip(("gender", "age", "disability"), cell, strict=True):
            counter.add(library_id, index, f"participants.{part}.{code_of(code)}", people)


def count_partnerships(counter: Counter) -> None:
    contributions = Contribution.objects.filter(LIVE, on_days("given_on")(counter.span)).filter(
        Q(library_id__in=counter.ids) | Q(library__isnull=True)
    )
    placed = contributions.annotate(period=counter.placed("given_on"))
    rows = placed.values("library_id", "period", "kind").annotate(
        given=Count("pk"), value=Sum("value_idr"), hours=Sum("hours")
    )
    for row in rows.order_by():
        library_id, index = row["library_id"], row["period"]
        counter.add(library_id, index, "contributions", row["given"])
        kind = "money" if row["kind"] == Contribution.Kind.MONEY else "in_kind"
        counter.add(library_id, index, f"contributions.{kind}", row["value"] or 0)
        hours = row["hours"] or Decimal(0)
        counter.add(library_id, index, "contributions.hours", float(hours))
    engaged = set(placed.values_list("library_id", "period", "partner_id").distinct())
    done = done_activities(counter.ids, counter.span)
    links = ActivityPartner.objects.filter(LIVE, activity__in=done)
    engaged |= set(
        links.annotate(period=counter.placed("activity__starts_at", moment=True))
        .values_list("activity__library_id", "period", "partner_id")
        .distinct()
    )
    _add_partners(counter, engaged)


def _add_partners(counter: Counter, engaged: set) -> None:
    district = set()
    for library_id, index, partner_id in engaged:
        if library_id is not None:
            counter.add(library_id, index, "partners", 1)
        district.add((index, partner_id))
    for index, _partner_id in district:
        counter.add(None, index, "partners", 1)


def count_stories(counter: Counter) -> None:
    consented = Q(consent_given_on__isnull=False, consent_withdrawn_on__isnull=True)
    rows = (
        Story.objects.filter(LIVE, on_days("happened_on")(counter.span))
        .filter(library_id__in=counter.ids)
        .annotate(period=counter.placed("happened_on"))
        .values("library_id", "period")
        .annotate(told=Count("pk"), consented=Count("pk", filter=consented))
        .order_by()
    )
    for row in rows:
        counter.add(row["library_id"], row["period"], "stories", row["told"])
        counter.add(row["library_id"], row["period"], "stories.consented", row["consented"])


def count_village_fund(counter: Counter) -> None:
    years = {period.start.year for period in counter.periods}
    funds = VillageFund.objects.filter(LIVE, library_id__in=counter.ids, year__in=years)
    amounts = {(fund.library_id, fund.year): fund.amount_idr for fund in funds}
    for (library_id, year), amount in amounts.items():
        for index, period in enumerate(counter.periods):
            if period.start.year == year:
                counter.add(library_id, index, "village_fund", amount)
