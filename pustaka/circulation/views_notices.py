"""Staff pages of the notices sent to members (filtered, with "try again" for
a failed one) and of the SMS/WhatsApp outbox: the messages waiting to be
passed on from a phone by hand or by a bridge program, marked passed on one
by one or all shown at once, and downloaded as CSV."""

import csv
import re
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pustaka.circulation import queries_notices, services_notices
from pustaka.circulation.forms_notices import LibraryFilterForm, NoticeFilterForm
from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.libraries.queries import libraries_for_user

NOTICES_PER_PAGE = 50
OUTBOX_PER_PAGE = 100
# A spreadsheet reads a cell starting with one of these as a formula; a
# phone number may start with + (and hold -), which stays as it is.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PHONE = re.compile(r"\+?[0-9 ().-]+")
# Spreadsheet programs read UTF-8 (the quotes and accents of the texts) only
# after this mark; programs that read the outbox use the API.
BYTE_ORDER_MARK = "\ufeff"


@staff_required
def notice_list(request):
    """The notices of the user's library's members (every library's for the
    office), newest first, with "try again" on a failed one."""
    form = NoticeFilterForm(request.GET or None, libraries=_office_libraries(request.user))
    notices = queries_notices.notices_for_user(
        request.user,
        status=form.value("status"),
        channel=form.value("channel"),
        kind=form.value("kind"),
        library_code=form.value("library"),
        member_number=form.value("member"),
    )
    page = Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    access = access_for(request.user)
    for notice in page.object_list:
        notice.may_retry = notice.is_retryable and _may_change(access, notice.member.library_id)
    context = {
        "form": form,
        "page": page,
        "query": _query_without_page(request),
        "office": access.sees_all_libraries,
    }
    template = (
        "circulation/notices/list.html#rows" if request.htmx else "circulation/notices/list.html"
    )
    return render(request, template, context)


@staff_required
@require_POST
def notice_retry(request, notice_id):
    """Queue a failed notice to be sent once more, then back to the list."""
    notice = queries_notices.notice_for_user(request.user, notice_id)
    try:
        services_notices.notice_retry(actor=request.user, notice=notice)
    except NotPermitted:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The notice to %(name)s will be sent again in a moment.")
            % {"name": notice.member.name},
        )
    return _back(request, "circulation:notices")


@staff_required
def outbox(request):
    """SMS/WhatsApp messages waiting to be passed on, oldest first."""
    form = LibraryFilterForm(request.GET or None, libraries=_office_libraries(request.user))
    waiting = queries_notices.outbox_waiting(request.user, library_code=form.value("library"))
    page = Paginator(waiting, OUTBOX_PER_PAGE).get_page(request.GET.get("page"))
    access = access_for(request.user)
    for message in page.object_list:
        message.may_pass_on = _may_change(access, _message_library_id(message))
    context = {
        "form": form,
        "page": page,
        "query": _query_without_page(request),
        "shown": [message for message in page.object_list if message.may_pass_on],
    }
    return render(request, "circulation/notices/outbox.html", context)


@staff_required
@require_POST
def outbox_pass_on(request):
    """Mark the chosen messages (one, or every one shown) as passed on; one
    the user may not see is a 404, one they may not change a 403."""
    ids = _message_ids(request.POST.getlist("message"))
    count = services_notices.outbox_pass_on(actor=request.user, message_ids=ids)
    messages.success(
        request,
        ngettext(
            "%(count)d message marked as passed on.",
            "%(count)d messages marked as passed on.",
            count,
        )
        % {"count": count},
    )
    return _back(request, "circulation:outbox")


@staff_required
def outbox_csv(request):
    """The waiting messages as CSV (phone, text, created; UTF-8 with a byte
    order mark), for sending them from a phone by hand."""
    form = LibraryFilterForm(request.GET or None, libraries=_office_libraries(request.user))
    waiting = queries_notices.outbox_waiting(request.user, library_code=form.value("library"))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="outbox-{stamp}.csv"'
    response.write(BYTE_ORDER_MARK)
    writer = csv.writer(response)
    writer.writerow(["phone", "text", "created"])
    for message in waiting.iterator():
        created = timezone.localtime(message.created_at).isoformat(timespec="seconds")
        writer.writerow([_cell(message.to), _cell(message.text), created])
    return response


def _message_ids(values: list[str]) -> list[UUID]:
    try:
        return [UUID(value) for value in values]
    except ValueError:
        raise Http404 from None


def _cell(value: str) -> str:
    """``value`` as a spreadsheet shows it, never run as a formula."""
    if value.startswith(FORMULA_START) and not PHONE.fullmatch(value):
        return f"'{value}"
    return value


def _office_libraries(user):
    """The libraries the office filters by; None for library staff (one library)."""
    return libraries_for_user(user) if access_for(user).sees_all_libraries else None


def _may_change(access, library_id) -> bool:
    """Whether the buttons are shown: the services decide (``services_notices``)."""
    return access.can_manage_members(library_id) if library_id else access.is_district_admin


def _message_library_id(message):
    return message.notice.member.library_id if message.notice_id else None


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _back(request, name: str):
    """Back to the list the form was on, with its filters and page."""
    query = QueryDict(request.POST.get("query", "")).urlencode()
    url = reverse(name)
    return redirect(f"{url}?{query}" if query else url)
