"""The demo's profile figures and targets, loaded once, and a dashboard that shows them."""

import datetime

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from pustaka.libraries import demo as libraries_demo
from pustaka.libraries.models import Library
from pustaka.monitoring import demo
from pustaka.monitoring.models import LibraryFigure, Target


def test_demo_figures_and_targets_are_loaded_once(db):
    libraries_demo.demo_load()
    added = demo.demo_load()
    libraries = Library.objects.count()
    # six figures (five where the population is not known) as of two days, per library
    assert added["profile figures"] == LibraryFigure.objects.count() >= 2 * 5 * libraries
    this_year = timezone.localdate().year
    ds01 = Library.objects.get(code="DS01")
    population = LibraryFigure.objects.get(
        library=ds01, kind="population_served", as_of=datetime.date(this_year, 1, 1)
    )
    assert population.value == round(1450 * 1.02)
    # Monday to Friday 7 hours and Saturday 4: 39 hours a week
    hours = LibraryFigure.objects.filter(library=ds01, kind="opening_hours").first()
    assert hours.value == 39
    assert Target.objects.filter(year=this_year, library__isnull=True).count() == 6
    assert Target.objects.filter(year=this_year, library__code="PUD").count() == 6
    assert demo.demo_load() == {"profile figures": 0, "targets": 0}


def test_the_demo_dashboard_opens(db):
    libraries_demo.demo_load()
    demo.demo_load()
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(get_user_model().objects.get(username="pemantau"))
    response = client.get("/staff/monitoring/targets/")
    assert response.status_code == 200
    assert "Perpustakaan Umum Daerah Kutai Kartanegara" in response.content.decode()
