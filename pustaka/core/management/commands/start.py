"""``pustaka start`` (what ``make run`` runs): migrate, collect static files,
load the demo district when the database is empty, print the demo logins, serve."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Prepare the database and static files, load the demo when empty, then serve."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=None)
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo district.")

    def handle(self, *args, port=None, no_demo=False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("compile-translations", verbosity=0)
        if not no_demo:
            call_command("demo", if_empty=True, stdout=self.stdout)
        serve_options = {"port": port} if port else {}
        call_command("serve", stdout=self.stdout, **serve_options)
