"""The loan rules matrix (most specific wins, district defaults last) and due
dates that never fall on a closed day."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pustaka.circulation import policies, queries, services
from pustaka.circulation.models import Holiday, LoanRule
from pustaka.circulation.queries import closed_days_of, rule_for
from pustaka.members.models import MemberCategory
from tests.circulation.fixtures import MONDAY


@pytest.fixture
def children(db):
    return MemberCategory.objects.get(code="children")


def test_the_district_default_matches_everything(library_a, children):
    rule = rule_for(library_id=library_a.pk, category_id=children.pk, material_type="book")
    assert (rule.library_id, rule.category_id, rule.material_type) == (None, None, "")
    assert (rule.loan_days, rule.max_loans, rule.renewals, rule.fine_per_day) == (14, 3, 1, 0)


def test_the_most_specific_rule_wins(library_a, library_b, children):
    LoanRule.objects.create(category=children, loan_days=7)
    LoanRule.objects.create(library=library_a, loan_days=21)
    LoanRule.objects.create(library=library_a, category=children, loan_days=10)
    LoanRule.objects.create(library=library_a, category=children, material_type="map", loan_days=3)

    def days(library, category, material):
        return rule_for(
            library_id=library.pk, category_id=category and category.pk, material_type=material
        ).loan_days

    general = MemberCategory.objects.get(code="general")
    assert days(library_a, children, "map") == 3
    assert days(library_a, children, "book") == 10
    assert days(library_a, general, "book") == 21  # the library's rule beats the category's
    assert days(library_b, children, "book") == 7
    assert days(library_b, general, "book") == 14


def test_a_withdrawn_rule_no_longer_applies(library_a, children):
    from django.utils import timezone

    LoanRule.objects.create(library=library_a, loan_days=30, deleted_at=timezone.now())
    assert rule_for(library_id=library_a.pk, category_id=None, material_type="").loan_days == 14


def test_due_dates_skip_weekly_closed_days(library_a):
    # library A opens on Mondays only: 14 days after a Monday is a Monday
    closed = closed_days_of(library_a, start=MONDAY)
    assert policies.due_date(MONDAY, 14, closed) == MONDAY + datetime.timedelta(days=14)
    # 10 days after Monday is a Thursday: moved to the next Monday
    assert policies.due_date(MONDAY, 10, closed) == MONDAY + datetime.timedelta(days=14)


def test_due_dates_skip_holidays_of_the_library_and_the_district(library_a, library_b):
    christmas = datetime.date(2026, 12, 25)
    Holiday.objects.create(date=christmas, name="Natal")
    Holiday.objects.create(library=library_b, date=christmas + datetime.timedelta(days=1), name="X")
    closed_b = closed_days_of(library_b, start=MONDAY)  # no hours recorded: open every day
    assert policies.due_date(christmas - datetime.timedelta(days=14), 14, closed_b) == (
        christmas + datetime.timedelta(days=2)
    )
    closed_a = closed_days_of(library_a, start=MONDAY)
    assert policies.due_date(datetime.date(2026, 12, 14), 14, closed_a) == datetime.date(
        2026, 12, 28
    )
    Holiday.objects.create(library=library_a, date=datetime.date(2026, 12, 28), name="Cuti")
    closed_a = closed_days_of(library_a, start=MONDAY)
    assert policies.due_date(datetime.date(2026, 12, 14), 14, closed_a) == datetime.date(2027, 1, 4)


def test_fines_only_beyond_the_grace_days():
    rule = LoanRule(fine_per_day=500, grace_days=2)
    due = datetime.date(2026, 11, 2)
    assert policies.fine_for(due, due + datetime.timedelta(days=2), rule) == 0
    assert policies.fine_for(due, due + datetime.timedelta(days=5), rule) == 2500
    assert policies.fine_for(due, due + datetime.timedelta(days=5), LoanRule()) == 0


def test_a_rule_read_again_while_no_rule_changed_is_not_queried(library_a, children):
    rule_for(library_id=library_a.pk, category_id=children.pk, material_type="book")

    with CaptureQueriesContext(connection) as queries:
        rule = rule_for(library_id=library_a.pk, category_id=children.pk, material_type="book")

    assert rule.loan_days == 14
    assert not [query for query in queries if '"circulation_loanrule"."id"' in query["sql"]]


def test_a_rule_changed_after_it_was_read_holds_at_the_next_read(admin, library_a, children):
    def days() -> int:
        rule = rule_for(library_id=library_a.pk, category_id=children.pk, material_type="")
        return rule.loan_days

    assert days() == 14
    rule = LoanRule.objects.create(library=library_a, loan_days=21)
    assert days() == 21
    services.loan_rule_save(actor=admin, rule=rule, values={"loan_days": 28})
    assert days() == 28
    services.loan_rule_delete(actor=admin, rule=rule)
    assert days() == 14


def test_a_change_moving_neither_count_nor_latest_update_holds_after_the_kept_time(
    library_a, monkeypatch
):
    now = [1000.0]
    monkeypatch.setattr(queries.time, "monotonic", lambda: now[0])
    rule = LoanRule.objects.create(library=library_a, loan_days=21)
    assert rule_for(library_id=library_a.pk, category_id=None, material_type="").loan_days == 21

    # a change that moves neither the rules' count nor their latest update
    LoanRule.objects.filter(pk=rule.pk).update(loan_days=7)
    now[0] += queries.LendingSettings.KEEP_SECONDS

    assert rule_for(library_id=library_a.pk, category_id=None, material_type="").loan_days == 7
