"""Staff pages of trainings, under ``/staff/training/``: the list, a
training's page (sessions, attendance per day, scores, trainees), the
attendance checklist of a session, the scores sheet and the certificates."""

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import district_current, libraries_for_user
from pustaka.training import certificates, forms, policies, queries, services


def edit_page(request, *, instance, form_class, update, name: str, done, context: dict):
    """The change form of ``instance`` (a session, a trainee, an action
    item): saved through the service ``update`` (its refusals shown on the
    form), then ``done`` (a redirect); otherwise the form page with ``context``."""
    form = form_class(request.POST or None, initial=forms.initial_of(instance, form_class))
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form, update, actor=request.user, changes=forms.changes_of(form), **{name: instance}
        )
        if ok:
            return done
    return render(request, "training/form.html", {"form": form, **context})


def _require_manager(request) -> None:
    require(policies.may_manage(access_for(request.user)))


@staff_required
def training_list(request):
    context = {
        "trainings": queries.trainings_for_user(request.user),
        "can_manage": policies.may_manage(access_for(request.user)),
    }
    return render(request, "training/training_list.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def training_new(request):
    _require_manager(request)
    form = forms.TrainingForm(request.POST or None, initial={"minimum_attendance": 75})
    if request.method == "POST" and form.is_valid():
        ok, training = call_on_form(
            form, services.training_create, actor=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("The training is saved: now add its sessions."))
            return redirect("training:detail", training_id=training.pk)
    return render(request, "training/form.html", {"form": form, "heading": _("New training")})


@staff_required
@require_http_methods(["GET", "POST"])
def training_edit(request, training_id):
    _require_manager(request)
    training = queries.training_for_user(request.user, training_id)
    form = forms.TrainingForm(
        request.POST or None, initial=forms.initial_of(training, forms.TrainingForm)
    )
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form,
            services.training_update,
            actor=request.user,
            training=training,
            changes=forms.changes_of(form),
        )
        if ok:
            return redirect("training:detail", training_id=training.pk)
    context = {"form": form, "heading": training.title, "back": training}
    return render(request, "training/form.html", context)


@staff_required
def training_detail(request, training_id):
    """The training with its sessions, attendance per day, average scores and
    the trainees the user may see, each with sessions attended and whether
    they earned a certificate."""
    training = queries.training_for_user(request.user, training_id)
    trainees = queries.trainees_for_user(request.user, training)
    sessions = list(queries.sessions_of(training))
    rows = [
        (
            trainee,
            policies.certificate_eligible(
                attended=trainee.attended,
                sessions=len(sessions),
                minimum_percent=training.minimum_attendance,
            ),
        )
        for trainee in trainees
    ]
    context = {
        "training": training,
        "sessions": sessions,
        "days": queries.attendance_by_day(training, trainees),
        "scores": queries.score_averages(trainees),
        "rows": rows,
        "eligible": sum(eligible for _trainee, eligible in rows),
        "today": timezone.localdate(),
        "can_manage": policies.may_manage(access_for(request.user)),
        "sees_evaluation": access_for(request.user).sees_all_libraries,
    }
    return render(request, "training/training_detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def session_new(request, training_id):
    _require_manager(request)
    training = queries.training_for_user(request.user, training_id)
    form = forms.SessionForm(request.POST or None, initial={"date": training.starts_on})
    if request.method == "POST" and form.is_valid():
        ok, _session = call_on_form(
            form,
            services.session_create,
            actor=request.user,
            training=training,
            **form.cleaned_data,
        )
        if ok:
            messages.success(request, _("The session is added."))
            return redirect("training:detail", training_id=training.pk)
    context = {"form": form, "heading": _("New session"), "back": training}
    return render(request, "training/form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def session_edit(request, session_id):
    _require_manager(request)
    session = queries.session_for_user(request.user, session_id)
    return edit_page(
        request,
        instance=session,
        form_class=forms.SessionForm,
        update=services.session_update,
        name="session",
        done=redirect("training:detail", training_id=session.training_id),
        context={
            "heading": session.topic,
            "back": session.training,
            "delete_url": "training:session_delete",
            "delete_id": session.pk,
        },
    )


@staff_required
@require_POST
def session_delete(request, session_id):
    _require_manager(request)
    session = queries.session_for_user(request.user, session_id)
    services.session_delete(actor=request.user, session=session)
    messages.success(request, _("The session “%(topic)s” is removed.") % {"topic": session.topic})
    return redirect("training:detail", training_id=session.training_id)


@staff_required
@require_http_methods(["GET", "POST"])
def session_attendance(request, session_id):
    """The checklist of a session: tick those present, save; the trainees
    not ticked are recorded absent."""
    _require_manager(request)
    session = queries.session_for_user(request.user, session_id)
    checklist = queries.session_checklist(session)
    form = forms.AttendanceForm(
        request.POST or None, trainees=session.training.trainees.filter(deleted_at__isnull=True)
    )
    if request.method == "POST" and form.is_valid():
        ok, counts = call_on_form(
            form,
            services.session_attendance_record,
            actor=request.user,
            session=session,
            present=[trainee.pk for trainee in form.cleaned_data["present"]],
        )
        if ok:
            messages.success(
                request, _("Attendance saved: %(present)s present, %(absent)s absent.") % counts
            )
            return redirect("training:detail", training_id=session.training_id)
    context = {"session": session, "training": session.training, "checklist": checklist}
    context["form"] = form
    return render(request, "training/attendance.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def trainee_new(request, training_id):
    _require_manager(request)
    training = queries.training_for_user(request.user, training_id)
    libraries = libraries_for_user(request.user)
    form = forms.TraineeForm(
        request.POST or None, libraries=libraries, accounts=queries.trainee_accounts(libraries)
    )
    if request.method == "POST" and form.is_valid():
        ok, trainee = call_on_form(
            form, services.trainee_add, actor=request.user, training=training, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("%(name)s is enrolled.") % {"name": trainee.name})
            return redirect("training:trainee_new", training_id=training.pk)
    context = {"form": form, "heading": _("Enrol a trainee"), "back": training}
    return render(request, "training/form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def trainee_edit(request, trainee_id):
    _require_manager(request)
    trainee = queries.trainee_for_user(request.user, trainee_id)
    return edit_page(
        request,
        instance=trainee,
        form_class=forms.TraineeEditForm,
        update=services.trainee_update,
        name="trainee",
        done=redirect("training:detail", training_id=trainee.training_id),
        context={
            "heading": trainee.name,
            "back": trainee.training,
            "delete_url": "training:trainee_remove",
            "delete_id": trainee.pk,
        },
    )


@staff_required
@require_POST
def trainee_remove(request, trainee_id):
    _require_manager(request)
    trainee = queries.trainee_for_user(request.user, trainee_id)
    services.trainee_remove(actor=request.user, trainee=trainee)
    messages.success(request, _("%(name)s is taken off the training.") % {"name": trainee.name})
    return redirect("training:detail", training_id=trainee.training_id)


@staff_required
@require_http_methods(["GET", "POST"])
def training_scores(request, training_id):
    """The pre- and post-test scores of every trainee on one sheet."""
    _require_manager(request)
    training = queries.training_for_user(request.user, training_id)
    form = forms.ScoresForm(
        request.POST or None, trainees=queries.trainees_for_user(request.user, training)
    )
    if request.method == "POST" and form.is_valid():
        ok, changed = call_on_form(
            form,
            services.training_scores_record,
            actor=request.user,
            training=training,
            scores=form.scores(),
        )
        if ok:
            messages.success(
                request, _("Scores saved for %(count)s trainees.") % {"count": changed}
            )
            return redirect("training:detail", training_id=training.pk)
    return render(request, "training/scores.html", {"form": form, "training": training})


@staff_required
@require_POST
def training_evaluation(request, training_id):
    """Make the training's evaluation survey, then go to it to review and open it."""
    _require_manager(request)
    training = queries.training_for_user(request.user, training_id)
    form = django_forms.Form(request.POST)
    ok, survey = call_on_form(
        form, services.training_evaluation_create, actor=request.user, training=training
    )
    if not ok:
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect("training:detail", training_id=training.pk)
    messages.success(request, _("The evaluation survey is made: check it, then open it."))
    return redirect("surveys:detail", survey_id=survey.pk)


@staff_required
def training_certificates(request, training_id):
    """The certificates of the trainees the user may see who attended enough
    sessions, one page each."""
    training = queries.training_for_user(request.user, training_id)
    rows = queries.certificate_rows(request.user, training)
    if not rows:
        messages.error(request, _("No trainee has attended enough sessions for a certificate."))
        return redirect("training:detail", training_id=training.pk)
    district = district_current()
    issuer = (district.office_name or district.name) if district else training.organiser
    pdf = certificates.certificates_pdf(
        [certificates.certificate_for(row, training=training, issuer=issuer) for row in rows],
        title=_("Certificates: %(title)s") % {"title": training.title},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sertifikat-{training.code}.pdf"'
    return response
