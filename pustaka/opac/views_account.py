"""Members on the public site: sign in with the member number and a
password (``/akun/masuk/``), ask for a sign-in link by e-mail and set a
password through it, my account (``/akun/``: loans to renew, holds to follow
or cancel, reading history, my data, language), and reserving a book online
(``/katalog/<record>/pesan/``).

Every action is a plain form (POST, then a redirect with a message), so
all of it works without JavaScript."""

import json
from contextlib import suppress
from functools import wraps

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from pustaka.catalog.queries import records_live
from pustaka.circulation import queries as circulation_queries
from pustaka.circulation import services as circulation
from pustaka.circulation.policies import days_overdue
from pustaka.core.errors import DomainError, NotPermitted, call_on_form
from pustaka.core.views import set_language_cookie
from pustaka.members import accounts
from pustaka.members import queries_account as account_queries
from pustaka.members.forms_account import PasswordChangeForm, PasswordForm
from pustaka.opac.forms_account import ReserveForm, SignInForm, SignInLinkForm

# The sign-in link's token, kept in the session once opened so that the
# page where the password is set carries no token in its address.
LINK_SESSION_KEY = "_member_sign_in_link"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
HISTORY_PAGE_SIZE = 25


# -- signing in ------------------------------------------------------------


def _next_url(request) -> str:
    """Where to go after signing in: ``next`` when it is on this site, else my account."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("opac:account")


def _member_account(request, number: str, password: str):
    """``(account, None)`` for the member with this number and password, else
    ``(None, why)``. Every attempt goes through ``authenticate``, so axes
    counts failures per account and address and locks after five; only the
    account linked to the member with this number is ever accepted."""
    member = account_queries.member_by_sign_in_number(number)
    if member is not None:
        username = member.user.username if member.user else account_queries.username_for(member)
    else:
        username = f"{account_queries.USERNAME_PREFIX}{number.strip().upper()}"
    user = authenticate(request, username=username, password=password)
    if user is None or member is None or user.pk != member.user_id:
        return None, _("The member number or the password is wrong.")
    refusal = account_queries.sign_in_refusal(member)
    return (None, refusal) if refusal else (user, None)


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    """Sign in with the member number and password; afterwards the site
    speaks the language the member chose last."""
    target = _next_url(request)
    if account_queries.member_of(request.user) is not None:
        return redirect(target)
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, refusal = _member_account(request, **form.cleaned_data)
        if user is not None:
            login(request, user)
            response = redirect(target)
            return set_language_cookie(response, user.language) if user.language else response
        form.add_error(None, refusal)
    return render(request, "opac/account/sign_in.html", {"form": form, "next": target})


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("opac:home")


def _link_for(request):
    """Builds a sign-in link's full address for ``member_sign_in_link_send``."""
    return lambda member, token: request.build_absolute_uri(
        reverse("opac:sign_in_link_open", args=[member.pk, token])
    )


@require_http_methods(["GET", "POST"])
def sign_in_link(request):
    """Ask for a sign-in link by member number. The answer is the same
    whether or not the number exists, has an e-mail address or may sign
    in, so the page tells a stranger nothing about anyone."""
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = account_queries.member_by_sign_in_number(form.cleaned_data["number"])
        if member is not None:
            # A refusal is not told either: the same answer for everyone (see above).
            with suppress(DomainError):
                accounts.member_sign_in_link_send(
                    actor=None, member=member, link_for=_link_for(request)
                )
        messages.success(
            request,
            _(
                "If this number belongs to a member with an e-mail address on file, a sign-in "
                "link is on its way there. Nothing arrives? Ask at your library."
            ),
        )
        return redirect("opac:sign_in")
    return render(request, "opac/account/sign_in_link.html", {"form": form})


def _link_expired(request):
    return render(request, "opac/account/link_expired.html", status=400)


@never_cache
def sign_in_link_open(request, member_id, token):
    """The link from the e-mail: its token goes into the session and the
    page to set a password follows, at an address without the token."""
    member = account_queries.member_for_link(member_id)
    if member is None or not account_queries.sign_in_link_check(member, token):
        return _link_expired(request)
    request.session[LINK_SESSION_KEY] = token
    return redirect("opac:sign_in_link_password", member_id=member.pk)


@sensitive_post_parameters("password", "password_again")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_link_password(request, member_id):
    """Set a password through the link (it works once), then sign in."""
    member = account_queries.member_for_link(member_id)
    token = request.session.get(LINK_SESSION_KEY, "")
    if member is None or not account_queries.sign_in_link_check(member, token):
        return _link_expired(request)
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, user = call_on_form(
            form,
            accounts.member_password_reset,
            member=member,
            token=token,
            password=form.cleaned_data["password"],
        )
        if ok:
            del request.session[LINK_SESSION_KEY]
            login(request, user, backend=MODEL_BACKEND)
            messages.success(request, _("Your password is set and you are signed in."))
            return redirect("opac:account")
    return render(request, "opac/account/set_password.html", {"form": form, "member": member})


# -- my account ------------------------------------------------------------


def member_required(view):
    """Signed-in members only: visitors go to the sign-in page (and come
    back), a staff account without a member gets a page that says so, and a
    member who may no longer sign in (blocked since) is signed out. The view
    receives the member after the request."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            back = request.get_full_path() if request.method == "GET" else reverse("opac:account")
            return redirect_to_login(back, reverse("opac:sign_in"))
        member = account_queries.member_of(request.user)
        if member is None:
            return render(request, "opac/account/not_a_member.html", status=403)
        refusal = account_queries.sign_in_refusal(member)
        if refusal:
            logout(request)
            messages.error(request, refusal)
            return redirect("opac:sign_in")
        return view(request, member, *args, **kwargs)

    return wrapped


def _loan_lines(member) -> list[dict]:
    today = timezone.localdate()
    return [
        {"loan": loan, "overdue_days": days_overdue(loan.due_on, today)}
        for loan in account_queries.member_loans_open(member)
    ]


@never_cache
@member_required
def account(request, member):
    """The member's loans, holds, reading history, data and language."""
    holds = circulation_queries.member_open_holds(member).select_related("record", "pickup_library")
    history = None
    if member.keeps_history:
        history = Paginator(
            account_queries.member_reading_history(member), HISTORY_PAGE_SIZE
        ).get_page(request.GET.get("page"))
    context = {"member": member, "loans": _loan_lines(member), "holds": holds, "history": history}
    return render(request, "opac/account/account.html", context)


@sensitive_post_parameters("current_password", "password", "password_again")
@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def account_password(request, member):
    """Change my password: the current one, then the new one twice. The
    member stays signed in here and is signed out elsewhere."""
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, user = call_on_form(
            form,
            accounts.member_password_change,
            actor=request.user,
            member=member,
            current_password=form.cleaned_data["current_password"],
            password=form.cleaned_data["password"],
        )
        if ok:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your new password is saved."))
            return redirect("opac:account")
    return render(request, "opac/account/change_password.html", {"form": form, "member": member})


def call_on_messages(request, service, **kwargs) -> tuple[bool, object]:
    """Call ``service``; a refusal becomes an error message (a permission
    refusal still becomes a 403)."""
    try:
        return True, service(**kwargs)
    except NotPermitted:
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
        return False, None


@require_POST
@member_required
def account_renew(request, member, loan_id):
    """Renew one of the member's loans; the rules apply and a refusal stands."""
    loan = get_object_or_404(account_queries.member_loans_open(member), pk=loan_id)
    title = loan.item.record.title
    try:
        renewed = circulation.renew(actor=request.user, library=loan.library, loan=loan)
    except NotPermitted:
        raise
    except DomainError as error:
        messages.error(
            request,
            _("“%(title)s” was not renewed: %(reasons)s")
            % {"title": title, "reasons": error.message},
        )
    else:
        messages.success(
            request,
            _("“%(title)s” is renewed: now due on %(date)s.")
            % {"title": title, "date": renewed.due_on.strftime("%d-%m-%Y")},
        )
    return redirect("opac:account")


@require_POST
@member_required
def account_hold_cancel(request, member, hold_id):
    """Cancel one of the member's open holds."""
    holds = circulation_queries.member_open_holds(member).select_related("record")
    hold = get_object_or_404(holds, pk=hold_id)
    ok, _hold = call_on_messages(request, circulation.hold_cancel, actor=request.user, hold=hold)
    if ok:
        messages.success(
            request, _("Your hold on “%(title)s” is cancelled.") % {"title": hold.record.title}
        )
    return redirect("opac:account")


@require_POST
@member_required
def account_history(request, member):
    """Keep my reading history from now on, or stop (and forget it)."""
    keep = request.POST.get("keep") == "1"
    ok, forgotten = call_on_messages(
        request, accounts.member_history_keep, actor=request.user, member=member, keep=keep
    )
    if ok and keep:
        messages.success(request, _("Your reading history is kept from now on."))
    elif ok:
        messages.success(
            request,
            _("Your reading history is no longer kept; %(count)s returned loans were forgotten.")
            % {"count": forgotten},
        )
    return redirect("opac:account")


@require_POST
@member_required
def account_data(request, member):
    """Everything the libraries hold about me, as JSON (recorded in the audit log)."""
    data = accounts.member_export_own(actor=request.user, member=member)
    body = json.dumps(data, ensure_ascii=False, indent=2).encode()
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anggota-{member.number}.json"'
    response["Cache-Control"] = "no-store"
    return response


# -- reserving a book ------------------------------------------------------


def record_url(record) -> str:
    """The record's public page, or the home page where the site has no
    record pages."""
    try:
        return reverse("opac:record", args=[record.pk])
    except NoReverseMatch:
        return reverse("opac:home")


@member_required
@require_http_methods(["GET", "POST"])
def reserve(request, member, record_id):
    """Reserve a book for pickup at a library of the member's choice: the
    hold joins the district's queue; my account shows its place."""
    record = get_object_or_404(records_live(), pk=record_id)
    initial = {"pickup_library": member.library_id}
    form = ReserveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, hold = call_on_form(
            form,
            circulation.hold_place,
            actor=request.user,
            member=member,
            record=record,
            pickup_library=form.cleaned_data["pickup_library"],
        )
        if ok:
            position = circulation_queries.queue_position(hold)
            messages.success(
                request,
                _(
                    "“%(title)s” is reserved for you, to pick up at %(library)s. You are "
                    "number %(position)s in the queue; this page says when it is ready."
                )
                % {
                    "title": record.title,
                    "library": hold.pickup_library.name,
                    "position": position,
                },
            )
            return redirect("opac:account")
    context = {"record": record, "form": form, "record_url": record_url(record)}
    return render(request, "opac/account/reserve.html", context)
