"""Trainings attended by the libraries' trainees, mentoring visits and
their action items done."""

from django.db.models import Count

from pustaka.monitoring.counting.base import LIVE, Counter, on_days
from pustaka.monitoring.policies import Period
from pustaka.training.models import ActionItem, Attendance, MentoringVisit


def trainees_present(library_ids: list, span: Period):
    """Attendance of the libraries' trainees at sessions in ``span``."""
    return Attendance.objects.filter(
        LIVE,
        on_days("session__date")(span),
        present=True,
        trainee__library_id__in=library_ids,
        trainee__deleted_at__isnull=True,
        session__deleted_at__isnull=True,
    )


def count_training(counter: Counter) -> None:
    present = trainees_present(counter.ids, counter.span)
    rows = (
        present.annotate(period=counter.placed("session__date"))
        .values("trainee__library_id", "period")
        .annotate(trainees=Count("trainee_id", distinct=True))
        .order_by()
    )
    for row in rows:
        counter.add(row["trainee__library_id"], row["period"], "trainings", row["trainees"])
    visits = MentoringVisit.objects.filter(
        LIVE, on_days("visited_on")(counter.span), library_id__in=counter.ids
    )
    _add_counted(counter, visits, "library_id", "visited_on", "mentoring.visits")
    done = ActionItem.objects.filter(
        LIVE,
        on_days("done_on")(counter.span),
        status=ActionItem.Status.DONE,
        visit__library_id__in=counter.ids,
        visit__deleted_at__isnull=True,
    )
    _add_counted(counter, done, "visit__library_id", "done_on", "mentoring.actions_done")


def _add_counted(counter: Counter, rows, library_field: str, day_field: str, code: str) -> None:
    grouped = (
        rows.annotate(period=counter.placed(day_field))
        .values(library_field, "period")
        .annotate(counted=Count("pk"))
        .order_by()
    )
    for row in grouped:
        counter.add(row[library_field], row["period"], code, row["counted"])
