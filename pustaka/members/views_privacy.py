"""A member's data exported (JSON, PDF) and anonymised on request, and
member cards printed as PDF."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_managed_by
from pustaka.members import forms, queries, services
from pustaka.members.cards import Card, cards_pdf
from pustaka.members.export import export_pdf, member_field_labels
from pustaka.members.models import Member

MAX_CARDS = 500


def _member_with_personal_rights(request, member_id) -> Member:
    """A member of the user's scope, if the user may export or delete personal data."""
    member = queries.member_for_user(request.user, member_id)
    access = access_for(request.user)
    require(access.can_export_personal_data and access.can_manage_members(member.library_id))
    return member


@staff_required
@require_POST
def member_export(request, member_id, file_format):
    """Everything held about the member, as JSON or a readable PDF (audited)."""
    member = _member_with_personal_rights(request, member_id)
    data = services.member_export(actor=request.user, member=member, file_format=file_format)
    if file_format == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2).encode()
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        pdf = export_pdf(data, labels=member_field_labels(), library_name=member.library.name)
        response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"anggota-{member.number}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def member_anonymise(request, member_id):
    """Ask, then wipe everything that names the member (audited)."""
    member = _member_with_personal_rights(request, member_id)
    if request.method == "POST":
        if request.POST.get("confirm") != member.number:
            messages.error(request, _("Type the member's number to confirm."))
        else:
            services.member_anonymise(actor=request.user, member=member)
            messages.success(request, _("The member's personal data has been wiped."))
            return redirect("members:detail", member_id=member.pk)
    return render(request, "members/member_anonymise.html", {"member": member})


def card_for(member: Member) -> Card:
    return Card(
        number=member.number,
        name=member.name,
        library_name=member.library.name,
        expires=member.expires_on.strftime("%d-%m-%Y") if member.expires_on else "",
        category=member.category.name,
        heading=_("Library member card"),
        expires_label=_("Valid until"),
    )


def _pdf_response(cards: list[Card], filename: str) -> HttpResponse:
    response = HttpResponse(
        cards_pdf(cards, title=_("Member cards")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@staff_required
def member_card(request, member_id):
    """One member's card on an A4 page (cut along the outline)."""
    member = queries.member_for_user(request.user, member_id)
    require(access_for(request.user).can_manage_members(member.library_id))
    require(member.status not in (Member.Status.ANONYMISED, Member.Status.PENDING))
    return _pdf_response([card_for(member)], f"kartu-{member.number}.pdf")


@staff_required
def cards(request):
    """Cards of chosen members (typed or scanned numbers) or of every member
    registered since a date, ten to an A4 page."""
    require(libraries_managed_by(request.user).exists())
    form = forms.CardsForm(request.POST or None, initial={"registered_since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        members, unknown = _chosen_members(request.user, form)
        if members and not unknown:
            return _pdf_response([card_for(member) for member in members], "kartu-anggota.pdf")
        if unknown:
            form.add_error(
                None,
                _("Not members you can print cards for: %(numbers)s")
                % {"numbers": ", ".join(unknown)},
            )
        else:
            form.add_error(None, _("No members were chosen."))
    return render(request, "members/cards.html", {"form": form})


def _chosen_members(user, form):
    """The chosen members the user may print cards for, and the numbers not found."""
    numbers = form.number_list()
    since = None if numbers else form.cleaned_data["registered_since"]
    scoped = queries.members_for_user(user, registered_since=since).exclude(
        status__in=[Member.Status.ANONYMISED, Member.Status.PENDING]
    )
    if numbers:
        found = {member.number: member for member in scoped.filter(number__in=numbers)}
        return [found[n] for n in numbers if n in found], [n for n in numbers if n not in found]
    return list(scoped.order_by("number")[:MAX_CARDS]), []
