"""The ``pustaka`` command: Django's management commands plus Pustaka's own
(``pustaka start``, ``pustaka serve``, ``pustaka demo``, ...)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pustaka.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["pustaka", *sys.argv[1:]])


if __name__ == "__main__":
    main()
