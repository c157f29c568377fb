"""The trainings API: trainings with their sessions, trainees (scores,
sessions attended, certificate eligibility) and attendance, through the same
services and scoping as the pages; the mentoring endpoints (``api_mentoring``)
are part of its router."""

import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.training import api_mentoring, policies, queries, services
from pustaka.training.models import Trainee

router = Router(tags=["training"])
router.add_router("", api_mentoring.router)

READ_ERRORS = frozenset({401, 403, 404})
WRITE_ERRORS = frozenset({401, 403, 404, 422})
Score = int | None
TraineeRole = Literal["manager", "volunteer", "village_official", "other"]


# --- trainings -------------------------------------------------------------------------


class TrainingOut(Schema):
    id: UUID
    code: str
    title: str
    theme: str
    organiser: str
    venue: str
    starts_on: datetime.date
    ends_on: datetime.date
    description: str
    minimum_attendance: int = Field(description="Percent of sessions needed for a certificate.")
    session_count: int
    trainee_count: int
    evaluation: UUID | None = Field(description="The participants' evaluation survey.")

    @staticmethod
    def resolve_evaluation(obj):
        return obj.evaluation_id


class TrainingPatch(Schema):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(None, min_length=1, max_length=30)
    title: str = Field(None, min_length=1, max_length=200)
    theme: str = Field(None, max_length=200)
    organiser: str = Field(None, min_length=1, max_length=200)
    venue: str = Field(None, min_length=1, max_length=200)
    starts_on: datetime.date = None
    ends_on: datetime.date = None
    description: str = None
    minimum_attendance: int = Field(None, ge=1, le=100)


class TrainingIn(TrainingPatch):
    code: str = Field(min_length=1, max_length=30, examples=["BIMTEK-TIK"])
    title: str = Field(min_length=1, max_length=200)
    organiser: str = Field(min_length=1, max_length=200)
    venue: str = Field(min_length=1, max_length=200)
    starts_on: datetime.date
    ends_on: datetime.date


@router.get("/trainings", response={200: list[TrainingOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def training_list(request):
    """Every training of the district office, newest first. Paged with
    ``limit`` and ``offset``."""
    return queries.trainings_for_user(caller(request))


@router.post("/trainings", response={201: TrainingOut, WRITE_ERRORS: ErrorOut})
def training_post(request, payload: TrainingIn):
    """Plan a training (the district office)."""
    user = caller(request)
    training = services.training_create(actor=user, **payload.model_dump(exclude_unset=True))
    return Status(201, queries.training_for_user(user, training.pk))


@router.get("/trainings/{id}", response={200: TrainingOut, READ_ERRORS: ErrorOut})
def training_get(request, id: UUID):
    return queries.training_for_user(caller(request), id)


@router.patch("/trainings/{id}", response={200: TrainingOut, WRITE_ERRORS: ErrorOut})
def training_patch(request, id: UUID, payload: TrainingPatch):
    user = caller(request)
    training = queries.training_for_user(user, id)
    services.training_update(
        actor=user, training=training, changes=payload.model_dump(exclude_unset=True)
    )
    return queries.training_for_user(user, id)


@router.post("/trainings/{id}/evaluation", response={201: TrainingOut, WRITE_ERRORS: ErrorOut})
def training_evaluation(request, id: UUID):
    """Make the participants' evaluation survey (a draft from the training
    evaluation template; open it through the surveys API)."""
    user = caller(request)
    training = queries.training_for_user(user, id)
    services.training_evaluation_create(actor=user, training=training)
    return Status(201, queries.training_for_user(user, id))


# --- sessions and attendance ------------------------------------------------------


class SessionOut(Schema):
    id: UUID
    date: datetime.date
    starts_at: datetime.time
    ends_at: datetime.time
    topic: str
    speaker: str
    present_count: int = Field(description="Trainees recorded present.")


class SessionPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    date: datetime.date = None
    starts_at: datetime.time = None
    ends_at: datetime.time = None
    topic: str = Field(None, min_length=1, max_length=200)
    speaker: str = Field(None, max_length=200)


class SessionIn(SessionPatch):
    date: datetime.date
    starts_at: datetime.time
    ends_at: datetime.time
    topic: str = Field(min_length=1, max_length=200)


class AttendanceOut(Schema):
    trainee: UUID
    name: str
    library: str = Field(description="The trainee's library code.")
    present: bool | None = Field(description="Null: not recorded yet.")


class AttendanceIn(Schema):
    """Who was there: every other trainee of the training is recorded absent."""

    model_config = ConfigDict(extra="forbid")

    present: list[UUID] = Field(description="The trainees present.")


class AttendanceCounts(Schema):
    present: int
    absent: int


@router.get("/trainings/{id}/sessions", response={200: list[SessionOut], READ_ERRORS: ErrorOut})
def session_list(request, id: UUID):
    """The training's sessions in time order."""
    return queries.sessions_of(queries.training_for_user(caller(request), id))


@router.post("/trainings/{id}/sessions", response={201: SessionOut, WRITE_ERRORS: ErrorOut})
def session_post(request, id: UUID, payload: SessionIn):
    """Add a session on one of the training's days."""
    user = caller(request)
    training = queries.training_for_user(user, id)
    session = services.session_create(
        actor=user, training=training, **payload.model_dump(exclude_unset=True)
    )
    return Status(201, queries.sessions_of(training).get(pk=session.pk))


@router.patch("/training-sessions/{id}", response={200: SessionOut, WRITE_ERRORS: ErrorOut})
def session_patch(request, id: UUID, payload: SessionPatch):
    user = caller(request)
    session = queries.session_for_user(user, id)
    services.session_update(
        actor=user, session=session, changes=payload.model_dump(exclude_unset=True)
    )
    return queries.sessions_of(session.training).get(pk=session.pk)


@router.get(
    "/training-sessions/{id}/attendance",
    response={200: list[AttendanceOut], READ_ERRORS: ErrorOut},
)
def attendance_get(request, id: UUID):
    """Every trainee of the session's training the caller may see, present or not."""
    user = caller(request)
    session = queries.session_for_user(user, id)
    visible = set(queries.trainees_for_user(user, session.training).values_list("pk", flat=True))
    return [
        {
            "trainee": trainee.pk,
            "name": trainee.name,
            "library": trainee.library.code,
            "present": present,
        }
        for trainee, present in queries.session_checklist(session)
        if trainee.pk in visible
    ]


@router.put(
    "/training-sessions/{id}/attendance",
    response={200: AttendanceCounts, WRITE_ERRORS: ErrorOut},
)
def attendance_put(request, id: UUID, payload: AttendanceIn):
    """Record the session's attendance (the district office)."""
    user = caller(request)
    session = queries.session_for_user(user, id)
    return services.session_attendance_record(actor=user, session=session, present=payload.present)


# --- trainees ------------------------------------------------------------------------------


class TraineeOut(Schema):
    id: UUID
    number: int
    name: str
    library: str = Field(description="The library's code.")
    user: str | None = Field(description="The staff account's username, if any.")
    role: TraineeRole
    pre_score: int | None
    post_score: int | None
    attended: int = Field(description="Sessions attended.")
    eligible: bool = Field(description="Attended enough sessions for a certificate.")

    @staticmethod
    def resolve_library(obj):
        return obj.library.code

    @staticmethod
    def resolve_user(obj):
        return obj.user.username if obj.user_id else None


class TraineeIn(Schema):
    """A trainee from a library: a staff account of it (``user``, a username)
    or a person without one (``name``)."""

    model_config = ConfigDict(extra="forbid")

    library: str = Field(description="The library's code.")
    role: TraineeRole
    user: str | None = Field(None, description="A staff account's username.")
    name: str = Field("", max_length=150)


class TraineePatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(None, min_length=1, max_length=150)
    role: TraineeRole = None
    pre_score: Score = Field(None, ge=0, le=100)
    post_score: Score = Field(None, ge=0, le=100)


def _with_eligibility(training, trainees) -> list[Trainee]:
    sessions = training.sessions.filter(deleted_at__isnull=True).count()
    trainees = list(trainees)
    for trainee in trainees:
        trainee.eligible = policies.certificate_eligible(
            attended=trainee.attended,
            sessions=sessions,
            minimum_percent=training.minimum_attendance,
        )
    return trainees


@router.get("/trainings/{id}/trainees", response={200: list[TraineeOut], READ_ERRORS: ErrorOut})
def trainee_list(request, id: UUID):
    """The training's trainees the caller may see (their library's; all for
    the office), with sessions attended, scores and certificate eligibility."""
    user = caller(request)
    training = queries.training_for_user(user, id)
    trainees = queries.trainees_for_user(user, training).select_related("user")
    return _with_eligibility(training, trainees)


@router.post("/trainings/{id}/trainees", response={201: TraineeOut, WRITE_ERRORS: ErrorOut})
def trainee_post(request, id: UUID, payload: TraineeIn):
    """Enrol a trainee (the district office)."""
    user = caller(request)
    training = queries.training_for_user(user, id)
    trainee = services.trainee_add(
        actor=user,
        training=training,
        library=api_mentoring.library_by_code(user, payload.library),
        role=payload.role,
        user=api_mentoring.account_by_username(payload.user),
        name=payload.name,
    )
    return Status(201, _trainee_out(user, trainee.pk))


@router.patch("/trainees/{id}", response={200: TraineeOut, WRITE_ERRORS: ErrorOut})
def trainee_patch(request, id: UUID, payload: TraineePatch):
    """Change a trainee's name, role or test scores (the district office)."""
    user = caller(request)
    trainee = queries.trainee_for_user(user, id)
    services.trainee_update(
        actor=user, trainee=trainee, changes=payload.model_dump(exclude_unset=True)
    )
    return _trainee_out(user, id)


def _trainee_out(user, trainee_id) -> Trainee:
    trainee = queries.trainee_for_user(user, trainee_id)
    return _with_eligibility(trainee.training, [trainee])[0]
