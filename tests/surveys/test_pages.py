"""The survey pages through the test client: people answering on a phone
without an account (one answer per phone, refusals next to their question,
closed surveys), and the staff's builder, results, Excel export and QR
poster — each library's staff only for their own library's surveys."""

import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from pustaka.surveys import queries, services
from pustaka.surveys.models import Question, Response
from pustaka.surveys.views_public import DEVICE_COOKIE
from tests.core.html import asset_urls, text


def public(survey) -> str:
    return f"/survei/{survey.token}/"


def staff(survey, rest="") -> str:
    return f"/staff/surveys/{survey.pk}/{rest}"


def form_data(survey, **overrides) -> dict:
    """What the answering form sends for a survey of ``build_survey``."""
    values = {"q1": "4", "q2": "0", "q3": ["0", "2"], "q4": "3", "q5": "Rebaq Rinding", "q6": ""}
    values.update(overrides)
    return {
        f"q-{question.pk}": values[f"q{question.position}"]
        for question in queries.questions_of(survey)
    }


def sheet_rows(sheet) -> list[tuple]:
    """The sheet's rows without the empty cells that pad them to its width."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        rows.append(tuple(row))
    return rows


def fieldset_of(page: str, question) -> str:
    match = re.search(rf'<fieldset[^>]*id="q-{question.pk}".*?</fieldset>', page, re.S)
    assert match, "the question is not a fieldset"
    return match[0]


# -- answering on a phone -------------------------------------------------------------


def test_a_phone_answers_without_an_account(english, survey_open_a):
    # given a person who opens the link on their phone
    page = english.get(public(survey_open_a))
    assert page.status_code == 200
    html = page.content.decode()
    assert DEVICE_COOKIE in page.cookies and page.cookies[DEVICE_COOKIE]["path"] == "/survei/"
    scale = queries.questions_of(survey_open_a)[0]
    # scales and choices are fieldsets with the question as their legend
    fieldset = fieldset_of(html, scale)
    assert "<legend>1. Bagaimana koleksi buku kami? " in fieldset
    assert fieldset.count('type="radio"') == 5
    assert f'<label for="id_q-{scale.pk}-5">5 · Very good</label>' in fieldset
    assert 'inputmode="decimal"' in html and 'name="homepage"' in html
    # when they send their answers
    response = english.post(public(survey_open_a), form_data(survey_open_a))
    # then they are thanked and their answers are kept, without who they are
    assert response.status_code == 302
    assert response.url == f"/survei/{survey_open_a.token}/terima-kasih/"
    thanks = english.get(response.url)
    assert "Your answers to “Layanan perpustakaan” are received." in thanks.content.decode()
    kept = Response.objects.get(survey=survey_open_a)
    assert kept.source == "online" and len(kept.person_key) == 32
    assert kept.answers.count() == 6


def test_the_same_phone_cannot_answer_twice_but_another_can(english, survey_open_a):
    english.get(public(survey_open_a))
    english.post(public(survey_open_a), form_data(survey_open_a))
    # the same phone is told it answered already, and sending again keeps nothing
    again = english.get(public(survey_open_a)).content.decode()
    assert "You have answered this survey already. Thank you!" in again
    assert 'class="survey"' not in again
    english.post(public(survey_open_a), form_data(survey_open_a))
    assert Response.objects.count() == 1
    # another phone answers
    other = Client()
    other.get(public(survey_open_a))
    assert other.post(public(survey_open_a), form_data(survey_open_a)).status_code == 302
    assert Response.objects.count() == 2


def test_a_phone_whose_first_request_is_the_answer_gets_its_cookie(english, survey_open_a):
    response = english.post(public(survey_open_a), form_data(survey_open_a))
    assert response.status_code == 302 and response.cookies[DEVICE_COOKIE].value
    english.post(public(survey_open_a), form_data(survey_open_a))
    assert Response.objects.count() == 1


def test_refusals_are_said_in_words_next_to_their_question(english, survey_open_a):
    scale, choice, _several, number, *_rest = queries.questions_of(survey_open_a)
    english.get(public(survey_open_a))
    page = english.post(public(survey_open_a), form_data(survey_open_a, q1="", q2="1", q4="2000"))
    assert page.status_code == 200
    html = page.content.decode()
    # a summary leads to each question
    assert 'role="alert"' in html and "Some answers need your attention." in html
    assert f'<a href="#q-{scale.pk}">Question 1</a>: Please answer this question.' in html
    # each refusal is inside its question, which points to it
    fieldset = fieldset_of(html, scale)
    assert f'aria-describedby="q-{scale.pk}-error"' in fieldset
    assert f'<p class="error" id="q-{scale.pk}-error">Please answer this question.</p>' in fieldset
    field = re.search(rf'id="q-{number.pk}".*?</div>', html, re.S)[0]
    assert "Give a number from 0 to 100." in field and 'aria-invalid="true"' in field
    # what was given stays
    assert 'value="2000"' in field
    assert re.search(rf'id="id_q-{choice.pk}-1" value="1" checked', html)
    assert not Response.objects.exists()


def test_a_closed_survey_says_so_and_keeps_nothing(english, manager_a, survey_open_a):
    services.survey_close(actor=manager_a, survey=survey_open_a)
    page = english.get(public(survey_open_a)).content.decode()
    assert "This survey is closed: it takes no more answers." in page
    assert 'class="survey"' not in page
    english.post(public(survey_open_a), form_data(survey_open_a))
    assert not Response.objects.exists()


def test_a_draft_or_unknown_link_is_not_found(english, survey_a):
    assert english.get(public(survey_a)).status_code == 404
    assert english.get("/survei/tidakada22/").status_code == 404


def test_the_answering_page_is_light(english, survey_open_a):
    with CaptureQueriesContext(connection) as queried:
        page = english.get(public(survey_open_a))
    assert len(queried) <= 6
    assert len(page.content) < 30_000
    assert sorted(asset_urls(page.content.decode())) == [
        "/static/pustaka/favicon.svg",
        "/static/pustaka/public.css",
        "/static/surveys/answer.css",
    ]


# -- staff pages ----------------------------------------------------------------------


def test_staff_build_a_survey_with_plain_forms(english_client_for, manager_a):
    client = english_client_for(manager_a)
    made = client.post("/staff/surveys/new/", {"title": "Survei anak", "one_per_person": "on"})
    survey = manager_a.staff_role.library.surveys.get()
    assert made.url == staff(survey)
    add = client.post(
        staff(survey, "questions/new/"),
        {
            "text": "Buku favoritmu?",
            "kind": "single",
            "options": "Dongeng\nKomik\n",
            "required": "on",
        },
    )
    assert add.status_code == 302
    client.post(staff(survey, "questions/new/"), {"text": "Umurmu?", "kind": "number"})
    first, second = queries.questions_of(survey)
    assert (first.options, first.required, second.required) == (["Dongeng", "Komik"], True, False)
    client.post(staff(survey, f"questions/{second.pk}/move/"), {"direction": "up"})
    assert queries.questions_of(survey) == [second, first]
    client.post(staff(survey, f"questions/{first.pk}/remove/"))
    assert queries.questions_of(survey) == [second]
    client.post(staff(survey, "open/"))
    survey.refresh_from_db()
    assert survey.status == "open"
    page = client.get(staff(survey)).content.decode()
    assert f"http://testserver/survei/{survey.token}/" in page


def test_a_bad_question_comes_back_with_its_refusal(english_client_for, manager_a, survey_a):
    page = english_client_for(manager_a).post(
        staff(survey_a, "questions/new/"), {"text": "Pilih", "kind": "single", "options": "Ya"}
    )
    assert page.status_code == 200
    assert "Give at least two options, one per line." in page.content.decode()


def test_an_answered_questions_kind_is_no_longer_offered(
    english_client_for, manager_a, survey_open_a, survey_response_a
):
    scale = queries.questions_of(survey_open_a)[0]
    page = english_client_for(manager_a).get(staff(survey_open_a, f"questions/{scale.pk}/"))
    html = page.content.decode()
    assert 'name="kind"' not in html and "People have answered this question" in html


def test_a_survey_from_the_skm_template(english_client_for, manager_a):
    client = english_client_for(manager_a)
    response = client.post("/staff/surveys/from-template/", {"template": "skm", "language": "en"})
    survey = manager_a.staff_role.library.surveys.get()
    assert response.url == staff(survey)
    assert survey.kind == "skm" and len(queries.questions_of(survey)) == 14


def test_the_viewer_sees_but_changes_nothing(english_client_for, viewer, survey_a):
    client = english_client_for(viewer)
    page = client.get(staff(survey_a)).content.decode()
    assert "Add a question" not in page and "Open the survey" not in page
    assert client.post(staff(survey_a, "open/")).status_code == 403
    assert client.get("/staff/surveys/new/").status_code == 403


def test_staff_of_another_library_find_nothing(english_client_for, manager_b, survey_open_a):
    client = english_client_for(manager_b)
    assert "Layanan perpustakaan" not in client.get("/staff/surveys/").content.decode()
    question = queries.questions_of(survey_open_a)[0]
    for path in [
        "",
        "edit/",
        "results/",
        "results.xlsx",
        "poster.pdf",
        f"questions/{question.pk}/",
    ]:
        assert client.get(staff(survey_open_a, path)).status_code == 404, path
    assert client.post(staff(survey_open_a, "close/")).status_code == 404


# -- results, export, poster -------------------------------------------------------------


@pytest.fixture
def three_answers(survey_open_a):
    for number, (scale, count) in enumerate([("4", "3"), ("5", "10"), ("2", "4,5")]):
        services.response_submit(
            survey=survey_open_a,
            answers={
                str(question.pk): value
                for question, value in zip(
                    queries.questions_of(survey_open_a),
                    [scale, str(number % 2), ["1"], count, "", "Buku baru" if number else ""],
                    strict=True,
                )
            },
            device=f"phone-{number}",
        )
    return survey_open_a


def test_results_count_each_option_and_give_means(english_client_for, volunteer_a, three_answers):
    page = english_client_for(volunteer_a).get(staff(three_answers, "results/")).content.decode()
    words = text(page)
    assert "3 responses" in words
    assert "1. Bagaimana koleksi buku kami? 3 answers · mean 3.67" in words
    assert "2 · Poor 1 33% 3 · Fair 0 0% 4 · Good 1 33% 5 · Very good 1 33%" in words
    assert "Setiap minggu 2 67% Setiap bulan 1 33% Jarang 0 0%" in words
    assert "Pinjam buku 0 0% Internet 3 100% Kegiatan 0 0%" in words
    assert "4. Berapa buku yang Anda baca bulan ini? 3 answers · mean 5.83" in words
    assert "6. Saran Anda 2 answers Buku baru Buku baru" in words


def test_results_page_keeps_to_a_few_queries(english_client_for, volunteer_a, three_answers):
    client = english_client_for(volunteer_a)
    with CaptureQueriesContext(connection) as queried:
        assert client.get(staff(three_answers, "results/")).status_code == 200
    assert len(queried) <= 12


def test_excel_export_has_the_numbers(english_client_for, volunteer_a, three_answers):
    response = english_client_for(volunteer_a).get(staff(three_answers, "results.xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    summary, answers = book["Summary"], book["Responses"]
    rows = sheet_rows(summary)
    assert ("Responses", 3) in rows
    assert (1, "Bagaimana koleksi buku kami?", "Scale of 5", 3, 3.67) in rows
    assert (None, "  Setiap minggu", None, 2, 0.67) in rows
    table = list(answers.iter_rows(values_only=True))
    assert table[0][3:] == tuple(q.text for q in queries.questions_of(three_answers))
    assert [row[3] for row in table[1:]] == [4, 5, 2]
    assert [row[5] for row in table[1:]] == ["Internet"] * 3
    assert [row[6] for row in table[1:]] == [3, 10, 4.5]


def test_the_poster_is_a_pdf_with_the_link(english_client_for, volunteer_a, survey_open_a):
    response = english_client_for(volunteer_a).get(staff(survey_open_a, "poster.pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 2000


# -- the official indices on the results ------------------------------------------------


@pytest.fixture
def skm_worked_example(manager_a, library_a):
    """An SKM survey whose ten respondents give DOMAIN.md's element means
    3.2, 3.0, 3.5, 4.0, 3.1, 3.3, 3.6, 2.9, 3.4."""
    survey = services.survey_from_template(actor=manager_a, template="skm", library=library_a)
    services.survey_open(actor=manager_a, survey=survey)
    sums = dict(
        zip(
            [
                "persyaratan",
                "prosedur",
                "waktu",
                "biaya",
                "produk",
                "kompetensi",
                "perilaku",
                "pengaduan",
                "sarana",
            ],
            [32, 30, 35, 40, 31, 33, 36, 29, 34],
            strict=True,
        )
    )
    elements = [q for q in queries.questions_of(survey) if q.code in sums]
    for person in range(10):
        answers = {}
        for question in elements:
            low, extra = divmod(sums[question.code], 10)
            answers[str(question.pk)] = str(low + 1 if person < extra else low)
        services.response_submit(survey=survey, answers=answers, device=f"p{person}")
    return survey


def test_skm_results_give_the_ikm_and_its_grade(english_client_for, manager_a, skm_worked_example):
    client = english_client_for(manager_a)
    words = text(client.get(staff(skm_worked_example, "results/")).content.decode())
    assert "IKM 3.3333 (on 1–4), 83.33 on the 25–100 scale: grade B" in words
    assert "U8 Handling of complaints, suggestions and feedback 10 2.9000 0.3222" in words
    workbook = load_workbook(
        io.BytesIO(client.get(staff(skm_worked_example, "results.xlsx")).content)
    )
    rows = sheet_rows(workbook["IKM"])
    assert ("IKM", 3.3333) in rows and ("IKM on 25–100", 83.33) in rows and ("Grade", "B") in rows


def test_tgm_results_give_the_reading_interest(english_client_for, admin):
    survey = services.survey_from_template(actor=admin, template="tgm", language="en")
    services.survey_open(actor=admin, survey=survey)
    measures = {q.code: q for q in queries.questions_of(survey) if q.kind == Question.Kind.NUMBER}
    for number, values in enumerate([(7, 60, 3, 7, 240), (3, 120, 9, 0, 30)]):
        answers = {
            str(measures[code].pk): str(value)
            for code, value in zip(["FM", "DM", "JB", "FAI", "DAI"], values, strict=True)
        }
        services.response_submit(survey=survey, answers=answers, device=f"p{number}")
    words = text(english_client_for(admin).get(staff(survey, "results/")).content.decode())
    assert "TGM 72.05 on 0–100: “High”." in words
