"""Signing in and out, the lock after wrong passwords, password reset and change."""

import re

import pytest
from django.test import Client

from pustaka.libraries import services
from tests.conftest import PASSWORD


@pytest.fixture
def english():
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def manager_with_email(admin, manager_a):
    services.staff_update(actor=admin, user=manager_a, changes={"email": "siti@desa.id"})
    return manager_a


def sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_page_shows_the_form(english):
    response = english.get("/accounts/login/")
    assert response.status_code == 200
    assert "<h1>Staff sign-in</h1>" in response.text
    assert 'name="username"' in response.text and 'name="password"' in response.text


def test_sign_in_opens_the_staff_pages(english, manager_a):
    response = sign_in(english, "pengelola_a", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert english.get("/staff/").status_code == 200


def test_sign_in_goes_to_the_page_asked_for(english, manager_a):
    asked = english.get("/staff/libraries/")
    assert asked.status_code == 302
    assert asked["Location"] == "/accounts/login/?next=/staff/libraries/"
    response = english.post(
        "/accounts/login/?next=/staff/libraries/",
        {"username": "pengelola_a", "password": PASSWORD, "next": "/staff/libraries/"},
    )
    assert response["Location"] == "/staff/libraries/"


def test_wrong_password_is_refused(english, manager_a):
    response = sign_in(english, "pengelola_a", "salah")
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.text
    assert english.get("/staff/").status_code == 302


def test_account_is_locked_after_five_wrong_passwords(english, manager_a):
    # given four wrong passwords, each refused with the form again
    for _ in range(4):
        assert sign_in(english, "pengelola_a", "salah-lagi").status_code == 200
    # when the fifth is wrong too, the account is locked
    fifth = sign_in(english, "pengelola_a", "salah-lagi")
    assert fifth.status_code == 429
    # then even the right password is refused, with the locked-out page
    sixth = sign_in(english, "pengelola_a", PASSWORD)
    assert sixth.status_code == 429
    assert "Sign-in blocked for a while" in sixth.text
    assert "Wait 15 minutes" in sixth.text
    assert english.get("/staff/").status_code == 302


def test_lock_of_one_account_leaves_others_alone(english, manager_a, volunteer_a):
    for _ in range(5):
        sign_in(english, "pengelola_a", "salah-lagi")
    assert sign_in(english, "relawan_a", PASSWORD).status_code == 302


def test_four_wrong_passwords_then_the_right_one_signs_in(english, manager_a):
    for _ in range(4):
        sign_in(english, "pengelola_a", "salah-lagi")
    assert sign_in(english, "pengelola_a", PASSWORD).status_code == 302


def test_password_reset_sends_a_working_link(english, manager_with_email, mailoutbox):
    # when the manager asks for a reset
    response = english.post("/accounts/password_reset/", {"email": "siti@desa.id"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    # then one e-mail goes to them with a link
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["siti@desa.id"]
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.body)[1]
    # and the link lets them choose a new password and sign in with it
    form_page = english.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.text
    set_url = form_page.redirect_chain[-1][0]
    saved = english.post(
        set_url, {"new_password1": "pustaka-baru-2026", "new_password2": "pustaka-baru-2026"}
    )
    assert saved["Location"] == "/accounts/reset/done/"
    assert sign_in(Client(), "pengelola_a", "pustaka-baru-2026").status_code == 302
    # and the link works once only
    assert "has already been used" in english.get(link, follow=True).text


def test_password_reset_of_an_unknown_address_sends_nothing(english, manager_a, mailoutbox):
    response = english.post("/accounts/password_reset/", {"email": "nobody@desa.id"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_password_change(english, manager_a):
    sign_in(english, "pengelola_a", PASSWORD)
    assert english.get("/accounts/password_change/").status_code == 200
    response = english.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "pustaka-baru-2026",
            "new_password2": "pustaka-baru-2026",
        },
    )
    assert response["Location"] == "/accounts/password_change/done/"
    assert "Your new password is in use." in english.get(response["Location"]).text
    manager_a.refresh_from_db()
    assert manager_a.check_password("pustaka-baru-2026")


def test_password_change_needs_the_old_password(english, manager_a):
    sign_in(english, "pengelola_a", PASSWORD)
    response = english.post(
        "/accounts/password_change/",
        {"old_password": "salah", "new_password1": "x-baru-2026a", "new_password2": "x-baru-2026a"},
    )
    assert response.status_code == 200
    manager_a.refresh_from_db()
    assert manager_a.check_password(PASSWORD)


def test_logout_is_a_post(english, manager_a):
    sign_in(english, "pengelola_a", PASSWORD)
    # a link (GET) does not sign out
    assert english.get("/accounts/logout/").status_code == 405
    assert english.get("/staff/").status_code == 200
    # the sign-out button (POST) does
    response = english.post("/accounts/logout/")
    assert response["Location"] == "/"
    assert english.get("/staff/").status_code == 302


def test_staff_pages_offer_the_sign_out_form(english, manager_a):
    sign_in(english, "pengelola_a", PASSWORD)
    page = english.get("/staff/").text
    assert re.search(r'<form action="/accounts/logout/" method="post">', page)
