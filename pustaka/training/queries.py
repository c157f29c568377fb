"""Reads of trainings and mentoring for pages, the API and certificates.

Trainings are the district office's and every staff member sees them; the
trainees (names, attendance, scores) and the mentoring visits are scoped
through ``scope_to_user``: library staff see only their own library's."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pustaka.core.permissions import Role as StaffRole
from pustaka.core.permissions import access_for, scope_to_user
from pustaka.libraries.models import Library
from pustaka.training import policies
from pustaka.training.models import (
    ActionItem,
    Attendance,
    MentoringVisit,
    Session,
    Trainee,
    Training,
)

LIVE_PRESENT = Q(attendances__present=True, attendances__session__deleted_at__isnull=True)


# --- trainings ------------------------------------------------------------------------


def trainings_for_user(user) -> QuerySet[Training]:
    """Every training (none for an account without a staff role), newest
    first, with its numbers of sessions and trainees."""
    if not access_for(user).is_staff_member:
        return Training.objects.none()
    return (
        Training.objects.filter(deleted_at__isnull=True)
        .annotate(
            session_count=Count(
                "sessions", filter=Q(sessions__deleted_at__isnull=True), distinct=True
            ),
            trainee_count=Count(
                "trainees", filter=Q(trainees__deleted_at__isnull=True), distinct=True
            ),
        )
        .order_by("-starts_on", "title")
    )


def training_for_user(user, training_id) -> Training:
    training = trainings_for_user(user).filter(pk=training_id).first()
    if training is None:
        raise Http404
    return training


def sessions_of(training: Training) -> QuerySet[Session]:
    """The training's sessions in time order, each with how many were present."""
    present = Q(attendances__present=True, attendances__trainee__deleted_at__isnull=True)
    return (
        training.sessions.filter(deleted_at__isnull=True)
        .annotate(present_count=Count("attendances", filter=present))
        .order_by("date", "starts_at")
    )


def session_for_user(user, session_id) -> Session:
    session = (
        Session.objects.filter(
            pk=session_id, deleted_at__isnull=True, training__in=trainings_for_user(user)
        )
        .select_related("training")
        .first()
    )
    if session is None:
        raise Http404
    return session


def trainees_for_user(user, training: Training) -> QuerySet[Trainee]:
    """The training's trainees ``user`` may see (their library's; all for the
    office), by number, each with the number of sessions attended."""
    trainees = scope_to_user(training.trainees.filter(deleted_at__isnull=True), user)
    return (
        trainees.select_related("library")
        .annotate(attended=Count("attendances", filter=LIVE_PRESENT))
        .order_by("number")
    )


def trainee_for_user(user, trainee_id) -> Trainee:
    trainees = scope_to_user(Trainee.objects.filter(deleted_at__isnull=True), user)
    trainee = (
        trainees.filter(training__deleted_at__isnull=True, pk=trainee_id)
        .select_related("training", "library")
        .annotate(attended=Count("attendances", filter=LIVE_PRESENT))
        .first()
    )
    if trainee is None:
        raise Http404
    return trainee


def session_checklist(session: Session) -> list[tuple[Trainee, bool | None]]:
    """Every trainee of the session's training with whether they were present
    (``None``: not recorded yet), for the attendance checklist."""
    kept = Attendance.objects.filter(session=session, trainee=OuterRef("pk"))
    trainees = (
        session.training.trainees.filter(deleted_at__isnull=True)
        .select_related("library")
        .annotate(recorded=Exists(kept), was_present=Exists(kept.filter(present=True)))
        .order_by("library__name", "number")
    )
    return [(trainee, trainee.was_present if trainee.recorded else None) for trainee in trainees]


@dataclass(frozen=True)
class Day:
    """The attendance of one day of a training."""

    date: datetime.date
    sessions: int
    present: int
    trainees: int


def attendance_by_day(training: Training, trainees: QuerySet[Trainee]) -> list[Day]:
    """For each day with sessions: how many sessions, and how many of
    ``trainees`` were present at one or more of them."""
    sessions = (
        training.sessions.filter(deleted_at__isnull=True)
        .values("date")
        .annotate(total=Count("pk"))
        .order_by("date")
    )
    present = (
        Attendance.objects.filter(
            present=True,
            session__training=training,
            session__deleted_at__isnull=True,
            trainee__in=trainees.values("pk"),
        )
        .values("session__date")
        .annotate(people=Count("trainee", distinct=True))
    )
    people = {row["session__date"]: row["people"] for row in present}
    total = trainees.count()
    return [Day(row["date"], row["total"], people.get(row["date"], 0), total) for row in sessions]


@dataclass(frozen=True)
class Scores:
    """Average test scores of a group of trainees; the gain only over the
    trainees with both scores."""

    pre: float | None
    post: float | None
    gain: float | None
    both: int


def score_averages(trainees: QuerySet[Trainee]) -> Scores:
    both = Q(pre_score__isnull=False, post_score__isnull=False)
    row = trainees.order_by().aggregate(
        pre=Avg("pre_score"),
        post=Avg("post_score"),
        gain=Avg(F("post_score") - F("pre_score"), filter=both),
        both=Count("pk", filter=both),
    )
    return Scores(**row)


def eligible_trainees(training: Training, trainees) -> list[Trainee]:
    """Those of ``trainees`` (annotated with ``attended``) who attended the
    training's minimum share of its sessions."""
    sessions = training.sessions.filter(deleted_at__isnull=True).count()
    return [
        trainee
        for trainee in trainees
        if policies.certificate_eligible(
            attended=trainee.attended,
            sessions=sessions,
            minimum_percent=training.minimum_attendance,
        )
    ]


@dataclass(frozen=True)
class CertificateRow:
    """What a certificate says about one trainee."""

    trainee: Trainee
    number: str
    attended: int
    sessions: int
    minutes: int


def certificate_rows(user, training: Training) -> list[CertificateRow]:
    """A row for each trainee ``user`` may see who earned a certificate, with
    the sessions and time they attended."""
    sessions = {
        session.pk: session for session in training.sessions.filter(deleted_at__isnull=True)
    }
    eligible = eligible_trainees(training, trainees_for_user(user, training))
    attended = Attendance.objects.filter(
        present=True, session_id__in=list(sessions), trainee__in=[t.pk for t in eligible]
    ).values_list("trainee_id", "session_id")
    minutes: dict = {}
    for trainee_id, session_id in attended:
        session = sessions[session_id]
        minutes[trainee_id] = minutes.get(trainee_id, 0) + policies.session_minutes(
            session.starts_at, session.ends_at
        )
    return [
        CertificateRow(
            trainee=trainee,
            number=policies.certificate_number(
                number=trainee.number, code=training.code, ends_on=training.ends_on
            ),
            attended=trainee.attended,
            sessions=len(sessions),
            minutes=minutes.get(trainee.pk, 0),
        )
        for trainee in eligible
    ]


def trainee_accounts(libraries: QuerySet[Library]) -> QuerySet:
    """The active staff accounts of ``libraries``, to enrol as trainees."""
    return (
        get_user_model()
        .objects.filter(is_active=True, staff_role__library__in=libraries)
        .select_related("staff_role__library")
        .order_by("staff_role__library__code", "first_name", "username")
    )


def mentor_accounts() -> QuerySet:
    """The active accounts of the district office, to name as mentors."""
    district = [StaffRole.DISTRICT_ADMIN, StaffRole.DISTRICT_VIEWER]
    return get_user_model().objects.filter(is_active=True, staff_role__role__in=district)


# --- mentoring --------------------------------------------------------------------------


def visits_for_user(user, *, library: Library | None = None) -> QuerySet[MentoringVisit]:
    """The mentoring visits ``user`` may see (their library's; all for the
    office), newest first, with their numbers of action items and open ones."""
    visits = scope_to_user(MentoringVisit.objects.filter(deleted_at__isnull=True), user)
    if library is not None:
        visits = visits.filter(library=library)
    live = Q(action_items__deleted_at__isnull=True)
    return (
        visits.select_related("library", "training")
        .annotate(
            item_count=Count("action_items", filter=live),
            open_count=Count(
                "action_items", filter=live & ~Q(action_items__status=ActionItem.Status.DONE)
            ),
        )
        .order_by("-visited_on", "-created_at")
    )


def visit_for_user(user, visit_id) -> MentoringVisit:
    visit = visits_for_user(user).filter(pk=visit_id).first()
    if visit is None:
        raise Http404
    return visit


def action_items_of(visit: MentoringVisit) -> QuerySet[ActionItem]:
    return visit.action_items.filter(deleted_at__isnull=True).order_by("due_on", "created_at")


def action_items_for_user(
    user, *, library: Library | None = None, overdue_on: datetime.date | None = None
) -> QuerySet[ActionItem]:
    """The action items not done yet that ``user`` may see, soonest due first;
    ``library``: one library's; ``overdue_on``: only those due before that day."""
    items = scope_to_user(
        ActionItem.objects.filter(deleted_at__isnull=True, visit__deleted_at__isnull=True),
        user,
        library_field="visit__library",
    ).exclude(status=ActionItem.Status.DONE)
    if library is not None:
        items = items.filter(visit__library=library)
    if overdue_on is not None:
        items = items.filter(due_on__lt=overdue_on)
    return items.select_related("visit", "visit__library").order_by("due_on", "created_at")


def action_item_for_user(user, item_id) -> ActionItem:
    items = scope_to_user(
        ActionItem.objects.filter(deleted_at__isnull=True, visit__deleted_at__isnull=True),
        user,
        library_field="visit__library",
    )
    item = items.select_related("visit", "visit__library").filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


def overdue_action_items(user) -> QuerySet[ActionItem]:
    """The action items ``user`` may see that are past their due date and not done."""
    return action_items_for_user(user, overdue_on=timezone.localdate())


def libraries_with_open_items(user) -> QuerySet[Library]:
    """The libraries ``user`` may see with their numbers of mentoring visits,
    open action items and overdue ones, for the mentoring overview."""
    open_items = Q(
        mentoring_visits__deleted_at__isnull=True,
        mentoring_visits__action_items__deleted_at__isnull=True,
    ) & ~Q(mentoring_visits__action_items__status=ActionItem.Status.DONE)
    overdue = open_items & Q(mentoring_visits__action_items__due_on__lt=timezone.localdate())
    libraries = scope_to_user(
        Library.objects.filter(deleted_at__isnull=True), user, library_field="pk"
    )
    return libraries.annotate(
        visit_count=Count(
            "mentoring_visits",
            filter=Q(mentoring_visits__deleted_at__isnull=True),
            distinct=True,
        ),
        open_count=Count("mentoring_visits__action_items", filter=open_items),
        overdue_count=Count("mentoring_visits__action_items", filter=overdue),
    ).order_by("name")
