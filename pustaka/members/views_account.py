"""Staff pages for a member's account on the public site: set the member's
password at the desk, or send them a sign-in link by e-mail (from the
member's page, ``/staff/members/<id>/``)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError, NotPermitted, call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.members import accounts, queries
from pustaka.members.forms_account import PasswordForm


def _member_for_change(request, member_id):
    """A member of the user's scope whose record the user may change (404, 403)."""
    member = queries.member_for_user(request.user, member_id)
    require(access_for(request.user).can_manage_members(member.library_id))
    return member


@sensitive_post_parameters("password", "password_again")
@staff_required
@require_http_methods(["GET", "POST"])
def member_password(request, member_id):
    """The password the member chose, typed at the desk; the member then
    signs in on the public site with their number and this password."""
    member = _member_for_change(request, member_id)
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _user = call_on_form(
            form,
            accounts.member_password_set,
            actor=request.user,
            member=member,
            password=form.cleaned_data["password"],
        )
        if ok:
            messages.success(
                request,
                _("Password set: the member signs in with the number %(number)s.")
                % {"number": member.number},
            )
            return redirect("members:detail", member_id=member.pk)
    return render(request, "members/member_password.html", {"form": form, "member": member})


@staff_required
@require_POST
def member_sign_in_link(request, member_id):
    """E-mail the member a one-time link to choose their password."""
    member = _member_for_change(request, member_id)
    try:
        accounts.member_sign_in_link_send(
            actor=request.user,
            member=member,
            link_for=lambda member, token: request.build_absolute_uri(
                reverse("opac:sign_in_link_open", args=[member.pk, token])
            ),
        )
    except NotPermitted:
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("A sign-in link was sent to %(email)s.") % {"email": member.email}
        )
    return redirect("members:detail", member_id=member.pk)
