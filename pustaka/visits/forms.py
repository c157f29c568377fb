"""Forms of the visitor book: the kiosk's card scan, a guest's one-tap
answers, a group's counts, a member's purpose, and a computer session.
Answers are radio buttons (large labels to tap; arrow keys and Space with
the keyboard), so the kiosk works without JavaScript."""

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from pustaka.libraries.models import Library
from pustaka.libraries.queries import villages_of
from pustaka.members.models import Gender
from pustaka.members.policies import AGE_GROUP_CHOICES
from pustaka.visits.models import ComputerPurpose, Disability, Purpose
from pustaka.visits.policies import GROUP_MAX_PEOPLE, SESSION_MAX_MINUTES

SCAN_ATTRS = {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
PURPOSE_LABEL = _("What brings you here today?")
DISABILITY_CHOICES = [*Disability.choices, ("", _("I prefer not to say"))]


def _radios(label, choices, *, required=True, help_text="") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


def focus_first(form: forms.Form) -> None:
    """Let the browser (and htmx after a swap) focus the first answer that
    needs attention, else the first one."""
    names = [name for name in form.fields if name in form.errors] or list(form.fields)
    form.fields[names[0]].widget.attrs["autofocus"] = True


class CardScanForm(forms.Form):
    """A member's card: the scanner types the number and Enter."""

    number = forms.CharField(
        label=_("Members: scan your card"),
        max_length=32,
        widget=forms.TextInput(attrs=SCAN_ATTRS),
        help_text=_("Or type the card number and press Enter."),
    )


class PurposeForm(forms.Form):
    """Why a member came, told after the scan (or corrected later that day)."""

    purpose = _radios(PURPOSE_LABEL, Purpose.choices)


class EmptyLastIterator(forms.models.ModelChoiceIterator):
    """The choices with the empty one ("somewhere else") last, so the
    nearest villages come first to tap."""

    def __iter__(self):
        choices = list(super().__iter__())
        if choices and choices[0][0] == "":
            choices.append(choices.pop(0))
        return iter(choices)


class VillageField(forms.ModelChoiceField):
    iterator = EmptyLastIterator

    def label_from_instance(self, obj):
        return obj.name


class GuestForm(forms.Form):
    """A guest's answers: four taps and Record."""

    gender = _radios(_("You are"), Gender.choices)
    age_group = _radios(_("Your age"), AGE_GROUP_CHOICES)
    purpose = _radios(PURPOSE_LABEL, Purpose.choices)
    village = VillageField(
        label=_("Where do you live?"),
        queryset=None,
        required=False,
        widget=forms.RadioSelect,
        blank=True,
        empty_label=_("Somewhere else, or not said"),
    )
    disability = _radios(
        _("Do you have a disability? (optional)"), DISABILITY_CHOICES, required=False
    )

    def __init__(self, *args, library: Library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages_near(library)


def _villages_near(library: Library):
    """The villages of the library's kecamatan, its own village first."""
    own = library.village_id
    first = Case(When(pk=own, then=Value(0)), default=Value(1), output_field=IntegerField())
    return villages_of(library.kecamatan).order_by(first, "name")


class GroupForm(forms.Form):
    """A group in one entry: who they are, why they came, and how many of
    each gender and age group (empty is 0)."""

    description = forms.CharField(
        label=_("Which group?"),
        max_length=200,
        required=False,
        help_text=_("E.g. class 5 of SDN 001, the women's farming group."),
    )
    purpose = _radios(_("What brings the group here?"), Purpose.choices)
    disabled_people = forms.IntegerField(
        label=_("Of them, people with a disability (optional)"), min_value=0, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for gender, gender_label in Gender.choices:
            for code, age_label in AGE_GROUP_CHOICES:
                self.fields[_count_name(gender, code)] = forms.IntegerField(
                    label=f"{gender_label}, {age_label}",
                    min_value=0,
                    max_value=GROUP_MAX_PEOPLE,
                    required=False,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count"}),
                )

    @classmethod
    def initial_of(cls, visit) -> dict:
        """A group visit's values, to correct them."""
        initial = {name: getattr(visit, name) for name in ("description", "purpose")}
        initial["disabled_people"] = visit.disabled_people
        for row in visit.counts.all():
            initial[_count_name(row.gender, row.age_group)] = row.people or None
        return initial

    gender_labels = [label for _code, label in Gender.choices]

    def grid(self) -> list[tuple[str, list]]:
        """``(age group label, [bound count field per gender])`` rows for the table."""
        return [
            (age_label, [self[_count_name(gender, code)] for gender, _label in Gender.choices])
            for code, age_label in AGE_GROUP_CHOICES
        ]

    def counts(self) -> dict[tuple[str, str], int]:
        return {
            (gender, code): self.cleaned_data.get(_count_name(gender, code)) or 0
            for gender, _label in Gender.choices
            for code, _age_label in AGE_GROUP_CHOICES
        }


def _count_name(gender: str, age_group: str) -> str:
    return f"{gender}_{age_group.replace('-', '_').replace('+', '_up')}"


class SessionForm(forms.Form):
    """A computer or internet session: a member's card, or a guest's answers."""

    number = forms.CharField(
        label=_("Member card number"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs=SCAN_ATTRS),
        help_text=_("For a guest, leave it empty and answer gender and age."),
    )
    gender = _radios(_("Gender"), Gender.choices, required=False)
    age_group = _radios(_("Age"), AGE_GROUP_CHOICES, required=False)
    purpose = _radios(_("Used for"), ComputerPurpose.choices)
    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=1,
        max_value=SESSION_MAX_MINUTES,
        initial=30,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
