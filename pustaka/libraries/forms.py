"""Forms for the district, library profiles and staff accounts."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pustaka.core.permissions import Role
from pustaka.libraries import policies
from pustaka.libraries.models import District, Library
from pustaka.libraries.queries import kecamatan_by_id, kecamatan_list, villages_of

WEEKDAY_NAMES = policies.WEEKDAY_NAMES


class DistrictForm(forms.ModelForm):
    class Meta:
        model = District
        fields = ["name", "region_code", "population", "office_name", "address", "phone", "email"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    def clean_region_code(self):
        return policies.check_region_code(self.cleaned_data["region_code"])


class LibraryProfileForm(forms.ModelForm):
    """What a library manager may edit: the profile, with hours one day per line."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    offers = forms.MultipleChoiceField(
        label=_("What the library offers"),
        choices=Library.Offer.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Library
        fields = [
            "name",
            "address",
            "latitude",
            "longitude",
            "phone",
            "email",
            "website",
            "established_on",
            "population_served",
            "description",
            "offers",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "established_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hours = self.instance.opening_hours or {}
        for day, label in enumerate(WEEKDAY_NAMES):
            self.fields[f"hours_{day}"] = forms.CharField(
                label=label,
                required=False,
                initial=policies.format_day_hours(hours.get(str(day), [])),
                help_text=_("e.g. 08:00-12:00, 13:00-16:00; empty when closed"),
            )

    def hour_fields(self):
        return [self[f"hours_{day}"] for day in range(7)]

    def clean(self):
        cleaned = super().clean()
        hours = {}
        for day in range(7):
            try:
                ranges = policies.parse_day_hours(cleaned.get(f"hours_{day}", ""))
            except ValidationError as error:
                self.add_error(f"hours_{day}", error)
                continue
            if ranges:
                hours[str(day)] = ranges
        cleaned["opening_hours"] = hours
        return cleaned

    def changes(self) -> dict:
        """The cleaned values as the service's ``changes``."""
        names = [*self.Meta.fields, "opening_hours"]
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class LibraryAdminForm(LibraryProfileForm):
    """What the district office edits: the profile plus code, kind and place."""

    class Meta(LibraryProfileForm.Meta):
        fields = [
            "code",
            "kind",
            "kecamatan",
            "village",
            "is_active",
            *LibraryProfileForm.Meta.fields,
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kecamatan"].queryset = kecamatan_list()
        kecamatan = kecamatan_by_id(self.data.get("kecamatan") or self.instance.kecamatan_id)
        self.fields["village"].queryset = villages_of(kecamatan)
        self.fields["code"].help_text = _("2 to 12 letters or digits, e.g. TGR01")
        self.fields["kecamatan"].widget.attrs.update(
            {
                "hx-get": "villages/",
                "hx-target": "#id_village",
                "hx-trigger": "change",
                "hx-swap": "innerHTML",
            }
        )

    def clean_code(self):
        return policies.normalise_library_code(self.cleaned_data["code"])


class StaffAccountForm(forms.Form):
    """A staff account's details and role."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    role = forms.ChoiceField(label=_("Role"))
    library = forms.ModelChoiceField(
        label=_("Library"),
        queryset=Library.objects.none(),
        required=False,
        help_text=_("Required for library managers and volunteers."),
    )
    is_active = forms.BooleanField(label=_("Can sign in"), required=False, initial=True)

    def __init__(self, *args, access, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (value, label) for value, label in Role.choices if value in access.assignable_roles()
        ]
        self.fields["library"].queryset = libraries

    def account_changes(self) -> dict:
        names = ["first_name", "last_name", "email", "phone", "is_active"]
        return {name: self.cleaned_data[name] for name in names}


class StaffCreateForm(StaffAccountForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits."),
    )
    field_order = ["username", "password"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is already taken."))
        return username


class PasswordSetForm(forms.Form):
    password = forms.CharField(
        label=_("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
