"""Training and mentoring services: planning a training and its sessions,
enrolling trainees, recording attendance and scores, who earns a
certificate; mentoring visits and their action items followed until done;
who may do what, and who sees what."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from pustaka.core.errors import Invalid, NotPermitted
from pustaka.training import queries, services
from pustaka.training.models import Attendance
from tests.training.factories import item_make, session_make, trainee_make, training_make

# --- trainings and sessions -------------------------------------------------------


def test_a_training_needs_its_last_day_after_its_first(admin):
    with pytest.raises(Invalid) as refused:
        training_make(
            admin, starts_on=datetime.date(2024, 11, 16), ends_on=datetime.date(2024, 11, 13)
        )
    assert list(refused.value.fields) == ["ends_on"]


def test_training_codes_are_capitals_and_unique(admin, training):
    assert training.code == "BIMTEK-TIK"
    with pytest.raises(Invalid) as refused:
        training_make(admin, code=" bimtek-tik ")
    assert list(refused.value.fields) == ["code"]
    with pytest.raises(Invalid):
        training_make(admin, code="BIMTEK TIK 2")


def test_only_the_office_runs_trainings(manager_a, viewer, training):
    for user in (manager_a, viewer):
        with pytest.raises(NotPermitted):
            training_make(user, code="LAIN")
        with pytest.raises(NotPermitted):
            services.training_update(actor=user, training=training, changes={"venue": "X"})
        with pytest.raises(NotPermitted):
            session_make(user, training)


def test_sessions_fall_on_the_training_days(admin, training):
    with pytest.raises(Invalid) as refused:
        session_make(admin, training, day=4)
    assert list(refused.value.fields) == ["date"]
    with pytest.raises(Invalid) as refused:
        session_make(admin, training, starts=(13, 0), ends=(12, 0))
    assert list(refused.value.fields) == ["ends_at"]


def test_the_days_cannot_shrink_away_from_a_session(admin, training, four_days):
    with pytest.raises(Invalid):
        services.training_update(
            actor=admin, training=training, changes={"ends_on": datetime.date(2024, 11, 15)}
        )
    services.session_delete(actor=admin, session=four_days[3])
    changed = services.training_update(
        actor=admin, training=training, changes={"ends_on": datetime.date(2024, 11, 15)}
    )
    assert changed == ["ends_on"]


# --- trainees ----------------------------------------------------------------------------


def test_trainees_are_numbered_in_the_order_they_are_enrolled(trainee_a, trainee_a2, trainee_b):
    assert [trainee_a.number, trainee_a2.number, trainee_b.number] == [1, 2, 3]


def test_a_trainee_with_an_account_takes_its_name(admin, training, library_a, manager_a):
    trainee = services.trainee_add(
        actor=admin, training=training, library=library_a, role="manager", user=manager_a
    )
    assert trainee.name == "Pengelola_A"
    with pytest.raises(Invalid) as refused:
        services.trainee_add(
            actor=admin, training=training, library=library_a, role="manager", user=manager_a
        )
    assert list(refused.value.fields) == ["user"]


def test_an_account_of_another_library_or_no_name_is_refused(admin, training, library_b, manager_a):
    with pytest.raises(Invalid) as refused:
        services.trainee_add(
            actor=admin, training=training, library=library_b, role="manager", user=manager_a
        )
    assert list(refused.value.fields) == ["user"]
    with pytest.raises(Invalid) as refused:
        services.trainee_add(actor=admin, training=training, library=library_b, role="volunteer")
    assert list(refused.value.fields) == ["name"]


def test_a_removed_trainee_is_no_longer_listed_and_their_number_not_reused(
    admin, training, trainee_a, trainee_a2, library_a
):
    services.trainee_remove(actor=admin, trainee=trainee_a2)
    assert [t.name for t in queries.trainees_for_user(admin, training)] == ["Siti Rahmawati"]
    assert trainee_make(admin, training, library_a, "Rina").number == 3


# --- attendance, scores and certificates -------------------------------------------------


def test_attendance_records_the_ticked_present_and_the_others_absent(
    admin, four_days, trainee_a, trainee_a2, trainee_b
):
    # when the first day's attendance is recorded
    counts = services.session_attendance_record(
        actor=admin, session=four_days[0], present=[trainee_a.pk, trainee_b.pk]
    )
    # then
    assert counts == {"present": 2, "absent": 1}
    rows = dict(Attendance.objects.values_list("trainee__name", "present"))
    assert rows == {"Siti Rahmawati": True, "Budi Santoso": False, "Yohanes Lahang": True}
    # and when it is corrected, the same rows change
    services.session_attendance_record(actor=admin, session=four_days[0], present=[trainee_a2.pk])
    rows = dict(Attendance.objects.values_list("trainee__name", "present"))
    assert rows == {"Siti Rahmawati": False, "Budi Santoso": True, "Yohanes Lahang": False}


def test_attendance_refuses_a_session_still_to_come_and_strangers(
    admin, library_a, trainee_a, four_days
):
    today = timezone.localdate()
    later = training_make(
        admin, code="LATER", starts_on=today, ends_on=today.replace(year=today.year + 1)
    )
    coming = session_make(admin, later, day=1)
    with pytest.raises(Invalid):
        services.session_attendance_record(actor=admin, session=coming, present=[])
    stranger = trainee_make(admin, later, library_a, "Orang lain")
    with pytest.raises(Invalid) as refused:
        services.session_attendance_record(actor=admin, session=four_days[0], present=[stranger.pk])
    assert list(refused.value.fields) == ["present"]


def _attend(admin, sessions, present_by_session):
    for session, present in zip(sessions, present_by_session, strict=True):
        services.session_attendance_record(actor=admin, session=session, present=present)


def test_certificates_go_to_those_at_or_above_the_minimum_share(
    admin, training, four_days, trainee_a, trainee_a2, trainee_b
):
    # given 4 sessions at 75 %: Siti all 4, Budi 3 (exactly 75 %), Yohanes 2
    everyone, some = [trainee_a.pk, trainee_a2.pk, trainee_b.pk], [trainee_a.pk, trainee_a2.pk]
    _attend(admin, four_days, [everyone, everyone, some, [trainee_a.pk]])
    # when
    trainees = queries.trainees_for_user(admin, training)
    eligible = queries.eligible_trainees(training, trainees)
    rows = queries.certificate_rows(admin, training)
    # then
    assert [t.attended for t in trainees] == [4, 3, 2]
    assert [t.name for t in eligible] == ["Siti Rahmawati", "Budi Santoso"]
    assert [(r.number, r.attended, r.sessions, r.minutes) for r in rows] == [
        ("001/BIMTEK-TIK/XI/2024", 4, 4, 960),
        ("002/BIMTEK-TIK/XI/2024", 3, 4, 720),
    ]


def test_a_removed_session_no_longer_counts(admin, training, four_days, trainee_a):
    # given Siti missed two of four sessions (50 %)
    _attend(admin, four_days, [[trainee_a.pk], [trainee_a.pk], [], []])
    assert queries.certificate_rows(admin, training) == []
    # when a mistaken session is removed: 2 of 3 is still under 75 %, 2 of 2 is not
    services.session_delete(actor=admin, session=four_days[3])
    assert queries.certificate_rows(admin, training) == []
    services.session_delete(actor=admin, session=four_days[2])
    assert [row.attended for row in queries.certificate_rows(admin, training)] == [2]


def test_attendance_per_day_counts_people_present_at_any_session(
    admin, training, trainee_a, trainee_a2
):
    morning = session_make(admin, training, day=0)
    afternoon = session_make(admin, training, day=0, starts=(13, 0), ends=(16, 0))
    second_day = session_make(admin, training, day=1)
    _attend(admin, [morning, afternoon, second_day], [[trainee_a.pk], [trainee_a2.pk], []])
    days = queries.attendance_by_day(training, queries.trainees_for_user(admin, training))
    assert [(d.date.day, d.sessions, d.present, d.trainees) for d in days] == [
        (13, 2, 2, 2),
        (14, 1, 0, 2),
    ]


def test_scores_are_entered_together_and_averaged(
    admin, training, trainee_a, trainee_a2, trainee_b
):
    scores = {trainee_a.pk: (40, 80), trainee_a2.pk: (60, 70), trainee_b.pk: (50, None)}
    services.training_scores_record(actor=admin, training=training, scores=scores)
    averages = queries.score_averages(queries.trainees_for_user(admin, training))
    assert (averages.pre, averages.post, averages.gain, averages.both) == (50, 75, 25, 2)


def test_a_score_over_100_is_refused_at_its_trainee(admin, training, trainee_a, trainee_a2):
    scores = {trainee_a.pk: (40, 80), trainee_a2.pk: (60, 170)}
    with pytest.raises(Invalid) as refused:
        services.training_scores_record(actor=admin, training=training, scores=scores)
    assert list(refused.value.fields) == [f"post_score-{trainee_a2.pk}"]
    trainee_a.refresh_from_db()
    assert trainee_a.post_score is None  # nothing kept of a refused sheet


def test_library_staff_see_only_their_own_library_trainees(
    manager_a, training, trainee_a, trainee_b
):
    assert [t.name for t in queries.trainees_for_user(manager_a, training)] == ["Siti Rahmawati"]
    with pytest.raises(Http404):
        queries.trainee_for_user(manager_a, trainee_b.pk)


# --- mentoring ---------------------------------------------------------------------------


def test_an_action_item_is_followed_through_to_done(manager_a, action_item_a):
    # given an open action item of library A
    assert action_item_a.status == "open"
    # when the library's manager starts it, then finishes it
    services.action_item_set_status(actor=manager_a, item=action_item_a, status="in_progress")
    assert (action_item_a.status, action_item_a.done_on) == ("in_progress", None)
    services.action_item_set_status(actor=manager_a, item=action_item_a, status="done")
    # then it is done today and no longer open
    action_item_a.refresh_from_db()
    assert (action_item_a.status, action_item_a.done_on) == ("done", timezone.localdate())
    assert list(queries.action_items_for_user(manager_a)) == []
    # and reopening it clears the date
    services.action_item_set_status(actor=manager_a, item=action_item_a, status="open")
    assert (action_item_a.status, action_item_a.done_on) == ("open", None)


def test_a_status_change_is_refused_when_it_changes_nothing_or_dates_the_future(
    manager_a, action_item_a
):
    with pytest.raises(Invalid):
        services.action_item_set_status(actor=manager_a, item=action_item_a, status="open")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(Invalid) as refused:
        services.action_item_set_status(
            actor=manager_a, item=action_item_a, status="done", done_on=tomorrow
        )
    assert list(refused.value.fields) == ["done_on"]
    with pytest.raises(Invalid):
        services.action_item_set_status(actor=manager_a, item=action_item_a, status="finished")


def test_only_the_office_and_the_library_manager_move_action_items_on(
    volunteer_a, manager_b, viewer, action_item_a
):
    for user in (volunteer_a, manager_b, viewer):
        with pytest.raises(NotPermitted):
            services.action_item_set_status(actor=user, item=action_item_a, status="done")


def test_library_managers_cannot_record_visits_or_action_items(manager_a, library_a, visit_a):
    with pytest.raises(NotPermitted):
        services.mentoring_visit_create(
            actor=manager_a, library=library_a, visited_on=timezone.localdate(), mentor_name="X"
        )
    with pytest.raises(NotPermitted):
        item_make(manager_a, visit_a)


def test_a_visit_needs_a_mentor(admin, library_a):
    with pytest.raises(Invalid) as refused:
        services.mentoring_visit_create(
            actor=admin, library=library_a, visited_on=timezone.localdate()
        )
    assert list(refused.value.fields) == ["mentor_name"]


def test_overdue_lists_the_items_past_due_and_not_done(admin, visit_a, visit_b, viewer):
    today = timezone.localdate()
    late = item_make(admin, visit_a, due_on=today - datetime.timedelta(days=1), description="A")
    item_make(admin, visit_a, due_on=today, description="due today")
    late_b = item_make(admin, visit_b, due_on=today - datetime.timedelta(days=9), description="B")
    finished = item_make(admin, visit_b, due_on=today - datetime.timedelta(days=20))
    services.action_item_set_status(actor=admin, item=finished, status="done")
    assert list(queries.overdue_action_items(viewer)) == [late_b, late]
    overview = {
        lib.code: (lib.open_count, lib.overdue_count, lib.visit_count)
        for lib in queries.libraries_with_open_items(viewer)
    }
    assert overview == {"DSA": (2, 1, 1), "DSB": (1, 1, 1)}


def test_library_a_sees_only_its_own_visits_and_items(
    manager_a, manager_b, visit_a, visit_b, action_item_a
):
    assert list(queries.visits_for_user(manager_a)) == [visit_a]
    assert list(queries.visits_for_user(manager_b)) == [visit_b]
    assert list(queries.action_items_for_user(manager_b)) == []
    assert list(queries.overdue_action_items(manager_b)) == []


# --- the participants' evaluation ----------------------------------------------------------


def test_the_evaluation_survey_is_made_once_from_its_template(admin, manager_a, training):
    with pytest.raises(NotPermitted):
        services.training_evaluation_create(actor=manager_a, training=training)
    survey = services.training_evaluation_create(actor=admin, training=training)
    training.refresh_from_db()
    assert training.evaluation == survey
    assert (survey.kind, survey.status, survey.library) == ("training_evaluation", "draft", None)
    assert survey.title.endswith(": Strategi Pengembangan Perpustakaan Berbasis TIK")
    assert survey.questions.filter(code="usefulness").exists()
    with pytest.raises(Invalid):
        services.training_evaluation_create(actor=admin, training=training)


def test_a_trainee_keeps_their_name_when_their_account_goes(
    admin, training, library_a, volunteer_a
):
    trainee = services.trainee_add(
        actor=admin, training=training, library=library_a, role="volunteer", user=volunteer_a
    )
    volunteer_a.staff_role.delete()
    volunteer_a.delete()
    trainee.refresh_from_db()
    assert (trainee.user, trainee.name) == (None, "Relawan_A")
