"""Forms of the member pages: register, edit, block, cards, categories."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pustaka.libraries.models import Region
from pustaka.libraries.queries import villages_of
from pustaka.members import policies, queries
from pustaka.members.models import Member, MemberCategory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region: Region) -> str:
        return f"{region.name} ({region.parent.name})" if region.parent_id else region.name


class MemberForm(forms.ModelForm):
    """The member's details, as the register and edit pages share them."""

    village = VillageChoiceField(
        label=gettext_lazy("Village"), queryset=Region.objects.none(), required=False
    )
    nik = forms.CharField(
        label=gettext_lazy("NIK"),
        required=False,
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=gettext_lazy(
            "Optional. 16 digits from the KTP or KK; only a code made from it and its last "
            "four digits are kept."
        ),
    )

    class Meta:
        model = Member
        fields = [
            "name",
            "gender",
            "birth_date",
            "category",
            "phone",
            "email",
            "address",
            "village",
            "occupation",
            "disability",
            "notices_by",
            "keeps_history",
        ]
        widgets = {"birth_date": DATE, "address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autofocus"] = True
        self.order_fields(["name", "gender", "birth_date", "nik", "category"])
        self.fields["category"].queryset = queries.categories()
        if self.instance.pk is None:
            self.fields["category"].initial = queries.categories().filter(code="general").first()
        self.fields["village"].queryset = (
            villages_of(None).select_related("parent").order_by("parent__name", "name")
        )
        self.fields["disability"].help_text = _(
            "Only if the member wishes to say; counted for the inclusion figures."
        )
        if self.instance.pk and self.instance.nik_last4:
            self.fields["nik"].help_text = _(
                "A NIK ending in %(last4)s is on file; type a new one to replace it."
            ) % {"last4": self.instance.nik_last4}
            self.fields["remove_nik"] = forms.BooleanField(
                label=_("Remove the NIK on file"), required=False
            )
            self.order_fields(["name", "gender", "birth_date", "nik", "remove_nik", "category"])

    def nik_change(self) -> str | None:
        """The NIK to keep instead (``""``: none any more; ``None``: unchanged)."""
        if self.cleaned_data.get("remove_nik"):
            return ""
        return self.cleaned_data["nik"].strip() or None

    def member_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RegisterForm(MemberForm):
    """A new member: their details, the consent they gave, a typed card number."""

    number = forms.CharField(
        label=gettext_lazy("Member number"),
        required=False,
        max_length=32,
        help_text=gettext_lazy(
            "Leave empty to get a new number; type it when the member has a card already."
        ),
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "The member (or, under 18, their parent or guardian) was shown the text above "
            "and agrees."
        ),
    )
    consent_given_by = forms.CharField(
        label=gettext_lazy("Parent or guardian who gives consent"), required=False, max_length=200
    )
    guardian_relation = forms.CharField(
        label=gettext_lazy("Relation to the member"),
        required=False,
        max_length=50,
        help_text=gettext_lazy("For example mother, father, grandmother, teacher."),
    )
    # Set once possible duplicates were shown for these name, birth date and NIK.
    duplicates_seen = forms.CharField(required=False, widget=forms.HiddenInput)

    GUARDIAN_FIELDS = ("consent_given_by", "guardian_relation")

    def clean(self):
        cleaned = super().clean()
        minor = policies.is_minor(cleaned.get("birth_date"), timezone.localdate())
        if minor and not (cleaned.get("consent_given_by") or "").strip():
            self.add_error(
                "consent_given_by", _("For a member under 18, name the parent or guardian.")
            )
        return cleaned

    def main_fields(self):
        apart = {"library", "consent", "number", "duplicates_seen", *self.GUARDIAN_FIELDS}
        return [field for field in self.visible_fields() if field.name not in apart]

    def library_fields(self):
        return [self["library"]] if "library" in self.fields else []

    def number_fields(self):
        return [self["number"]]

    def consent_fields(self):
        return [self["consent"]]

    def guardian_fields(self):
        return [self[name] for name in self.GUARDIAN_FIELDS]


class BlockForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=255,
        widget=forms.TextInput(attrs={"autofocus": True}),
    )


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name or number"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("active", gettext_lazy("Active")),
            ("expired", gettext_lazy("Expired")),
            ("blocked", gettext_lazy("Blocked")),
            ("anonymised", gettext_lazy("Anonymised")),
        ],
    )
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False)
    library = forms.ChoiceField(label=gettext_lazy("Home library"), required=False)

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All"))] + [
            (category.code, category.name) for category in queries.categories()
        ]
        if libraries is None:
            del self.fields["library"]
        else:
            self.fields["library"].choices = [("", _("All"))] + [
                (library.code, library.name) for library in libraries
            ]

    def value(self, name: str) -> str:
        return (self.cleaned_data.get(name) or "") if self.is_valid() else ""


class CardsForm(forms.Form):
    """Which members' cards to print: scanned numbers, or those registered since a date."""

    numbers = forms.CharField(
        label=gettext_lazy("Member numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "autofocus": True}),
        help_text=gettext_lazy("One number per line; or leave empty and give a date."),
    )
    registered_since = forms.DateField(
        label=gettext_lazy("Members registered since"), required=False, widget=DATE
    )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("numbers") or "").strip() and not cleaned.get("registered_since"):
            raise forms.ValidationError(_("Type some member numbers or give a date."))
        return cleaned

    def number_list(self) -> list[str]:
        lines = self.cleaned_data["numbers"].splitlines()
        return list(dict.fromkeys(line.strip().upper() for line in lines if line.strip()))


class CategoryForm(forms.ModelForm):
    class Meta:
        model = MemberCategory
        fields = ["code", "name", "membership_months"]


class ConfirmForm(forms.Form):
    """Confirming an online registration: the category the desk puts them in."""

    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"),
        queryset=MemberCategory.objects.none(),
        help_text=gettext_lazy("The membership runs for the category's length from today."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = queries.categories()
