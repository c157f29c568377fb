"""Staff pages for surveys, under ``/staff/surveys/``: the list, a new survey
(blank or from a template), the builder (details, questions, their order,
opening and closing), the results with the official index, the Excel export
and the QR code poster."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError, NotPermitted, call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_for_user
from pustaka.surveys import excel, forms, policies, queries, services
from pustaka.surveys.poster import Poster, poster_pdf

PER_PAGE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
def survey_list(request):
    """The surveys of the user's library (every survey for the office)."""
    surveys = Paginator(queries.surveys_for_user(request.user), PER_PAGE)
    context = {
        "page": surveys.get_page(request.GET.get("page")),
        "can_create": _may_create(access_for(request.user)),
    }
    return render(request, "surveys/survey_list.html", context)


def _may_create(access) -> bool:
    """The office, or staff of a library (for their own); not the district viewer."""
    return policies.may_manage(access, access.library_id)


def _libraries(request):
    """The office chooses the library of a new survey; library staff make their own's."""
    access = access_for(request.user)
    require(_may_create(access))
    return libraries_for_user(request.user) if access.sees_all_libraries else None


def _library_chosen(request, form, libraries):
    if libraries is None:
        return request.user.staff_role.library
    return form.cleaned_data["library"]


@staff_required
@require_http_methods(["GET", "POST"])
def survey_new(request):
    """A blank survey: its details first, then the questions in the builder."""
    libraries = _libraries(request)
    form = forms.SurveyForm(
        request.POST or None, libraries=libraries, initial={"one_per_person": True}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("library", None)
        ok, survey = call_on_form(
            form,
            services.survey_create,
            actor=request.user,
            library=_library_chosen(request, form, libraries),
            **data,
        )
        if ok:
            messages.success(request, _("The survey is saved as a draft: add its questions."))
            return redirect("surveys:detail", survey_id=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": None})


@staff_required
@require_http_methods(["GET", "POST"])
def survey_from_template(request):
    """A survey from a shipped template (SKM, TGM, training evaluation)."""
    libraries = _libraries(request)
    form = forms.TemplateForm(request.POST or None, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        ok, survey = call_on_form(
            form,
            services.survey_from_template,
            actor=request.user,
            template=form.cleaned_data["template"],
            library=_library_chosen(request, form, libraries),
            title=form.cleaned_data["title"] or None,
            language=form.cleaned_data["language"],
        )
        if ok:
            messages.success(request, _("The survey is saved as a draft: check it, then open it."))
            return redirect("surveys:detail", survey_id=survey.pk)
    return render(request, "surveys/template_form.html", {"form": form})


@staff_required
def survey_detail(request, survey_id):
    """The builder: the survey's details, link and questions."""
    survey = queries.survey_for_user(request.user, survey_id)
    can_manage = policies.may_manage(access_for(request.user), survey.library_id)
    context = {
        "survey": survey,
        "questions": queries.questions_of(survey),
        "answered": queries.answered_questions(survey),
        "can_manage": can_manage,
        "public_url": _public_url(request, survey),
        "form": forms.QuestionForm(initial={"required": True}) if can_manage else None,
    }
    return render(request, "surveys/survey_detail.html", context)


def _public_url(request, survey) -> str:
    return request.build_absolute_uri(reverse("surveys_public:answer", args=[survey.token]))


def _survey_to_change(request, survey_id):
    survey = queries.survey_for_user(request.user, survey_id)
    require(policies.may_manage(access_for(request.user), survey.library_id))
    return survey


@staff_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, survey_id):
    survey = _survey_to_change(request, survey_id)
    initial = {
        "title": survey.title,
        "intro": survey.intro,
        "one_per_person": survey.one_per_person,
    }
    form = forms.SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form,
            services.survey_update,
            actor=request.user,
            survey=survey,
            changes=form.cleaned_data,
        )
        if ok:
            messages.success(request, _("The survey is saved."))
            return redirect("surveys:detail", survey_id=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


@staff_required
@require_POST
def survey_open(request, survey_id):
    survey = _survey_to_change(request, survey_id)
    if _call(request, services.survey_open, actor=request.user, survey=survey):
        messages.success(request, _("The survey is open: its link takes answers."))
    return redirect("surveys:detail", survey_id=survey.pk)


@staff_required
@require_POST
def survey_close(request, survey_id):
    survey = _survey_to_change(request, survey_id)
    if _call(request, services.survey_close, actor=request.user, survey=survey):
        messages.success(request, _("The survey is closed: it takes no more answers."))
    return redirect("surveys:detail", survey_id=survey.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def question_new(request, survey_id):
    """Add a question (the builder's form posts here; errors come back on this page)."""
    survey = _survey_to_change(request, survey_id)
    form = forms.QuestionForm(request.POST or None, initial={"required": True})
    if request.method == "POST" and form.is_valid():
        ok, _question = call_on_form(
            form, services.question_add, actor=request.user, survey=survey, **form.changes()
        )
        if ok:
            messages.success(request, _("The question is added."))
            return redirect(reverse("surveys:detail", args=[survey.pk]) + "#questions")
    context = {"form": form, "survey": survey, "question": None}
    return render(request, "surveys/question_form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def question_edit(request, survey_id, question_id):
    survey = _survey_to_change(request, survey_id)
    question = queries.question_of(survey, question_id)
    fixed = question.pk in queries.answered_questions(survey)
    form = forms.QuestionForm(
        request.POST or None, initial=forms.QuestionForm.initial_of(question), fixed=fixed
    )
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form,
            services.question_update,
            actor=request.user,
            question=question,
            changes=form.changes(),
        )
        if ok:
            messages.success(request, _("The question is saved."))
            return redirect(reverse("surveys:detail", args=[survey.pk]) + "#questions")
    context = {"form": form, "survey": survey, "question": question, "fixed": fixed}
    return render(request, "surveys/question_form.html", context)


@staff_required
@require_POST
def question_remove(request, survey_id, question_id):
    survey = _survey_to_change(request, survey_id)
    question = queries.question_of(survey, question_id)
    if _call(request, services.question_remove, actor=request.user, question=question):
        messages.success(request, _("“%(text)s” is removed.") % {"text": question.text})
    return redirect(reverse("surveys:detail", args=[survey.pk]) + "#questions")


@staff_required
@require_POST
def question_move(request, survey_id, question_id):
    """Move a question one place up or down (``direction``)."""
    survey = _survey_to_change(request, survey_id)
    order = [question.pk for question in queries.questions_of(survey)]
    question = queries.question_of(survey, question_id)
    at = order.index(question.pk)
    to = at - 1 if request.POST.get("direction") == "up" else at + 1
    if 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
        _call(request, services.question_reorder, actor=request.user, survey=survey, order=order)
    return redirect(reverse("surveys:detail", args=[survey.pk]) + f"#question-{question.pk}")


@staff_required
def survey_results(request, survey_id):
    """Counts and means of every question; the IKM of an SKM, the TGM of a TGM survey."""
    survey = queries.survey_for_user(request.user, survey_id)
    context = {"results": queries.survey_results(survey), "survey": survey}
    return render(request, "surveys/results.html", context)


@staff_required
def survey_export(request, survey_id):
    """The results and every response as an Excel workbook."""
    survey = queries.survey_for_user(request.user, survey_id)
    results = queries.survey_results(survey, texts=None)
    responses = queries.responses_table(survey, [result.question for result in results.questions])
    response = HttpResponse(excel.results_workbook(results, responses), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="survei-{survey.token}.xlsx"'
    return response


@staff_required
def survey_poster(request, survey_id):
    """An A4 poster with the survey's QR code, to pin up at the library."""
    survey = queries.survey_for_user(request.user, survey_id)
    poster = Poster(
        title=survey.title,
        url=_public_url(request, survey),
        owner=survey.library.name if survey.library else _("The libraries of the district"),
        call_to_action=_("Scan the code with your phone's camera to answer"),
        link_label=_("or open this address:"),
        note=_("No account needed. Your answers are anonymous."),
    )
    response = HttpResponse(poster_pdf(poster), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="survei-{survey.token}.pdf"'
    return response


def _call(request, service, **kwargs) -> bool:
    """Call ``service``; a refusal becomes an error message (403 stays a 403)."""
    try:
        service(**kwargs)
    except NotPermitted:
        raise
    except DomainError as error:
        texts = [str(text) for texts in error.fields.values() for text in texts]
        messages.error(request, " ".join(texts or [str(error.message)]))
        return False
    return True
