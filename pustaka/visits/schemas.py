"""The visits API's schemas: what the visitor book, the computer sessions and
the counts per day look like in JSON (codes, not labels; ``not_said`` for
an answer not given)."""

import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict

from pustaka.members.policies import AGE_GROUP_CODES
from pustaka.visits import policies
from pustaka.visits.models import ComputerPurpose, Purpose, Visit

LIBRARY_HELP = "A library code; default: the caller's own library (the office names one)."
Gender = Literal["female", "male"]
AgeGroup = Literal[AGE_GROUP_CODES]
Answer = Literal["yes", "no", ""]


class CountIO(Schema):
    gender: Gender
    age_group: AgeGroup
    people: int = Field(ge=0, le=policies.GROUP_MAX_PEOPLE)


class VisitOut(Schema):
    id: UUID
    library: str = Field(description="The library's code.")
    kind: Visit.Kind
    visited_at: datetime.datetime
    visited_on: datetime.date = Field(description="The day in the libraries' time zone (WITA).")
    purpose: str = Field(description="One of the purposes; empty: a member who did not say.")
    member: str | None = Field(description="The member's card number (member visits).")
    gender: str = Field(description="female, male; empty for a group or when not known.")
    age_group: str
    disability: str = Field(description="yes, no; empty: not asked.")
    village: str | None = Field(description="The village's Kemendagri code.")
    people: int = Field(description="1, or a group's headcount.")
    description: str
    disabled_people: int | None
    counts: list[CountIO] = Field(description="A group's people by gender and age group.")

    @staticmethod
    def resolve_library(obj):
        return obj.library.code

    @staticmethod
    def resolve_member(obj):
        return obj.member.number if obj.member_id else None

    @staticmethod
    def resolve_village(obj):
        return obj.village.code if obj.village_id else None

    @staticmethod
    def resolve_counts(obj):
        return [row for row in obj.counts.all() if row.people]


class WhereIn(Schema):
    model_config = ConfigDict(extra="forbid")

    library: str | None = Field(None, description=LIBRARY_HELP)


class MemberVisitIn(WhereIn):
    number: str = Field(min_length=1, max_length=32, description="The member's card number.")
    purpose: Purpose | None = None


class GuestVisitIn(WhereIn):
    gender: Gender
    age_group: AgeGroup
    purpose: Purpose
    village: str | None = Field(None, description="The village's Kemendagri code.")
    disability: Answer = ""


class GroupVisitIn(WhereIn):
    counts: list[CountIO] = Field(min_length=1)
    purpose: Purpose
    description: str = Field("", max_length=200)
    disabled_people: int | None = Field(None, ge=0)


class PastVisitIn(Schema):
    """One visit of a batch: ``kind`` says which of the other fields count."""

    model_config = ConfigDict(extra="forbid")

    kind: Visit.Kind
    at: datetime.datetime
    purpose: Purpose | Literal[""] = ""
    number: str = Field("", max_length=32, description="member: the card number.")
    gender: Gender | Literal[""] = ""
    age_group: AgeGroup | Literal[""] = ""
    disability: Answer = ""
    village: str | None = None
    counts: list[CountIO] = Field([], description="group: people by gender and age group.")
    description: str = Field("", max_length=200)
    disabled_people: int | None = Field(None, ge=0)


class ImportIn(WhereIn):
    entries: list[PastVisitIn] = Field(min_length=1)


class ImportOut(Schema):
    recorded: int
    people: int


class VisitPatchIn(Schema):
    """Today's entry corrected: a member's purpose; a guest's answers; a
    group's counts (replacing them all), purpose, description."""

    model_config = ConfigDict(extra="forbid")

    purpose: Purpose | None = None
    gender: Gender | None = None
    age_group: AgeGroup | None = None
    village: str | None = None
    disability: Answer | None = None
    counts: list[CountIO] | None = None
    description: str | None = Field(None, max_length=200)
    disabled_people: int | None = Field(None, ge=0)


class SessionOut(Schema):
    id: UUID
    library: str
    started_at: datetime.datetime
    started_on: datetime.date
    minutes: int
    purpose: ComputerPurpose
    member: str | None
    gender: str
    age_group: str
    disability: str
    village: str | None

    @staticmethod
    def resolve_library(obj):
        return obj.library.code

    @staticmethod
    def resolve_member(obj):
        return obj.member.number if obj.member_id else None

    @staticmethod
    def resolve_village(obj):
        return obj.village.code if obj.village_id else None


class SessionIn(WhereIn):
    """A member's card number, or a guest's gender and age group."""

    purpose: ComputerPurpose
    minutes: int = Field(ge=1, le=policies.SESSION_MAX_MINUTES)
    started_at: datetime.datetime | None = Field(None, description="Default: now.")
    number: str = Field("", max_length=32)
    gender: Gender | Literal[""] = ""
    age_group: AgeGroup | Literal[""] = ""
    disability: Answer = ""
    village: str | None = None


class DayParams(Schema):
    library: str | None = Field(None, description="A library code; default: every one you see.")
    day: datetime.date | None = Field(None, description="Default: today.")


class RangeParams(Schema):
    library: str | None = Field(None, description="A library code; default: every one you see.")
    start: datetime.date | None = Field(None, description="Default: six days before end.")
    end: datetime.date | None = Field(None, description="Default: today.")


class DayVisitsOut(Schema):
    day: datetime.date
    entries: int = Field(description="Lines in the visitor book (a group is one).")
    people: int = Field(description="Heads (a group counts as its headcount).")
    with_disability: int
    by_purpose: dict[str, int] = Field(description="People by purpose; not_said: not asked.")
    by_gender: dict[str, int]
    by_age_group: dict[str, int]
    by_disability: dict[str, int] = Field(description="yes, no, not_said (not asked).")

    @staticmethod
    def resolve_by_purpose(obj):
        return said(obj.by_purpose)

    @staticmethod
    def resolve_by_gender(obj):
        return said(obj.by_gender)

    @staticmethod
    def resolve_by_age_group(obj):
        return said(obj.by_age_group)

    @staticmethod
    def resolve_by_disability(obj):
        return said(obj.by_disability)


class DaySessionsOut(Schema):
    day: datetime.date
    sessions: int
    minutes: int
    by_purpose: dict[str, int]
    by_gender: dict[str, int]
    by_age_group: dict[str, int]

    @staticmethod
    def resolve_by_purpose(obj):
        return said(obj.by_purpose)

    @staticmethod
    def resolve_by_gender(obj):
        return said(obj.by_gender)

    @staticmethod
    def resolve_by_age_group(obj):
        return said(obj.by_age_group)


def said(counter) -> dict[str, int]:
    return {code or "not_said": count for code, count in counter.items() if count}
