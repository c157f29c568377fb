"""Change-log cases for the training services (collected by tests/core/test_change_log.py)."""

import datetime

from pustaka.training import services
from tests.change_log import Expected
from tests.training.factories import item_make, session_make, trainee_make, training_make


def _row(entity, instance, operation, **fields):
    return Expected(f"training.{entity}", str(instance.pk), operation, fields)


def case_training_create(admin):
    training = training_make(admin)
    return [_row("training", training, "create", code="BIMTEK-TIK", minimum_attendance=75)]


def case_training_update(admin, training):
    services.training_update(actor=admin, training=training, changes={"venue": "Tenggarong"})
    return [_row("training", training, "update", venue="Tenggarong")]


def case_training_evaluation_create(admin, training):
    survey = services.training_evaluation_create(actor=admin, training=training)
    return [
        _row("training", training, "update", evaluation_id=str(survey.pk)),
        Expected("surveys.survey", str(survey.pk), "create", {"kind": "training_evaluation"}),
    ]


def case_session_create(admin, training):
    session = session_make(admin, training, day=1)
    return [_row("session", session, "create", date="2024-11-14", starts_at="08:00:00")]


def case_session_update(admin, session_day1):
    services.session_update(actor=admin, session=session_day1, changes={"speaker": "Ibu Rina"})
    return [_row("session", session_day1, "update", speaker="Ibu Rina")]


def case_session_delete(admin, session_day1):
    services.session_delete(actor=admin, session=session_day1)
    session_day1.refresh_from_db()
    deleted = session_day1.deleted_at.isoformat()
    return [_row("session", session_day1, "update", deleted_at=deleted)]


def case_trainee_add(admin, training, library_a):
    trainee = trainee_make(admin, training, library_a, "Siti Rahmawati")
    fields = {"name": "Siti Rahmawati", "number": 1, "library_id": str(library_a.pk)}
    return [_row("trainee", trainee, "create", **fields)]


def case_trainee_update(admin, trainee_a):
    services.trainee_update(actor=admin, trainee=trainee_a, changes={"pre_score": 55})
    return [_row("trainee", trainee_a, "update", pre_score=55)]


def case_trainee_remove(admin, trainee_a):
    services.trainee_remove(actor=admin, trainee=trainee_a)
    trainee_a.refresh_from_db()
    return [_row("trainee", trainee_a, "update", deleted_at=trainee_a.deleted_at.isoformat())]


def case_training_scores_record(admin, training, trainee_a, trainee_b):
    scores = {trainee_a.pk: (50, 80), trainee_b.pk: (None, 70)}
    assert services.training_scores_record(actor=admin, training=training, scores=scores) == 2
    return [
        _row("trainee", trainee_a, "update", pre_score=50, post_score=80),
        _row("trainee", trainee_b, "update", post_score=70),
    ]


def case_session_attendance_record(admin, session_day1, trainee_a, trainee_b):
    services.session_attendance_record(actor=admin, session=session_day1, present=[trainee_a.pk])
    rows = {row.trainee_id: row for row in session_day1.attendances.all()}
    return [
        _row("attendance", rows[trainee_a.pk], "create", present=True),
        _row("attendance", rows[trainee_b.pk], "create", present=False),
    ]


def case_mentoring_visit_create(admin, library_a):
    visit = services.mentoring_visit_create(
        actor=admin, library=library_a, visited_on=datetime.date(2025, 1, 15), mentor=admin
    )
    fields = {"mentor_name": "Admin Dinas", "library_id": str(library_a.pk)}
    return [_row("mentoringvisit", visit, "create", **fields)]


def case_mentoring_visit_update(admin, visit_a):
    services.mentoring_visit_update(actor=admin, visit=visit_a, changes={"findings": "Sudah baik."})
    return [_row("mentoringvisit", visit_a, "update", findings="Sudah baik.")]


def case_action_item_create(admin, visit_a):
    item = item_make(admin, visit_a)
    return [_row("actionitem", item, "create", status="open", due_on="2025-02-15")]


def case_action_item_update(admin, action_item_a):
    services.action_item_update(actor=admin, item=action_item_a, changes={"owner": "Relawan"})
    return [_row("actionitem", action_item_a, "update", owner="Relawan")]


def case_action_item_set_status(manager_a, action_item_a):
    done_on = datetime.date(2025, 2, 10)
    services.action_item_set_status(
        actor=manager_a, item=action_item_a, status="done", done_on=done_on
    )
    return [_row("actionitem", action_item_a, "update", status="done", done_on="2025-02-10")]


CASES = {
    f"pustaka.training.services.{case.__name__.removeprefix('case_')}": case
    for case in [
        case_training_create,
        case_training_update,
        case_training_evaluation_create,
        case_session_create,
        case_session_update,
        case_session_delete,
        case_trainee_add,
        case_trainee_update,
        case_trainee_remove,
        case_training_scores_record,
        case_session_attendance_record,
        case_mentoring_visit_create,
        case_mentoring_visit_update,
        case_action_item_create,
        case_action_item_update,
        case_action_item_set_status,
    ]
}
