"""Forms of the programme pages: activities, attendance (a card scan, a
person, the counts grid), photos and documents, the public registration,
partners, contributions, the village fund, stories and their consent.

The fields come from the models (labels, choices, help), so the forms say
what the data says; the services validate."""

from django import forms
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pustaka.libraries.models import Region
from pustaka.libraries.queries import villages_of
from pustaka.members.forms import VillageChoiceField
from pustaka.members.models import Gender
from pustaka.members.policies import AGE_GROUP_CHOICES
from pustaka.programs import policies, queries, services
from pustaka.programs.models import (
    Activity,
    ActivityCategory,
    Contribution,
    Disability,
    Partner,
    Story,
    VillageFund,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class ModelFieldsForm(forms.Form):
    """A form whose fields are ``model``'s ``field_names``, as the model
    describes them; ``values()`` gives them to a service."""

    model = None
    field_names: tuple[str, ...] = ()
    widgets: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = fields_for_model(self.model, fields=self.field_names, widgets=self.widgets)
        self.fields.update({name: fields[name] for name in self.field_names})
        self.order_fields(self.field_names)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.field_names}

    @classmethod
    def initial_of(cls, instance) -> dict:
        return {name: getattr(instance, name) for name in cls.field_names}


def _library_field(libraries, *, district_label=None) -> forms.ModelChoiceField:
    """The library, for the office (library staff work at their own)."""
    return forms.ModelChoiceField(
        label=_("Library"),
        queryset=libraries,
        required=district_label is not None,
        empty_label=district_label,
    )


class ActivityForm(ModelFieldsForm):
    model = Activity
    field_names = services.ACTIVITY_FIELDS
    widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "description": TEXTAREA}

    def __init__(self, *args, partners, libraries=None, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        in_use = queries.categories()
        if category is not None:
            in_use = in_use | queries.categories(in_use=False).filter(pk=category.pk)
        self.fields["category"].queryset = in_use
        self.fields["outcomes"].widget = TEXTAREA
        self.fields["outcomes"].help_text = _("What came of it, once it is done.")
        self.fields["partners"] = forms.ModelMultipleChoiceField(
            label=_("Partners involved"),
            queryset=partners,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        if libraries is not None:
            self.fields["library"] = _library_field(libraries)
            self.fields["library"].required = True
            self.order_fields(["library"])

    def main_fields(self):
        """Every field but the partners (shown as a group of checkboxes)."""
        return [field for field in self.visible_fields() if field.name != "partners"]


class ScanForm(forms.Form):
    number = forms.CharField(
        label=_("Member card number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
        help_text=_("Scan the card or type the number, then press Enter."),
    )


class PersonForm(forms.Form):
    """Someone who is not a member: counted by gender and age group; name,
    disability and village only if they wish."""

    name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    age_group = forms.ChoiceField(label=_("Age group"), choices=AGE_GROUP_CHOICES)
    disability = forms.ChoiceField(
        label=_("Disability (self-declared)"),
        choices=[("", _("Not asked")), *Disability.choices],
        required=False,
    )
    village = VillageChoiceField(
        label=_("Village (optional)"), queryset=Region.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = (
            villages_of(None).select_related("parent").order_by("parent__name", "name")
        )


COUNT_COLUMNS = (
    (Gender.FEMALE, "no", _("Women without a disability")),
    (Gender.FEMALE, "yes", _("Women with a disability")),
    (Gender.MALE, "no", _("Men without a disability")),
    (Gender.MALE, "yes", _("Men with a disability")),
)


class CountsForm(forms.Form):
    """People counted, not named: one number per age group and column
    (women and men, without and with a disability). Unless people were asked
    about disability, those counted "without" are stored as not asked."""

    asked = forms.BooleanField(label=_("People were asked about disability"), required=False)

    def __init__(self, *args, counts=None, **kwargs):
        super().__init__(*args, **kwargs)
        counts = counts or {}
        self.fields["asked"].initial = any(cell[2] == "no" for cell in counts)
        self.rows = []
        for index, (age_group, age_label) in enumerate(AGE_GROUP_CHOICES):
            row = []
            for gender, column, column_label in COUNT_COLUMNS:
                name = f"c_{gender}_{index}_{column}"
                stored = ("yes",) if column == "yes" else ("no", "")
                self.fields[name] = forms.IntegerField(
                    label=f"{column_label}, {age_label}",
                    min_value=0,
                    max_value=policies.COUNT_MAX,
                    required=False,
                    initial=sum(counts.get((gender, age_group, d), 0) for d in stored) or None,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count"}),
                )
                row.append(self[name])
            self.rows.append((age_label, row))

    @property
    def columns(self):
        return [label for _gender, _column, label in COUNT_COLUMNS]

    def counts(self) -> dict:
        without = "no" if self.cleaned_data.get("asked") else ""
        counts = {}
        for index, (age_group, _label) in enumerate(AGE_GROUP_CHOICES):
            for gender, column, _column_label in COUNT_COLUMNS:
                people = self.cleaned_data.get(f"c_{gender}_{index}_{column}") or 0
                if people:
                    disability = "yes" if column == "yes" else without
                    counts[(gender, age_group, disability)] = people
        return counts


class PhotoForm(forms.Form):
    image = forms.ImageField(
        label=_("Photo"),
        widget=forms.FileInput(attrs={"accept": "image/*"}),
        help_text=_("It is made smaller before saving."),
    )
    description = forms.CharField(
        label=_("What the photo shows"),
        max_length=250,
        help_text=_("A few words for people who cannot see the photo."),
    )


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(policies.DOCUMENT_SIGNATURES))}),
        help_text=_("PDF, word-processor, spreadsheet or presentation file, up to 10 MB."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)


class RegistrationForm(forms.Form):
    """Registering for an activity on the public site; the honeypot input is
    written by the template and read from the request."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone or WhatsApp"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("A phone number or an e-mail address, or both: the library may call you."),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—"), *Gender.choices])
    age_group = forms.ChoiceField(label=_("Age group"), choices=[("", "—"), *AGE_GROUP_CHOICES])


class PartnerForm(ModelFieldsForm):
    model = Partner
    field_names = (
        "name",
        "kind",
        "contact_person",
        "phone",
        "email",
        "address",
        "mou_start",
        "mou_end",
        "notes",
    )
    widgets = {
        "mou_start": DATE,
        "mou_end": DATE,
        "address": forms.Textarea(attrs={"rows": 2}),
        "notes": forms.Textarea(attrs={"rows": 3}),
    }

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if libraries is not None:
            self.fields["library"] = _library_field(
                libraries, district_label=_("The whole district")
            )
            self.fields["library"].required = False
            self.order_fields(["library"])


class ContributionForm(ModelFieldsForm):
    model = Contribution
    field_names = ("kind", "given_on", "value_idr", "hours", "description", "activity")
    widgets = {"given_on": DATE}

    def __init__(self, *args, partners, activities, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"] = forms.ModelChoiceField(label=_("Partner"), queryset=partners)
        self.fields["activity"].queryset = activities
        self.fields["activity"].required = False
        self.fields["given_on"].initial = timezone.localdate()
        order = ["partner"]
        if libraries is not None:
            self.fields["library"] = _library_field(
                libraries, district_label=_("The district's programme")
            )
            self.fields["library"].required = False
            order = ["partner", "library"]
        self.order_fields(order)


class VillageFundForm(ModelFieldsForm):
    model = VillageFund
    field_names = ("year", "amount_idr", "notes")

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        if libraries is not None:
            self.fields["library"] = _library_field(libraries)
            self.fields["library"].required = True
            self.order_fields(["library"])


class StoryForm(ModelFieldsForm):
    model = Story
    field_names = (
        "title",
        "person_name",
        "shown_as",
        "what_changed",
        "activity",
        "helped_by",
        "happened_on",
        "theme",
    )
    widgets = {"happened_on": DATE, "what_changed": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, activities, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_number"] = forms.CharField(
            label=_("Member card number"),
            max_length=40,
            required=False,
            help_text=_("If the person is a member; otherwise write their name below."),
        )
        self.fields["activity"].queryset = activities
        self.fields["activity"].required = False
        order = ["title", "member_number"]
        if libraries is not None:
            self.fields["library"] = _library_field(libraries)
            self.fields["library"].required = True
            order = ["library", *order]
        self.order_fields(order)

    def clean_member_number(self):
        number = self.cleaned_data["member_number"].strip()
        if not number:
            return None
        member = queries.member_by_card(number)
        if member is None:
            raise forms.ValidationError(
                _("No member has the number “%(number)s”."), params={"number": number}
            )
        return member

    def values(self) -> dict:
        return {**super().values(), "member": self.cleaned_data["member_number"]}


class ConsentForm(forms.Form):
    given_on = forms.DateField(label=_("Consent given on"), widget=DATE)
    given_by = forms.CharField(
        label=_("Consent given by"),
        max_length=200,
        help_text=_("The person, or for a child their parent or guardian."),
    )
    statement = forms.CharField(
        label=_("What the person agreed to"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Read it to the person or let them read it; change it if they agreed to less."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()
        self.fields["statement"].initial = str(policies.STORY_CONSENT_TEXT)


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Consent withdrawn on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()


class CategoryForm(ModelFieldsForm):
    model = ActivityCategory
    field_names = ("name", "description", "strategy", "position", "is_active")
    widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class NewCategoryForm(CategoryForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"] = forms.SlugField(
            label=_("Code"),
            max_length=30,
            help_text=_("Letters, digits and dashes; never changes."),
        )
        del self.fields["position"], self.fields["is_active"]
        self.order_fields(["code"])


class ActivityFilterForm(forms.Form):
    """The list's filters (GET)."""

    period = forms.ChoiceField(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
        required=False,
    )
    q = forms.CharField(label=_("Title"), required=False, max_length=100)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=ActivityCategory.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *Activity.Status.choices], required=False
    )

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = queries.categories(in_use=False)
        if libraries is not None:
            self.fields["library"] = forms.ModelChoiceField(
                label=_("Library"), queryset=libraries, required=False, to_field_name="code"
            )
