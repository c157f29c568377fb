"""Staff home, sign-in with the remembered language, language switch, API tokens
and the audit log."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError
from pustaka.core.forms import ApiTokenForm
from pustaka.core.models import ApiToken, AuditLog
from pustaka.core.permissions import access_for, require
from pustaka.core.services import api_token_create, api_token_revoke, user_set_language


def set_language_cookie(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


class StaffLoginView(LoginView):
    """Sign in; afterwards the interface speaks the language the user chose last."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().language
        return set_language_cookie(response, language) if language else response


@require_POST
def language_switch(request):
    """Switch the interface language; it sticks in a cookie and on the account."""
    language = request.POST.get("language", "")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if language not in dict(settings.LANGUAGES) or not check_for_language(language):
        return response
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    return set_language_cookie(response, language)


@staff_required
def api_tokens(request):
    """The office issues and revokes tokens for other systems and scripts."""
    require(access_for(request.user).is_district_admin)
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = api_token_create(
                actor=request.user, user=form.cleaned_data["user"], name=form.cleaned_data["name"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
            form = ApiTokenForm()
    tokens = ApiToken.objects.select_related("user", "created_by")
    context = {"form": form, "tokens": tokens, "secret": secret}
    return render(request, "core/api_tokens.html", context)


@staff_required
@require_POST
def api_token_revoke_view(request, token_id):
    require(access_for(request.user).is_district_admin)
    token = get_object_or_404(ApiToken, pk=token_id)
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect(reverse("staff:api_tokens"))


@staff_required
def audit_log(request):
    """Who touched personal data or access rights (office only)."""
    require(access_for(request.user).is_district_admin)
    entries = AuditLog.objects.select_related("actor")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page})
