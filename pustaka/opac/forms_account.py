"""Forms of members' pages on the public site: sign in, ask for a sign-in
link, reserve a book (the new password's form is the members app's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pustaka.libraries.models import Library
from pustaka.libraries.queries import libraries_public

NUMBER_ATTRS = {
    "autocomplete": "username",
    "autocapitalize": "characters",
    "spellcheck": "false",
}


class MemberNumberField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Member number"),
            max_length=40,
            widget=forms.TextInput(attrs=NUMBER_ATTRS),
            help_text=_("As printed on your member card, e.g. DSA-000123."),
            **kwargs,
        )


class SignInForm(forms.Form):
    number = MemberNumberField()
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SignInLinkForm(forms.Form):
    number = MemberNumberField()


class LibraryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, library: Library) -> str:
        return f"{library.name} ({library.kecamatan.name})"


class ReserveForm(forms.Form):
    pickup_library = LibraryChoiceField(
        label=_("Pick up at"),
        queryset=libraries_public(),
        empty_label=None,
        help_text=_("The library where you will collect the book; it is sent there if need be."),
    )
