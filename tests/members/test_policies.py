"""NIK rules (DOMAIN.md §5), its keyed hash and membership dates, without a database."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pustaka.members import policies

TODAY = datetime.date(2026, 3, 2)
# Kutai Kartanegara, Tenggarong (64.02.06); born 3 February 1985.
MAN = "6402060302850001"
WOMAN = "6402064302850001"  # day 03 + 40


def refusal(value, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        policies.nik_check(value, today=TODAY, **kwargs)
    return error.value.code


def test_valid_nik_is_returned_clean():
    assert policies.nik_check("6402 0603 0285 0001", today=TODAY) == MAN
    assert policies.nik_check("64.02.06-030285-0001", today=TODAY) == MAN


def test_nik_from_outside_the_district_is_valid():
    # Jakarta Selatan (31.74): members from anywhere in Indonesia are welcome
    assert policies.nik_check("3174061708900002", today=TODAY) == "3174061708900002"


@pytest.mark.parametrize("value", ["640206030285001", "64020603028500011", "64020603028500AB", ""])
def test_nik_must_have_sixteen_digits(value):
    assert refusal(value) == "nik_length"


@pytest.mark.parametrize("province", ["00", "10", "20", "37", "97", "99"])
def test_nik_needs_a_real_province(province):
    assert refusal(province + MAN[2:]) == "nik_region"


@pytest.mark.parametrize("date_part", ["320285", "310285", "300285", "001385", "290285", "720285"])
def test_nik_date_must_be_a_real_date(date_part):
    # 32 Feb, 31 Feb, 30 Feb, month 13, 29 Feb 1985 (not a leap year), day 72 (32 + 40)
    assert refusal(f"640206{date_part}0001") == "nik_date"


def test_woman_day_plus_forty_is_accepted_with_her_gender_and_birth_date():
    born = datetime.date(1985, 2, 3)
    assert policies.nik_check(WOMAN, birth_date=born, gender="female", today=TODAY) == WOMAN
    assert policies.nik_birth(WOMAN, TODAY) == (born, "female")


def test_woman_day_plus_forty_is_refused_for_a_man():
    assert refusal(WOMAN, gender="male") == "nik_gender"
    assert refusal(MAN, gender="female") == "nik_gender"


def test_birth_date_must_match_the_nik():
    assert refusal(MAN, birth_date=datetime.date(1985, 2, 4)) == "nik_birth_date"
    assert refusal(WOMAN, birth_date=datetime.date(1985, 3, 3)) == "nik_birth_date"


def test_two_digit_year_takes_the_latest_century_not_in_the_future():
    assert policies.nik_birth("6402061205150003", TODAY)[0] == datetime.date(2015, 5, 12)
    assert policies.nik_birth("6402061205300003", TODAY)[0] == datetime.date(1930, 5, 12)


def test_hash_is_keyed_and_stable():
    assert policies.nik_hash(MAN, "key-a") == policies.nik_hash(MAN, "key-a")
    assert policies.nik_hash(MAN, "key-a") != policies.nik_hash(MAN, "key-b")
    assert MAN not in policies.nik_hash(MAN, "key-a")
    assert len(policies.nik_hash(MAN, "key-a")) == 64


def test_months_later_keeps_the_day_or_takes_the_last_of_the_month():
    assert policies.months_later(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert policies.months_later(datetime.date(2026, 3, 2), 12) == datetime.date(2027, 3, 2)
    assert policies.months_later(datetime.date(2026, 11, 15), 24) == datetime.date(2028, 11, 15)


def test_minor_until_the_eighteenth_birthday():
    assert policies.is_minor(datetime.date(2008, 3, 3), TODAY)
    assert not policies.is_minor(datetime.date(2008, 3, 2), TODAY)
    assert not policies.is_minor(None, TODAY)
