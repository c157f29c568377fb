"""Forms of the training and mentoring pages. They read and check the input
only; the services validate and save (``call_on_form`` shows their refusals)."""

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from pustaka.training.models import ActionItem, MentoringVisit, Session, Trainee, Training

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _fields_form(model, names: list[str], widgets: dict | None = None) -> type[forms.Form]:
    """A plain form with the fields of ``model`` named ``names`` (labels,
    lengths, choices and validators from the model)."""
    fields = fields_for_model(model, fields=names, widgets=widgets)
    return type(f"{model.__name__}Fields", (forms.Form,), fields)


def initial_of(instance, form_class: type[forms.Form]) -> dict:
    """The values of ``instance`` for an edit form."""
    return model_to_dict(instance, fields=list(form_class.base_fields))


def changes_of(form: forms.Form) -> dict:
    """The cleaned values as a service's ``changes`` (only the model's fields)."""
    return {name: form.cleaned_data[name] for name in form.base_fields}


TrainingForm = _fields_form(
    Training,
    [
        "code",
        "title",
        "theme",
        "organiser",
        "venue",
        "starts_on",
        "ends_on",
        "description",
        "minimum_attendance",
    ],
    {"starts_on": DATE, "ends_on": DATE, "description": forms.Textarea(attrs={"rows": 4})},
)

SessionForm = _fields_form(
    Session,
    ["date", "starts_at", "ends_at", "topic", "speaker"],
    {"date": DATE, "starts_at": TIME, "ends_at": TIME},
)

TraineeEditForm = _fields_form(Trainee, ["name", "role", "pre_score", "post_score"])

_VisitFields = _fields_form(
    MentoringVisit,
    ["visited_on", "mentor_name", "training", "findings"],
    {"visited_on": DATE, "findings": forms.Textarea(attrs={"rows": 6})},
)

ActionItemForm = _fields_form(
    ActionItem,
    ["description", "owner", "due_on"],
    {"description": forms.Textarea(attrs={"rows": 2}), "due_on": DATE},
)


class _AccountChoice(forms.ModelChoiceField):
    """A staff account by name, with its library's code when it has one."""

    def label_from_instance(self, user):
        name = user.get_full_name() or user.username
        library = getattr(getattr(user, "staff_role", None), "library", None)
        return f"{name} ({library.code})" if library else name


class TraineeForm(forms.Form):
    """Enrol a trainee: the library, and a staff account or a name."""

    library = forms.ModelChoiceField(label=_("Library"), queryset=None)
    user = _AccountChoice(
        label=_("Staff account"),
        queryset=None,
        required=False,
        empty_label=_("No account (give the name)"),
        help_text=_("The account must belong to the library chosen above."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Needed when the person has no account."),
    )
    role = forms.ChoiceField(label=_("Role at the library"), choices=Trainee.Role.choices)

    def __init__(self, *args, libraries, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries
        self.fields["user"].queryset = accounts


class VisitEditForm(_VisitFields):
    """A mentoring visit's day, mentor, training followed and findings."""

    def __init__(self, *args, trainings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training"].queryset = trainings


class VisitForm(VisitEditForm):
    """Record a mentoring visit: also the library and the mentor's account."""

    library = forms.ModelChoiceField(label=_("Library"), queryset=None)
    mentor = _AccountChoice(
        label=_("Mentor's staff account"),
        queryset=None,
        required=False,
        empty_label=_("No account (give the name)"),
    )

    def __init__(self, *args, libraries, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries
        self.fields["mentor"].queryset = mentors
        self.fields["mentor_name"].required = False
        self.fields["mentor_name"].help_text = _("Needed when the mentor has no account.")
        self.order_fields(["library", "visited_on", "mentor"])


class StatusForm(forms.Form):
    """Move an action item on; the date it was done defaults to today."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DATE)


class ScoresForm(forms.Form):
    """The pre- and post-test scores of every trainee: two inputs per trainee."""

    def __init__(self, *args, trainees, **kwargs):
        super().__init__(*args, **kwargs)
        self.trainees = list(trainees)
        for trainee in self.trainees:
            for kind, label in (("pre", _("Pre-test")), ("post", _("Post-test"))):
                self.fields[f"{kind}_score-{trainee.pk}"] = forms.IntegerField(
                    label=f"{label}: {trainee.name}",
                    required=False,
                    min_value=0,
                    max_value=100,
                    initial=getattr(trainee, f"{kind}_score"),
                    widget=forms.NumberInput(attrs={"class": "score"}),
                )

    def rows(self):
        """Each trainee with their two inputs, for the table."""
        return [
            (trainee, self[f"pre_score-{trainee.pk}"], self[f"post_score-{trainee.pk}"])
            for trainee in self.trainees
        ]

    def scores(self) -> dict:
        data = self.cleaned_data
        return {
            trainee.pk: (data[f"pre_score-{trainee.pk}"], data[f"post_score-{trainee.pk}"])
            for trainee in self.trainees
        }


class AttendanceForm(forms.Form):
    """The attendance checklist of a session: the trainees ticked were present."""

    present = forms.ModelMultipleChoiceField(
        label=_("Present"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, trainees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = trainees
