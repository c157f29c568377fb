"""Pure rules of the community programmes: the programme's age groups, who may
record and delete, when an activity takes online registrations and whether a
new registrant gets a place, which files are accepted as documents, and what
people are told before they give their data or their story."""

import datetime
import os

from django.utils.translation import gettext_lazy as _

from pustaka.core.permissions import Access

# Attendance counted without names: a cell is one gender x age group x
# disability; more people than this in one cell is a typing slip.
COUNT_MAX = 5_000
TEXT_MAX = 20_000

# Photos are kept small (phones on slow links see them on the public pages).
PHOTO_MAX_SIDE = 800
PHOTO_MAX_BYTES = 10 * 1024 * 1024
# Documents (attendance sheets, reports, letters): office files and PDF only.
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0"
# Extension -> how the file must begin (None: plain text, any beginning).
DOCUMENT_SIGNATURES = {
    ".pdf": b"%PDF",
    ".docx": ZIP,
    ".xlsx": ZIP,
    ".pptx": ZIP,
    ".odt": ZIP,
    ".ods": ZIP,
    ".odp": ZIP,
    ".doc": OLE,
    ".xls": OLE,
    ".ppt": OLE,
    ".csv": None,
    ".txt": None,
}
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".csv": "text/csv",
    ".txt": "text/plain",
}

# Online registration: at most REGISTRATION_LIMIT from one address in
# REGISTRATION_WINDOW seconds.
REGISTRATION_LIMIT = 5
REGISTRATION_WINDOW = 60 * 60

# What a person registering online is told (DOMAIN.md §6: purpose, data,
# how long, rights).
REGISTRATION_NOTICE = _(
    "The library uses your name, contact, gender and age group only to organise this "
    "activity and to reach you about it; other visitors see only how many places are "
    "taken. Your phone number and e-mail address are deleted 30 days after the activity. "
    "Ask the library to see, correct or delete your registration."
)
# Registrants' phone numbers and e-mail addresses are kept this long after
# their activity ends (the notice above says so), then forgotten by the daily task.
REGISTRATION_CONTACT_DAYS = 30
# What a person whose story is published is told and agrees to.
STORY_CONSENT_TEXT = _(
    "I agree that the library tells my story of change, with the name I chose and the "
    "photos I agreed to, on its pages and in the district's reports. I may withdraw this "
    "consent at any time: the story is then taken off the public pages."
)


def may_record(access: Access, library_id) -> bool:
    """Record activities, attendance, partners and stories: the office
    anywhere (alone for the district's partners, ``library_id`` None); a
    library's managers and volunteers at their own library."""
    if library_id is None:
        return access.is_district_admin
    return access.can_manage_items(library_id)


def may_delete(access: Access, library_id) -> bool:
    """Delete an activity, partner, contribution or story: the office, or the
    library's manager (volunteers correct, managers delete)."""
    if library_id is None:
        return access.is_district_admin
    return access.can_edit_library(library_id)


def may_edit_categories(access: Access) -> bool:
    """The activity categories are the district's: the office edits them."""
    return access.is_district_admin


def takes_registrations(
    *, is_public: bool, status: str, capacity: int | None, starts_at: datetime.datetime, now
) -> bool:
    """Whether the public may register: a public activity still planned, not
    yet begun, with places set for online registration."""
    return is_public and status == "planned" and bool(capacity) and starts_at > now


def gets_a_place(*, confirmed: int, capacity: int) -> bool:
    """A new registrant gets a place while places are left; else they wait."""
    return confirmed < capacity


def document_kind(name: str, head: bytes) -> str | None:
    """The extension of an accepted document (``".pdf"``, ...) whose content
    begins as files of its kind do; ``None`` for anything else (a web page or
    a program renamed ``.pdf`` is refused)."""
    extension = os.path.splitext(name or "")[1].lower()
    if extension not in DOCUMENT_SIGNATURES:
        return None
    signature = DOCUMENT_SIGNATURES[extension]
    if signature is None:
        return extension if b"\x00" not in head else None
    return extension if head.startswith(signature) else None


def one_line(text: str) -> str:
    return " ".join((text or "").split())
