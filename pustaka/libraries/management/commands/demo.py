"""``pustaka demo``: load the demo district (idempotent) and print its logins.

The district itself comes first; then each app's loader named in
``settings.PUSTAKA_DEMO_LOADERS`` adds its part (the catalogue, ...).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from pustaka.libraries.demo import demo_is_loaded, demo_is_needed, demo_load


def print_logins(write) -> None:
    write("Demo logins (username / password):")
    for path in settings.PUSTAKA_DEMO_LOGINS:
        for username, password, what in import_string(path)():
            write(f"  {username:<12} {password:<20} {what}")


@transaction.atomic
def load_all() -> dict:
    added = demo_load()
    for path in settings.PUSTAKA_DEMO_LOADERS:
        added.update(import_string(path)())
    return added


def describe(added: dict) -> str:
    return ", ".join(f"{count} {name}" for name, count in added.items())


class Command(BaseCommand):
    help = "Load the demo district of Kutai Kartanegara, then print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Only when the database has no district yet."
        )

    def handle(self, *args, if_empty=False, **options):
        if not if_empty or demo_is_needed():
            self.stdout.write(f"Demo district: added {describe(load_all())}.")
        if demo_is_loaded():
            print_logins(self.stdout.write)
