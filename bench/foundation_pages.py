"""Server time of the foundation's pages on the demo district: the public home,
a library page, the staff library list and the API's library list.

Usage: .venv/bin/python bench/foundation_pages.py [--repeat 200]
(SQLite in a fresh temporary PUSTAKA_HOME, or PostgreSQL with DATABASE_URL).
"""

import argparse
import io
import tempfile
from pathlib import Path

from common import django_setup, print_result, summary, timings_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    django_setup(Path(tempfile.mkdtemp(prefix="pustaka-bench-")))

    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("demo", verbosity=0, stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    from pustaka.libraries.models import Library

    admin = get_user_model().objects.get(username="admin")
    staff = Client()
    staff.force_login(admin)
    public = Client()
    pages = {
        "public_home": (public, "/"),
        "public_library": (public, "/perpustakaan/DS01/"),
        "staff_library_list": (staff, "/staff/libraries/"),
        "api_libraries": (staff, "/api/v1/libraries"),
    }
    figures = {}
    for name, (client, url) in pages.items():
        assert client.get(url).status_code == 200, url
        figures[name] = summary(timings_ms(lambda c=client, u=url: c.get(u), args.repeat))
    print_result("foundation_pages", figures, libraries=Library.objects.count())


if __name__ == "__main__":
    main()
