"""The Indonesian catalogue is complete and safe: every message translated, no
fuzzy entries, and the same placeholders as the English source."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "pustaka" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def indonesian_messages():
    with (LOCALE / "id" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return [message for message in read_po(handle, locale="id") if message.id]


def forms(value):
    return list(value) if isinstance(value, tuple) else [value]


def test_every_message_has_an_indonesian_translation():
    untranslated = [m.id for m in indonesian_messages() if not all(forms(m.string))]
    assert untranslated == []


def test_no_translation_is_left_fuzzy():
    assert [m.id for m in indonesian_messages() if m.fuzzy] == []


@pytest.mark.parametrize("message", indonesian_messages(), ids=lambda m: str(m.id)[:40])
def test_translation_keeps_the_placeholders(message):
    source = sorted(PLACEHOLDER.findall(forms(message.id)[-1]))
    for translation in forms(message.string):
        assert sorted(PLACEHOLDER.findall(translation)) == source
