"""Every change to the community programmes: activities with their partners,
attendance (by name or counted), photos and documents, online registrations
with their waiting list, partners and contributions, the village fund, and
stories of change with the person's consent.

Who may do what (``policies``): the office everywhere; a library's managers
and volunteers at their own library (volunteers run many village libraries
day to day); deletions are for the library's manager and the office; the
activity categories and the district's own partners are the office's. The
public only registers for activities."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import UnidentifiedImageError

from pustaka.catalog.covers import image_jpeg
from pustaka.core import abuse
from pustaka.core.changes import change_record
from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.models import ChangeLog
from pustaka.core.permissions import access_for
from pustaka.core.writes import (
    change_log_redact,
    insert_logged,
    refuse_unknown_fields,
    update_logged,
)
from pustaka.libraries.models import Library, Region
from pustaka.members.models import Gender
from pustaka.members.policies import AGE_GROUP_CODES
from pustaka.members.policies import age_group as age_group_on
from pustaka.news.policies import clean_text
from pustaka.programs import policies, queries
from pustaka.programs.models import (
    Activity,
    ActivityCategory,
    ActivityPartner,
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
from pustaka.programs.policies import one_line

CATEGORY_FIELDS = {"name", "description", "strategy", "position", "is_active"}
# In the order the activity form shows them.
ACTIVITY_FIELDS = (
    "title",
    "category",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "facilitators",
    "target_group",
    "funding",
    "status",
    "is_public",
    "capacity",
    "outcomes",
)
PARTNER_FIELDS = {
    "name",
    "kind",
    "contact_person",
    "phone",
    "email",
    "address",
    "mou_start",
    "mou_end",
    "notes",
}
CONTRIBUTION_FIELDS = {"kind", "given_on", "value_idr", "hours", "description", "activity"}
STORY_FIELDS = {
    "title",
    "member",
    "person_name",
    "shown_as",
    "what_changed",
    "activity",
    "helped_by",
    "happened_on",
    "theme",
}
# Free text kept as paragraphs; every other text field is one line.
LONG_TEXTS = {"description", "outcomes", "address", "notes", "what_changed"}
# The village fund began in 2015.
FIRST_FUND_YEAR = 2015


def _require_record(actor, library_id) -> None:
    if not policies.may_record(access_for(actor), library_id):
        raise NotPermitted


def _require_delete(actor, library_id) -> None:
    if not policies.may_delete(access_for(actor), library_id):
        raise NotPermitted


def _texts_clean(fields: dict) -> dict:
    """Text values trimmed: long texts keep their paragraphs, others are one line."""
    cleaned = dict(fields)
    for name, value in fields.items():
        if isinstance(value, str):
            cleaned[name] = clean_text(value) if name in LONG_TEXTS else one_line(value)
            if len(cleaned[name]) > policies.TEXT_MAX:
                message = _("Keep the text under %(count)s characters.")
                raise Invalid(fields={name: [message % {"count": policies.TEXT_MAX}]})
    return cleaned


def _soft_delete(actor, instance) -> None:
    changes = {"deleted_at": timezone.now()}
    update_logged(instance, actor=actor, changes=changes, allowed=set(changes))


# Activity categories ----------------------------------------------------------


@transaction.atomic
def activity_category_create(
    *, actor, code: str, name: str, strategy: str = "community", description: str = ""
) -> ActivityCategory:
    """A new category for every library's activities (the office)."""
    if not policies.may_edit_categories(access_for(actor)):
        raise NotPermitted
    code = one_line(code).lower()
    if ActivityCategory.objects.filter(code=code).exists():
        raise Invalid(fields={"code": [_("Another category has this code.")]})
    last = ActivityCategory.objects.order_by("-position").values_list("position", flat=True)
    fields = _texts_clean({"name": name, "description": description})
    category = ActivityCategory(
        code=code, strategy=strategy, position=(last.first() or 0) + 1, **fields
    )
    return insert_logged(category, actor=actor)


@transaction.atomic
def activity_category_update(*, actor, category: ActivityCategory, changes: dict) -> list[str]:
    """Rename, describe, reorder or stop using a category (its code stays:
    other installations know the category by it)."""
    if not policies.may_edit_categories(access_for(actor)):
        raise NotPermitted
    changes = _texts_clean(changes)
    return update_logged(category, actor=actor, changes=changes, allowed=CATEGORY_FIELDS)


# Activities -------------------------------------------------------------------


@transaction.atomic
def activity_create(
    *, actor, library: Library, fields: dict, partners: list[Partner] = ()
) -> Activity:
    """Plan (or record afterwards) an activity of ``library`` with the
    partners involved."""
    _require_record(actor, library.pk)
    refuse_unknown_fields(fields, ACTIVITY_FIELDS)
    fields = _texts_clean(fields)
    _activity_check(fields, library)
    activity = insert_logged(Activity(library=library, **fields), actor=actor)
    for partner in _partners_check(partners, library):
        insert_logged(ActivityPartner(activity=activity, partner=partner), actor=actor)
    return activity


@transaction.atomic
def activity_update(
    *, actor, activity: Activity, changes: dict, partners: list[Partner] | None = None
) -> list[str]:
    """Change an activity (``partners``: the partners involved from now on).
    More places let people on the waiting list move up. Returns the changed
    fields (``"partners"`` among them when the partners changed)."""
    activity = _activity_locked(actor, activity)
    changes = _texts_clean(changes)
    refuse_unknown_fields(changes, ACTIVITY_FIELDS)
    _activity_check(
        {**_activity_values(activity), **changes},
        activity.library,
        kept_category_id=activity.category_id,
    )
    changed = update_logged(activity, actor=actor, changes=changes, allowed=set(ACTIVITY_FIELDS))
    if partners is not None and _partners_set(actor, activity, partners):
        changed.append("partners")
    if "capacity" in changed:
        _waiting_move_up(actor, activity)
    return changed


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    """Take a mistaken activity away (it is marked deleted, with what it holds)."""
    if activity.deleted_at is not None:
        raise NotFound
    _require_delete(actor, activity.library_id)
    _soft_delete(actor, activity)


def _activity_locked(actor, activity: Activity) -> Activity:
    """The activity's row locked for the change (registrations and waiting
    list count on it), after checking the actor may change it."""
    if activity.deleted_at is not None:
        raise NotFound
    _require_record(actor, activity.library_id)
    locked = Activity.objects.select_for_update(of=("self",)).select_related("library")
    return locked.get(pk=activity.pk)


def _activity_values(activity: Activity) -> dict:
    return {name: getattr(activity, name) for name in ACTIVITY_FIELDS}


def _activity_check(fields: dict, library: Library, *, kept_category_id=None) -> None:
    """Problems with an activity's values; a category no longer in use is
    refused unless the activity already had it (``kept_category_id``)."""
    problems = {}
    if not fields.get("title"):
        problems["title"] = [_("Give the activity a title.")]
    category = fields.get("category")
    retired = category is not None and (not category.is_active or category.deleted_at is not None)
    if retired and category.pk != kept_category_id:
        problems["category"] = [_("This category is no longer in use: choose another.")]
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts and ends and ends < starts:
        problems["ends_at"] = [_("The activity cannot end before it starts.")]
    if fields.get("capacity") == 0:
        problems["capacity"] = [_("Give at least one place, or leave it empty.")]
    if problems:
        raise Invalid(fields=problems)


def _partners_check(partners, library: Library) -> list[Partner]:
    """The partners, each one the library's own or the district's."""
    partners = list(dict.fromkeys(partners))
    for partner in partners:
        if partner.deleted_at is not None or partner.library_id not in {None, library.pk}:
            raise Invalid(fields={"partners": [_("Choose partners of this library.")]})
    return partners


def _partners_set(actor, activity: Activity, partners) -> bool:
    """Make ``partners`` the activity's partners; whether anything changed."""
    wanted = {partner.pk: partner for partner in _partners_check(partners, activity.library)}
    rows = {row.partner_id: row for row in ActivityPartner.objects.filter(activity=activity)}
    for partner_id, row in rows.items():
        if partner_id not in wanted:
            change_record(instance=row, operation=ChangeLog.Operation.DELETE, staff=actor)
            row.delete()
    for partner_id, partner in wanted.items():
        if partner_id not in rows:
            insert_logged(ActivityPartner(activity=activity, partner=partner), actor=actor)
    return set(wanted) != set(rows)


def _activity_for_change(actor, activity: Activity) -> None:
    if activity.deleted_at is not None:
        raise NotFound
    _require_record(actor, activity.library_id)


# Attendance -------------------------------------------------------------------


@transaction.atomic
def participant_add_member(*, actor, activity: Activity, number: str) -> Participant:
    """A member took part (their card scanned or number typed): counted by
    their gender, age group on the day, disability and village."""
    _activity_for_change(actor, activity)
    member = queries.member_by_card(number)
    if member is None:
        message = _("No member has the number “%(number)s”.") % {"number": one_line(number)}
        raise Invalid(fields={"number": [message]}, code="unknown_member")
    if activity.participants.filter(member=member, deleted_at__isnull=True).exists():
        message = _("%(name)s is on the list already.") % {"name": member.name}
        raise Invalid(fields={"number": [message]}, code="already_listed")
    day = timezone.localdate(activity.starts_at)
    participant = Participant(
        activity=activity,
        member=member,
        gender=member.gender,
        age_group=age_group_on(member.birth_date, day),
        disability=Disability.YES if member.disability else Disability.NO,
        village_id=member.village_id,
    )
    return insert_logged(participant, actor=actor)


@transaction.atomic
def participant_add_person(
    *,
    actor,
    activity: Activity,
    gender: str,
    age_group: str,
    name: str = "",
    disability: str = "",
    village: Region | None = None,
) -> Participant:
    """Someone who is not a member took part: their gender and age group (to
    be counted); name, disability and village only if they wish."""
    _activity_for_change(actor, activity)
    _person_check(gender, age_group)
    participant = Participant(
        activity=activity,
        name=one_line(name),
        gender=gender,
        age_group=age_group,
        disability=disability or "",
        village=village,
    )
    return insert_logged(participant, actor=actor)


def _person_check(gender: str, age_group: str) -> None:
    problems = {}
    if gender not in Gender.values:
        problems["gender"] = [_("Choose the gender.")]
    if age_group not in AGE_GROUP_CODES:
        problems["age_group"] = [_("Choose the age group.")]
    if problems:
        raise Invalid(fields=problems)


@transaction.atomic
def participant_remove(*, actor, participant: Participant) -> None:
    """Take a participant off the list (a mistaken scan or entry); a
    registration they came from may be marked attended again."""
    if participant.deleted_at is not None:
        raise NotFound
    _activity_for_change(actor, participant.activity)
    changes = {"deleted_at": timezone.now(), "registration": None}
    update_logged(participant, actor=actor, changes=changes, allowed=set(changes))


@transaction.atomic
def attendance_counts_set(
    *, actor, activity: Activity, counts: dict[tuple[str, str, str], int]
) -> int:
    """Set the number of people who took part by ``(gender, age group,
    disability)`` (disability ``""``: not asked); cells left out are 0.
    Returns the people counted."""
    _activity_for_change(actor, activity)
    counts = _counts_check(counts)
    rows = {(row.gender, row.age_group, row.disability): row for row in activity.counts.all()}
    for cell in sorted(set(rows) | set(counts)):
        people = counts.get(cell, 0)
        if cell in rows:
            changes = {"people": people}
            update_logged(rows[cell], actor=actor, changes=changes, allowed=set(changes))
        elif people:
            gender, age_group, disability = cell
            row = AttendanceCount(
                activity=activity,
                gender=gender,
                age_group=age_group,
                disability=disability,
                people=people,
            )
            insert_logged(row, actor=actor)
    return sum(counts.values())


def _counts_check(counts: dict) -> dict:
    disabilities = {"", *Disability.values}
    clean = {}
    for (gender, age_group, disability), people in counts.items():
        if (
            gender not in Gender.values
            or age_group not in AGE_GROUP_CODES
            or disability not in disabilities
        ):
            raise Invalid(_("A count names an unknown gender, age group or disability."))
        if not isinstance(people, int) or not 0 <= people <= policies.COUNT_MAX:
            message = _("Give a number of people from 0 to %(max)s.")
            raise Invalid(message % {"max": policies.COUNT_MAX}, code="count")
        clean[(gender, age_group, disability)] = people
    return clean


# Photos and documents ---------------------------------------------------------


@transaction.atomic
def photo_add(
    *,
    actor,
    image,
    description: str,
    activity: Activity | None = None,
    story: Story | None = None,
) -> Photo:
    """A photo of an activity or a story, made smaller here before it is kept."""
    owner = activity or story
    if owner is None or (activity is not None and story is not None):
        raise Invalid(_("A photo belongs to one activity or one story."))
    if owner.deleted_at is not None:
        raise NotFound
    _require_record(actor, owner.library_id)
    description = one_line(description)
    if not description:
        raise Invalid(fields={"description": [_("Say in a few words what the photo shows.")]})
    photo = Photo(
        library_id=owner.library_id,
        activity=activity,
        story=story,
        image=_photo_small(image),
        description=description,
    )
    return insert_logged(photo, actor=actor)


def _photo_small(upload):
    if upload.size > policies.PHOTO_MAX_BYTES:
        raise Invalid(fields={"image": [_("The image is too large: choose one under 10 MB.")]})
    try:
        side = policies.PHOTO_MAX_SIDE
        return image_jpeg(upload, max_width=side, max_height=side)
    except (OSError, UnidentifiedImageError, ValueError) as error:
        raise Invalid(fields={"image": [_("This file could not be read as an image.")]}) from error


@transaction.atomic
def photo_delete(*, actor, photo: Photo) -> None:
    """Take a photo away; the file itself is removed once the change is saved."""
    if photo.deleted_at is not None:
        raise NotFound
    _require_record(actor, photo.library_id)
    _soft_delete(actor, photo)
    _remove_file_after_commit(photo.image)


@transaction.atomic
def document_add(*, actor, activity: Activity, upload, title: str = "") -> Document:
    """Keep a file with an activity (PDF or an office file, at most 10 MB),
    for staff only."""
    _activity_for_change(actor, activity)
    if upload.size > policies.DOCUMENT_MAX_BYTES:
        raise Invalid(fields={"file": [_("The file is too large: choose one under 10 MB.")]})
    upload.seek(0)
    extension = policies.document_kind(upload.name, upload.read(8))
    upload.seek(0)
    if extension is None:
        message = _("Choose a PDF, a word-processor, spreadsheet or presentation file.")
        raise Invalid(fields={"file": [message]}, code="file_type")
    title = one_line(title) or one_line(upload.name)[:200]
    upload.name = f"{uuid.uuid4().hex}{extension}"
    document = Document(
        library_id=activity.library_id,
        activity=activity,
        title=title,
        file=upload,
        content_type=policies.DOCUMENT_TYPES[extension],
        size=upload.size,
    )
    return insert_logged(document, actor=actor)


@transaction.atomic
def document_delete(*, actor, document: Document) -> None:
    """Take a document away; the file itself is removed once the change is saved."""
    if document.deleted_at is not None:
        raise NotFound
    _require_record(actor, document.library_id)
    _soft_delete(actor, document)
    _remove_file_after_commit(document.file)


def _remove_file_after_commit(field_file) -> None:
    """Remove a stored file once the transaction commits (a rolled-back
    deletion keeps it)."""
    storage, name = field_file.storage, field_file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# Online registration ----------------------------------------------------------


@transaction.atomic
def registration_submit(
    *,
    activity: Activity,
    name: str,
    gender: str,
    age_group: str,
    phone: str = "",
    email: str = "",
    honeypot: str = "",
    client: str = "",
) -> Registration:
    """Anyone registers for an upcoming public activity: a place while places
    are left, else the waiting list. Robots are refused by the honeypot and
    floods by a rate limit per ``client`` (see ``core.abuse``)."""
    abuse.honeypot_check(honeypot)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.deleted_at is not None or not queries.registration_open(activity):
        raise Invalid(_("This activity takes no registrations."), code="closed")
    name, phone, email = one_line(name), one_line(phone), one_line(email).lower()
    _registrant_check(name, phone, email, gender, age_group)
    if queries.registration_duplicate(activity, name=name, phone=phone, email=email):
        raise Invalid(_("You are registered for this activity already."), code="registered")
    abuse.rate_limit(
        scope="programs.register",
        client=client,
        limit=policies.REGISTRATION_LIMIT,
        window=policies.REGISTRATION_WINDOW,
    )
    confirmed = queries.places_taken(activity)
    has_place = policies.gets_a_place(confirmed=confirmed, capacity=activity.capacity)
    registration = Registration(
        activity=activity,
        name=name,
        phone=phone,
        email=email,
        gender=gender,
        age_group=age_group,
        status=Registration.Status.CONFIRMED if has_place else Registration.Status.WAITING,
    )
    return insert_logged(registration, actor=None)


def _registrant_check(name, phone, email, gender, age_group) -> None:
    problems = {}
    if not name:
        problems["name"] = [_("Give your name.")]
    elif len(name) > 200:
        problems["name"] = [_("Keep your name under 200 characters.")]
    if not phone and not email:
        problems["phone"] = [_("Give a phone number or an e-mail address.")]
    try:
        _person_check(gender, age_group)
    except Invalid as error:
        problems.update(error.fields)
    if problems:
        raise Invalid(fields=problems)


CONTACTS_FORGOTTEN = {"phone": "", "email": ""}


@transaction.atomic
def registrations_forget_contacts(*, today: datetime.date) -> int:
    """Forget the phone numbers and e-mail addresses of people who registered
    for activities that ended ``REGISTRATION_CONTACT_DAYS`` before ``today``
    (PDP law: kept only as long as needed to reach them about the activity),
    also in the change log. Names, gender and age group stay for the
    activity's record. Returns how many registrations were cleared."""
    ended_before = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=policies.REGISTRATION_CONTACT_DAYS), datetime.time()
        )
    )
    registrations = list(
        Registration.objects.select_for_update()
        .filter(activity__ends_at__lt=ended_before)
        .exclude(phone="", email="")
    )
    for registration in registrations:
        update_logged(
            registration, actor=None, changes=CONTACTS_FORGOTTEN, allowed=set(CONTACTS_FORGOTTEN)
        )
    change_log_redact(
        Registration._meta.label_lower, [row.pk for row in registrations], CONTACTS_FORGOTTEN
    )
    return len(registrations)


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> list[Registration]:
    """Cancel a registration (the person said they cannot come); a place it
    held goes to the first on the waiting list. Returns who moved up."""
    activity = _activity_locked(actor, registration.activity)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        raise Invalid(_("This registration is cancelled already."), code="cancelled")
    changes = {"status": Registration.Status.CANCELLED, "cancelled_at": timezone.now()}
    update_logged(registration, actor=actor, changes=changes, allowed=set(changes))
    return _waiting_move_up(actor, activity)


def _waiting_move_up(actor, activity: Activity) -> list[Registration]:
    """Give free places to the waiting list, first come first served."""
    if not activity.capacity:
        return []
    free = activity.capacity - queries.places_taken(activity)
    if free <= 0:
        return []
    waiting = activity.registrations.filter(
        status=Registration.Status.WAITING, deleted_at__isnull=True
    ).order_by("created_at", "id")[:free]
    moved = list(waiting)
    for registration in moved:
        changes = {"status": Registration.Status.CONFIRMED}
        update_logged(registration, actor=actor, changes=changes, allowed=set(changes))
    return moved


@transaction.atomic
def registration_attend(*, actor, registration: Registration) -> Participant:
    """A registered person came: they join the participants by name, with
    the gender and age group they gave."""
    _activity_for_change(actor, registration.activity)
    if registration.status == Registration.Status.CANCELLED:
        raise Invalid(_("This registration is cancelled."), code="cancelled")
    if Participant.objects.filter(registration=registration).exists():
        raise Invalid(_("This person is on the list already."), code="already_listed")
    participant = Participant(
        activity=registration.activity,
        name=registration.name,
        gender=registration.gender,
        age_group=registration.age_group,
        registration=registration,
    )
    return insert_logged(participant, actor=actor)


# Partners, contributions, village fund ----------------------------------------


@transaction.atomic
def partner_create(*, actor, library: Library | None, fields: dict) -> Partner:
    """A partner of ``library`` (``None``: of the whole district, the office's)."""
    _require_record(actor, library.pk if library else None)
    refuse_unknown_fields(fields, PARTNER_FIELDS)
    fields = _texts_clean(fields)
    _partner_check(fields)
    return insert_logged(Partner(library=library, **fields), actor=actor)


@transaction.atomic
def partner_update(*, actor, partner: Partner, changes: dict) -> list[str]:
    if partner.deleted_at is not None:
        raise NotFound
    _require_record(actor, partner.library_id)
    changes = _texts_clean(changes)
    refuse_unknown_fields(changes, PARTNER_FIELDS)
    _partner_check({name: getattr(partner, name) for name in PARTNER_FIELDS} | changes)
    return update_logged(partner, actor=actor, changes=changes, allowed=PARTNER_FIELDS)


@transaction.atomic
def partner_delete(*, actor, partner: Partner) -> None:
    """Take a partner off the lists; their past contributions stay counted."""
    if partner.deleted_at is not None:
        raise NotFound
    _require_delete(actor, partner.library_id)
    _soft_delete(actor, partner)


def _partner_check(fields: dict) -> None:
    problems = {}
    if not fields.get("name"):
        problems["name"] = [_("Give the partner's name.")]
    start, end = fields.get("mou_start"), fields.get("mou_end")
    if start and end and end < start:
        problems["mou_end"] = [_("The agreement cannot end before it starts.")]
    if problems:
        raise Invalid(fields=problems)


@transaction.atomic
def contribution_create(
    *, actor, partner: Partner, library: Library | None, fields: dict
) -> Contribution:
    """What ``partner`` gave ``library`` (``None``: the district's programme)."""
    _require_record(actor, library.pk if library else None)
    if partner.deleted_at is not None or partner.library_id not in {None, library and library.pk}:
        raise Invalid(fields={"partner": [_("Choose a partner of this library.")]})
    refuse_unknown_fields(fields, CONTRIBUTION_FIELDS)
    fields = _texts_clean(fields)
    _contribution_check(fields, library)
    contribution = Contribution(partner=partner, library=library, **fields)
    return insert_logged(contribution, actor=actor)


@transaction.atomic
def contribution_update(*, actor, contribution: Contribution, changes: dict) -> list[str]:
    if contribution.deleted_at is not None:
        raise NotFound
    _require_record(actor, contribution.library_id)
    changes = _texts_clean(changes)
    refuse_unknown_fields(changes, CONTRIBUTION_FIELDS)
    current = {name: getattr(contribution, name) for name in CONTRIBUTION_FIELDS}
    _contribution_check(current | changes, contribution.library)
    return update_logged(contribution, actor=actor, changes=changes, allowed=CONTRIBUTION_FIELDS)


@transaction.atomic
def contribution_delete(*, actor, contribution: Contribution) -> None:
    if contribution.deleted_at is not None:
        raise NotFound
    _require_delete(actor, contribution.library_id)
    _soft_delete(actor, contribution)


def _contribution_check(fields: dict, library: Library | None) -> None:
    problems = {}
    kind = fields.get("kind")
    if kind == Contribution.Kind.MONEY and not fields.get("value_idr"):
        problems["value_idr"] = [_("Give the amount of money.")]
    if kind == Contribution.Kind.VOLUNTEER_TIME and not fields.get("hours"):
        problems["hours"] = [_("Give the volunteers' hours.")]
    activity = fields.get("activity")
    if activity is not None and (library is None or activity.library_id != library.pk):
        problems["activity"] = [_("Choose an activity of this library.")]
    if problems:
        raise Invalid(fields=problems)


@transaction.atomic
def village_fund_set(
    *, actor, library: Library, year: int, amount_idr: int, notes: str = ""
) -> VillageFund:
    """The village fund allocated to ``library`` in ``year`` (one amount per
    year: setting it again corrects it)."""
    _require_record(actor, library.pk)
    if not FIRST_FUND_YEAR <= year <= timezone.localdate().year + 1:
        message = _("Give a year from %(first)s to next year.") % {"first": FIRST_FUND_YEAR}
        raise Invalid(fields={"year": [message]})
    existing = VillageFund.objects.select_for_update().filter(library=library, year=year).first()
    changes = {"amount_idr": amount_idr, "notes": one_line(notes), "deleted_at": None}
    if existing is None:
        row = VillageFund(library=library, year=year, amount_idr=amount_idr, notes=changes["notes"])
        return insert_logged(row, actor=actor)
    update_logged(existing, actor=actor, changes=changes, allowed=set(changes))
    return existing


# Stories of change ------------------------------------------------------------


@transaction.atomic
def story_create(*, actor, library: Library, fields: dict) -> Story:
    """Write down a story of change; it stays a draft until the person's
    consent is recorded and it is published."""
    _require_record(actor, library.pk)
    refuse_unknown_fields(fields, STORY_FIELDS)
    fields = _texts_clean(fields)
    _story_check(fields, library)
    return insert_logged(Story(library=library, **fields), actor=actor)


@transaction.atomic
def story_update(*, actor, story: Story, changes: dict) -> list[str]:
    _story_for_change(actor, story)
    changes = _texts_clean(changes)
    refuse_unknown_fields(changes, STORY_FIELDS)
    _story_check({name: getattr(story, name) for name in STORY_FIELDS} | changes, story.library)
    return update_logged(story, actor=actor, changes=changes, allowed=STORY_FIELDS)


@transaction.atomic
def story_consent_record(
    *, actor, story: Story, given_on: datetime.date, given_by: str, statement: str
) -> Story:
    """Record the person's consent: when, who gave it (the person, or a
    child's parent or guardian) and the exact text they agreed to."""
    _story_for_change(actor, story)
    given_by, statement = one_line(given_by), clean_text(statement)
    problems = {}
    if not given_by:
        problems["given_by"] = [_("Say who gave the consent.")]
    if not statement:
        problems["statement"] = [_("Keep the text the person agreed to.")]
    if given_on is None or given_on > timezone.localdate():
        problems["given_on"] = [_("Give the day the consent was given (not a future day).")]
    if problems:
        raise Invalid(fields=problems)
    changes = {
        "consent_given_on": given_on,
        "consent_given_by": given_by,
        "consent_statement": statement,
        "consent_withdrawn_on": None,
    }
    update_logged(story, actor=actor, changes=changes, allowed=set(changes))
    return story


@transaction.atomic
def story_consent_withdraw(*, actor, story: Story, withdrawn_on: datetime.date) -> Story:
    """The person withdrew their consent: the story leaves the public pages."""
    _story_for_change(actor, story)
    if not story.has_consent:
        raise Invalid(_("No consent is recorded for this story."), code="no_consent")
    changes = {"consent_withdrawn_on": withdrawn_on, "status": Story.Status.DRAFT}
    update_logged(story, actor=actor, changes=changes, allowed=set(changes))
    return story


@transaction.atomic
def story_publish(*, actor, story: Story) -> Story:
    """Publish a story on the library's public page; refused without the
    person's consent."""
    _story_for_change(actor, story)
    if not story.has_consent:
        raise Invalid(
            _("Record the person's consent before publishing their story."), code="no_consent"
        )
    if story.status == Story.Status.PUBLISHED:
        raise Invalid(_("This story is published already."), code="published")
    changes = {"status": Story.Status.PUBLISHED, "published_at": timezone.now()}
    update_logged(story, actor=actor, changes=changes, allowed=set(changes))
    return story


@transaction.atomic
def story_unpublish(*, actor, story: Story) -> Story:
    """Take a story off the public pages (it stays as a draft)."""
    _story_for_change(actor, story)
    if story.status != Story.Status.PUBLISHED:
        raise Invalid(_("This story is not published."), code="not_published")
    changes = {"status": Story.Status.DRAFT}
    update_logged(story, actor=actor, changes=changes, allowed=set(changes))
    return story


@transaction.atomic
def story_delete(*, actor, story: Story) -> None:
    if story.deleted_at is not None:
        raise NotFound
    _require_delete(actor, story.library_id)
    _soft_delete(actor, story)


def _story_for_change(actor, story: Story) -> None:
    if story.deleted_at is not None:
        raise NotFound
    _require_record(actor, story.library_id)


def _story_check(fields: dict, library: Library) -> None:
    problems = {}
    if not fields.get("title"):
        problems["title"] = [_("Give the story a title.")]
    if not fields.get("what_changed"):
        problems["what_changed"] = [_("Tell what changed.")]
    if fields.get("member") is None and not fields.get("person_name"):
        problems["person_name"] = [_("Name the person, or choose them among the members.")]
    activity = fields.get("activity")
    if activity is not None and activity.library_id != library.pk:
        problems["activity"] = [_("Choose an activity of this library.")]
    if problems:
        raise Invalid(fields=problems)
