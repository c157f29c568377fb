"""Every change to trainings and mentoring.

Who may do what: the district office runs trainings (sessions, trainees,
attendance, scores, the participants' evaluation survey) and mentoring
visits with their action items; the manager of a visited library moves its
action items on (open, in progress, done). Everyone else only reads (see
``queries``)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import insert_logged, update_logged
from pustaka.libraries.models import Library
from pustaka.surveys.models import Survey
from pustaka.surveys.services import survey_from_template
from pustaka.training import policies
from pustaka.training.models import (
    ActionItem,
    Attendance,
    MentoringVisit,
    Session,
    Trainee,
    Training,
)

TRAINING_FIELDS = {
    "code",
    "title",
    "theme",
    "organiser",
    "venue",
    "starts_on",
    "ends_on",
    "description",
    "minimum_attendance",
}
SESSION_FIELDS = {"date", "starts_at", "ends_at", "topic", "speaker"}
TRAINEE_FIELDS = {"name", "role", "pre_score", "post_score"}
VISIT_FIELDS = {"visited_on", "mentor_name", "training", "findings"}
ACTION_ITEM_FIELDS = {"description", "owner", "due_on"}
TITLE_MAX = Survey._meta.get_field("title").max_length
TEXT_FIELDS = {"code", "title", "theme", "organiser", "venue", "topic", "speaker", "name"}
TEXT_FIELDS |= {"mentor_name", "owner"}
# Links that bulk writes leave unvalidated: the rows come from the training
# itself, and the database's constraints still guard them.
LINKS = {"training", "library", "user", "session", "trainee"}


def _require_manager(actor) -> None:
    if not policies.may_manage(access_for(actor)):
        raise NotPermitted


def _cleaned(fields: dict) -> dict:
    """One-line texts trimmed with inner spaces collapsed; the code in capitals;
    long texts trimmed at the ends."""
    fields = dict(fields)
    for name in TEXT_FIELDS & set(fields):
        fields[name] = " ".join((fields[name] or "").split())
    if "code" in fields:
        fields["code"] = fields["code"].upper()
    for name in {"description", "findings"} & set(fields):
        fields[name] = (fields[name] or "").strip()
    return fields


def _not_deleted(instance) -> None:
    if instance.deleted_at is not None:
        raise NotFound


# --- trainings and sessions ------------------------------------------------------


@transaction.atomic
def training_create(
    *,
    actor,
    code: str,
    title: str,
    organiser: str,
    venue: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    theme: str = "",
    description: str = "",
    minimum_attendance: int = 75,
) -> Training:
    """Plan a training of the office: its days, and the share of sessions a
    trainee must attend for a certificate."""
    _require_manager(actor)
    training = Training(
        **_cleaned(
            {
                "code": code,
                "title": title,
                "organiser": organiser,
                "venue": venue,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "theme": theme,
                "description": description,
                "minimum_attendance": minimum_attendance,
            }
        )
    )
    _check_training_days(training.starts_on, training.ends_on)
    return insert_logged(training, actor=actor)


@transaction.atomic
def training_update(*, actor, training: Training, changes: dict) -> list[str]:
    """Change a training's details; its days must still hold every session."""
    _require_manager(actor)
    _not_deleted(training)
    changes = _cleaned(changes)
    starts_on = changes.get("starts_on", training.starts_on)
    ends_on = changes.get("ends_on", training.ends_on)
    _check_training_days(starts_on, ends_on)
    outside = training.sessions.filter(deleted_at__isnull=True).exclude(
        date__range=(starts_on, ends_on)
    )
    if outside.exists():
        message = _("Some sessions fall outside these days: move them first.")
        raise Invalid(fields={"starts_on": [message]})
    return update_logged(training, actor=actor, changes=changes, allowed=TRAINING_FIELDS)


@transaction.atomic
def training_evaluation_create(*, actor, training: Training) -> Survey:
    """Make the participants' evaluation of the training: a district survey
    from the training-evaluation template (in the site's language), kept as a
    draft to review and open on the survey's page, and linked to the training."""
    _require_manager(actor)
    _not_deleted(training)
    Training.objects.select_for_update().filter(pk=training.pk).get()
    training.refresh_from_db(fields=["evaluation"])
    if training.evaluation_id is not None:
        raise Invalid(_("This training has its evaluation survey already."), code="exists")
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Evaluation: %(title)s") % {"title": training.title}
    survey = survey_from_template(
        actor=actor, template="training_evaluation", title=title[:TITLE_MAX]
    )
    changes = {"evaluation": survey}
    update_logged(training, actor=actor, changes=changes, allowed=set(changes))
    return survey


def _check_training_days(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise Invalid(fields={"ends_on": [_("The last day cannot be before the first day.")]})


@transaction.atomic
def session_create(
    *,
    actor,
    training: Training,
    date: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
    topic: str,
    speaker: str = "",
) -> Session:
    """Add a session (a topic, on one of the training's days, with its speaker)."""
    _require_manager(actor)
    _not_deleted(training)
    session = Session(
        training=training,
        **_cleaned(
            {
                "date": date,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "topic": topic,
                "speaker": speaker,
            }
        ),
    )
    _check_session(session)
    return insert_logged(session, actor=actor)


@transaction.atomic
def session_update(*, actor, session: Session, changes: dict) -> list[str]:
    """Change a session's day, times, topic or speaker."""
    _require_manager(actor)
    _not_deleted(session)
    changes = _cleaned(changes)
    merged = Session(
        training=session.training,
        **{name: changes.get(name, getattr(session, name)) for name in SESSION_FIELDS},
    )
    _check_session(merged)
    return update_logged(session, actor=actor, changes=changes, allowed=SESSION_FIELDS)


@transaction.atomic
def session_delete(*, actor, session: Session) -> None:
    """Take a session added by mistake off the training (marked deleted); its
    attendance no longer counts."""
    _require_manager(actor)
    _not_deleted(session)
    changes = {"deleted_at": timezone.now()}
    update_logged(session, actor=actor, changes=changes, allowed=set(changes))


def _check_session(session: Session) -> None:
    training = session.training
    problems = {}
    if session.date and not training.starts_on <= session.date <= training.ends_on:
        problems["date"] = [_("Choose a day of the training.")]
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        problems["ends_at"] = [_("A session ends after it starts.")]
    if problems:
        raise Invalid(fields=problems)


# --- trainees, attendance and scores ---------------------------------------------


@transaction.atomic
def trainee_add(
    *,
    actor,
    training: Training,
    library: Library,
    role: str,
    user=None,
    name: str = "",
) -> Trainee:
    """Enrol someone from ``library``: a staff account of that library (the
    name comes from the account) or a person without one, by name. Each
    gets the next number of the training, printed on their certificate."""
    _require_manager(actor)
    _not_deleted(training)
    Training.objects.select_for_update().filter(pk=training.pk).get()
    name = " ".join((name or "").split())
    if user is not None:
        _check_trainee_account(training, library, user)
        name = name or user.get_full_name() or user.username
    if not name:
        raise Invalid(fields={"name": [_("Give the trainee's name or choose their account.")]})
    last = training.trainees.aggregate(last=Max("number"))["last"] or 0
    trainee = Trainee(
        training=training, library=library, user=user, name=name, role=role, number=last + 1
    )
    return insert_logged(trainee, actor=actor)


def _check_trainee_account(training: Training, library: Library, user) -> None:
    staff_role = getattr(user, "staff_role", None)
    if staff_role is None or staff_role.library_id != library.pk:
        raise Invalid(fields={"user": [_("This account is not staff of that library.")]})
    if training.trainees.filter(user=user, deleted_at__isnull=True).exists():
        raise Invalid(fields={"user": [_("This person takes part in the training already.")]})


@transaction.atomic
def trainee_update(*, actor, trainee: Trainee, changes: dict) -> list[str]:
    """Change a trainee's name, role or test scores (0 to 100, or empty)."""
    _require_manager(actor)
    _not_deleted(trainee)
    return update_logged(trainee, actor=actor, changes=_cleaned(changes), allowed=TRAINEE_FIELDS)


@transaction.atomic
def trainee_remove(*, actor, trainee: Trainee) -> None:
    """Take a trainee enrolled by mistake off the training (marked deleted);
    their number is not given again."""
    _require_manager(actor)
    _not_deleted(trainee)
    changes = {"deleted_at": timezone.now()}
    update_logged(trainee, actor=actor, changes=changes, allowed=set(changes))


@transaction.atomic
def training_scores_record(*, actor, training: Training, scores: dict) -> int:
    """Enter the pre- and post-test scores of many trainees at once:
    ``{trainee id: (pre, post)}``, ``None`` for a score not known. Returns how
    many trainees changed."""
    _require_manager(actor)
    _not_deleted(training)
    trainees = _trainees_of(training, scores)
    changed = 0
    for trainee_id, (pre, post) in scores.items():
        changes = {"pre_score": pre, "post_score": post}
        trainee = trainees[trainee_id]
        try:
            done = update_logged(
                trainee, actor=actor, changes=changes, allowed=TRAINEE_FIELDS, exclude=LINKS
            )
        except Invalid as error:
            raise Invalid(fields=_per_trainee(trainee, error.fields)) from error
        changed += bool(done)
    return changed


def _per_trainee(trainee: Trainee, fields: dict) -> dict:
    """A trainee's field errors named by trainee (``<field>-<id>``), so a form
    of many trainees shows each error at its input."""
    return {f"{name}-{trainee.pk}": messages for name, messages in fields.items()}


def _trainees_of(training: Training, ids) -> dict:
    """The training's trainees with keys ``ids``; ``Invalid`` for any other."""
    trainees = {
        trainee.pk: trainee
        for trainee in training.trainees.filter(deleted_at__isnull=True, pk__in=list(ids))
    }
    if set(ids) - set(trainees):
        raise Invalid(fields={"trainees": [_("Some trainees are not in this training.")]})
    return trainees


@transaction.atomic
def session_attendance_record(*, actor, session: Session, present) -> dict:
    """Record who was at ``session``: the trainees whose ids are in ``present``
    were there, every other trainee of the training was not. Only for a
    session that has begun. Returns ``{"present": n, "absent": n}``."""
    _require_manager(actor)
    _not_deleted(session)
    if session.date > timezone.localdate():
        raise Invalid(_("Attendance is recorded on the day of the session or later."))
    present = set(present)
    trainees = list(session.training.trainees.filter(deleted_at__isnull=True))
    if present - {trainee.pk for trainee in trainees}:
        raise Invalid(fields={"present": [_("Some trainees are not in this training.")]})
    kept = {row.trainee_id: row for row in session.attendances.all()}
    for trainee in trainees:
        _attendance_write(actor, session, trainee, kept.get(trainee.pk), trainee.pk in present)
    return {"present": len(present), "absent": len(trainees) - len(present)}


def _attendance_write(actor, session, trainee, row: Attendance | None, present: bool) -> None:
    if row is None:
        row = Attendance(session=session, trainee=trainee, present=present)
        insert_logged(row, actor=actor, exclude=LINKS)
    else:
        changes = {"present": present}
        update_logged(row, actor=actor, changes=changes, allowed=set(changes), exclude=LINKS)


# --- mentoring ----------------------------------------------------------------------


@transaction.atomic
def mentoring_visit_create(
    *,
    actor,
    library: Library,
    visited_on: datetime.date,
    mentor=None,
    mentor_name: str = "",
    training: Training | None = None,
    findings: str = "",
) -> MentoringVisit:
    """Record a mentor's visit to ``library``: the mentor (a staff account,
    or only a name), perhaps the training it follows, and what was found."""
    _require_manager(actor)
    fields = _cleaned({"mentor_name": mentor_name, "findings": findings})
    if mentor is not None and not fields["mentor_name"]:
        fields["mentor_name"] = mentor.get_full_name() or mentor.username
    if not fields["mentor_name"]:
        raise Invalid(fields={"mentor_name": [_("Give the mentor's name.")]})
    _check_training_live(training)
    visit = MentoringVisit(
        library=library, visited_on=visited_on, mentor=mentor, training=training, **fields
    )
    return insert_logged(visit, actor=actor)


@transaction.atomic
def mentoring_visit_update(*, actor, visit: MentoringVisit, changes: dict) -> list[str]:
    """Change a visit's date, mentor's name, training or findings."""
    _require_manager(actor)
    _not_deleted(visit)
    _check_training_live(changes.get("training"))
    return update_logged(visit, actor=actor, changes=_cleaned(changes), allowed=VISIT_FIELDS)


def _check_training_live(training: Training | None) -> None:
    if training is not None and training.deleted_at is not None:
        raise Invalid(fields={"training": [_("This training no longer exists.")]})


@transaction.atomic
def action_item_create(
    *,
    actor,
    visit: MentoringVisit,
    description: str,
    owner: str,
    due_on: datetime.date,
) -> ActionItem:
    """Note a step agreed at the visit: what, who does it, and by when."""
    _require_manager(actor)
    _not_deleted(visit)
    fields = _cleaned({"description": description, "owner": owner})
    item = ActionItem(visit=visit, due_on=due_on, **fields)
    return insert_logged(item, actor=actor)


@transaction.atomic
def action_item_update(*, actor, item: ActionItem, changes: dict) -> list[str]:
    """Change what an action item asks, who does it, or its due date."""
    _require_manager(actor)
    _not_deleted(item)
    return update_logged(item, actor=actor, changes=_cleaned(changes), allowed=ACTION_ITEM_FIELDS)


@transaction.atomic
def action_item_set_status(
    *, actor, item: ActionItem, status: str, done_on: datetime.date | None = None
) -> ActionItem:
    """Move an action item on: open, in progress, or done (on ``done_on``,
    today unless given; never in the future). Reopening clears the date."""
    if not policies.may_update_action_status(access_for(actor), item.visit.library_id):
        raise NotPermitted
    _not_deleted(item)
    if status not in ActionItem.Status.values:
        raise Invalid(fields={"status": [_("Choose open, in progress or done.")]})
    today = timezone.localdate()
    if status == ActionItem.Status.DONE:
        done_on = done_on or today
        if done_on > today:
            raise Invalid(fields={"done_on": [_("The date it was done cannot be in the future.")]})
    else:
        done_on = None
    if item.status == status and item.done_on == done_on:
        raise Invalid(_("The action item has this status already."), code="unchanged")
    changes = {"status": status, "done_on": done_on}
    update_logged(item, actor=actor, changes=changes, allowed=set(changes))
    return item
