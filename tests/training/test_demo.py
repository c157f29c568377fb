"""The demo training and its mentoring: 40 staff of 20 libraries, four days,
a few absences, scores; visits with action items in every state; loaded once."""

from django.contrib.auth import get_user_model

from pustaka.libraries import demo as libraries_demo
from pustaka.surveys.queries import survey_results
from pustaka.training import demo, queries
from pustaka.training.models import ActionItem, Training


def test_demo_training_and_mentoring_are_loaded_once(db):
    # given the demo district
    libraries_demo.demo_load()
    # when
    added = demo.demo_load()
    # then
    assert added == {
        "trainings": 1,
        "trainees": 40,
        "evaluations answered": 38,
        "mentoring visits": 5,
        "action items": 10,
    }
    admin = get_user_model().objects.get(username="admin")
    training = Training.objects.get(code="BIMTEK-TIK")
    trainees = queries.trainees_for_user(admin, training)
    assert trainees.values("library").distinct().count() == 20
    assert trainees.get(number=1).user.username == "pengelola"
    days = queries.attendance_by_day(training, trainees)
    assert [(day.sessions, day.present) for day in days] == [(2, 38), (2, 36), (2, 37), (2, 38)]
    assert len(queries.eligible_trainees(training, trainees)) == 36
    evaluation = training.evaluation
    assert (evaluation.kind, evaluation.status, evaluation.library) == (
        "training_evaluation",
        "closed",
        None,
    )
    results = survey_results(evaluation)
    assert results.responses == 38
    usefulness = results.questions[0]
    assert usefulness.question.code == "usefulness" and 3 < usefulness.mean < 5
    scores = queries.score_averages(trainees)
    assert scores.both == 38 and scores.gain > 12
    statuses = sorted(ActionItem.objects.values_list("status", flat=True))
    assert statuses.count("done") == 3 and statuses.count("in_progress") == 2
    assert queries.overdue_action_items(admin).count() == 2
    # and loading again adds nothing
    assert demo.demo_load() == {
        "trainings": 0,
        "trainees": 0,
        "evaluations answered": 0,
        "mentoring visits": 0,
        "action items": 0,
    }
    assert Training.objects.count() == 1
