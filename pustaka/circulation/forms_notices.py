"""Filters of the notices page and the SMS/WhatsApp outbox page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pustaka.circulation.models import Notice

ALL = ("", _("All"))


class LibraryFilterForm(forms.Form):
    """The member's home library, for the office (library staff see only theirs)."""

    library = forms.ChoiceField(label=_("Home library"), required=False)

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if libraries is None:
            del self.fields["library"]
        else:
            self.fields["library"].choices = [ALL] + [
                (library.code, library.name) for library in libraries
            ]

    def value(self, name: str) -> str:
        if name not in self.fields or not self.is_valid():
            return ""
        return self.cleaned_data.get(name) or ""


class NoticeFilterForm(LibraryFilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ALL,
            ("pending", _("Waiting to be sent")),
            ("sent", _("Sent")),
            ("failed", _("Failed")),
        ],
        widget=forms.Select(attrs={"autofocus": True}),
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[ALL, ("email", _("E-mail")), ("sms", _("SMS / WhatsApp"))],
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[ALL, *Notice.Kind.choices])
    member = forms.CharField(label=_("Member number"), required=False, max_length=32)

    field_order = ["status", "channel", "kind", "library", "member"]
