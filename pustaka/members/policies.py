"""Pure rules about members: the NIK (DOMAIN.md §5), its keyed hash, ages
and age groups, and membership expiry."""

import calendar
import datetime
import hashlib
import hmac
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Province codes of Kemendagri (Aceh 11 ... Papua Barat Daya 96).
PROVINCES = {
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
    "31", "32", "33", "34", "35", "36", "51", "52", "53",
    "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
    "81", "82", "91", "92", "93", "94", "95", "96",
}  # fmt: skip
NIK = re.compile(r"^\d{16}$")
FEMALE_DAY_OFFSET = 40
# Age groups of the programme's participant figures (DOMAIN.md §1).
AGE_GROUPS = ((0, 5, "0-5"), (6, 12, "6-12"), (13, 18, "13-18"), (19, 35, "19-35"),
              (36, 59, "36-59"), (60, 200, "60+"))  # fmt: skip
AGE_GROUP_CODES = tuple(label for _low, _high, label in AGE_GROUPS)
AGE_GROUP_LABELS = {
    "0-5": gettext_lazy("0–5 years"),
    "6-12": gettext_lazy("6–12 years"),
    "13-18": gettext_lazy("13–18 years"),
    "19-35": gettext_lazy("19–35 years"),
    "36-59": gettext_lazy("36–59 years"),
    "60+": gettext_lazy("60 years and over"),
}
AGE_GROUP_CHOICES = [(code, AGE_GROUP_LABELS[code]) for code in AGE_GROUP_CODES]
ADULT_AGE = 18

# What a member (or their guardian) is told before giving consent (DOMAIN.md §6):
# the purpose, the data, how long it is kept, their rights.
CONSENT_TEXT = gettext_lazy(
    "The library keeps your name, gender, date of birth, contact details, address, "
    "occupation and, if you wish, your NIK (only as a code that cannot be read back, "
    "with its last four digits) and a disability you choose to declare. It uses them to "
    "lend you books, to send you notices and, without your name, for the district's "
    "library statistics. Your data is kept while you are a member, and made anonymous "
    "when you ask or when you withdraw your consent. You may see, copy, correct and delete "
    "your data at any time at the library."
)


def nik_clean(value: str) -> str:
    """The NIK as 16 digits (spaces, dots and dashes people type are dropped)."""
    return re.sub(r"[\s.\-]", "", value or "")


def nik_birth(nik: str, today: datetime.date) -> tuple[datetime.date, str]:
    """The date of birth and gender a valid NIK encodes: day + 40 for women;
    of the two centuries a two-digit year allows, the later one not in the future."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender = "female" if day > FEMALE_DAY_OFFSET else "male"
    day -= FEMALE_DAY_OFFSET if gender == "female" else 0
    century = 2000 if 2000 + year <= today.year else 1900
    return datetime.date(century + year, month, day), gender


def nik_check(
    value: str,
    *,
    birth_date: datetime.date | None = None,
    gender: str = "",
    today: datetime.date | None = None,
) -> str:
    """The cleaned NIK, or ``ValidationError`` saying what is wrong with it:
    not 16 digits, an unknown province, an impossible date, or a date of birth
    or gender that does not match the member's."""
    nik = nik_clean(value)
    if not NIK.match(nik):
        raise ValidationError(_("A NIK has exactly 16 digits."), code="nik_length")
    if nik[:2] not in PROVINCES:
        raise ValidationError(
            _("A NIK starts with a province code; %(code)s is not one.") % {"code": nik[:2]},
            code="nik_region",
        )
    try:
        born, nik_gender = nik_birth(nik, today or datetime.date.today())
    except ValueError:
        raise ValidationError(
            _(
                "Digits 7 to 12 of a NIK are a date of birth (day + 40 for women); this one "
                "is not a real date."
            ),
            code="nik_date",
        ) from None
    if birth_date and (born.day, born.month, born.year % 100) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        raise ValidationError(
            _("The NIK gives a date of birth of %(date)s, which is not the member's.")
            % {"date": born.strftime("%d-%m-%Y")},
            code="nik_birth_date",
        )
    if gender and gender != nik_gender:
        raise ValidationError(
            _("The NIK does not match the member's gender (women's day of birth is + 40)."),
            code="nik_gender",
        )
    return nik


def nik_hash(nik: str, key: str) -> str:
    """The keyed hash kept instead of the NIK: the same for the same person on
    every installation of the district, useless without the district's key."""
    return hmac.new(key.encode(), nik.encode(), hashlib.sha256).hexdigest()


def age_on(birth_date: datetime.date | None, day: datetime.date) -> int | None:
    if birth_date is None:
        return None
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def age_group(birth_date: datetime.date | None, day: datetime.date) -> str:
    """The programme's age group on ``day``; ``""`` when the age is unknown."""
    age = age_on(birth_date, day)
    if age is None:
        return ""
    return next(label for low, high, label in AGE_GROUPS if low <= age <= high)


def is_minor(birth_date: datetime.date | None, day: datetime.date) -> bool:
    age = age_on(birth_date, day)
    return age is not None and age < ADULT_AGE


def months_later(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
