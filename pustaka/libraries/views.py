"""Staff pages for the district, its libraries and their staff accounts."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pustaka.core.decorators import staff_required
from pustaka.core.errors import call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries import forms, policies, queries, services
from pustaka.libraries.models import Region


@staff_required
def staff_home(request):
    """The first page after sign-in: the libraries this person works with."""
    libraries = queries.libraries_for_user(request.user)
    context = {
        "district": queries.district_current(),
        "libraries": libraries,
        "kind_counts": queries.library_kind_counts(libraries),
    }
    return render(request, "libraries/staff_home.html", context)


@staff_required
def district_detail(request):
    access = access_for(request.user)
    require(access.sees_all_libraries)
    district = queries.district_current()
    if district is None:
        return _district_first(request, access)
    form = forms.DistrictForm(request.POST or None, instance=district)
    if request.method == "POST":
        require(access.is_district_admin)
        if form.is_valid():
            district.refresh_from_db()
            ok, _changed = call_on_form(
                form,
                services.district_update,
                district=district,
                actor=request.user,
                changes=form.cleaned_data,
            )
            if ok:
                messages.success(request, _("District saved."))
                return redirect("libraries:district")
    return render(
        request, "libraries/district.html", {"form": form, "can_edit": access.is_district_admin}
    )


def _district_first(request, access):
    """A new installation: the office names its district once."""
    require(access.is_district_admin)
    form = forms.DistrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _district = call_on_form(
            form, services.district_create, actor=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("District saved."))
            return redirect("libraries:district")
    return render(request, "libraries/district.html", {"form": form, "can_edit": True})


@staff_required
def library_list(request):
    search = request.GET.get("q", "").strip()
    kecamatan = request.GET.get("kecamatan", "")
    libraries = queries.libraries_for_user(request.user, search=search, kecamatan_code=kecamatan)
    context = {
        "libraries": libraries,
        "kecamatan_list": queries.kecamatan_list(),
        "search": search,
        "kecamatan": kecamatan,
    }
    template = "libraries/library_list.html"
    if request.htmx:
        template += "#rows"
    return render(request, template, context)


@staff_required
def library_detail(request, code):
    library = queries.library_for_user(request.user, code)
    access = access_for(request.user)
    staff = queries.staff_for_user(request.user).filter(staff_role__library=library)
    context = {
        "library": library,
        "week": policies.opening_week(library.opening_hours),
        "can_edit": access.can_edit_library(library.pk),
        "staff": staff
        if access.can_manage_staff(library.pk) or access.sees_all_libraries
        else None,
    }
    return render(request, "libraries/library_detail.html", context)


@staff_required
def library_create(request):
    require(access_for(request.user).is_district_admin)
    form = forms.LibraryAdminForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = form.changes()
        core = {name: fields.pop(name) for name in ("code", "name", "kind", "kecamatan")}
        ok, library = call_on_form(
            form, services.library_create, actor=request.user, **core, **fields
        )
        if ok:
            messages.success(request, _("Library %(name)s added.") % {"name": library.name})
            return redirect("libraries:library_detail", code=library.code)
    return render(request, "libraries/library_form.html", {"form": form, "library": None})


@staff_required
def library_edit(request, code):
    library = queries.library_for_user(request.user, code)
    access = access_for(request.user)
    require(access.can_edit_library(library.pk))
    form_class = forms.LibraryAdminForm if access.is_district_admin else forms.LibraryProfileForm
    form = form_class(request.POST or None, instance=library)
    if request.method == "POST" and form.is_valid():
        library.refresh_from_db()
        ok, _changed = call_on_form(
            form,
            services.library_update,
            actor=request.user,
            library=library,
            changes=form.changes(),
        )
        if ok:
            messages.success(request, _("Library profile saved."))
            return redirect("libraries:library_detail", code=library.code)
    return render(request, "libraries/library_form.html", {"form": form, "library": library})


@staff_required
def village_options(request, code=None):
    """``<option>`` rows of the villages in the chosen kecamatan (htmx)."""
    kecamatan = queries.kecamatan_by_id(request.GET.get("kecamatan"))
    villages = queries.villages_of(kecamatan) if kecamatan else Region.objects.none()
    return render(request, "libraries/library_form.html#village_options", {"villages": villages})


@staff_required
def staff_list(request):
    access = access_for(request.user)
    require(access.sees_all_libraries or access.can_manage_staff(access.library_id))
    accounts = queries.staff_for_user(request.user)
    return render(request, "libraries/staff_list.html", {"accounts": accounts})


@staff_required
def staff_create(request):
    access = access_for(request.user)
    require(bool(access.assignable_roles()))
    form = forms.StaffCreateForm(
        request.POST or None, access=access, libraries=queries.libraries_for_user(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, account = call_on_form(
            form,
            services.staff_create,
            actor=request.user,
            username=data["username"],
            password=data["password"],
            role=data["role"],
            library=data["library"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
        )
        if ok:
            messages.success(request, _("Account %(name)s created.") % {"name": account})
            return redirect("libraries:staff_list")
    return render(request, "libraries/staff_form.html", {"form": form, "account": None})


@staff_required
def staff_edit(request, account_id):
    account = queries.staff_account_for_user(request.user, account_id)
    access = access_for(request.user)
    require(access.can_manage_staff(account.staff_role.library_id))
    initial = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "phone": account.phone,
        "is_active": account.is_active,
        "role": account.staff_role.role,
        "library": account.staff_role.library,
    }
    form = forms.StaffAccountForm(
        request.POST or None,
        initial=initial,
        access=access,
        libraries=queries.libraries_for_user(request.user),
    )
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form,
            services.staff_update,
            actor=request.user,
            user=account,
            changes=form.account_changes(),
            role=form.cleaned_data["role"],
            library=form.cleaned_data["library"],
        )
        if ok:
            messages.success(request, _("Account %(name)s saved.") % {"name": account})
            return redirect("libraries:staff_list")
    return render(request, "libraries/staff_form.html", {"form": form, "account": account})


@staff_required
def staff_password(request, account_id):
    account = queries.staff_account_for_user(request.user, account_id)
    require(access_for(request.user).can_manage_staff(account.staff_role.library_id))
    form = forms.PasswordSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _result = call_on_form(
            form,
            services.staff_set_password,
            actor=request.user,
            user=account,
            password=form.cleaned_data["password"],
        )
        if ok:
            messages.success(request, _("New password set for %(name)s.") % {"name": account})
            return redirect("libraries:staff_edit", account_id=account.pk)
    return render(request, "libraries/staff_password.html", {"form": form, "account": account})
