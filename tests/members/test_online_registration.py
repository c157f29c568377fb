"""Online registration: a person becomes a pending member without a member
number; the home library's desk confirms them (number, expiry, active) or
rejects them (nothing kept); pending members cannot borrow."""

import datetime

import pytest
from django.utils import translation

from pustaka.circulation import services as circulation_services
from pustaka.circulation.services import Refused
from pustaka.core.abuse import RateLimited
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.models import AuditLog, ChangeLog
from pustaka.libraries import services as library_services
from pustaka.libraries.models import LibraryCounter
from pustaka.members import services
from pustaka.members.models import Consent, Member, MemberCategory
from pustaka.members.policies import months_later
from tests.core.html import links, text
from tests.members.fixtures import CONSENT

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def register_online(library, client="client-1", **extra):
    fields = {
        "name": "Dewi Lestari",
        "gender": "female",
        "birth_date": datetime.date(1995, 8, 17),
        "phone": "0812-5555-0303",
        "address": "RT 04",
    }
    options = {key: extra.pop(key) for key in list(extra) if key.startswith("consent_")}
    options.update(
        {key: extra.pop(key) for key in ("guardian_relation", "honeypot") if key in extra}
    )
    return services.member_register_online(
        library=library,
        fields={**fields, **extra},
        consent_statement=CONSENT,
        client=client,
        today=TODAY,
        **options,
    )


def test_a_registration_is_pending_and_uses_up_no_member_number(seeded, library_a):
    member = register_online(library_a)
    assert member.status == Member.Status.PENDING
    assert member.number.startswith("PENDING-")
    assert member.expires_on is None
    assert (member.category.code, member.notices_by) == ("general", "sms")
    assert not LibraryCounter.objects.filter(library=library_a).exists()
    consent = member.consents.get()
    assert (consent.given_on, consent.statement) == (TODAY, CONSENT)
    audit = AuditLog.objects.get(action="member.register_online")
    assert (audit.actor, audit.entity_id, audit.detail) == (
        None,
        str(member.pk),
        {"consent": "given online"},
    )
    assert ChangeLog.objects.get(entity="members.member", entity_id=str(member.pk)).staff is None


def test_a_registration_needs_a_date_of_birth_and_a_way_to_reach_the_person(seeded, library_a):
    with pytest.raises(Invalid) as refused:
        register_online(library_a, birth_date=None, phone="")
    assert refused.value.fields == {
        "birth_date": ["Give your date of birth."],
        "phone": ["Give a phone number or an e-mail address, so the library can reach you."],
    }
    member = register_online(library_a, phone="", email="dewi@example.id")
    assert member.notices_by == "email"


def test_a_minor_needs_a_parent_or_guardian(seeded, library_a):
    with pytest.raises(Invalid) as refused:
        register_online(library_a, birth_date=datetime.date(2015, 1, 1))
    assert set(refused.value.fields) == {"consent_given_by"}
    member = register_online(
        library_a,
        birth_date=datetime.date(2015, 1, 1),
        consent_given_by="Siti Aminah",
        guardian_relation="ibu",
    )
    assert member.consents.get().given_by == "Siti Aminah"


def test_only_known_fields_and_active_libraries(seeded, admin, library_a, library_b):
    with pytest.raises(Invalid) as refused:
        register_online(library_a, nik_hash="x")
    assert refused.value.fields == {"nik_hash": ["Unknown field."]}
    library_services.library_update(actor=admin, library=library_b, changes={"is_active": False})
    with pytest.raises(Invalid) as refused:
        register_online(library_b)
    assert set(refused.value.fields) == {"library"}


def test_honeypot_and_rate_limit(seeded, library_a):
    with pytest.raises(Invalid) as refused:
        register_online(library_a, honeypot="x")
    assert refused.value.code == "honeypot"
    for _number in range(3):
        register_online(library_a)
    with pytest.raises(RateLimited):
        register_online(library_a)
    register_online(library_a, client="client-2")
    assert Member.objects.filter(status="pending").count() == 4


# --- the desk -------------------------------------------------------------------


def test_confirming_mints_a_number_and_starts_the_membership(manager_a, pending_member_a):
    students = MemberCategory.objects.get(code="students")
    member = services.member_confirm(
        actor=manager_a, member=pending_member_a, category=students, today=TODAY
    )
    member.refresh_from_db()
    assert (member.status, member.number, member.category) == ("active", "DSA-000001", students)
    assert member.expires_on == months_later(TODAY, students.membership_months)
    assert AuditLog.objects.filter(action="member.confirm", actor=manager_a).exists()
    with pytest.raises(Invalid, match="dealt with already"):
        services.member_confirm(actor=manager_a, member=member)


def test_only_the_home_library_or_the_office_confirms(manager_b, viewer, admin, pending_member_a):
    for actor in (manager_b, viewer):
        with pytest.raises(NotPermitted):
            services.member_confirm(actor=actor, member=pending_member_a)
    assert services.member_confirm(actor=admin, member=pending_member_a).status == "active"


def test_rejecting_keeps_nothing_of_the_person(manager_a, pending_member_a):
    member_id, consent_id = pending_member_a.pk, pending_member_a.consents.get().pk
    services.member_registration_reject(actor=manager_a, member=pending_member_a)
    assert not Member.objects.filter(pk=member_id).exists()
    assert not Consent.objects.filter(pk=consent_id).exists()
    logged = ChangeLog.objects.filter(entity_id__in=[str(member_id), str(consent_id)])
    assert [row.operation for row in logged.order_by("seq")] == [
        "create",
        "create",
        "delete",
        "delete",
    ]
    everything = str([(row.fields, row.previous) for row in logged])
    for personal in ("Dewi", "Lestari", "0812-5555-0303", "RT 04", "1995-08-17", "female"):
        assert personal not in everything
    audit = AuditLog.objects.get(action="member.registration_reject")
    assert (audit.actor, audit.entity_id, audit.detail) == (manager_a, str(member_id), {})


def test_another_library_cannot_reject(manager_b, pending_member_a):
    with pytest.raises(NotPermitted):
        services.member_registration_reject(actor=manager_b, member=pending_member_a)
    assert Member.objects.filter(pk=pending_member_a.pk).exists()


def test_a_confirmed_member_cannot_be_rejected(manager_a, pending_member_a):
    services.member_confirm(actor=manager_a, member=pending_member_a)
    with pytest.raises(Invalid):
        services.member_registration_reject(actor=manager_a, member=pending_member_a)


def test_pending_members_cannot_borrow_even_with_an_override(
    manager_a, library_a, pending_member_a, item_a
):
    with pytest.raises(Refused) as refused:
        circulation_services.checkout(
            actor=manager_a,
            library=library_a,
            member=pending_member_a,
            barcode=item_a.barcode,
            override=True,
        )
    assert [(r.code, r.overridable) for r in refused.value.refusals] == [("pending", False)]


# --- the desk's pages -------------------------------------------------------------


@pytest.fixture
def english_client_for(client_for):
    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


def test_the_desk_sees_only_its_own_pending_registrations(
    english_client_for, manager_a, manager_b, pending_member_a
):
    listing = english_client_for(manager_a).get("/staff/members/pending/")
    assert ("Dewi Lestari", f"/staff/members/pending/{pending_member_a.pk}/") in links(listing.text)
    members = text(english_client_for(manager_a).get("/staff/members/").text)
    assert "1 registration waits for confirmation" in members
    other = english_client_for(manager_b)
    assert "Dewi Lestari" not in other.get("/staff/members/pending/").text
    assert "0 registrations wait for confirmation" in text(other.get("/staff/members/").text)
    assert other.get(f"/staff/members/pending/{pending_member_a.pk}/").status_code == 404
    reject = other.post(f"/staff/members/pending/{pending_member_a.pk}/reject/")
    assert reject.status_code == 404


def test_a_pending_member_page_leads_to_the_review(english_client_for, manager_a, pending_member_a):
    response = english_client_for(manager_a).get(f"/staff/members/{pending_member_a.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/members/pending/{pending_member_a.pk}/"


def test_review_shows_the_details_and_possible_duplicates(
    english_client_for, manager_a, library_a, pending_member_a
):
    from tests.members.fixtures import register

    register(manager_a, library_a, "Dewi Lestari", birth_date=datetime.date(1995, 8, 17))
    page = text(
        english_client_for(manager_a).get(f"/staff/members/pending/{pending_member_a.pk}/").text
    )
    assert "0812-5555-0303" in page and "RT 04 Rebaq Rinding" in page
    assert "This person may be a member already" in page
    assert "Dewi Lestari · DSA-000001 · Perpustakaan Desa Rebaq Rinding" in page


def test_confirm_at_the_desk(english_client_for, volunteer_a, pending_member_a):
    students = MemberCategory.objects.get(code="students")
    response = english_client_for(volunteer_a).post(
        f"/staff/members/pending/{pending_member_a.pk}/",
        {"category": str(students.pk)},
        follow=True,
    )
    assert response.redirect_chain[-1] == (f"/staff/members/{pending_member_a.pk}/", 302)
    assert "Dewi Lestari is a member now, with number DSA-000001." in text(response.text)
    member = Member.objects.get(pk=pending_member_a.pk)
    assert (member.status, member.category) == ("active", students)


def test_reject_at_the_desk(english_client_for, manager_a, pending_member_a):
    client = english_client_for(manager_a)
    url = f"/staff/members/pending/{pending_member_a.pk}/reject/"
    assert "This cannot be undone." in text(client.get(url).text)
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1] == ("/staff/members/pending/", 302)
    assert "its data is deleted" in text(response.text)
    assert not Member.objects.filter(pk=pending_member_a.pk).exists()


def test_the_viewer_reads_but_does_not_confirm(english_client_for, viewer, pending_member_a):
    client = english_client_for(viewer)
    page = client.get(f"/staff/members/pending/{pending_member_a.pk}/").text
    assert "Dewi Lestari" in page and "Confirm: give a member number" not in page
    assert client.post(f"/staff/members/pending/{pending_member_a.pk}/", {}).status_code == 403
    assert client.post(f"/staff/members/pending/{pending_member_a.pk}/reject/").status_code == 403
    assert Member.objects.get(pk=pending_member_a.pk).status == "pending"


def test_no_card_for_a_pending_member(english_client_for, manager_a, pending_member_a):
    client = english_client_for(manager_a)
    assert client.get(f"/staff/members/{pending_member_a.pk}/card.pdf").status_code == 403
    response = client.post("/staff/members/cards/", {"registered_since": "2000-01-01"})
    assert response.status_code == 200
    assert "No members were chosen." in text(response.text)
