"""Training and mentoring pages: the office plans a training, enrols trainees,
ticks attendance and enters scores; library staff read their own library's
trainees and mentoring and move their action items on; nobody sees another
library's mentoring."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pustaka.training import services
from pustaka.training.models import ActionItem, Attendance, MentoringVisit, Session, Training
from tests.core.html import links, text
from tests.training.factories import item_make, trainee_make

# --- trainings ----------------------------------------------------------------------------


def test_every_staff_member_sees_the_trainings_the_office_plans_them(
    english_client_for, manager_a, admin, training
):
    page = english_client_for(manager_a).get("/staff/training/")
    assert page.status_code == 200
    assert ("Trainings", "/staff/training/") in links(page.text)
    assert "Strategi Pengembangan Perpustakaan Berbasis TIK" in text(page.text)
    assert "New training" not in text(page.text)
    assert "New training" in text(english_client_for(admin).get("/staff/training/").text)


def test_a_library_manager_cannot_edit_trainings(
    english_client_for, manager_a, training, session_day1, trainee_a
):
    client = english_client_for(manager_a)
    assert client.get("/staff/training/new/").status_code == 403
    assert client.post(f"/staff/training/{training.pk}/edit/", {"title": "X"}).status_code == 403
    assert client.get(f"/staff/training/{training.pk}/sessions/new/").status_code == 403
    attendance = f"/staff/training/sessions/{session_day1.pk}/attendance/"
    assert client.post(attendance, {"present": [trainee_a.pk]}).status_code == 403
    assert client.get(f"/staff/training/{training.pk}/scores/").status_code == 403
    assert not Attendance.objects.exists()
    training.refresh_from_db()
    assert training.title == "Strategi Pengembangan Perpustakaan Berbasis TIK"


def test_the_office_plans_a_training_and_its_sessions(english_client_for, admin):
    client = english_client_for(admin)
    response = client.post(
        "/staff/training/new/",
        {
            "code": "bimtek-sim",
            "title": "Bimtek Sistem Informasi Manajemen",
            "organiser": "Dinas Kearsipan dan Perpustakaan",
            "venue": "Tenggarong",
            "starts_on": "2025-03-04",
            "ends_on": "2025-03-05",
            "minimum_attendance": "80",
        },
    )
    training = Training.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/training/{training.pk}/"
    assert (training.code, training.minimum_attendance) == ("BIMTEK-SIM", 80)
    path = f"/staff/training/{training.pk}/sessions/new/"
    refused = client.post(
        path, {"date": "2025-03-09", "starts_at": "08:00", "ends_at": "12:00", "topic": "SIM"}
    )
    assert refused.status_code == 200 and "Choose a day of the training." in refused.text
    client.post(
        path, {"date": "2025-03-05", "starts_at": "08:00", "ends_at": "12:00", "topic": "SIM"}
    )
    assert Session.objects.get().date == datetime.date(2025, 3, 5)


def test_the_office_enrols_a_staff_account_or_a_person_without_one(
    english_client_for, admin, training, library_a, volunteer_a
):
    client = english_client_for(admin)
    path = f"/staff/training/{training.pk}/trainees/new/"
    page = client.get(path)
    assert "Relawan_A (DSA)" in page.text
    client.post(path, {"library": library_a.pk, "user": volunteer_a.pk, "role": "volunteer"})
    client.post(path, {"library": library_a.pk, "name": "Pak Kades", "role": "village_official"})
    names = list(training.trainees.values_list("number", "name", "role"))
    assert names == [(1, "Relawan_A", "volunteer"), (2, "Pak Kades", "village_official")]


def test_attendance_is_ticked_on_a_checklist_per_session(
    english_client_for, admin, training, session_day1, trainee_a, trainee_a2, trainee_b
):
    client = english_client_for(admin)
    path = f"/staff/training/sessions/{session_day1.pk}/attendance/"
    page = client.get(path)
    assert page.status_code == 200
    assert f'id="present-{trainee_b.pk}"' in page.text
    assert f'<label for="present-{trainee_b.pk}">Yohanes Lahang</label>' in page.text
    response = client.post(path, {"present": [trainee_a.pk, trainee_b.pk]}, follow=True)
    assert "Attendance saved: 2 present, 1 absent." in text(response.text)
    present = dict(Attendance.objects.values_list("trainee__name", "present"))
    assert present == {"Siti Rahmawati": True, "Budi Santoso": False, "Yohanes Lahang": True}
    again = client.get(path)
    assert f'value="{trainee_a.pk}" id="present-{trainee_a.pk}" checked' in again.text


def test_scores_are_entered_on_one_sheet(english_client_for, admin, training, trainee_a, trainee_b):
    client = english_client_for(admin)
    path = f"/staff/training/{training.pk}/scores/"
    refused = client.post(
        path,
        {
            f"pre_score-{trainee_a.pk}": "45",
            f"post_score-{trainee_a.pk}": "180",
            f"pre_score-{trainee_b.pk}": "",
            f"post_score-{trainee_b.pk}": "",
        },
    )
    assert refused.status_code == 200
    assert "Ensure this value is less than or equal to 100." in refused.text
    client.post(
        path,
        {
            f"pre_score-{trainee_a.pk}": "45",
            f"post_score-{trainee_a.pk}": "80",
            f"pre_score-{trainee_b.pk}": "55",
            f"post_score-{trainee_b.pk}": "",
        },
    )
    trainee_a.refresh_from_db()
    trainee_b.refresh_from_db()
    assert (trainee_a.pre_score, trainee_a.post_score, trainee_b.pre_score) == (45, 80, 55)
    page = text(client.get(f"/staff/training/{training.pk}/").text)
    assert "50.0 average pre-test" in page and "+35.0 average gain" in page


def test_library_staff_see_only_their_own_library_trainees_on_the_training_page(
    english_client_for, volunteer_a, training, trainee_a, trainee_b
):
    client = english_client_for(volunteer_a)
    page = text(client.get(f"/staff/training/{training.pk}/").text)
    assert "Siti Rahmawati" in page and "Yohanes Lahang" not in page
    assert client.get(f"/staff/training/trainees/{trainee_b.pk}/").status_code in (403, 404)


def test_the_training_page_reads_the_same_number_of_queries_for_more_trainees(
    english_client_for, admin, training, four_days, library_a, library_b
):
    client = english_client_for(admin)
    path = f"/staff/training/{training.pk}/"
    trainee_make(admin, training, library_a, "Satu")
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for number in range(6):
        trainee_make(admin, training, library_b if number % 2 else library_a, f"Orang {number}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(path)
    assert page.status_code == 200
    assert len(many) == len(few)


# --- mentoring ----------------------------------------------------------------------------


def test_library_staff_land_on_their_library_mentoring_page(
    english_client_for, volunteer_a, action_item_a
):
    client = english_client_for(volunteer_a)
    response = client.get("/staff/training/mentoring/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/training/mentoring/DSA/"
    page = client.get("/staff/training/mentoring/DSA/").text
    assert "Input data anggota" in text(page) and "Rahmat Hidayat" in text(page)
    assert 'name="status"' not in page  # a volunteer does not move action items on


def test_library_a_cannot_see_library_b_mentoring(english_client_for, manager_b, action_item_a):
    client = english_client_for(manager_b)
    visit = action_item_a.visit
    assert client.get(f"/staff/training/visits/{visit.pk}/").status_code == 404
    assert client.get("/staff/training/mentoring/DSA/").status_code == 404
    status = f"/staff/training/action-items/{action_item_a.pk}/status/"
    assert client.post(status, {"status": "done"}).status_code == 404
    action_item_a.refresh_from_db()
    assert action_item_a.status == "open"


def test_the_library_manager_moves_an_action_item_to_done(
    english_client_for, manager_a, volunteer_a, action_item_a
):
    status = f"/staff/training/action-items/{action_item_a.pk}/status/"
    assert english_client_for(volunteer_a).post(status, {"status": "done"}).status_code == 403
    client = english_client_for(manager_a)
    client.post(status, {"status": "in_progress", "back": "library"})
    response = client.post(status, {"status": "done"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/staff/training/visits/{action_item_a.visit_id}/"
    assert "is now: Done." in text(response.text)
    action_item_a.refresh_from_db()
    assert (action_item_a.status, action_item_a.done_on) == ("done", timezone.localdate())
    refused = client.post(status, {"status": "done"}, follow=True)
    assert "The action item has this status already." in text(refused.text)


def test_the_office_records_a_visit_and_its_action_items(
    english_client_for, admin, library_a, training
):
    client = english_client_for(admin)
    form = client.get("/staff/training/mentoring/new/?library=dsa").text
    assert f'<option value="{library_a.pk}" selected>' in form
    response = client.post(
        "/staff/training/mentoring/new/",
        {
            "library": library_a.pk,
            "visited_on": "2025-01-20",
            "mentor_name": "Nurul Aini",
            "training": training.pk,
            "findings": "Katalog belum diisi.",
        },
    )
    visit = MentoringVisit.objects.get()
    assert response["Location"] == f"/staff/training/visits/{visit.pk}/"
    assert (visit.library, visit.training, visit.mentor_name) == (library_a, training, "Nurul Aini")
    client.post(
        f"/staff/training/visits/{visit.pk}/",
        {"description": "Isi katalog", "owner": "Pengelola", "due_on": "2025-02-20"},
    )
    item = ActionItem.objects.get()
    assert (item.visit, item.status, item.due_on) == (visit, "open", datetime.date(2025, 2, 20))


def test_the_office_overview_lists_overdue_items_by_library(
    english_client_for, viewer, admin, visit_a, visit_b
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    item_make(admin, visit_b, due_on=yesterday, description="Laporan bulanan")
    done = item_make(admin, visit_a, due_on=yesterday, description="Sudah selesai")
    services.action_item_set_status(actor=admin, item=done, status="done")
    page = english_client_for(viewer).get("/staff/training/mentoring/")
    assert page.status_code == 200
    shown = text(page.text)
    overdue = shown.split("Overdue action items")[1].split("Libraries")[0]
    assert "Laporan bulanan" in overdue and "Sudah selesai" not in overdue
    assert "Record a mentoring visit" not in shown  # the viewer reads only


def test_the_office_opens_every_edit_page(
    english_client_for, admin, training, session_day1, trainee_a, action_item_a
):
    client = english_client_for(admin)
    visit = action_item_a.visit
    for path in [
        f"/staff/training/{training.pk}/edit/",
        f"/staff/training/sessions/{session_day1.pk}/",
        f"/staff/training/trainees/{trainee_a.pk}/",
        f"/staff/training/visits/{visit.pk}/edit/",
        f"/staff/training/action-items/{action_item_a.pk}/",
        f"/staff/training/visits/{visit.pk}/",
    ]:
        page = client.get(path)
        assert page.status_code == 200, path
        assert 'type="submit"' in page.text
    manager_page = english_client_for(admin).get("/staff/training/mentoring/DSA/").text
    assert f'id="status-{action_item_a.pk}"' in manager_page


def test_the_office_creates_the_evaluation_survey_and_sees_its_results_link(
    english_client_for, admin, viewer, manager_a, training
):
    detail = f"/staff/training/{training.pk}/"
    assert "Create the evaluation survey" not in english_client_for(manager_a).get(detail).text
    assert english_client_for(manager_a).post(f"{detail}evaluation/").status_code == 403
    client = english_client_for(admin)
    assert "Create the evaluation survey" in client.get(detail).text
    response = client.post(f"{detail}evaluation/")
    training.refresh_from_db()
    survey = training.evaluation
    assert response["Location"] == f"/staff/surveys/{survey.pk}/"
    page = english_client_for(viewer).get(detail).text
    assert ("its results", f"/staff/surveys/{survey.pk}/results/") in links(page)
    assert "Create the evaluation survey" not in client.get(detail).text
    again = client.post(f"{detail}evaluation/", follow=True)
    assert "This training has its evaluation survey already." in text(again.text)


def test_the_office_changes_a_trainee_and_an_action_item_through_their_pages(
    english_client_for, admin, trainee_a, action_item_a
):
    client = english_client_for(admin)
    trainee_page = f"/staff/training/trainees/{trainee_a.pk}/"
    fields = {"name": trainee_a.name, "role": trainee_a.role, "pre_score": "40", "post_score": "85"}

    saved = client.post(trainee_page, fields)

    assert saved.status_code == 302
    assert saved["Location"] == f"/staff/training/{trainee_a.training_id}/"
    trainee_a.refresh_from_db()
    assert (trainee_a.pre_score, trainee_a.post_score) == (40, 85)
    refused = client.post(trainee_page, {**fields, "post_score": "140"})
    assert refused.status_code == 200 and 'type="submit"' in refused.text

    item_page = f"/staff/training/action-items/{action_item_a.pk}/"
    changed = {"description": "Jadwal layanan ditempel", "owner": "Pengelola"}
    changed["due_on"] = "2026-12-01"
    saved = client.post(item_page, changed)
    assert saved["Location"] == f"/staff/training/visits/{action_item_a.visit_id}/"
    action_item_a.refresh_from_db()
    assert action_item_a.description == "Jadwal layanan ditempel"
