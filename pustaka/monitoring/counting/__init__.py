"""How each indicator is counted: grouped SQL over the rows daily work leaves
(loans, visits, members, copies, activities, ...), a few statements per
source and range of periods whatever the number of rows or periods (levels
such as members and copies held too: each row counts from the first period
it is held at the end of). Periods are the libraries' calendar (WITA): a
row belongs to the period its local day falls in.

One module per source (``visits``, ``loans``, ``members``, ``collection``,
``programmes``, ``training``, ``profile``; what they share in ``base``).
Nothing here is scoped to a user: ``count`` takes the libraries to count,
and ``indicators.py`` decides which of them (and which district totals) a
user may see. The visits app's day counts (``visit_counts``) take a user,
so they are asked as the district sees them.

The rules, where a choice was made:

- visitors are heads (a group of 25 is 25, by its own gender and age
  counts), as the visitor book counts them; entries are lines of the book;
- loans are counted at the lending library on the day lent, returns at the
  library that took the copy back on the day it came back;
- active borrowers: a loan still naming its member counts that member once
  in the period; a loan that no longer names anyone (returned by a member
  who keeps no reading history, or anonymised) counts one borrower per
  lending library, day and borrower figures kept on the loan (category,
  gender, age group, disability) — the copies one person takes home at
  once. So a member without reading history who borrowed on three days of a
  month counts up to three times there: an estimate, as near as the data
  allows without keeping who borrowed. The district's figure is the sum of
  its libraries' (someone borrowing at two libraries is a borrower of each);
- members: confirmed members (not registrations waiting for confirmation),
  new in the period by the day they registered, held at its end unless
  deleted by then; anonymised members still count; age groups are the age
  on the period's last day;
- copies: held at the period's end when acquired (acquisition date, else the
  day catalogued) by then and neither withdrawn nor lost — a copy's status
  has no date, so a withdrawn or lost copy leaves past periods too; titles
  are the distinct records among them (for the district, over all its
  libraries); added copies are every copy acquired in the period;
- activities: those marked done, in the period they started, by category;
  participants are their attendance, named or counted alike
  (``programs.queries.attendance_totals``);
- partners engaged: distinct partners who gave a contribution in the period
  or took part in one of its activities;
- contributions in money are those of kind money, in kind the value of the
  others; the village fund is the allocation of the period's year;
- trainings attended: the library's trainees present at a session in the
  period (a person in two trainings counts twice: trainings attended);
  mentoring: the visits made to the library, and the action items agreed at
  them done in the period (by the day done);
- opening days: weekdays with opening hours less dated holidays (the
  library's and the district's), as due dates follow them, up to today.
"""

from pustaka.libraries.models import Library
from pustaka.monitoring.counting.base import GONE, LIVE, Counter, Values, during, on_days
from pustaka.monitoring.counting.collection import (
    added_by,
    added_in,
    copies_arriving,
    count_collection,
    held_copies,
)
from pustaka.monitoring.counting.loans import count_lent, count_loans, named_borrowers
from pustaka.monitoring.counting.members import (
    count_members,
    member_arrivals,
    member_departures,
    member_part,
)
from pustaka.monitoring.counting.profile import count_profile
from pustaka.monitoring.counting.programmes import (
    count_activities,
    count_partnerships,
    count_stories,
    count_village_fund,
    done_activities,
)
from pustaka.monitoring.counting.training import count_training, trainees_present
from pustaka.monitoring.counting.visits import count_opening_days, count_sessions, count_visits
from pustaka.monitoring.policies import Period

__all__ = [
    "GONE",
    "GROUPS",
    "LIVE",
    "Counter",
    "Values",
    "added_by",
    "added_in",
    "count",
    "done_activities",
    "during",
    "held_copies",
    "member_part",
    "named_borrowers",
    "on_days",
    "trainees_present",
]

GROUPS = (
    "visits",
    "opening_days",
    "loans",
    "members",
    "collection",
    "activities",
    "sessions",
    "partnerships",
    "stories",
    "village_fund",
    "training",
    "profile",
)


def count(*, libraries: list[Library], periods: list[Period], groups=GROUPS) -> Values:
    """The values of ``groups`` (see ``GROUPS``) for ``libraries`` in each of ``periods``."""
    counter = Counter(libraries, periods)
    if libraries:
        for group in groups:
            COUNTERS[group](counter)
    return counter.values


COUNTERS = {
    "visits": count_visits,
    "opening_days": count_opening_days,
    "loans": count_loans,
    "borrowers": count_lent,
    "members": count_members,
    "collection": count_collection,
    "activities": count_activities,
    "sessions": count_sessions,
    "partnerships": count_partnerships,
    "stories": count_stories,
    "village_fund": count_village_fund,
    "training": count_training,
    "profile": count_profile,
    "member_arrivals": member_arrivals,
    "member_departures": member_departures,
    "copies_arriving": copies_arriving,
}
