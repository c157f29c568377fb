"""``pustaka compile-translations``: build the .mo catalogues with Babel, so a
fresh machine needs no GNU gettext."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogues(locale_dirs: list[Path]) -> list[Path]:
    """Compile every ``*.po`` under ``locale_dirs`` next to itself; return the .mo paths."""
    written = []
    for locale_dir in locale_dirs:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=po_path.parts[-3])
            mo_path = po_path.with_suffix(".mo")
            with mo_path.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Compile the Indonesian and English message catalogues with Babel."

    def handle(self, *args, **options):
        written = compile_catalogues(settings.LOCALE_PATHS)
        self.stdout.write(f"Compiled {len(written)} message catalogue(s).")
