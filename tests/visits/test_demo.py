"""The demo visitor books: three weeks of members, guests and school classes
at every demo library, computer sessions where a library offers computers,
each row in the change log; loaded once."""

import datetime

from django.utils import timezone

from pustaka.core.models import ChangeLog
from pustaka.libraries import demo as libraries_demo
from pustaka.libraries.models import Library
from pustaka.members import demo as members_demo
from pustaka.visits import demo
from pustaka.visits.models import ComputerSession, GroupCount, Visit
from pustaka.visits.policies import local_day


def test_demo_visits_at_every_library_once(db):
    # given the demo district with its members
    libraries_demo.demo_load()
    members_demo.demo_load()
    # when the visits are loaded
    added = demo.demo_load()
    # then every library has three weeks of visits of every kind, none in the future
    assert added["visits"] == Visit.objects.count() > 1000
    assert set(Visit.objects.values_list("kind", flat=True)) == {"member", "guest", "group"}
    assert Visit.objects.values("library").distinct().count() == Library.objects.count()
    today = local_day(timezone.now())
    days = Visit.objects.values_list("visited_on", flat=True)
    assert today - datetime.timedelta(days=20) <= min(days) and max(days) <= today
    assert not Visit.objects.filter(visited_at__gt=timezone.now()).exists()
    # computer sessions only where the library offers computers
    offering = {lib.pk for lib in Library.objects.all() if "computers" in lib.offers}
    assert added["computer sessions"] == ComputerSession.objects.count() > 0
    assert set(ComputerSession.objects.values_list("library", flat=True)) <= offering
    # every row is in the change log
    logged = ChangeLog.objects.filter(entity__startswith="visits.").count()
    rows = Visit.objects.count() + GroupCount.objects.count() + ComputerSession.objects.count()
    assert logged == rows
    # and loading again adds nothing
    assert demo.demo_load() == {"visits": 0, "computer sessions": 0}
