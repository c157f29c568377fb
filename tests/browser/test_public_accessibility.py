"""axe-core on the public pages: no serious or critical WCAG 2.2 A/AA violation."""

import pytest

from pustaka.circulation.services import checkout
from tests.opac.test_account import signed_in, with_password

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path", ["/", "/perpustakaan/DSA/", "/accounts/login/", "/akun/masuk/", "/akun/tautan/"]
)
def test_public_page_has_no_serious_accessibility_violation(
    accessibility_problems, live_server, transactional_db, library_a, path
):
    assert accessibility_problems(f"{live_server.url}{path}") == []


def test_my_account_has_no_serious_accessibility_violation(
    accessibility_problems, live_server, transactional_db, manager_a, member_a, item_a, library_a
):
    with_password(manager_a, member_a)
    checkout(actor=manager_a, library=library_a, member=member_a, barcode=item_a.barcode)
    client = signed_in(member_a)
    session = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    cookies = [{**session, "url": live_server.url}]

    for path in ["/akun/", f"/katalog/{item_a.record_id}/pesan/"]:
        assert accessibility_problems(f"{live_server.url}{path}", cookies) == [], path
