"""Forms of the news pages: writing a post (staff) and commenting (public)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pustaka.core.abuse import HONEYPOT_FIELD
from pustaka.news import policies


class PostForm(forms.Form):
    """A post's title, text and photo; the office also chooses the library."""

    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"autofocus": True})
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=policies.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plain text; leave an empty line between paragraphs."),
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/*"}),
        help_text=_("Optional; it is made smaller before saving."),
    )
    photo_alt = forms.CharField(
        label=_("What the photo shows"),
        required=False,
        max_length=250,
        help_text=_("A few words for people who cannot see the photo."),
    )
    photo_remove = forms.BooleanField(label=_("Remove the photo"), required=False)

    def __init__(self, *args, libraries=None, has_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_photo:
            del self.fields["photo_remove"]
        if libraries is not None:
            self.fields["library"] = forms.ModelChoiceField(
                label=_("Library"),
                queryset=libraries,
                required=False,
                empty_label=_("The whole district"),
            )
            self.order_fields(["library"])

    def changes(self) -> dict:
        """The cleaned values as the services' fields: a new photo, ``""`` to
        remove it, nothing when it stays."""
        data = {name: self.cleaned_data[name] for name in ("title", "text", "photo_alt")}
        if self.cleaned_data.get("photo"):
            data["photo"] = self.cleaned_data["photo"]
        elif self.cleaned_data.get("photo_remove"):
            data["photo"] = ""
        return data


class CommentForm(forms.Form):
    """A comment from anyone; the honeypot input is written by the template
    (always empty, hidden from people) and read from the request."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=policies.COMMENT_NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Shown with your comment."),
    )
    text = forms.CharField(
        label=_("Comment"),
        min_length=policies.COMMENT_TEXT_MIN,
        max_length=policies.COMMENT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    honeypot_name = HONEYPOT_FIELD
