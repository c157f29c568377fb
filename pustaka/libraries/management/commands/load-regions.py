"""``pustaka load-regions [FILE]``: add the kecamatan and villages of a
``code,name,level`` file (default: the shipped Kutai Kartanegara list)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pustaka.core.errors import DomainError
from pustaka.libraries import services


class Command(BaseCommand):
    help = "Load official region codes (kecamatan and villages) for address entry."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=services.PACKAGED_REGIONS)

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        try:
            added = services.regions_load(actor=None, rows=services.read_regions_csv(file))
        except (DomainError, ValidationError, KeyError, ValueError) as error:
            raise CommandError(f"{file}: {error}") from error
        self.stdout.write(f"Added {added} regions from {file}.")
