"""axe-core on the public pages: no serious or critical WCAG 2.2 A/AA violation."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/perpustakaan/DSA/", "/accounts/login/"])
def test_public_page_has_no_serious_accessibility_violation(
    accessibility_problems, live_server, transactional_db, library_a, path
):
    assert accessibility_problems(f"{live_server.url}{path}") == []
