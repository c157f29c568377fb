"""Change-log cases for the visits services (collected by tests/core/test_change_log.py)."""

import datetime

from django.utils import timezone

from pustaka.visits import services
from pustaka.visits.models import GroupCount
from tests.change_log import Expected


def _visit(visit, operation, **fields):
    return Expected("visits.visit", str(visit.pk), operation, fields)


def case_visit_log_member(volunteer_a, library_a, member_a):
    visit = services.visit_log_member(
        actor=volunteer_a, library=library_a, number=member_a.number, purpose="read"
    )
    fields = {"kind": "member", "member_id": str(member_a.pk), "gender": "female"}
    return [_visit(visit, "create", purpose="read", **fields)]


def case_visit_log_guest(volunteer_a, library_a):
    visit = services.visit_log_guest(
        actor=volunteer_a, library=library_a, gender="male", age_group="60+", purpose="study"
    )
    return [_visit(visit, "create", kind="guest", gender="male", age_group="60+")]


def case_visit_log_group(volunteer_a, library_a):
    visit = services.visit_log_group(
        actor=volunteer_a,
        library=library_a,
        counts={("female", "6-12"): 9, ("male", "6-12"): 11},
        purpose="activity",
        description="Kelas 4",
    )
    rows = GroupCount.objects.filter(visit=visit)
    return [_visit(visit, "create", kind="group", people=20)] + [
        Expected("visits.groupcount", str(row.pk), "create", {"people": row.people}) for row in rows
    ]


def case_visit_correct(volunteer_a, group_visit_a):
    services.visit_correct(
        actor=volunteer_a,
        visit=group_visit_a,
        changes={"purpose": "study", "counts": {("female", "6-12"): 12, ("male", "6-12"): 9}},
    )
    boys = GroupCount.objects.get(visit=group_visit_a, gender="male")
    teacher = GroupCount.objects.get(visit=group_visit_a, age_group="36-59")
    return [
        _visit(group_visit_a, "update", purpose="study", people=21),
        Expected("visits.groupcount", str(boys.pk), "update", {"people": 9}),
        Expected("visits.groupcount", str(teacher.pk), "update", {"people": 0}),
    ]


def case_visit_delete(volunteer_a, guest_visit_a):
    services.visit_delete(actor=volunteer_a, visit=guest_visit_a)
    guest_visit_a.refresh_from_db()
    return [_visit(guest_visit_a, "update", deleted_at=guest_visit_a.deleted_at.isoformat())]


def case_visits_import(manager_a, library_a):
    at = timezone.now() - datetime.timedelta(days=3)
    entry = services.VisitEntry(kind="group", at=at, purpose="read", counts={("female", "60+"): 5})
    (visit,) = services.visits_import(actor=manager_a, library=library_a, entries=[entry])
    row = GroupCount.objects.get(visit=visit)
    return [
        _visit(visit, "create", kind="group", people=5, visited_at=at.isoformat()),
        Expected("visits.groupcount", str(row.pk), "create", {"age_group": "60+"}),
    ]


def case_computer_session_log(volunteer_a, library_a):
    session = services.computer_session_log(
        actor=volunteer_a,
        library=library_a,
        purpose="government",
        minutes=20,
        gender="female",
        age_group="36-59",
    )
    fields = {"purpose": "government", "minutes": 20, "gender": "female"}
    return [Expected("visits.computersession", str(session.pk), "create", fields)]


def case_computer_session_delete(volunteer_a, session_a):
    services.computer_session_delete(actor=volunteer_a, session=session_a)
    session_a.refresh_from_db()
    deleted = {"deleted_at": session_a.deleted_at.isoformat()}
    return [Expected("visits.computersession", str(session_a.pk), "update", deleted)]


CASES = {
    f"pustaka.visits.services.{case.__name__.removeprefix('case_')}": case
    for case in [
        case_visit_log_member,
        case_visit_log_guest,
        case_visit_log_group,
        case_visit_correct,
        case_visit_delete,
        case_visits_import,
        case_computer_session_log,
        case_computer_session_delete,
    ]
}
