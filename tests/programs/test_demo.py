"""The demo programmes: activities of several categories with attendance both
ways, coming public activities with a waiting list, partners with
contributions, the village fund and consented stories, loaded once."""

from pustaka.libraries import demo as libraries_demo
from pustaka.members import demo as members_demo
from pustaka.programs import demo, queries
from pustaka.programs.models import (
    Activity,
    AttendanceCount,
    Contribution,
    Participant,
    Registration,
    Story,
    VillageFund,
)


def test_demo_programmes_are_loaded_once(db):
    # given the demo district and its members
    libraries_demo.demo_load()
    members_demo.demo_load()
    # when the programmes are loaded
    added = demo.demo_load()
    # then four libraries have past and coming activities of several categories
    assert added["activities"] == 4 * (5 + 3)
    assert added["partners"] == 7 and added["stories"] == 3
    past = Activity.objects.filter(status="done")
    assert past.values("category").distinct().count() >= 4
    assert set(Activity.objects.values_list("library__code", flat=True)) == {
        "DS01",
        "DS02",
        "DS04",
        "KL01",
    }
    # attendance both by name (members and walk-ins) and by counts
    assert Participant.objects.filter(member__isnull=False).exists()
    assert Participant.objects.filter(member__isnull=True).exists()
    assert AttendanceCount.objects.filter(people__gt=0).exists()
    assert queries.attendance_of(past).total > added["participants"]
    # coming public activities take registrations, one with a waiting list
    assert Registration.objects.filter(status="waiting").exists()
    assert queries.activities_upcoming_public().count() == 12
    # partners gave money, goods, venue, expertise and time; the village fund is kept
    assert set(Contribution.objects.values_list("kind", flat=True)) == {
        "money",
        "goods",
        "venue",
        "expertise",
        "volunteer_time",
    }
    assert VillageFund.objects.count() == 6
    # stories: the published ones have consent
    assert list(queries.stories_published().values_list("library__code", flat=True)) == [
        "DS01",
        "DS01",
    ]
    assert Story.objects.filter(status="draft", consent_given_on__isnull=True).count() == 1
    # and loading again adds nothing
    assert demo.demo_load() == {"activities": 0, "participants": 0, "partners": 0, "stories": 0}
    assert Activity.objects.count() == 32
