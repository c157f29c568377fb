"""Staff pages for partnerships, under ``/staff/programs/``: partners (a
library's, or the district's for the office), what they contributed, and the
village fund each library received per year."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.programs import forms, policies, queries, services
from pustaka.programs.views import (
    call_with_message,
    may_record_somewhere,
    office_libraries,
    own_library,
)

PER_PAGE = 50


@staff_required
def partner_list(request):
    search = request.GET.get("q", "").strip()
    partners = queries.partners_for_user(request.user, search=search)
    context = {
        "page": Paginator(partners, PER_PAGE).get_page(request.GET.get("page")),
        "search": search,
        "can_record": may_record_somewhere(access_for(request.user)),
    }
    return render(request, "programs/partner_list.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def partner_new(request):
    require(may_record_somewhere(access_for(request.user)))
    libraries = office_libraries(request)
    form = forms.PartnerForm(request.POST or None, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        library = (
            form.cleaned_data.get("library") if libraries is not None else own_library(request)
        )
        ok, partner = call_on_form(
            form, services.partner_create, actor=request.user, library=library, fields=form.values()
        )
        if ok:
            messages.success(request, _("“%(name)s” is saved.") % {"name": partner.name})
            return redirect("programs:partner", partner_id=partner.pk)
    return render(request, "programs/partner_form.html", {"form": form, "partner": None})


@staff_required
@require_http_methods(["GET", "POST"])
def partner_edit(request, partner_id):
    """A partner's details (changed by those who may) and their contributions."""
    partner = queries.partner_for_user(request.user, partner_id)
    access = access_for(request.user)
    can_record = policies.may_record(access, partner.library_id)
    form = forms.PartnerForm(request.POST or None, initial=forms.PartnerForm.initial_of(partner))
    if request.method == "POST":
        require(can_record)
        if form.is_valid():
            ok, _changed = call_on_form(
                form,
                services.partner_update,
                actor=request.user,
                partner=partner,
                changes=form.values(),
            )
            if ok:
                messages.success(request, _("“%(name)s” is saved.") % {"name": partner.name})
                return redirect("programs:partner", partner_id=partner.pk)
    contributions = queries.contributions_for_user(request.user, partner=partner)
    context = {
        "form": form,
        "partner": partner,
        "contributions": contributions,
        "totals": queries.contribution_totals(contributions),
        "can_record": can_record,
        "can_add_contribution": may_record_somewhere(access),
        "can_delete": policies.may_delete(access, partner.library_id),
    }
    return render(request, "programs/partner_form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def partner_delete(request, partner_id):
    partner = queries.partner_for_user(request.user, partner_id)
    require(policies.may_delete(access_for(request.user), partner.library_id))
    if request.method == "POST":
        if call_with_message(request, services.partner_delete, actor=request.user, partner=partner):
            messages.success(request, _("“%(name)s” is deleted.") % {"name": partner.name})
            return redirect("programs:partners")
        return redirect("programs:partner", partner_id=partner.pk)
    context = {"object": partner, "cancel_url": reverse("programs:partner", args=[partner.pk])}
    return render(request, "programs/confirm_delete.html", context)


@staff_required
def contribution_list(request):
    """Contributions, newest first, with their value in all and by kind."""
    year = request.GET.get("year", "")
    contributions = queries.contributions_for_user(
        request.user, year=int(year) if year.isdigit() else None
    )
    context = {
        "page": Paginator(contributions, PER_PAGE).get_page(request.GET.get("page")),
        "totals": queries.contribution_totals(contributions),
        "year": year,
        "can_record": may_record_somewhere(access_for(request.user)),
    }
    return render(request, "programs/contribution_list.html", context)


def _contribution_form(request, **kwargs):
    libraries = office_libraries(request)
    library = None if libraries is not None else own_library(request)
    activities = queries.activities_for_user(request.user, period="all", library=library)
    return forms.ContributionForm(
        request.POST or None,
        partners=queries.partners_for_user(request.user, library=library),
        activities=activities,
        libraries=libraries,
        **kwargs,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def contribution_new(request):
    """Record a contribution (``?partner=ID`` chooses the partner beforehand)."""
    require(may_record_somewhere(access_for(request.user)))
    form = _contribution_form(request, initial={"partner": request.GET.get("partner")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        library = data.get("library") if "library" in form.fields else own_library(request)
        ok, contribution = call_on_form(
            form,
            services.contribution_create,
            actor=request.user,
            partner=data["partner"],
            library=library,
            fields=form.values(),
        )
        if ok:
            messages.success(request, _("The contribution is saved."))
            return redirect("programs:partner", partner_id=contribution.partner_id)
    context = {"form": form, "contribution": None}
    return render(request, "programs/contribution_form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def contribution_edit(request, contribution_id):
    contribution = queries.contribution_for_user(request.user, contribution_id)
    access = access_for(request.user)
    require(policies.may_record(access, contribution.library_id))
    initial = {**forms.ContributionForm.initial_of(contribution), "partner": contribution.partner}
    form = _contribution_form(request, initial=initial)
    form.fields.pop("partner"), form.fields.pop("library", None)
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form,
            services.contribution_update,
            actor=request.user,
            contribution=contribution,
            changes=form.values(),
        )
        if ok:
            messages.success(request, _("The contribution is saved."))
            return redirect("programs:partner", partner_id=contribution.partner_id)
    context = {
        "form": form,
        "contribution": contribution,
        "can_delete": policies.may_delete(access, contribution.library_id),
    }
    return render(request, "programs/contribution_form.html", context)


@staff_required
@require_POST
def contribution_delete(request, contribution_id):
    contribution = queries.contribution_for_user(request.user, contribution_id)
    if call_with_message(
        request, services.contribution_delete, actor=request.user, contribution=contribution
    ):
        messages.success(request, _("The contribution is deleted."))
    return redirect("programs:partner", partner_id=contribution.partner_id)


@staff_required
@require_http_methods(["GET", "POST"])
def village_fund(request):
    """The village fund per library and year; one amount each (saving a year
    again corrects it)."""
    access = access_for(request.user)
    can_record = may_record_somewhere(access)
    libraries = office_libraries(request)
    form = forms.VillageFundForm(request.POST or None, libraries=libraries)
    if request.method == "POST":
        require(can_record)
        if form.is_valid():
            library = form.cleaned_data.get("library") or own_library(request)
            ok, _fund = call_on_form(
                form,
                services.village_fund_set,
                actor=request.user,
                library=library,
                **form.values(),
            )
            if ok:
                messages.success(request, _("The village fund is saved."))
                return redirect("programs:village_fund")
    context = {
        "form": form,
        "funds": queries.village_funds_for_user(request.user),
        "can_record": can_record,
    }
    return render(request, "programs/village_fund.html", context)
