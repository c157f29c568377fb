"""Forms of the core staff pages."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What uses it, e.g. “SLiMS sync”.")
    )
    user = forms.ModelChoiceField(
        label=_("Acts as"),
        queryset=get_user_model().objects.filter(is_active=True, staff_role__isnull=False),
        help_text=_("The token sees and changes exactly what this account may."),
    )
