"""The public answering page of a survey, ``/survei/<link code>/``: a plain
form for a phone, without an account or JavaScript, and a thank-you page.

A phone is recognised by a random id in a signed cookie (``DEVICE_COOKIE``),
kept for a year and only under ``/survei/``: a survey with one answer per
person keeps a keyed hash of it per survey (``policies.person_key``), never
the id itself nor anything about the person. Clearing the cookie or using
another browser lets a person answer again; family members sharing one
phone cannot each answer such a survey. Asking for a phone number would
close the first gap but collect personal data for it, so Pustaka does not."""

import uuid

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from pustaka.core import abuse
from pustaka.core.errors import DomainError
from pustaka.surveys import forms, queries, services
from pustaka.surveys.models import Survey

DEVICE_COOKIE = "pustaka_survey"
DEVICE_SALT = "pustaka.surveys.device"
DEVICE_MAX_AGE = 365 * 24 * 60 * 60
# Where the public survey pages live (pustaka/urls.py): the cookie goes nowhere else.
DEVICE_PATH = "/survei/"


@require_http_methods(["GET", "POST"])
def survey_answer(request, token):
    """The survey's questions, or why it takes no answers (closed, answered)."""
    survey = queries.survey_public(token)
    device = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT)
    new_device = device or uuid.uuid4().hex
    questions = queries.questions_of(survey)
    context = {"survey": survey, "closed": survey.status != Survey.Status.OPEN, "problem": ""}
    context["answered"] = not context["closed"] and queries.survey_answered_by(survey, device)
    errors = {}
    if request.method == "POST" and not (context["closed"] or context["answered"]):
        try:
            services.response_submit(
                survey=survey,
                answers=forms.answers_from_post(questions, request.POST),
                device=new_device,
                honeypot=request.POST.get(abuse.HONEYPOT_FIELD, ""),
                client=abuse.client_key(request.META),
            )
        except DomainError as error:
            errors, context["problem"] = error.fields, error.message
        else:
            thanks = redirect("surveys_public:thanks", token=token)
            return _with_device(thanks, request, device, new_device)
    fields = forms.answer_fields(questions, request.POST if errors else None, errors)
    context.update(fields=fields, wrong=[field for field in fields if field.errors])
    return _with_device(
        render(request, "surveys/answer.html", context), request, device, new_device
    )


def _with_device(response, request, device: str, new_device: str):
    """The response, giving the phone its random id when it has none yet."""
    if not device and new_device:
        response.set_signed_cookie(
            DEVICE_COOKIE,
            new_device,
            salt=DEVICE_SALT,
            max_age=DEVICE_MAX_AGE,
            path=DEVICE_PATH,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response


def survey_thanks(request, token):
    survey = queries.survey_public(token)
    return render(request, "surveys/thanks.html", {"survey": survey})
