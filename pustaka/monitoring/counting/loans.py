"""Loans and returns, and the active borrowers: named or told apart by
the day and the figures a loan keeps."""

from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Cast, Concat

from pustaka.circulation.models import Loan
from pustaka.monitoring.counting.base import LIVE, Counter, LocalDay, during


def _borrower_visit():
    """What tells unnamed borrowers apart: the local day and the figures the loan keeps."""
    parts = [
        Cast(LocalDay("checked_out_at"), CharField()),
        Cast("borrower_category_id", CharField()),
        "borrower_gender",
        "borrower_age_group",
        Cast("borrower_disability", CharField()),
    ]
    joined = [parts[0]]
    for part in parts[1:]:
        joined += [Value("|"), part]
    return Concat(*joined, output_field=CharField())


def count_loans(counter: Counter) -> None:
    count_lent(counter)
    _returned(counter)


def count_lent(counter: Counter) -> None:
    """Loans and active borrowers at the lending library (``borrowers`` group)."""
    span = during("checked_out_at")(counter.span)
    lent = (
        Loan.objects.filter(LIVE, span, library_id__in=counter.ids)
        .annotate(period=counter.placed("checked_out_at", moment=True))
        .values("library_id", "period")
        .annotate(
            loans=Count("pk"),
            named=Count("member_id", distinct=True),
            unnamed=Count(_borrower_visit(), distinct=True, filter=Q(member__isnull=True)),
        )
        .order_by()
    )
    for row in lent:
        counter.add(row["library_id"], row["period"], "loans", row["loans"])
        counter.add(row["library_id"], row["period"], "borrowers", row["named"] + row["unnamed"])


def named_borrowers(counter: Counter):
    """(library id, period index, member id) of each member a loan at the
    library still names in the period, once: the named part of ``borrowers``."""
    return (
        Loan.objects.filter(LIVE, during("checked_out_at")(counter.span))
        .filter(library_id__in=counter.ids, member__isnull=False)
        .annotate(period=counter.placed("checked_out_at", moment=True))
        .values_list("library_id", "period", "member_id")
        .distinct()
        .order_by()
    )


def _returned(counter: Counter) -> None:
    returned = (
        Loan.objects.filter(LIVE, during("returned_at")(counter.span))
        .filter(returned_library_id__in=counter.ids)
        .annotate(period=counter.placed("returned_at", moment=True))
        .values("returned_library_id", "period")
        .annotate(returns=Count("pk"))
        .order_by()
    )
    for row in returned:
        counter.add(row["returned_library_id"], row["period"], "returns", row["returns"])
