"""The online registration form of the public site."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pustaka.libraries.models import Library, Region
from pustaka.libraries.queries import libraries_public, villages_of
from pustaka.members import policies
from pustaka.members.models import Gender
from pustaka.members.services import ONLINE_FIELDS


class LibraryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, library: Library) -> str:
        return f"{library.name} ({library.kecamatan.name})"


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region: Region) -> str:
        return f"{region.name} ({region.parent.name})" if region.parent_id else region.name


class RegisterForm(forms.Form):
    """Who the person is, how to reach them, their home library and consent."""

    name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=gettext_lazy("As on your identity card (KTP, KK or student card)."),
    )
    gender = forms.ChoiceField(
        label=gettext_lazy("Gender"), choices=Gender.choices, widget=forms.RadioSelect
    )
    birth_date = forms.DateField(
        label=gettext_lazy("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone or WhatsApp"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=gettext_lazy("A phone number or an e-mail address, or both."),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=gettext_lazy("Address"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
    )
    village = VillageChoiceField(
        label=gettext_lazy("Village"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=gettext_lazy("(not listed or not in the district)"),
    )
    library = LibraryChoiceField(
        label=gettext_lazy("Home library"),
        queryset=Library.objects.none(),
        help_text=gettext_lazy(
            "Where you will show your identity card and get your member card. "
            "You may borrow at every library of the district."
        ),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("I have read the text above and agree."),
        error_messages={"required": gettext_lazy("Your consent is needed to register.")},
    )
    consent_given_by = forms.CharField(
        label=gettext_lazy("Name of the parent or guardian who agrees"),
        required=False,
        max_length=200,
    )
    guardian_relation = forms.CharField(
        label=gettext_lazy("Relation to you"),
        required=False,
        max_length=50,
        help_text=gettext_lazy("For example mother, father, grandmother."),
    )

    GUARDIAN_FIELDS = ("consent_given_by", "guardian_relation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries_public()
        self.fields["village"].queryset = (
            villages_of(None).select_related("parent").order_by("parent__name", "name")
        )

    def clean(self):
        cleaned = super().clean()
        minor = policies.is_minor(cleaned.get("birth_date"), timezone.localdate())
        if minor and not (cleaned.get("consent_given_by") or "").strip():
            self.add_error(
                "consent_given_by", _("Under 18, a parent or guardian must agree: give their name.")
            )
        return cleaned

    def member_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ONLINE_FIELDS}

    def person_fields(self):
        apart = {"library", "consent", *self.GUARDIAN_FIELDS}
        return [field for field in self.visible_fields() if field.name not in apart]

    def library_fields(self):
        return [self["library"]]

    def consent_fields(self):
        return [self["consent"]]

    def guardian_fields(self):
        return [self[name] for name in self.GUARDIAN_FIELDS]
