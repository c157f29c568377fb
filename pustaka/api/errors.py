"""The API's error format: ``{"code", "message", "fields"}`` for every refusal."""

import logging
from functools import partial

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from pustaka.core.errors import DomainError, Invalid, NotFound, NotPermitted

logger = logging.getLogger("pustaka.api")

UNAUTHENTICATED = _("Sign in, or send an API token as “Authorization: Bearer <token>”.")
SERVER_ERROR = _("Something went wrong on the server. Please try again later.")
HTTP_ERRORS = {
    400: ("bad_request", _("The request could not be read.")),
    403: ("forbidden", NotPermitted.default_message),
    404: ("not_found", NotFound.default_message),
    429: ("throttled", _("Too many requests. Please wait a moment and try again.")),
}
FIELD_MESSAGES = {
    "missing": _("This field is required."),
    "extra_forbidden": _("Unknown field."),
    "string_type": _("Enter text."),
    "int_type": _("Enter a whole number."),
    "int_parsing": _("Enter a whole number."),
    "int_from_float": _("Enter a whole number."),
    "decimal_type": _("Enter a number."),
    "decimal_parsing": _("Enter a number."),
    "bool_type": _("Enter true or false."),
    "bool_parsing": _("Enter true or false."),
    "date_type": _("Enter a date as YYYY-MM-DD."),
    "date_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
    "enum": _("Choose one of: %(expected)s."),
    "greater_than_equal": _("Enter a number of at least %(ge)s."),
}
FALLBACK_FIELD_MESSAGE = _("Enter a valid value.")


class ErrorOut(Schema):
    """What every refusal looks like."""

    code: str
    message: str
    fields: dict[str, list[str]] | None = None


def error_response(
    api: NinjaAPI, request, *, status: int, code: str, message, fields=None, extra=None
):
    body = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = {name: [str(text) for text in texts] for name, texts in fields.items()}
    body.update(extra or {})
    return api.create_response(request, body, status=status)


def field_errors(errors: list[dict]) -> dict[str, list[str]]:
    """Ninja's validation errors by field name: ``("body", "payload", "name")`` -> ``name``."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(field_name(error["loc"]), []).append(field_message(error))
    return fields


def field_name(loc) -> str:
    parts = [str(part) for part in loc[1:]]
    if loc[0] == "body" and len(parts) > 1:
        parts = parts[1:]  # the body parameter's own name
    return ".".join(parts) or "__all__"


def field_message(error: dict) -> str:
    message = FIELD_MESSAGES.get(error["type"], FALLBACK_FIELD_MESSAGE)
    context = error.get("ctx") or {}
    try:
        return str(message) % context if context else str(message)
    except (KeyError, TypeError, ValueError):
        return str(FALLBACK_FIELD_MESSAGE)


def refusal_details(exc: DomainError) -> dict | None:
    """A refusal with several reasons (the desk's ``Refused``): each reason and
    whether staff may go on anyway (``overridable``: every reason allows it)."""
    refusals = getattr(exc, "refusals", None)
    if refusals is None:
        return None
    return {
        "refusals": [
            {"code": item.code, "message": str(item.message), "overridable": item.overridable}
            for item in refusals
        ],
        "overridable": all(item.overridable for item in refusals),
    }


def on_domain_error(request, exc: DomainError, *, api):
    fields = exc.fields if isinstance(exc, Invalid) else None
    return error_response(
        api,
        request,
        status=exc.status,
        code=exc.code,
        message=exc.message,
        fields=fields,
        extra=refusal_details(exc),
    )


def on_not_found(request, exc, *, api):
    return error_response(
        api, request, status=404, code=NotFound.code, message=NotFound.default_message
    )


def on_permission_denied(request, exc, *, api):
    return error_response(
        api, request, status=403, code=NotPermitted.code, message=NotPermitted.default_message
    )


def on_validation_error(request, exc: ValidationError, *, api):
    return error_response(
        api,
        request,
        status=422,
        code=Invalid.code,
        message=Invalid.default_message,
        fields=field_errors(exc.errors),
    )


def on_unauthenticated(request, exc, *, api):
    response = error_response(
        api, request, status=401, code="unauthenticated", message=UNAUTHENTICATED
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def on_http_error(request, exc: HttpError, *, api):
    code, message = HTTP_ERRORS.get(exc.status_code, ("error", DomainError.default_message))
    return error_response(api, request, status=exc.status_code, code=code, message=message)


def on_server_error(request, exc, *, api):
    logger.error("API request failed: %s %s", request.method, request.path, exc_info=exc)
    return error_response(api, request, status=500, code="server_error", message=SERVER_ERROR)


HANDLERS = [
    (DomainError, on_domain_error),
    (Http404, on_not_found),
    (PermissionDenied, on_permission_denied),
    (ValidationError, on_validation_error),
    (AuthenticationError, on_unauthenticated),
    (HttpError, on_http_error),
    (Exception, on_server_error),
]


def install(api: NinjaAPI) -> None:
    """Render every exception ``api`` meets in the error format (most specific class wins)."""
    for exception_class, render in HANDLERS:
        api.add_exception_handler(exception_class, partial(render, api=api))
