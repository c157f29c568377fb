"""``pustaka demo``: load the demo district (idempotent) and print its logins."""

from django.core.management.base import BaseCommand

from pustaka.libraries.demo import demo_is_loaded, demo_is_needed, demo_load, demo_logins


def print_logins(write) -> None:
    write("Demo logins (username / password):")
    for username, password, what in demo_logins():
        write(f"  {username:<12} {password:<20} {what}")


class Command(BaseCommand):
    help = "Load the demo district of Kutai Kartanegara, then print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Only when the database has no district yet."
        )

    def handle(self, *args, if_empty=False, **options):
        if not if_empty or demo_is_needed():
            added = demo_load()
            self.stdout.write(
                "Demo district: added {regions} regions, {libraries} libraries, "
                "{accounts} accounts.".format(**added)
            )
        if demo_is_loaded():
            print_logins(self.stdout.write)
