"""Editing the loan rules matrix and the closed days: the office edits the
district's defaults, a library manager only their library's rules; one rule
per cell; closed days move due dates (seen in the preview and at the desk)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from pustaka.circulation import services
from pustaka.circulation.models import Holiday, LoanRule
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.members.models import MemberCategory
from tests.circulation.fixtures import MONDAY

RULES = reverse("circulation_settings:rules")
HOLIDAYS = reverse("circulation_settings:holidays")


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def children(db):
    return MemberCategory.objects.get(code="children")


def english(client):
    client.cookies["django_language"] = "en"
    return client


def default_rule() -> LoanRule:
    return LoanRule.objects.get(library=None, category=None, material_type="")


# Services


def test_a_manager_edits_only_their_librarys_rules(manager_a, library_a, library_b):
    rule = services.loan_rule_save(actor=manager_a, library=library_a, values={"loan_days": 21})
    assert (rule.library, rule.loan_days) == (library_a, 21)
    with pytest.raises(NotPermitted):
        services.loan_rule_save(actor=manager_a, library=library_b, values={"loan_days": 21})
    with pytest.raises(NotPermitted):
        services.loan_rule_save(actor=manager_a, values={"loan_days": 21})
    with pytest.raises(NotPermitted):
        services.loan_rule_save(actor=manager_a, rule=default_rule(), values={"loan_days": 21})


def test_volunteers_and_viewers_cannot_change_rules(volunteer_a, viewer, library_a, rule_a):
    for actor in (volunteer_a, viewer):
        with pytest.raises(NotPermitted):
            services.loan_rule_save(actor=actor, library=library_a, values={"max_loans": 9})
        with pytest.raises(NotPermitted):
            services.loan_rule_delete(actor=actor, rule=rule_a)


def test_the_office_edits_the_district_defaults(admin, children):
    services.loan_rule_save(actor=admin, rule=default_rule(), values={"loan_days": 10})
    rule = services.loan_rule_save(
        actor=admin, category=children, material_type="picture_book", values={"loan_days": 7}
    )
    assert default_rule().loan_days == 10
    assert (rule.library, rule.category, rule.material_type) == (None, children, "picture_book")


def test_a_cell_has_one_live_rule(manager_a, library_a, rule_a):
    with pytest.raises(Invalid) as refused:
        services.loan_rule_save(actor=manager_a, library=library_a, values={"loan_days": 7})
    assert refused.value.code == "rule_exists"
    # once the rule is deleted, the cell takes a new one
    services.loan_rule_delete(actor=manager_a, rule=rule_a)
    again = services.loan_rule_save(actor=manager_a, library=library_a, values={"loan_days": 7})
    assert again.pk != rule_a.pk
    assert LoanRule.objects.filter(library=library_a, deleted_at=None).get() == again


def test_the_district_default_cannot_be_deleted(admin):
    with pytest.raises(Invalid) as refused:
        services.loan_rule_delete(actor=admin, rule=default_rule())
    assert refused.value.code == "default_rule"
    assert default_rule().deleted_at is None


def test_a_rule_lends_for_at_least_a_day(admin):
    with pytest.raises(Invalid) as refused:
        services.loan_rule_save(actor=admin, rule=default_rule(), values={"loan_days": 0})
    assert "loan_days" in refused.value.fields


def test_closed_days_follow_the_same_split(manager_a, admin, library_a, library_b):
    with pytest.raises(NotPermitted):
        services.holiday_add(actor=manager_a, date=MONDAY, name="Natal")
    with pytest.raises(NotPermitted):
        services.holiday_add(actor=manager_a, library=library_b, date=MONDAY, name="X")
    district = services.holiday_add(actor=admin, date=MONDAY, name="Natal")
    with pytest.raises(NotPermitted):
        services.holiday_remove(actor=manager_a, holiday=district)
    own = services.holiday_add(actor=manager_a, library=library_a, date=MONDAY, name="Desa")
    with pytest.raises(Invalid):
        services.holiday_add(actor=manager_a, library=library_a, date=MONDAY, name="Again")
    services.holiday_remove(actor=manager_a, holiday=own)
    assert Holiday.objects.get(pk=own.pk).deleted_at is not None


def test_a_holiday_moves_the_due_date_at_the_desk(manager_a, library_a, member_a, item_a):
    # library A opens on Mondays only; a 14-day loan from MONDAY is due on a Monday,
    # which is now closed: the loan is due a week later
    services.holiday_add(
        actor=manager_a, library=library_a, date=MONDAY + datetime.timedelta(days=14), name="Cuti"
    )
    loan = services.checkout(
        actor=manager_a, library=library_a, member=member_a, barcode=item_a.barcode, today=MONDAY
    )
    assert loan.due_on == MONDAY + datetime.timedelta(days=21)


# Pages


def _preview(client, library, category, start):
    query = {"library": library.pk, "category": category.pk, "material": "book", "start": start}
    return client.get(RULES, query).content.decode()


def test_the_preview_says_when_a_loan_is_due(client_for, manager_a, library_a, children):
    client = english(client_for(manager_a))
    page = _preview(client, library_a, children, MONDAY.isoformat())
    assert (
        f"A loan on 23 November 2026 for {children.name} and Book at Perpustakaan Desa "
        "Rebaq Rinding is due on Monday 7 December 2026." in page
    )


def test_a_holiday_added_on_the_page_moves_the_previewed_due_date(
    client_for, manager_a, library_a, children
):
    client = english(client_for(manager_a))
    response = client.post(
        f"{HOLIDAYS}?library={library_a.pk}",
        {"scope": str(library_a.pk), "date": "2026-12-07", "name": "Hari jadi desa"},
    )
    assert response.status_code == 302
    page = _preview(client, library_a, children, MONDAY.isoformat())
    assert "is due on Monday 14 December 2026." in page
    holidays = client.get(response["Location"]).content.decode()
    assert "Hari jadi desa" in holidays
    assert "Closed every week on: Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday." in (
        holidays
    )


def test_the_matrix_shows_the_defaults_and_the_users_libraries(
    client_for, manager_a, manager_b, library_b, rule_a, children
):
    services.loan_rule_save(actor=manager_b, library=library_b, values={"loan_days": 30})
    page = english(client_for(manager_a)).get(RULES).content.decode()
    assert "District defaults" in page
    assert "Perpustakaan Desa Rebaq Rinding" in page
    assert "21 days" in page
    assert "30 days" not in page  # library B's rule is B's business
    assert reverse("circulation_settings:rule_edit", args=[rule_a.pk]) in page
    assert reverse("circulation_settings:rule_edit", args=[default_rule().pk]) not in page


def test_a_manager_adds_a_rule_for_their_library_on_the_page(
    client_for, manager_a, library_a, children
):
    values = {
        "scope": str(library_a.pk),
        "category": str(children.pk),
        "material": "picture_book",
        "loan_days": "7",
        "max_loans": "2",
        "renewals": "0",
        "fine_per_day": "0",
        "grace_days": "0",
        "hold_pickup_days": "5",
        "holds_allowed": "on",
    }
    client = english(client_for(manager_a))
    response = client.post(reverse("circulation_settings:rule_add"), values)
    assert response.status_code == 302
    rule = LoanRule.objects.get(library=library_a, category=children, material_type="picture_book")
    assert (rule.loan_days, rule.max_loans, rule.overrides_allowed) == (7, 2, False)
    # the same cell again is refused on the form
    response = client.post(reverse("circulation_settings:rule_add"), values)
    assert "This cell already has a rule" in response.content.decode()
    # and the district is not among the manager's choices
    response = client.post(reverse("circulation_settings:rule_add"), values | {"scope": "district"})
    assert response.status_code == 200
    assert not LoanRule.objects.filter(category=children, library=None).exists()


def test_changing_and_deleting_a_rule_on_the_page(client_for, manager_a, rule_a):
    client = client_for(manager_a)
    edit = reverse("circulation_settings:rule_edit", args=[rule_a.pk])
    values = {
        "loan_days": "28",
        "max_loans": "4",
        "renewals": "2",
        "fine_per_day": "0",
        "grace_days": "0",
        "hold_pickup_days": "7",
        "holds_allowed": "on",
        "overrides_allowed": "on",
    }
    assert client.post(edit, values).status_code == 302
    rule_a.refresh_from_db()
    assert (rule_a.loan_days, rule_a.max_loans, rule_a.renewals) == (28, 4, 2)
    client.post(reverse("circulation_settings:rule_delete", args=[rule_a.pk]))
    rule_a.refresh_from_db()
    assert rule_a.deleted_at is not None


def test_other_librarys_rules_are_not_found_and_volunteers_cannot_edit(
    client_for, manager_b, volunteer_a, rule_a
):
    edit = reverse("circulation_settings:rule_edit", args=[rule_a.pk])
    assert client_for(manager_b).get(edit).status_code == 404
    assert client_for(volunteer_a).get(edit).status_code == 403
    assert client_for(volunteer_a).get(reverse("circulation_settings:rule_add")).status_code == 403
    response = client_for(volunteer_a).post(
        reverse("circulation_settings:rule_delete", args=[rule_a.pk])
    )
    assert response.status_code == 403


def test_the_office_changes_the_default_on_the_page(client_for, admin):
    rule = default_rule()
    edit = reverse("circulation_settings:rule_edit", args=[rule.pk])
    values = {
        "loan_days": "21",
        "max_loans": "3",
        "renewals": "1",
        "fine_per_day": "0",
        "grace_days": "0",
        "hold_pickup_days": "7",
        "holds_allowed": "on",
        "overrides_allowed": "on",
    }
    client = english(client_for(admin))
    assert "Delete this rule" not in client.get(edit).content.decode()
    assert client.post(edit, values).status_code == 302
    assert default_rule().loan_days == 21


def test_removing_a_closed_day_on_the_page(client_for, manager_a, manager_b, holiday_a):
    remove = reverse("circulation_settings:holiday_remove", args=[holiday_a.pk])
    assert client_for(manager_b).post(remove).status_code == 404
    assert client_for(manager_a).post(remove).status_code == 302
    assert Holiday.objects.get(pk=holiday_a.pk).deleted_at is not None


def test_the_matrix_takes_few_queries(
    client_for, admin, library_a, library_b, rule_a, children, django_assert_max_num_queries
):
    services.loan_rule_save(actor=admin, category=children, values={"loan_days": 7})
    client = client_for(admin)
    with django_assert_max_num_queries(12):
        response = client.get(RULES)
    assert response.status_code == 200
