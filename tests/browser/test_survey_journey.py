"""Answering a survey in a real browser: no serious or critical accessibility
violation, and the SKM answered on a small phone with JavaScript off — a
forgotten question said next to it, then the thanks."""

import pytest

from pustaka.surveys import queries, services
from pustaka.surveys.models import Response

pytestmark = pytest.mark.browser


@pytest.fixture
def skm_open_a(manager_a, library_a):
    survey = services.survey_from_template(
        actor=manager_a, template="skm", library=library_a, language="en"
    )
    return services.survey_open(actor=manager_a, survey=survey)


def test_the_answering_page_has_no_serious_violation(
    accessibility_problems, live_server, transactional_db, skm_open_a
):
    assert accessibility_problems(f"{live_server.url}/survei/{skm_open_a.token}/") == []


def test_answer_the_skm_on_a_phone_without_javascript(
    browser, live_server, transactional_db, skm_open_a
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/survei/{skm_open_a.token}/")
    assert page.evaluate("document.querySelector('main').scrollWidth") <= 320

    elements = [q for q in queries.questions_of(skm_open_a) if q.kind == "likert4"]
    page.get_by_role("group", name="You are").get_by_label("Female").check()
    for question in elements[:-1]:
        page.get_by_role("group", name=question.text).get_by_label("4 · Very good").check()
    page.get_by_role("button", name="Send my answers").click()

    # the forgotten element is named at the top and next to its question
    assert "Please answer this question." in page.get_by_role("alert").first.inner_text()
    last = page.get_by_role("group", name=elements[-1].text)
    assert "Please answer this question." in last.inner_text()
    assert page.get_by_role("group", name="You are").get_by_label("Female").is_checked()
    last.get_by_label("3 · Good").check()
    page.get_by_role("button", name="Send my answers").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Thank you!"
    assert Response.objects.get().answers.count() == 10
    page.goto(f"{live_server.url}/survei/{skm_open_a.token}/")
    assert "You have answered this survey already." in page.get_by_role("main").inner_text()
    context.close()
