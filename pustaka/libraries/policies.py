"""Pure rules about libraries: codes, region codes and opening hours."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LIBRARY_CODE = re.compile(r"^[A-Z0-9]{2,12}$")
# Words that name pages beside a library's own under the same path
# (``/staff/monitoring/<code>/``): no library may be coded so.
RESERVED_LIBRARY_CODES = {"DISTRICT", "ROWS", "TARGETS"}
REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
HOURS_RANGE = re.compile(
    r"^([01]\d|2[0-3])[.:]([0-5]\d)\s*-\s*(?:([01]\d|2[0-3])[.:]([0-5]\d)|(24)[.:](00))$"
)
WEEKDAYS = range(7)
WEEKDAY_NAMES = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]
WEEKDAY_KEYS = {str(day) for day in WEEKDAYS}


def normalise_library_code(code: str) -> str:
    """Upper-case ``code`` and check it: 2-12 letters or digits, no spaces."""
    code = (code or "").strip().upper()
    if not LIBRARY_CODE.match(code):
        raise ValidationError(
            _("A library code has 2 to 12 letters or digits, without spaces."), code="code"
        )
    if code in RESERVED_LIBRARY_CODES:
        raise ValidationError(
            _("%(code)s names a page of Pustaka: choose another library code.") % {"code": code},
            code="code",
        )
    return code


def check_region_code(code: str) -> str:
    """Check a Kemendagri code such as ``64.02`` or ``64.02.06.1001``."""
    code = (code or "").strip()
    if not REGION_CODE.match(code):
        raise ValidationError(
            _("A region code looks like 64.02 (province.regency), digits and dots only."),
            code="region_code",
        )
    return code


def parse_day_hours(text: str) -> list[list[str]]:
    """``"08:00-12:00, 13:00-16:00"`` -> ``[["08:00", "12:00"], ["13:00", "16:00"]]``.

    An empty text means closed all day. Ranges must be in order and not overlap.
    """
    ranges = []
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        match = HOURS_RANGE.match(part)
        if not match:
            raise ValidationError(
                _("Write hours like 08:00-12:00, separated by commas: “%(part)s”.")
                % {"part": part},
                code="hours",
            )
        opens = f"{match[1]}:{match[2]}"
        closes = "24:00" if match[5] else f"{match[3]}:{match[4]}"
        if closes <= opens or (ranges and opens < ranges[-1][1]):
            raise ValidationError(
                _("Opening hours must run forward and not overlap: “%(part)s”.") % {"part": part},
                code="hours",
            )
        ranges.append([opens, closes])
    return ranges


def format_day_hours(ranges: list[list[str]]) -> str:
    return ", ".join(f"{opens}-{closes}" for opens, closes in ranges)


def check_opening_hours(data: dict) -> dict:
    """Check weekly hours given as ``{"0": [["08:00", "12:00"]], ...}`` (0 = Monday).

    Returns them normalised (``08.00`` -> ``08:00``, closed days left out); raises
    ``ValidationError`` with every problem found.
    """
    hours, problems = {}, []
    for day, ranges in (data or {}).items():
        if str(day) not in WEEKDAY_KEYS:
            problems.append(
                _("Days are numbered 0 (Monday) to 6 (Sunday): “%(day)s”.") % {"day": day}
            )
            continue
        try:
            parsed = parse_day_hours(_ranges_text(ranges))
        except ValidationError as error:
            problems.extend(error.messages)
            continue
        if parsed:
            hours[str(day)] = parsed
    if problems:
        raise ValidationError(problems, code="hours")
    return dict(sorted(hours.items()))


def _ranges_text(ranges) -> str:
    """``[["08:00", "12:00"]]`` as ``"08:00-12:00"``; refuses anything not pairs of times."""
    pairs = ranges if isinstance(ranges, list | tuple) else [ranges]
    if not all(isinstance(pair, list | tuple) and len(pair) == 2 for pair in pairs):
        raise ValidationError(
            _('Give each opening as a pair of times, e.g. ["08:00", "12:00"].'),
            code="hours",
        )
    return ", ".join(f"{opens}-{closes}" for opens, closes in pairs)


def opening_week(opening_hours: dict, today: int | None = None) -> list[tuple]:
    """``(day name, hours as text, is today)`` from Monday to Sunday, for showing;
    empty when no hours are recorded (which is not the same as closed all week)."""
    if not opening_hours:
        return []
    return [
        (WEEKDAY_NAMES[day], format_day_hours(opening_hours.get(str(day), [])), day == today)
        for day in WEEKDAYS
    ]


def weekly_hours(opening_hours: dict) -> float:
    """Total opening hours in a week."""
    total = 0
    for day in WEEKDAYS:
        for opens, closes in opening_hours.get(str(day), []):
            total += minutes(closes) - minutes(opens)
    return total / 60


def minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def is_open_at(opening_hours: dict, moment: datetime.datetime) -> bool:
    """Whether the weekly hours include ``moment`` (in the library's local time)."""
    now = moment.strftime("%H:%M")
    return any(
        opens <= now < closes for opens, closes in opening_hours.get(str(moment.weekday()), [])
    )
