"""The roll-up's distinct borrowers of quarters and years, from each month's:
the members loans at a library still name in a month are kept
(``MonthlyBorrower``), so that a longer period's borrowers are its distinct
named borrowers, counted over those rows, plus each month's unnamed ones
(the month's ``borrowers`` less its named ones). Unnamed borrowers are told
apart by their day (``counting.loans``), so none is counted in two
months: the sum is the period's count. A few hundred rows instead of the
period's loans, which a refresh after every loan at the desk counted again."""

from django.db.models import Case, Count, IntegerField, Sum, Value, When

from pustaka.core.bulk import values_insert
from pustaka.libraries.models import Library
from pustaka.monitoring import counting
from pustaka.monitoring.models import MonthlyBorrower, MonthlyRollup
from pustaka.monitoring.policies import Period


def named_borrowers_recount(libraries: list[Library], months: list[Period]) -> None:
    """Keep the named borrowers of ``libraries`` in consecutive ``months`` again."""
    found = counting.named_borrowers(counting.Counter(libraries, months))
    MonthlyBorrower.objects.filter(
        library_id__in=[library.pk for library in libraries],
        month__range=(months[0].start, months[-1].end),
    ).delete()
    values_insert(
        MonthlyBorrower,
        ["library_id", "month", "member_id"],
        [(library_id, months[index].start, member_id) for library_id, index, member_id in found],
    )


def longer_borrowers(library_ids: list, periods: list[Period]) -> dict[tuple, int]:
    """(library id, period index) -> distinct borrowers of whole quarters
    or years ``periods`` from their months kept: two statements."""
    placed = Case(
        *[When(month__range=(p.start, p.end), then=Value(i)) for i, p in enumerate(periods)],
        output_field=IntegerField(),
    )
    within = {"library_id__in": library_ids, "month__range": (periods[0].start, periods[-1].end)}
    found = {}
    named = (
        MonthlyBorrower.objects.filter(**within)
        .annotate(period=placed)
        .values_list("library_id", "period")
        .annotate(distinct=Count("member_id", distinct=True), monthly=Count("pk"))
        .order_by()
    )
    for library_id, index, distinct, monthly in named:
        found[(library_id, index)] = distinct - monthly
    months = (
        MonthlyRollup.objects.filter(code="borrowers", **within)
        .annotate(period=placed)
        .values_list("library_id", "period")
        .annotate(borrowers=Sum("value"))
        .order_by()
    )
    for library_id, index, borrowers in months:
        found[(library_id, index)] = found.get((library_id, index), 0) + borrowers
    return found
