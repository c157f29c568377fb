"""The demo surveys: an SKM at two libraries with about sixty answers in all
(one closed), and a TGM with answers; loaded once."""

from pustaka.libraries import demo as libraries_demo
from pustaka.surveys import demo, queries
from pustaka.surveys.models import Response, Survey


def test_demo_surveys_are_loaded_once(db):
    # given the demo district
    libraries_demo.demo_load()
    # when the surveys are loaded
    assert demo.demo_load() == {"surveys": 3, "survey responses": 84}
    # then each SKM has an index and a grade, and the TGM a value
    skm = Survey.objects.filter(kind="skm").order_by("library__code")
    assert [(s.library.code, s.status) for s in skm] == [("DS01", "open"), ("DS02", "closed")]
    for survey in skm:
        index = queries.survey_results(survey).skm
        assert index.missing == () and index.grade in {"A", "B", "C"}
        assert 65 <= index.unit <= 95
    tgm = queries.survey_results(Survey.objects.get(kind="tgm")).tgm
    assert tgm.value is not None and tgm.category
    assert not Response.objects.exclude(source="online").exists()
    # and loading again adds nothing
    assert demo.demo_load() == {"surveys": 0, "survey responses": 0}
    assert Response.objects.count() == 84
