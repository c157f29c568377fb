"""Pure rules of the visitor book: the programme's age groups, who may log
visits, the day a visit belongs to, and what a kiosk says to a member."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.core.permissions import LIBRARY_ROLES, Access

# A group entry is a class or a delegation, not a crowd: larger counts are typing slips.
GROUP_MAX_PEOPLE = 500
SESSION_MAX_MINUTES = 12 * 60
# A visit may be logged this much ahead of the server's clock (a kiosk's clock runs fast).
CLOCK_SLACK = datetime.timedelta(minutes=5)


def may_log(access: Access, library_id) -> bool:
    """Log, correct and delete visits: the office anywhere, library staff
    (volunteers too: they keep the door) at their own library."""
    if access.is_district_admin:
        return True
    return access.role in LIBRARY_ROLES and access.library_id == library_id


def local_day(moment: datetime.datetime) -> datetime.date:
    """The day of ``moment`` in the libraries' time zone (WITA for the district)."""
    return timezone.localdate(moment, timezone.get_default_timezone())


def is_in_future(moment: datetime.datetime, now: datetime.datetime) -> bool:
    return moment > now + CLOCK_SLACK


def membership_notes(
    *, is_blocked: bool, expires_on: datetime.date | None, today: datetime.date
) -> list[str]:
    """What the door tells a member whose card needs attention, in words that
    others at the door may read: no reason for a block, only where to go."""
    notes = []
    if expires_on and expires_on < today:
        notes.append(
            _("Your membership ended on %(date)s: renew it at the desk.")
            % {"date": expires_on.strftime("%d-%m-%Y")}
        )
    if is_blocked:
        notes.append(_("Please see the staff at the desk about your card."))
    return notes
