"""The surveys API: building a survey, a survey from a template, answers
typed in by staff, the results with the IKM; each library's staff only for
their own library's surveys."""

from pustaka.surveys import queries
from pustaka.surveys.models import Response
from tests.surveys.fixtures import answers_for


def send(client, method, path, data=None):
    return getattr(client, method)(path, data=data or {}, content_type="application/json")


def test_staff_build_open_and_answer_a_survey(api_for, volunteer_a, library_a):
    client = api_for(volunteer_a)
    made = send(client, "post", "/api/v1/surveys", {"title": "Survei kegiatan"})
    assert made.status_code == 201
    survey = made.json()
    assert (survey["library"], survey["status"], survey["questions"]) == ("DSA", "draft", [])
    path = f"/api/v1/surveys/{survey['id']}"
    question = send(
        client,
        "post",
        f"{path}/questions",
        {"kind": "single", "text": "Ikut lagi?", "options": ["Ya", "Tidak"]},
    )
    assert question.status_code == 201 and question.json()["position"] == 1
    second = send(client, "post", f"{path}/questions", {"kind": "likert4", "text": "Puas?"})
    order = [second.json()["id"], question.json()["id"]]
    reordered = send(client, "post", f"{path}/questions/order", {"order": order})
    assert [item["text"] for item in reordered.json()["questions"]] == ["Puas?", "Ikut lagi?"]
    assert send(client, "post", f"{path}/open").json()["status"] == "open"
    answers = {question.json()["id"]: 0, second.json()["id"]: 3}
    answered = send(client, "post", f"{path}/responses", {"answers": answers})
    assert answered.status_code == 201 and answered.json()["source"] == "staff"
    results = client.get(f"{path}/results").json()
    assert results["responses"] == 1
    scale = results["questions"][0]
    assert (scale["answered"], scale["mean"]) == (1, "3.00")
    assert scale["options"][2] == {"label": "3 · Good", "count": 1, "percent": 100}


def test_refused_answers_name_their_question(api_for, manager_a, survey_open_a):
    scale = queries.questions_of(survey_open_a)[0]
    answers = answers_for(survey_open_a, q1="9")
    response = send(
        api_for(manager_a),
        "post",
        f"/api/v1/surveys/{survey_open_a.pk}/responses",
        {"answers": answers},
    )
    assert response.status_code == 422
    assert response.json()["fields"] == {
        str(scale.pk): ["Choose one point of the scale, from 1 to 5."]
    }
    assert not Response.objects.exists()


def test_the_office_makes_an_skm_for_a_library_and_reads_its_ikm(api_for, admin, library_b):
    client = api_for(admin)
    made = send(
        client,
        "post",
        "/api/v1/surveys/from-template",
        {"template": "skm", "library": "dsb", "language": "en"},
    )
    assert made.status_code == 201
    survey = made.json()
    assert (survey["library"], survey["kind"], len(survey["questions"])) == ("DSB", "skm", 14)
    path = f"/api/v1/surveys/{survey['id']}"
    send(client, "post", f"{path}/open")
    elements = [q for q in survey["questions"] if q["kind"] == "likert4"]
    for point in (3, 4):
        answers = {question["id"]: point for question in elements}
        send(client, "post", f"{path}/responses", {"answers": answers})
    skm = client.get(f"{path}/results").json()["skm"]
    assert (skm["ikm"], skm["unit"], skm["grade"]) == ("3.5000", "87.50", "B")
    assert skm["elements"][0] == {
        "code": "persyaratan",
        "label": "U1",
        "name": "Requirements",
        "answers": 2,
        "nrr": "3.5000",
    }


def test_bad_template_and_question_are_refused(api_for, admin, survey_a):
    client = api_for(admin)
    bad = send(client, "post", "/api/v1/surveys/from-template", {"template": "iplm"})
    assert bad.status_code == 422
    question = queries.questions_of(survey_a)[1]
    path = f"/api/v1/surveys/{survey_a.pk}/questions/{question.pk}"
    refused = send(client, "patch", path, {"options": ["Satu"]})
    assert refused.status_code == 422
    assert refused.json()["fields"] == {"options": ["Give at least two options, one per line."]}
    assert client.delete(path).status_code == 204


def test_another_librarys_survey_is_not_found(api_for, manager_b, survey_open_a, survey_b):
    client = api_for(manager_b)
    listed = client.get("/api/v1/surveys").json()["items"]
    assert [item["id"] for item in listed] == [str(survey_b.pk)]
    path = f"/api/v1/surveys/{survey_open_a.pk}"
    assert client.get(path).status_code == 404
    assert client.get(f"{path}/results").status_code == 404
    answers = {"answers": answers_for(survey_open_a)}
    assert send(client, "post", f"{path}/responses", answers).status_code == 404
    assert send(client, "patch", path, {"title": "x"}).status_code == 404
    assert (
        send(client, "post", "/api/v1/surveys", {"title": "x", "library": "DSA"}).status_code == 403
    )
