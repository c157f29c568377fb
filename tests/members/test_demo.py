"""The demo members: plausible people at every demo library, loaded once
(about 2 s for 645 members on SQLite; timed by hand, not by the test)."""

from pustaka.libraries import demo as libraries_demo
from pustaka.members import demo
from pustaka.members.models import Member


def test_demo_members_at_every_library_quickly_and_once(db):
    # given the demo district
    libraries_demo.demo_load()
    # when the members are loaded
    added = demo.demo_load()
    # then every library has 15 to 40 members, some minors with a guardian, some with a NIK
    counts = {}
    for library_id in Member.objects.values_list("library_id", flat=True):
        counts[library_id] = counts.get(library_id, 0) + 1
    assert len(counts) == 23 and all(15 <= count <= 40 for count in counts.values())
    assert added == {"members": sum(counts.values()), "member accounts": 1}
    minors = Member.objects.filter(category__code="children")
    assert minors.exists()
    assert all(member.consents.get().given_by for member in minors[:10])
    assert Member.objects.exclude(nik_last4="").count() > 20
    assert Member.objects.filter(number="DS01-000001").exists()
    # and loading again adds nothing
    assert demo.demo_load() == {"members": 0, "member accounts": 0}


def test_the_demo_member_signs_in_on_the_public_site_with_the_printed_login(db, client):
    libraries_demo.demo_load()
    demo.demo_load()
    [(number, password, what)] = demo.demo_logins()
    assert "/akun/masuk/" in what

    response = client.post("/akun/masuk/", {"number": number, "password": password})

    assert response.status_code == 302
    assert client.get("/akun/").status_code == 200
