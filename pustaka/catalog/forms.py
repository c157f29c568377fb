"""Forms of the catalogue's staff pages: search, the ISBN scan, a record's
description (authors, subjects and ISBNs one per line) and a copy."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import UnidentifiedImageError

from pustaka.catalog import display
from pustaka.catalog.covers import cover_jpeg
from pustaka.catalog.display import LANGUAGES
from pustaka.catalog.duplicates import duplicate_message, record_with_any_isbn
from pustaka.catalog.identifiers import isbn13, isbn_display
from pustaka.catalog.models import Audience, Item, MaterialType, Record
from pustaka.catalog.search.service import SORTS, SearchFilters

MAX_COVER_BYTES = 10 * 1024 * 1024

# The roles a librarian may type after the name, in English or Indonesian.
ROLE_WORDS = {
    "author": "author",
    "penulis": "author",
    "pengarang": "author",
    "editor": "editor",
    "penyunting": "editor",
    "illustrator": "illustrator",
    "ilustrator": "illustrator",
    "translator": "translator",
    "penerjemah": "translator",
    "penterjemah": "translator",
}
ROLES = ("author", "editor", "illustrator", "translator")

# Copy statuses set by hand; the others follow from circulation or withdrawal.
EDITABLE_STATUSES = (Item.Status.AVAILABLE, Item.Status.DAMAGED, Item.Status.LOST)

SORT_LABELS = {"relevance": _("Best match"), "newest": _("Newest first"), "title": _("Title")}


class CodeListField(forms.Field):
    """Repeated query values (``?language=ind&language=eng``) kept when they look
    like ``pattern``; anything else is dropped, as a search should be forgiving."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, pattern: str, coerce=str, **kwargs):
        super().__init__(required=False, **kwargs)
        self.pattern = re.compile(pattern)
        self.coerce = coerce

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else [value] if value else []
        kept = [
            v.strip() for v in values if isinstance(v, str) and self.pattern.fullmatch(v.strip())
        ]
        return tuple(dict.fromkeys(self.coerce(v) for v in kept))


class SearchForm(forms.Form):
    """A keyword search of the union catalogue with its filters."""

    q = forms.CharField(label=_("Search the catalogue"), required=False, max_length=200)
    library = CodeListField(pattern=r"[A-Za-z0-9]{2,12}", coerce=str.upper)
    material_type = CodeListField(pattern="|".join(MaterialType.values))
    language = CodeListField(pattern=r"[a-z]{2,3}")
    audience = CodeListField(pattern="|".join(Audience.values))
    ddc = CodeListField(pattern=r"0|[1-9]00", coerce=int)
    # Bounds a link typed by hand may break: refused, never a database error.
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=0, max_value=9999
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=0, max_value=9999)
    available = forms.BooleanField(label=_("Available now"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORT_LABELS.items()))
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=5000)

    def value(self, name, default=None):
        data = getattr(self, "cleaned_data", {})
        return data.get(name) or default

    def filters(self) -> SearchFilters:
        return SearchFilters(
            libraries=self.value("library", ()),
            material_types=self.value("material_type", ()),
            languages=self.value("language", ()),
            audiences=self.value("audience", ()),
            ddc_hundreds=self.value("ddc", ()),
            year_from=self.value("year_from"),
            year_to=self.value("year_to"),
            available=bool(self.value("available")),
        )

    def sort_order(self) -> str:
        sort = self.value("sort", "relevance")
        return sort if sort in SORTS else "relevance"

    def chosen(self) -> dict:
        """The ticked filter values by parameter name."""
        return {name: self.value(name, ()) for name in display.FACET_PARAMETERS}


class IsbnLookupForm(forms.Form):
    """The first step of adding a book: scan or type its ISBN."""

    isbn = forms.CharField(
        label=_("ISBN"),
        max_length=40,
        help_text=_("Scan the barcode on the back cover or type the ISBN, then press Enter."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
        error_messages={"required": _("Scan or type the ISBN.")},
    )

    def clean_isbn(self):
        value = isbn13(self.cleaned_data["isbn"])
        if value is None:
            raise ValidationError(
                _("This is not a valid ISBN. Check the digits, or add the book without an ISBN.")
            )
        return value


def authors_text(authors: list[dict]) -> str:
    """Authors as the lines of the form: ``Name`` or ``Name | role``."""
    lines = []
    for author in authors:
        role = author.get("role") or "author"
        lines.append(author["name"] if role == "author" else f"{author['name']} | {role}")
    return "\n".join(lines)


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class RecordForm(forms.Form):
    """A record's description as a village librarian fills it in."""

    title = forms.CharField(label=_("Title"), max_length=500)
    subtitle = forms.CharField(label=_("Subtitle"), max_length=500, required=False)
    authors = forms.CharField(
        label=_("Authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One person per line. Add the role after a bar when it is not the author: "
            "“Rina Wati | illustrator”. Roles: author, editor, illustrator, translator."
        ),
    )
    publisher = forms.CharField(label=_("Publisher"), max_length=255, required=False)
    place = forms.CharField(label=_("Place of publication"), max_length=255, required=False)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=1000, max_value=2100, widget=forms.NumberInput
    )
    edition = forms.CharField(label=_("Edition"), max_length=100, required=False)
    isbns = forms.CharField(
        label=_("ISBNs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line; ISBN-10 or ISBN-13, with or without hyphens."),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    ddc = forms.CharField(
        label=_("DDC class"),
        max_length=30,
        required=False,
        help_text=_("e.g. 639.3 for fish farming"),
    )
    subjects = forms.CharField(
        label=_("Subjects"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One subject per line."),
    )
    series = forms.CharField(label=_("Series"), max_length=255, required=False)
    physical_description = forms.CharField(
        label=_("Physical description"),
        max_length=255,
        required=False,
        help_text=_("e.g. 120 pages : illustrations ; 21 cm"),
    )
    material_type = forms.ChoiceField(
        label=_("Material type"), choices=MaterialType.choices, initial=MaterialType.BOOK
    )
    audience = forms.ChoiceField(
        label=_("Audience"), required=False, choices=[("", "–"), *Audience.choices]
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cover = forms.ImageField(
        label=_("Cover image"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/*"}),
        help_text=_("A photo of the front cover (optional); it is made smaller before saving."),
    )
    cover_remove = forms.BooleanField(label=_("Remove the cover image"), required=False)

    TEXT_LISTS = ("subjects", "isbns")

    def __init__(self, *args, record: Record | None = None, **kwargs):
        self.record = record
        if record is not None:
            kwargs.setdefault("initial", record_initial(record))
        super().__init__(*args, **kwargs)
        current = self.initial.get("language") or ""
        choices = [("", "–"), *LANGUAGES.items()]
        if current and current not in LANGUAGES:
            choices.append((current, current))
        self.fields["language"].choices = choices
        if record is None or not record.cover:
            del self.fields["cover_remove"]
        if record is None:
            self.fields["title"].widget.attrs["autofocus"] = True

    def clean_authors(self):
        authors, problems = [], []
        for line in lines_of(self.cleaned_data["authors"]):
            name, _bar, role_text = (part.strip() for part in line.partition("|"))
            role = ROLE_WORDS.get(role_text.casefold() or "author") or self._kept_role(role_text)
            if not name or role is None:
                problems.append(line)
                continue
            authors.append({"name": name, "role": role})
        if problems:
            raise ValidationError(
                gettext("Write “Name | role” with one of the roles %(roles)s: %(lines)s")
                % {"roles": ", ".join(ROLES), "lines": "; ".join(problems)}
            )
        return authors

    def _kept_role(self, role: str) -> str | None:
        """A role the record already had (from an import) stays allowed."""
        existing = {author.get("role") for author in (self.record.authors if self.record else [])}
        return role if role in existing else None

    def clean_isbns(self):
        values = lines_of(self.cleaned_data["isbns"])
        taken = record_with_any_isbn(values, exclude=self.record)
        if taken is not None:
            raise ValidationError(duplicate_message(*taken))
        return values

    def clean_subjects(self):
        return lines_of(self.cleaned_data["subjects"])

    def clean_cover(self):
        upload = self.cleaned_data.get("cover")
        if not upload:
            return None
        if upload.size > MAX_COVER_BYTES:
            raise ValidationError(_("The image is too large: choose one under 10 MB."))
        try:
            return cover_jpeg(upload)
        except (OSError, UnidentifiedImageError, ValueError) as error:
            raise ValidationError(_("This file could not be read as an image.")) from error

    def record_fields(self) -> dict:
        """The cleaned values as the service's ``fields`` / ``changes``."""
        data = dict(self.cleaned_data)
        cover, remove = data.pop("cover", None), data.pop("cover_remove", False)
        if cover is not None:
            data["cover"] = cover
        elif remove:
            data["cover"] = ""
        return data


def record_initial(record: Record) -> dict:
    return {
        "title": record.title,
        "subtitle": record.subtitle,
        "authors": authors_text(record.authors),
        "publisher": record.publisher,
        "place": record.place,
        "year": record.year,
        "edition": record.edition,
        "isbns": "\n".join(isbn_display(value) for value in record.isbns),
        "language": record.language,
        "ddc": record.ddc,
        "subjects": "\n".join(record.subjects),
        "series": record.series,
        "physical_description": record.physical_description,
        "material_type": record.material_type,
        "audience": record.audience,
        "notes": record.notes,
    }


class ItemForm(forms.Form):
    """A copy: its barcode (new copies), where it stands, where it came from, its state."""

    barcode = forms.CharField(
        label=_("Barcode"),
        max_length=64,
        required=False,
        help_text=_("Scan the label already on the book, or leave empty to get a new barcode."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )
    library = forms.ModelChoiceField(label=_("Library"), queryset=None)
    call_number = forms.CharField(
        label=_("Call number"),
        max_length=64,
        required=False,
        help_text=_("DDC class, first three letters of the author, first letter of the title."),
    )
    shelf = forms.CharField(label=_("Shelf location"), max_length=100, required=False)
    acquired_on = forms.DateField(
        label=_("Acquisition date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", "–"), *Item.Source.choices]
    )
    price = forms.CharField(
        label=_("Price (IDR)"),
        required=False,
        max_length=20,
        help_text=_("In rupiah, e.g. 45.000"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    condition = forms.ChoiceField(
        label=_("Condition"), choices=Item.Condition.choices, initial=Item.Condition.GOOD
    )
    status = forms.ChoiceField(label=_("Status"), initial=Item.Status.AVAILABLE)
    notes = forms.CharField(label=_("Notes"), max_length=255, required=False)

    def __init__(self, *args, item: Item | None = None, libraries=None, **kwargs):
        if item is not None:
            kwargs.setdefault("initial", item_initial(item))
        else:
            kwargs.setdefault("initial", {})
            kwargs["initial"].setdefault("acquired_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.item = item
        if item is not None:
            del self.fields["barcode"]
        if libraries is None:
            del self.fields["library"]
        else:
            self.fields["library"].queryset = libraries
        self._limit_statuses(item.status if item else Item.Status.AVAILABLE)

    def _limit_statuses(self, current: str) -> None:
        """Only statuses set by hand are offered; a copy on loan or in transit
        keeps its status until circulation changes it."""
        allowed = list(EDITABLE_STATUSES)
        if current == Item.Status.WITHDRAWN:
            allowed.append(Item.Status.WITHDRAWN)
        if current not in allowed:
            del self.fields["status"]
            return
        self.fields["status"].choices = [(s.value, s.label) for s in allowed]

    def clean_price(self):
        """Rupiah as people write them: ``45.000``, ``Rp 45,000`` or ``45000``."""
        text = re.sub(r"(?i)^rp\.?|\s", "", self.cleaned_data["price"] or "")
        text = re.sub(r"[.,]\d{1,2}$", "", text)  # sen after the rupiah
        digits = text.replace(".", "").replace(",", "")
        if not digits:
            return None
        if not digits.isdigit() or len(digits) > 12:
            raise ValidationError(_("Give the price in whole rupiah, e.g. 45.000"))
        return Decimal(digits)

    def item_details(self) -> dict:
        """The cleaned values as the service's copy fields."""
        data = dict(self.cleaned_data)
        data.pop("barcode", None)
        data.pop("library", None)
        return data


def item_initial(item: Item) -> dict:
    return {
        "call_number": item.call_number,
        "shelf": item.shelf,
        "acquired_on": item.acquired_on,
        "source": item.source,
        "price": item.price,
        "condition": item.condition,
        "status": item.status,
        "notes": item.notes,
    }
