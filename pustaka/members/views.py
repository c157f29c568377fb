"""Staff pages for members: the list, registering (with a duplicate check
before saving), a member's page, editing, renewal, blocks and consent, and
the online registrations waiting for the desk to confirm or reject them."""

import hashlib

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError, Invalid, NotPermitted, call_on_form, form_add_error
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_for_user, libraries_managed_by
from pustaka.members import forms, policies, queries, services
from pustaka.members.models import Member

PER_PAGE = 50
# The member's page shows their latest notices; the notices page has them all.
LAST_NOTICES = 10


@staff_required
def member_list(request):
    """Members of the user's library (every library for the office), searchable."""
    access = access_for(request.user)
    libraries = libraries_for_user(request.user) if access.sees_all_libraries else None
    form = forms.MemberFilterForm(request.GET or None, libraries=libraries)
    members = queries.members_for_user(
        request.user,
        search=form.value("q"),
        status=form.value("status"),
        category=form.value("category"),
        library_code=form.value("library"),
    )
    page = Paginator(members, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_register": libraries_managed_by(request.user).exists(),
        "query": _query_without_page(request),
        "pending_count": _pending(request.user).count(),
    }
    template = "members/member_list.html#rows" if request.htmx else "members/member_list.html"
    return render(request, template, context)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@sensitive_post_parameters("nik")
@staff_required
def member_register(request):
    """Register a member; possible duplicates in the district are shown first
    and the staff member confirms before the member is saved."""
    libraries = libraries_managed_by(request.user)  # where the user may register members
    require(libraries.exists())
    form = _register_form(request, libraries)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        duplicates, key = _duplicates(form)
        if duplicates == []:
            member = _register(request, form)
            if member is not None:
                messages.success(
                    request,
                    _("%(name)s is registered with number %(number)s.")
                    % {"name": member.name, "number": member.number},
                )
                return redirect("members:detail", member_id=member.pk)
        elif duplicates:
            form = _register_form(request, libraries, duplicates_seen=key)
            form.is_valid()
    context = {"form": form, "duplicates": duplicates or [], "consent_text": policies.CONSENT_TEXT}
    return render(request, "members/member_register.html", context)


def _register_form(request, libraries, *, duplicates_seen=""):
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        if duplicates_seen:
            data["duplicates_seen"] = duplicates_seen
    form = forms.RegisterForm(data)
    office = access_for(request.user).library_id is None
    if duplicates_seen or office:  # the confirm button, or the library, has the focus
        form.fields["name"].widget.attrs.pop("autofocus", None)
    if office:
        form.fields["library"] = forms.forms.ModelChoiceField(
            label=_("Home library"), queryset=libraries
        )
        form.fields["library"].widget.attrs["autofocus"] = True
    return form


def _duplicates(form) -> tuple[list | None, str]:
    """Possible duplicates to show, and the key of what was checked; ``[]``
    when there are none or the staff member saw them for the same name, date
    of birth and NIK; ``None`` when the NIK is not valid (the error is on the form)."""
    data = form.cleaned_data
    try:
        nik = services.nik_fields(data["nik"], birth_date=data["birth_date"], gender=data["gender"])
    except Invalid as error:
        form_add_error(form, error)
        return None, ""
    checked = "|".join([" ".join(data["name"].split()).casefold(), str(data["birth_date"])])
    key = hashlib.sha256(f"{checked}|{nik['nik_hash']}".encode()).hexdigest()[:16]
    if data["duplicates_seen"] == key:
        return [], key
    found = queries.possible_duplicates(
        nik_hash=nik["nik_hash"], name=data["name"], birth_date=data["birth_date"]
    )
    return found, key


def _register(request, form):
    data = form.cleaned_data
    library = data.get("library") or request.user.staff_role.library
    _ok, member = call_on_form(
        form,
        services.member_register,
        actor=request.user,
        library=library,
        fields={name: value for name, value in form.member_fields().items() if value is not None},
        consent_statement=str(policies.CONSENT_TEXT),
        consent_given_by=data["consent_given_by"],
        guardian_relation=data["guardian_relation"],
        nik=data["nik"],
        number=data["number"],
    )
    return member


@staff_required
def member_detail(request, member_id):
    """A member's details, consents, membership and what may be done next;
    a registration still waiting is reviewed on its own page."""
    member = queries.member_for_user(request.user, member_id)
    if member.status == Member.Status.PENDING:
        return redirect("members:pending_review", member_id=member.pk)
    access = access_for(request.user)
    consents = list(member.consents.all())
    context = {
        "member": member,
        "consents": consents,
        "consent_in_force": any(consent.withdrawn_on is None for consent in consents),
        "can_change": access.can_manage_members(member.library_id)
        and member.status != member.Status.ANONYMISED,
        "can_export": access.can_export_personal_data
        and access.can_manage_members(member.library_id),
        "block_form": forms.BlockForm(),
        "is_expired": queries.desk_view(member).is_expired,
        "notices": _last_notices(member),
    }
    return render(request, "members/member_detail.html", context)


def _last_notices(member) -> list:
    """An anonymised member's notices name the person: they are not shown."""
    if member.status == Member.Status.ANONYMISED:
        return []
    return list(member.notices.order_by("-created_at")[:LAST_NOTICES])


def _member_for_change(request, member_id):
    member = queries.member_for_user(request.user, member_id)
    require(access_for(request.user).can_manage_members(member.library_id))
    return member


@sensitive_post_parameters("nik")
@staff_required
def member_edit(request, member_id):
    member = _member_for_change(request, member_id)
    form = forms.MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        member.refresh_from_db()  # the form changed the instance it was given
        nik = form.nik_change()
        ok, _changed = call_on_form(
            form,
            services.member_update,
            actor=request.user,
            member=member,
            changes=form.member_fields(),
            nik=nik,
        )
        if ok:
            messages.success(request, _("Member saved."))
            return redirect("members:detail", member_id=member.pk)
    return render(request, "members/member_form.html", {"form": form, "member": member})


@staff_required
@require_POST
def member_renew(request, member_id):
    member = _member_for_change(request, member_id)
    if _call(request, services.member_renew, actor=request.user, member=member):
        member.refresh_from_db()
        messages.success(
            request,
            _("Membership renewed until %(date)s.")
            % {"date": member.expires_on.strftime("%d-%m-%Y")},
        )
    return redirect("members:detail", member_id=member.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def member_block(request, member_id):
    member = _member_for_change(request, member_id)
    form = forms.BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _result = call_on_form(
            form,
            services.member_block,
            actor=request.user,
            member=member,
            reason=form.cleaned_data["reason"],
        )
        if ok:
            messages.success(request, _("Member blocked."))
            return redirect("members:detail", member_id=member.pk)
    return render(request, "members/member_block.html", {"form": form, "member": member})


@staff_required
@require_POST
def member_unblock(request, member_id):
    member = _member_for_change(request, member_id)
    reason = request.POST.get("reason", "")
    if _call(request, services.member_unblock, actor=request.user, member=member, reason=reason):
        messages.success(request, _("The block is lifted."))
    return redirect("members:detail", member_id=member.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, member_id):
    """Ask, then record that the member withdrew their consent."""
    member = _member_for_change(request, member_id)
    if request.method == "POST":
        if _call(request, services.consent_withdraw, actor=request.user, member=member):
            messages.success(request, _("The withdrawal of consent is recorded."))
        return redirect("members:detail", member_id=member.pk)
    return render(request, "members/consent_withdraw.html", {"member": member})


def _call(request, service, **kwargs) -> bool:
    """Call ``service``; a refusal becomes an error message (403 stays a 403)."""
    try:
        service(**kwargs)
    except NotPermitted:
        raise
    except DomainError as error:
        messages.error(request, " ".join(_messages(error)))
        return False
    return True


def _messages(error: DomainError) -> list[str]:
    texts = [str(text) for texts in error.fields.values() for text in texts]
    return texts or [str(error.message)]


@staff_required
def categories(request):
    """The member categories; the office adds and changes them."""
    access = access_for(request.user)
    require(access.sees_all_libraries)
    form = forms.CategoryForm(request.POST or None)
    if request.method == "POST":
        require(access.is_district_admin)
        if form.is_valid():
            ok, category = call_on_form(
                form, services.member_category_create, actor=request.user, **form.cleaned_data
            )
            if ok:
                messages.success(request, _("Category “%(name)s” added.") % {"name": category})
                return redirect("members:categories")
    context = {"categories": queries.categories(), "form": form}
    return render(request, "members/categories.html", context)


@staff_required
def category_edit(request, category_id):
    require(access_for(request.user).is_district_admin)
    category = queries.categories().filter(pk=category_id).first()
    if category is None:
        raise queries.Http404
    form = forms.CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        category.refresh_from_db()
        ok, _changed = call_on_form(
            form,
            services.member_category_update,
            actor=request.user,
            category=category,
            changes=form.cleaned_data,
        )
        if ok:
            messages.success(request, _("Category saved."))
            return redirect("members:categories")
    return render(request, "members/category_form.html", {"form": form, "category": category})


def _pending(user):
    """Online registrations ``user`` sees (their library's; all for the office), oldest first."""
    return queries.members_for_user(user, status=Member.Status.PENDING).order_by("created_at")


@staff_required
def pending_list(request):
    """Online registrations waiting for their home library to confirm them."""
    page = Paginator(_pending(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "members/pending_list.html", {"page": page})


def _pending_member(request, member_id):
    member = queries.member_for_user(request.user, member_id)
    if member.status != Member.Status.PENDING:
        raise Http404
    return member


@staff_required
@require_http_methods(["GET", "POST"])
def pending_review(request, member_id):
    """One registration: who they say they are, possible duplicates in the
    district, and confirming them once their identity is checked."""
    member = _pending_member(request, member_id)
    can_act = access_for(request.user).can_manage_members(member.library_id)
    form = forms.ConfirmForm(request.POST or None, initial={"category": member.category})
    if request.method == "POST":
        require(can_act)
        if form.is_valid():
            ok, confirmed = call_on_form(
                form,
                services.member_confirm,
                actor=request.user,
                member=member,
                category=form.cleaned_data["category"],
            )
            if ok:
                messages.success(
                    request,
                    _("%(name)s is a member now, with number %(number)s.")
                    % {"name": confirmed.name, "number": confirmed.number},
                )
                return redirect("members:detail", member_id=confirmed.pk)
    context = {
        "member": member,
        "consents": list(member.consents.all()),
        "duplicates": queries.possible_duplicates(
            name=member.name, birth_date=member.birth_date, exclude=member
        ),
        "form": form,
        "can_act": can_act,
    }
    return render(request, "members/pending_review.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def pending_reject(request, member_id):
    """Ask, then reject the registration: everything it held is deleted."""
    member = _pending_member(request, member_id)
    require(access_for(request.user).can_manage_members(member.library_id))
    if request.method == "POST":
        name = member.name
        if _call(request, services.member_registration_reject, actor=request.user, member=member):
            messages.success(
                request,
                _("The registration of %(name)s is rejected; its data is deleted.")
                % {"name": name},
            )
            return redirect("members:pending")
        return redirect("members:pending_review", member_id=member.pk)
    return render(request, "members/pending_reject.html", {"member": member})
