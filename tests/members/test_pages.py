"""The member pages with the test client: list, register with the duplicate
step, detail, edit, renew, block, consent, categories, and who may see what."""

import datetime
import json
import re

import pytest

from pustaka.core.models import AuditLog
from pustaka.members.models import Member
from tests.members.conftest import pdf_text

NIK = "6402064302850001"


def register_data(**extra) -> dict:
    return {
        "name": "Nur Aini",
        "gender": "female",
        "birth_date": "1985-02-03",
        "category": str(
            Member._meta.get_field("category").related_model.objects.get(code="general").pk
        ),
        "notices_by": "sms",
        "consent": "on",
        **extra,
    }


def test_member_list_shows_own_members_and_searches(client_for, manager_a, member_a, member_b):
    client = client_for(manager_a)
    response = client.get("/staff/members/")
    assert response.status_code == 200
    assert "Siti Rahmawati" in response.text and "Budi Santoso" not in response.text
    assert client.get("/staff/members/", {"q": "budi"}).text.count("Siti Rahmawati") == 0
    found = client.get("/staff/members/", {"q": member_a.number.lower()})
    assert "Siti Rahmawati" in found.text


def test_office_sees_every_library_and_filters(client_for, admin, member_a, member_b):
    response = client_for(admin).get("/staff/members/", {"library": "DSB"})
    assert "Budi Santoso" in response.text and "Siti Rahmawati" not in response.text


def test_htmx_list_answers_with_rows_only(client_for, manager_a, member_a):
    response = client_for(manager_a).get("/staff/members/", {"q": "siti"}, HTTP_HX_REQUEST="true")
    assert "Siti Rahmawati" in response.text and "<html" not in response.text


def test_register_page_shows_the_consent_text(client_for, manager_a):
    response = client_for(manager_a).get("/staff/members/register/")
    assert response.status_code == 200
    assert 'id="consent-text"' in response.text
    assert 'name="consent_given_by"' in response.text and 'name="number"' in response.text


def test_register_without_duplicates_saves_at_once(client_for, manager_a):
    response = client_for(manager_a).post(
        "/staff/members/register/", register_data(nik=NIK, number="")
    )
    member = Member.objects.get()
    assert response.status_code == 302 and response.url == f"/staff/members/{member.pk}/"
    assert (member.number, member.nik_last4) == ("DSA-000001", "0001")
    assert member.consents.get().statement


def test_register_shows_possible_duplicates_before_saving(
    client_for, manager_a, manager_b, library_b
):
    # given a member of library B with the same NIK
    client_for(manager_b).post("/staff/members/register/", register_data(nik=NIK))
    client = client_for(manager_a)
    # when library A registers the same person
    response = client.post("/staff/members/register/", register_data(nik=NIK, name="Nur Aini S."))
    # then nothing is saved yet and the match is shown with its library
    assert response.status_code == 200
    assert Member.objects.count() == 1
    assert "DSB-000001" in response.text and "Perpustakaan Desa Bukit Biru" in response.text
    key = re.search(r'name="duplicates_seen" value="(\w+)"', response.text).group(1)
    # when the staff member confirms it is someone else
    confirmed = client.post(
        "/staff/members/register/",
        register_data(nik=NIK, name="Nur Aini S.", duplicates_seen=key),
    )
    assert confirmed.status_code == 302
    assert Member.objects.filter(library__code="DSA").count() == 1


def test_register_duplicate_by_name_and_birth_date(client_for, manager_a, member_b):
    data = register_data(name="budi santoso", gender="male", birth_date="1990-05-17")
    response = client_for(manager_a).post("/staff/members/register/", data)
    assert response.status_code == 200 and member_b.number in response.text


def test_register_minor_needs_guardian_on_the_form(client_for, manager_a):
    data = register_data(name="Putri", birth_date="2016-01-01")
    response = client_for(manager_a).post("/staff/members/register/", data)
    assert response.status_code == 200 and not Member.objects.exists()
    assert "parent or guardian" in response.text or "orang tua" in response.text
    data |= {"consent_given_by": "Yuliana", "guardian_relation": "ibu"}
    assert client_for(manager_a).post("/staff/members/register/", data).status_code == 302


def test_register_with_a_bad_nik_shows_the_error(client_for, manager_a):
    response = client_for(manager_a).post("/staff/members/register/", register_data(nik="1234"))
    assert response.status_code == 200 and not Member.objects.exists()
    assert 'class="field has-error"' in response.text


def test_office_chooses_the_home_library(client_for, admin, library_b):
    data = register_data(library=str(library_b.pk))
    assert client_for(admin).post("/staff/members/register/", data).status_code == 302
    assert Member.objects.get().library == library_b


def test_viewer_cannot_register(client_for, viewer):
    assert client_for(viewer).get("/staff/members/register/").status_code == 403


def test_detail_shows_consent_status_and_actions(client_for, manager_a, member_a):
    response = client_for(manager_a).get(f"/staff/members/{member_a.pk}/")
    assert response.status_code == 200
    text = response.text
    assert member_a.number in text and "export.json" in text and "anonymise" in text
    assert f"/staff/members/{member_a.pk}/renew/" in text


def test_volunteer_sees_no_export_or_anonymise_links(client_for, volunteer_a, member_a):
    text = client_for(volunteer_a).get(f"/staff/members/{member_a.pk}/").text
    assert "export.json" not in text and "anonymise/" not in text


def test_edit_changes_the_member(client_for, manager_a, member_a):
    data = register_data(name="Siti Rahmawati", birth_date="1990-05-17", phone="0812-9999-0000")
    response = client_for(manager_a).post(f"/staff/members/{member_a.pk}/edit/", data)
    assert response.status_code == 302
    member_a.refresh_from_db()
    assert member_a.phone == "0812-9999-0000"


def test_renew_block_unblock_and_withdraw_consent(client_for, manager_a, member_a):
    client = client_for(manager_a)
    base = f"/staff/members/{member_a.pk}"
    member_a.expires_on = datetime.date(2020, 1, 1)
    member_a.save(update_fields=["expires_on"])
    assert client.post(f"{base}/renew/").status_code == 302
    member_a.refresh_from_db()
    assert member_a.expires_on > datetime.date.today()
    assert client.get(f"{base}/block/").status_code == 200
    client.post(f"{base}/block/", {"reason": "Buku hilang"})
    member_a.refresh_from_db()
    assert member_a.blocked_reason == "Buku hilang"
    assert "Buku hilang" in client.get(f"{base}/").text
    client.post(f"{base}/unblock/", {"reason": "Diganti"})
    member_a.refresh_from_db()
    assert not member_a.is_blocked
    assert client.get(f"{base}/consent/withdraw/").status_code == 200
    client.post(f"{base}/consent/withdraw/")
    assert member_a.consents.get().withdrawn_on is not None


def test_other_library_gets_404_for_every_member_page(client_for, manager_b, member_a):
    client = client_for(manager_b)
    base = f"/staff/members/{member_a.pk}"
    for path in ["/", "/edit/", "/block/", "/card.pdf", "/anonymise/", "/consent/withdraw/"]:
        assert client.get(base + path).status_code == 404, path
    for path in ["/renew/", "/unblock/", "/export.json", "/export.pdf"]:
        assert client.post(base + path).status_code == 404, path
    assert "Siti Rahmawati" not in client.get("/staff/members/", {"q": "Siti"}).text


def test_volunteer_gets_403_for_export_and_anonymise(client_for, volunteer_a, member_a):
    client = client_for(volunteer_a)
    base = f"/staff/members/{member_a.pk}"
    assert client.post(f"{base}/export.json").status_code == 403
    assert client.post(f"{base}/export.pdf").status_code == 403
    assert client.get(f"{base}/anonymise/").status_code == 403
    assert client.post(f"{base}/anonymise/", {"confirm": member_a.number}).status_code == 403
    assert not AuditLog.objects.filter(action__in=["member.export", "member.anonymise"]).exists()


def test_export_json_and_pdf_are_audited(client_for, manager_a, member_a):
    client = client_for(manager_a)
    response = client.post(f"/staff/members/{member_a.pk}/export.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["member"]["name"] == "Siti Rahmawati"
    pdf = client.post(f"/staff/members/{member_a.pk}/export.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert "Siti Rahmawati" in pdf_text(pdf.content)
    formats = set(
        AuditLog.objects.filter(action="member.export", actor=manager_a).values_list(
            "detail__format", flat=True
        )
    )
    assert formats == {"json", "pdf"}


def test_export_needs_post(client_for, manager_a, member_a):
    assert client_for(manager_a).get(f"/staff/members/{member_a.pk}/export.json").status_code == 405


def test_anonymise_asks_for_the_number_then_wipes(client_for, manager_a, member_a):
    client = client_for(manager_a)
    url = f"/staff/members/{member_a.pk}/anonymise/"
    assert client.get(url).status_code == 200
    client.post(url, {"confirm": "wrong"})
    member_a.refresh_from_db()
    assert member_a.status == Member.Status.ACTIVE
    response = client.post(url, {"confirm": member_a.number})
    assert response.status_code == 302
    member_a.refresh_from_db()
    assert (member_a.name, member_a.status) == ("Anggota anonim", "anonymised")


def test_member_card_is_a_pdf_with_the_number(client_for, manager_a, member_a):
    response = client_for(manager_a).get(f"/staff/members/{member_a.pk}/card.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert member_a.number in text and "Siti Rahmawati" in text


def test_cards_batch_by_numbers_and_by_date(client_for, manager_a, library_a, member_a):
    from tests.members.fixtures import register

    other = register(manager_a, library_a, "Dewi Lestari")
    client = client_for(manager_a)
    assert client.get("/staff/members/cards/").status_code == 200
    response = client.post(
        "/staff/members/cards/", {"numbers": f"{member_a.number}\n{other.number}"}
    )
    text = pdf_text(response.content)
    assert member_a.number in text and other.number in text
    by_date = client.post("/staff/members/cards/", {"registered_since": "2000-01-01"})
    assert by_date["Content-Type"] == "application/pdf"
    unknown = client.post("/staff/members/cards/", {"numbers": "DSB-000001"})
    assert unknown.status_code == 200 and "DSB-000001" in unknown.text


def test_categories_page_for_the_office(client_for, admin, viewer, manager_a):
    assert client_for(manager_a).get("/staff/members/categories/").status_code == 403
    assert client_for(viewer).get("/staff/members/categories/").status_code == 200
    assert client_for(viewer).post("/staff/members/categories/", {}).status_code == 403
    client = client_for(admin)
    response = client.post(
        "/staff/members/categories/", {"code": "guru", "name": "Guru", "membership_months": 24}
    )
    assert response.status_code == 302
    from pustaka.members.models import MemberCategory

    category = MemberCategory.objects.get(code="guru")
    edit = client.post(
        f"/staff/members/categories/{category.pk}/",
        {"code": "guru", "name": "Guru dan dosen", "membership_months": 24},
    )
    assert edit.status_code == 302
    category.refresh_from_db()
    assert category.name == "Guru dan dosen"


def test_navigation_links_to_members(client_for, volunteer_a):
    assert 'href="/staff/members/"' in client_for(volunteer_a).get("/staff/").text


@pytest.mark.parametrize("user", ["manager_a", "admin", "viewer", "volunteer_a"])
def test_list_page_renders_for_every_role(client_for, request, user, member_a):
    assert client_for(request.getfixturevalue(user)).get("/staff/members/").status_code == 200


def test_member_list_queries_do_not_grow_with_members(
    client_for, manager_a, library_a, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.members.fixtures import register

    client = client_for(manager_a)
    register(manager_a, library_a, "Anggota 1")
    with CaptureQueriesContext(connection) as few:
        client.get("/staff/members/")
    for number in range(2, 12):
        register(manager_a, library_a, f"Anggota {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/staff/members/")
    assert response.text.count("Anggota ") >= 11


def test_edit_removes_the_nik_on_request(client_for, manager_a, member_a):
    from pustaka.members import services

    services.member_update(actor=manager_a, member=member_a, changes={}, nik="6402065705900001")
    client = client_for(manager_a)
    assert "remove_nik" in client.get(f"/staff/members/{member_a.pk}/edit/").text
    data = register_data(name="Siti Rahmawati", birth_date="1990-05-17", remove_nik="on")
    assert client.post(f"/staff/members/{member_a.pk}/edit/", data).status_code == 302
    member_a.refresh_from_db()
    assert (member_a.nik_hash, member_a.nik_last4) == ("", "")
