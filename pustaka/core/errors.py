"""Domain errors services raise; pages show their message, the API its code."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A refusal a user can understand: a stable ``code`` and a translated message."""

    code = "error"
    status = 400
    default_message = _("The request could not be carried out.")

    def __init__(self, message=None, *, code: str | None = None, fields: dict | None = None):
        self.message = message or self.default_message
        self.code = code or self.code
        self.fields = fields or {}
        super().__init__(str(self.message))


class NotPermitted(DomainError, PermissionDenied):
    code = "forbidden"
    status = 403
    default_message = _("You do not have permission to do this.")


class NotFound(DomainError, Http404):
    code = "not_found"
    status = 404
    default_message = _("Not found.")


class Invalid(DomainError):
    code = "invalid"
    status = 422
    default_message = _("Some values are not valid.")


def form_add_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form: per field where it names fields."""
    for field, messages in error.fields.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
    if not error.fields:
        form.add_error(None, str(error.message))


def call_on_form(form, service, **kwargs) -> tuple[bool, object]:
    """Call ``service``; a refusal is shown on ``form`` and returns ``(False, None)``.

    A permission refusal is not a form error: it propagates and becomes a 403.
    """
    try:
        return True, service(**kwargs)
    except NotPermitted:
        raise
    except DomainError as error:
        form_add_error(form, error)
        return False, None
