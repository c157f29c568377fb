"""Reads of the community programmes: what staff see (their library's
activities, partners and stories; the office everything), what the public
sees (upcoming public activities with places taken as counts, published
stories with consent), and attendance added up the same way whether people
were named or counted (``attendance_totals``, which monitoring reuses)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from pustaka.catalog.identifiers import barcode_clean
from pustaka.core.permissions import access_for, scope_to_user
from pustaka.libraries.models import Library
from pustaka.members.models import Gender, Member
from pustaka.members.policies import AGE_GROUP_CHOICES
from pustaka.programs import policies
from pustaka.programs.models import (
    Activity,
    ActivityCategory,
    AttendanceCount,
    Contribution,
    Disability,
    Document,
    Participant,
    Partner,
    Photo,
    Registration,
    Story,
    VillageFund,
)

DIMENSIONS = ("gender", "age_group", "disability")
LIVE = Q(deleted_at__isnull=True)
PUBLIC_LIBRARY = Q(library__is_active=True, library__deleted_at__isnull=True)
CONFIRMED = Q(
    registrations__status=Registration.Status.CONFIRMED, registrations__deleted_at__isnull=True
)


def categories(*, in_use: bool = True) -> QuerySet[ActivityCategory]:
    found = ActivityCategory.objects.filter(LIVE)
    return found.filter(is_active=True) if in_use else found


def category_by_id(category_id) -> ActivityCategory:
    category = categories(in_use=False).filter(pk=category_id).first()
    if category is None:
        raise Http404
    return category


# Attendance -------------------------------------------------------------------


def attendance_totals(
    activities: QuerySet[Activity], *, group_by: tuple[str, ...] = (), placed=None
) -> dict[tuple, int]:
    """People who took part in ``activities``, named and counted alike, keyed
    by the activity's ``group_by`` fields (e.g. ``("library_id",)``), then
    by ``placed`` (an expression over a participant's ``activity__`` fields,
    e.g. the index of the period its activity is in) when given, then by
    gender, age group and disability (``""``: unknown or not asked). Both
    ways are grouped in SQL, in one statement (UNION ALL)."""
    keys = [f"activity__{name}" for name in group_by]
    if placed is not None:
        keys.append("placed")
    named = Participant.objects.filter(LIVE, activity__in=activities)
    counted = AttendanceCount.objects.filter(LIVE, activity__in=activities, people__gt=0)
    if placed is not None:
        named, counted = named.annotate(placed=placed), counted.annotate(placed=placed)
    named = named.values_list(*keys, *DIMENSIONS).annotate(people=Count("pk")).order_by()
    counted = counted.values_list(*keys, *DIMENSIONS).annotate(people=Sum("people")).order_by()
    totals = defaultdict(int)
    for *key, people in named.union(counted, all=True):
        totals[tuple(key)] += people
    return dict(totals)


@dataclass(frozen=True)
class Attendance:
    """Attendance added up by gender, age group and disability, in the
    programme's order, for a page or a report."""

    cells: dict

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def _by(self, index: int, choices) -> list[tuple[str, str, int]]:
        sums = defaultdict(int)
        for cell, people in self.cells.items():
            sums[cell[index]] += people
        rows = [(code, label, sums[code]) for code, label in choices if sums.get(code)]
        return rows + ([("", None, sums[""])] if sums.get("") else [])

    @property
    def by_gender(self):
        return self._by(0, Gender.choices)

    @property
    def by_age_group(self):
        return self._by(1, AGE_GROUP_CHOICES)

    @property
    def by_disability(self):
        return self._by(2, Disability.choices)


def attendance_of(activities: QuerySet[Activity]) -> Attendance:
    return Attendance(cells=attendance_totals(activities))


def people_per_activity(activities) -> dict:
    """Activity id -> people who took part (named and counted)."""
    ids = [activity.pk for activity in activities]
    totals = attendance_totals(Activity.objects.filter(pk__in=ids), group_by=("id",))
    people = defaultdict(int)
    for (activity_id, *_cell), count in totals.items():
        people[activity_id] += count
    return dict(people)


def participants_of(activity: Activity) -> QuerySet[Participant]:
    return (
        activity.participants.filter(LIVE)
        .select_related("member", "village")
        .order_by("created_at")
    )


def counts_of(activity: Activity) -> dict[tuple[str, str, str], int]:
    rows = activity.counts.filter(LIVE, people__gt=0)
    return {(row.gender, row.age_group, row.disability): row.people for row in rows}


def member_by_card(number: str) -> Member | None:
    """The district's active member with this card number (any library's:
    members take part in activities anywhere)."""
    number = barcode_clean(number)
    if not number:
        return None
    return Member.objects.filter(LIVE, number=number, status=Member.Status.ACTIVE).first()


# Registrations ----------------------------------------------------------------


def registration_open(activity: Activity, *, now: datetime.datetime | None = None) -> bool:
    """Whether the public may register for ``activity`` now."""
    return policies.takes_registrations(
        is_public=activity.is_public,
        status=activity.status,
        capacity=activity.capacity,
        starts_at=activity.starts_at,
        now=now or timezone.now(),
    )


def places_taken(activity: Activity) -> int:
    return activity.registrations.filter(LIVE, status=Registration.Status.CONFIRMED).count()


def registrations_of(activity: Activity) -> list[Registration]:
    """Registrations, first come first: those with a place, the waiting list
    (with ``waiting_place``: 1 moves up first), then the cancelled. Each
    says whether the person came (``attended``)."""
    rows = list(
        activity.registrations.filter(LIVE)
        .annotate(attended=Count("participant", filter=Q(participant__deleted_at__isnull=True)))
        .order_by("created_at", "id")
    )
    order = {Registration.Status.CONFIRMED: 0, Registration.Status.WAITING: 1}
    rows.sort(key=lambda row: order.get(row.status, 2))
    waiting = [row for row in rows if row.status == Registration.Status.WAITING]
    for place, row in enumerate(waiting, start=1):
        row.waiting_place = place
    return rows


def waiting_place(registration: Registration) -> int | None:
    """Where a waiting registration is on the list (1: next to move up)."""
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = registration.activity.registrations.filter(
        LIVE, status=Registration.Status.WAITING
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.pk)
    )
    return ahead.count() + 1


def registration_duplicate(activity: Activity, *, name: str, phone: str, email: str) -> bool:
    """Whether the same person (same name, and same phone or e-mail) already
    holds a registration that is not cancelled."""
    same_contact = Q(phone=phone) if phone else Q(pk__in=[])
    if email:
        same_contact |= Q(email__iexact=email)
    return (
        activity.registrations.filter(LIVE, same_contact, name__iexact=name)
        .exclude(status=Registration.Status.CANCELLED)
        .exists()
    )


def registration_for_user(user, registration_id) -> Registration:
    registrations = scope_to_user(
        Registration.objects.filter(LIVE, activity__deleted_at__isnull=True),
        user,
        library_field="activity__library",
    )
    registration = registrations.select_related("activity").filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    return registration


# Activities for staff ---------------------------------------------------------


def activities_for_user(
    user,
    *,
    period: str = "upcoming",
    library: Library | None = None,
    category: ActivityCategory | None = None,
    status: str = "",
    search: str = "",
    now: datetime.datetime | None = None,
) -> QuerySet[Activity]:
    """The activities ``user`` may see: upcoming (soonest first), past
    (latest first) or all, optionally of one library, category or status,
    or with ``search`` in the title."""
    now = now or timezone.now()
    activities = scope_to_user(Activity.objects.filter(LIVE), user)
    if period == "upcoming":
        activities = activities.filter(ends_at__gte=now).order_by("starts_at")
    elif period == "past":
        activities = activities.filter(ends_at__lt=now).order_by("-starts_at")
    else:
        activities = activities.order_by("-starts_at")
    if library is not None:
        activities = activities.filter(library=library)
    if category is not None:
        activities = activities.filter(category=category)
    if status:
        activities = activities.filter(status=status)
    if search:
        activities = activities.filter(title__icontains=search)
    return activities.select_related("library", "category")


def activity_for_user(user, activity_id) -> Activity:
    """One activity ``user`` may see; 404 otherwise (never reveal it exists)."""
    activities = scope_to_user(Activity.objects.filter(LIVE), user)
    activity = activities.select_related("library", "category").filter(pk=activity_id).first()
    if activity is None:
        raise Http404
    return activity


def activity_partners(activity: Activity) -> QuerySet[Partner]:
    return activity.partners.order_by("name")


def photos_of(owner) -> QuerySet[Photo]:
    return owner.photos.filter(LIVE).order_by("created_at")


def documents_of(activity: Activity) -> QuerySet[Document]:
    return activity.documents.filter(LIVE).order_by("created_at")


def photo_for_user(user, photo_id) -> Photo:
    photo = scope_to_user(Photo.objects.filter(LIVE), user).filter(pk=photo_id).first()
    if photo is None:
        raise Http404
    return photo


def document_for_user(user, document_id) -> Document:
    """A document for staff of its library and the office; 404 for anyone else."""
    if not access_for(user).is_staff_member:
        raise Http404
    documents = scope_to_user(
        Document.objects.filter(LIVE, activity__deleted_at__isnull=True), user
    )
    document = documents.filter(pk=document_id).first()
    if document is None:
        raise Http404
    return document


def participant_for_user(user, participant_id) -> Participant:
    participants = scope_to_user(
        Participant.objects.filter(LIVE, activity__deleted_at__isnull=True),
        user,
        library_field="activity__library",
    )
    participant = participants.select_related("activity").filter(pk=participant_id).first()
    if participant is None:
        raise Http404
    return participant


# Activities for the public ----------------------------------------------------


def activities_upcoming_public(
    *, library: Library | None = None, now: datetime.datetime | None = None
) -> QuerySet[Activity]:
    """Public activities still to come (or going on) at active libraries,
    soonest first, each with ``places_taken`` (a count: never who)."""
    activities = Activity.objects.filter(
        LIVE,
        PUBLIC_LIBRARY,
        is_public=True,
        status=Activity.Status.PLANNED,
        ends_at__gte=now or timezone.now(),
    )
    if library is not None:
        activities = activities.filter(library=library)
    return (
        activities.select_related("library", "category")
        .annotate(places_taken=Count("registrations", filter=CONFIRMED))
        .order_by("starts_at")
    )


def activity_public(activity_id) -> Activity:
    """A public activity of an active library, with ``places_taken`` and
    ``waiting``; 404 for the others."""
    activity = (
        Activity.objects.filter(LIVE, PUBLIC_LIBRARY, is_public=True, pk=activity_id)
        .select_related("library", "category")
        .annotate(
            places_taken=Count("registrations", filter=CONFIRMED),
            waiting=Count(
                "registrations",
                filter=Q(
                    registrations__status=Registration.Status.WAITING,
                    registrations__deleted_at__isnull=True,
                ),
            ),
        )
        .first()
    )
    if activity is None:
        raise Http404
    return activity


# Partners, contributions, village fund ----------------------------------------


def _with_district_rows(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` scoped to ``user``'s libraries, plus the district's own
    rows (no library) for every staff member."""
    if not access_for(user).is_staff_member:
        return queryset.none()
    return scope_to_user(queryset, user) | queryset.filter(library__isnull=True)


def partners_for_user(
    user, *, library: Library | None = None, search: str = ""
) -> QuerySet[Partner]:
    """The partners ``user`` may see: their library's and the district's (the
    office every one); ``library``: that library's and the district's."""
    partners = _with_district_rows(Partner.objects.filter(LIVE), user)
    if library is not None:
        partners = partners.filter(Q(library=library) | Q(library__isnull=True))
    if search:
        partners = partners.filter(name__icontains=search)
    return partners.select_related("library").order_by("name")


def partner_for_user(user, partner_id) -> Partner:
    partner = partners_for_user(user).filter(pk=partner_id).first()
    if partner is None:
        raise Http404
    return partner


def contributions_for_user(
    user, *, partner: Partner | None = None, year: int | None = None
) -> QuerySet[Contribution]:
    """Contributions to the libraries ``user`` may see and to the district's
    programme, newest first."""
    contributions = _with_district_rows(Contribution.objects.filter(LIVE), user)
    if partner is not None:
        contributions = contributions.filter(partner=partner)
    if year:
        contributions = contributions.filter(given_on__year=year)
    return contributions.select_related("partner", "library", "activity").order_by(
        "-given_on", "-created_at"
    )


def contribution_for_user(user, contribution_id) -> Contribution:
    contribution = contributions_for_user(user).filter(pk=contribution_id).first()
    if contribution is None:
        raise Http404
    return contribution


def contribution_totals(contributions: QuerySet[Contribution]) -> dict:
    """Value in rupiah and volunteers' hours, in all and by kind."""
    rows = (
        contributions.order_by().values("kind").annotate(value=Sum("value_idr"), hours=Sum("hours"))
    )
    by_kind = {row["kind"]: row for row in rows}
    return {
        "value": sum(row["value"] or 0 for row in rows),
        "hours": sum(row["hours"] or 0 for row in rows),
        "by_kind": [
            (label, by_kind[kind]["value"] or 0)
            for kind, label in Contribution.Kind.choices
            if kind in by_kind
        ],
    }


def village_funds_for_user(user, *, year: int | None = None) -> QuerySet[VillageFund]:
    funds = scope_to_user(VillageFund.objects.filter(LIVE), user)
    if year:
        funds = funds.filter(year=year)
    return funds.select_related("library").order_by("-year", "library__name")


# Stories ----------------------------------------------------------------------


def stories_for_user(user) -> QuerySet[Story]:
    stories = scope_to_user(Story.objects.filter(LIVE), user)
    return stories.select_related("library", "member", "activity").order_by(
        "-happened_on", "-created_at"
    )


def story_for_user(user, story_id) -> Story:
    story = stories_for_user(user).filter(pk=story_id).first()
    if story is None:
        raise Http404
    return story


def stories_published(*, library: Library | None = None) -> QuerySet[Story]:
    """Published stories whose person's consent stands, newest first."""
    stories = Story.objects.filter(
        LIVE,
        PUBLIC_LIBRARY,
        status=Story.Status.PUBLISHED,
        consent_given_on__isnull=False,
        consent_withdrawn_on__isnull=True,
    )
    if library is not None:
        stories = stories.filter(library=library)
    return stories.select_related("library").order_by("-published_at")


def story_public(story_id) -> Story:
    story = stories_published().filter(pk=story_id).first()
    if story is None:
        raise Http404
    return story


# What the library and district pages show.
UPCOMING_SHOWN = 5
STORIES_SHOWN = 3


def public_highlights(*, library: Library | None = None) -> dict:
    """For the public pages: the next public activities (of ``library``, or
    of every library) and ``library``'s latest published stories."""
    highlights = {"activities": activities_upcoming_public(library=library)[:UPCOMING_SHOWN]}
    if library is not None:
        highlights["stories"] = stories_published(library=library)[:STORIES_SHOWN]
    return highlights
