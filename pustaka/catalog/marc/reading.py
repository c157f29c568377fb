"""Robust readers of MARC 21 files: binary ISO 2709 (MARC-8 or UTF-8) and MARCXML.

``open_marc(source)`` gives a ``MarcFile``; iterating it yields
``(position, record, reason)`` for every record in the file: a
``pymarc.Record`` and ``None`` for a good record, ``None`` and a reason in
plain words for a bad one. A bad record never stops the reading.

What real files get wrong, and what the readers do about it:

- record lengths that do not match the bytes: records are split on the
  end-of-record mark (0x1D), the length in the leader is not trusted;
- UTF-8 data under a leader that claims MARC-8: valid UTF-8 with non-ASCII
  bytes and no escape sequences is read as UTF-8;
- non-ASCII bytes in the leader: replaced by blanks; indicators that are not
  one printable ASCII character each: read as blanks, and a warning names the
  record and its fields;
- MARC-8 with escape sequences: decoded by pymarc's MARC-8 tables;
- invalid UTF-8 in a UTF-8 record, a corrupt leader or directory: that record
  is reported (with its byte offset), the others are read;
- MARCXML without ``<collection>``, or with several root elements: every
  record is read and a warning says so; malformed XML is reported with its
  line, and reading resumes at the next record.
"""

import io
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from xml.parsers import expat

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pymarc import Field, Indicators, Leader, Record, Subfield
from pymarc.marc8 import marc8_to_unicode

LEADER_LEN = 24
ENTRY_LEN = 12
RECORD_END = b"\x1d"
# A data field Pustaka keeps as read: two printable indicators, then subfields
# each with an ASCII code (not the subfield mark); none empty.
DATA_FIELD_AS_KEPT = re.compile(rb"[ -~]{2}(?:\x1f[\x00-\x1e\x20-\x7f][^\x1f]*)*")
FIELD_END = 0x1E
# A directory entry: a tag of ASCII letters or digits, the field's length and start.
DIRECTORY_ENTRY = re.compile(r"([0-9A-Za-z]{3})([0-9]{4})([0-9]{5})")
SUBFIELD_MARK = b"\x1f"
ESCAPE = b"\x1b"
BLOCK_SIZE = 1 << 20
LEADING_NOISE = b" \t\r\n\x00\x1a"
DEFAULT_LEADER = "00000nam a2200000 a 4500"
_tuple_new = tuple.__new__


@dataclass(frozen=True)
class Position:
    """Where a record is in its file: 1-based number, and byte or line."""

    number: int
    offset: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        values = {"number": self.number, "offset": grouped(self.offset), "line": self.line}
        if self.offset is not None:
            return _("record %(number)s (byte %(offset)s)") % values
        if self.line is not None:
            return _("record %(number)s (line %(line)s)") % values
        return _("record %(number)s") % values


class MarcError(Exception):
    """A record that cannot be read; ``reason`` says why in plain words."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def grouped(number: int | None) -> str:
    """``34567`` -> ``"34 567"`` (thousands apart, as people read offsets)."""
    return "" if number is None else f"{number:,}".replace(",", " ")


class MarcFile:
    """An opened MARC file: iterate it for ``(position, record, reason)``.

    ``format`` is ``"iso2709"`` or ``"xml"``; ``total`` the number of records
    the file appears to hold (for a progress bar); ``warnings`` what was odd
    about the file as a whole, known once it has been read.
    """

    def __init__(self, stream, *, owned: bool = False):
        self.stream = stream
        self.owned = owned
        self.warnings: list[str] = []
        self.head = stream.read(BLOCK_SIZE)
        body = self.head.lstrip(b"\xef\xbb\xbf" + LEADING_NOISE)
        self.format = "xml" if body.startswith(b"<") else "iso2709"
        self.total = self._count()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self) -> None:
        if self.owned:
            self.stream.close()

    def __iter__(self) -> Iterator[tuple[Position, Record | None, str | None]]:
        if self.format == "xml":
            return read_marcxml(self.head + self.stream.read(), warnings=self.warnings)
        return read_iso2709(self._blocks(), warnings=self.warnings)

    def _blocks(self) -> Iterator[bytes]:
        yield self.head
        while block := self.stream.read(BLOCK_SIZE):
            yield block

    def _count(self) -> int | None:
        """Records in the file, counted without parsing (``None`` if unknown)."""
        pattern = RECORD_START if self.format == "xml" else None
        tail = b""
        if not self.stream.seekable():
            return None
        start = self.stream.tell()
        count, data = 0, self.head
        while data:
            if pattern is None:
                count += data.count(RECORD_END)
                tail = data
            else:
                count += len(pattern.findall(data))
            data = self.stream.read(BLOCK_SIZE)
        self.stream.seek(start)
        if pattern is None and tail.rstrip(LEADING_NOISE) and not tail.endswith(RECORD_END):
            count += 1
        return count


def open_marc(source) -> MarcFile:
    """``source`` as a ``MarcFile``: bytes, a path, or a binary file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return MarcFile(io.BytesIO(bytes(source)))
    if isinstance(source, (str, os.PathLike)):
        return MarcFile(open(source, "rb"), owned=True)  # noqa: SIM115 (closed by MarcFile)
    return MarcFile(source)


# --- ISO 2709 ---------------------------------------------------------------


def read_iso2709(
    blocks, *, warnings: list[str] | None = None
) -> Iterator[tuple[Position, Record | None, str | None]]:
    """Every record of a binary MARC file given as successive byte blocks;
    what was cleaned in a good record is added to ``warnings``."""
    for number, (offset, chunk, terminated) in enumerate(record_chunks(blocks), start=1):
        position = Position(number, offset=offset)
        try:
            record = parse_iso2709(chunk, terminated=terminated, offset=offset)
        except MarcError as error:
            yield position, None, error.reason
            continue
        if warnings is not None:
            _warn_indicators(warnings, position, record.blanked)
        yield position, record, None


def record_chunks(blocks) -> Iterator[tuple[int, bytes, bool]]:
    """``(byte offset, record bytes without 0x1D, whether 0x1D ended it)``."""
    buffer, base = b"", 0
    for block in blocks:
        buffer += block
        start = 0
        while (end := buffer.find(RECORD_END, start)) != -1:
            yield from _chunk(base + start, buffer[start:end], True)
            start = end + 1
        buffer, base = buffer[start:], base + start
    yield from _chunk(base, buffer, False)


def _chunk(offset: int, chunk: bytes, terminated: bool):
    """The chunk without blanks or line breaks between records; nothing if empty."""
    stripped = chunk.lstrip(LEADING_NOISE)
    if stripped.rstrip(LEADING_NOISE):
        yield offset + len(chunk) - len(stripped), stripped, terminated


class ReadRecord(Record):
    """A record read from ISO 2709; ``kept``: its bytes (with the 0x1D) when
    they are already the record as Pustaka keeps it (UTF-8, leader/09 ``a``,
    nothing cleaned, directory in order), else ``None``; ``blanked``: the tags
    of its data fields whose indicators were read as blanks."""

    __slots__ = ("kept", "blanked")


def parse_iso2709(chunk: bytes, *, terminated: bool = True, offset: int = 0) -> ReadRecord:
    """One record (its bytes without the 0x1D); ``MarcError`` if unreadable."""
    if len(chunk) < LEADER_LEN:
        raise MarcError(
            _("the record is only %(count)s bytes long, too short for its leader")
            % {"count": len(chunk)}
        )
    leader = leader_clean(chunk[:LEADER_LEN].decode("latin-1"))
    if not (leader[0:5].isdigit() and leader[12:17].isdigit()):
        raise MarcError(
            _("the leader is corrupt: its record length or base address is not a number")
        )
    if not terminated and int(leader[0:5]) != len(chunk) + 1:
        raise MarcError(_("the record is cut short: the file ends before the record does"))
    base = _base_address(chunk, int(leader[12:17]))
    raw_fields = _directory(chunk, base)
    encoding = _encoding(leader, raw_fields)
    record = ReadRecord()
    record.leader = Leader(leader)
    record.fields = [
        _field(tag, raw, encoding, offset + base + start) for tag, raw, start in raw_fields
    ]
    if not record.fields:
        raise MarcError(_("the record has no fields"))
    record.kept = chunk + RECORD_END if _kept_as_read(chunk, leader, base, raw_fields) else None
    record.blanked = [] if record.kept else _blanked_indicators(raw_fields)
    return record


def _kept_as_read(chunk: bytes, leader: str, base: int, raw_fields) -> bool:
    """Whether ``chunk`` is byte for byte the record as Pustaka keeps it
    (``importing.marc_for_storage``): UTF-8 said by the leader, a leader that
    needed no cleaning and gives the true length and base address, fields
    one after the other in directory order up to the end, and data fields
    whose indicators and subfields were taken as they are."""
    if leader[9] != "a" or chunk[:LEADER_LEN] != leader.encode("ascii"):
        return False
    if int(leader[0:5]) != len(chunk) + 1 or int(leader[12:17]) != base:
        return False
    expected = 0
    for tag, raw, start in raw_fields:
        if start != expected or not (_is_control(tag) or DATA_FIELD_AS_KEPT.fullmatch(raw)):
            return False
        expected = start + len(raw) + 1
    return base + expected == len(chunk)


def leader_clean(text: str) -> str:
    """A 24-character leader with non-ASCII or control characters blanked."""
    text = (text + " " * LEADER_LEN)[:LEADER_LEN]
    return "".join(ch if " " <= ch <= "~" else " " for ch in text)


def _base_address(chunk: bytes, declared: int) -> int:
    """Where the fields start: the leader's base address if the directory ends
    just before it, else just after the first field mark."""
    if LEADER_LEN < declared <= len(chunk) and chunk[declared - 1] == FIELD_END:
        return declared
    end = chunk.find(b"\x1e", LEADER_LEN)
    if end == -1 or (end - LEADER_LEN) % ENTRY_LEN:
        raise MarcError(_("the directory is corrupt: it does not end where the leader says"))
    return end + 1


def _directory(chunk: bytes, base: int) -> list[tuple[str, bytes, int]]:
    """``(tag, field bytes without the field mark, start in the data)`` per entry.

    The entries are split by one regular expression; only when some entry is
    malformed are they read one by one, to report the first problem as a
    reading in order would have."""
    directory, data = chunk[LEADER_LEN : base - 1].decode("latin-1"), chunk[base:]
    if len(directory) % ENTRY_LEN:
        raise MarcError(_("the directory is corrupt: its length is not a multiple of 12"))
    entries = DIRECTORY_ENTRY.findall(directory)
    if len(entries) * ENTRY_LEN == len(directory):
        return _directory_fields(entries, data)
    entries = _entries_before_corrupt(directory)
    _directory_fields(entries, data)
    raise MarcError(_("the directory is corrupt at entry %(entry)s") % {"entry": len(entries) + 1})


def _entries_before_corrupt(directory: str) -> list[tuple[str, str, str]]:
    """The well-formed entries of ``directory`` before its first malformed one."""
    entries = []
    for index in range(0, len(directory), ENTRY_LEN):
        entry = DIRECTORY_ENTRY.match(directory, index)
        if entry is None:
            break
        entries.append(entry.groups())
    return entries


def _directory_fields(entries, data: bytes) -> list[tuple[str, bytes, int]]:
    """The fields ``entries`` (``(tag, length, start)`` as text) point to in ``data``."""
    fields = []
    size = len(data)
    for tag, length, start in entries:
        start = int(start)
        end = start + int(length)
        if end > size:
            raise MarcError(
                _("the directory points past the end of the record (field %(tag)s)") % {"tag": tag}
            )
        if end <= start or data[end - 1] != FIELD_END:
            raise MarcError(
                _("the directory does not match the data: field %(tag)s does not end where it says")
                % {"tag": tag}
            )
        fields.append((tag, data[start : end - 1], start))
    return fields


def _encoding(leader: str, raw_fields) -> str:
    """``"utf-8"`` or ``"marc-8"``: the leader's word, unless a "MARC-8" record
    is in fact valid UTF-8 (non-ASCII, no escape sequences)."""
    if leader[9] == "a":
        return "utf-8"
    bodies = b"".join(_body(tag, raw) for tag, raw, _start in raw_fields)
    if bodies.isascii():
        return "utf-8"
    if ESCAPE in bodies:
        return "marc-8"
    try:
        bodies.decode("utf-8")
    except UnicodeDecodeError:
        return "marc-8"
    return "utf-8"


def _body(tag: str, raw: bytes) -> bytes:
    """The text of a field without its indicators."""
    if _is_control(tag):
        return raw
    return raw.partition(SUBFIELD_MARK)[2]


def _is_control(tag: str) -> bool:
    return tag < "010" and tag.isdigit()


def _blanked_indicators(raw_fields) -> list[str]:
    """The tags of the data fields whose indicators are read as blanks (a
    record kept as read has none)."""
    return [
        tag
        for tag, raw, _start in raw_fields
        if not _is_control(tag) and not _indicators_valid(raw.partition(SUBFIELD_MARK)[0])
    ]


@lru_cache(maxsize=256)
def _indicators_valid(head: bytes) -> bool:
    return len(head) == 2 and all(0x20 <= byte <= 0x7E for byte in head)


def _warn_indicators(warnings: list[str], position: "Position", tags: list[str]) -> None:
    if tags:
        message = _("%(position)s: the indicators of field %(tags)s are not valid: read as blanks")
        warnings.append(message % {"position": position, "tags": ", ".join(dict.fromkeys(tags))})


def _field(tag: str, raw: bytes, encoding: str, offset: int) -> Field:
    """One field decoded; ``offset`` is where ``raw`` starts in the file."""
    if tag < "010" and tag.isdigit():  # a control field (_is_control, inlined: millions of calls)
        if encoding == "marc-8":
            return Field(tag=tag, data=raw.decode("iso8859-1"))
        return Field(tag=tag, data=_utf8(raw, offset))
    head, mark, body = raw.partition(SUBFIELD_MARK)
    indicators = _indicators_of(head)
    if encoding == "marc-8":
        subfields = [_marc8_subfield(part) for part in body.split(SUBFIELD_MARK) if part]
    else:
        text = _utf8(body, offset + len(head) + len(mark))
        # Subfield(part[0], part[1:]) without the named tuple's Python-level __new__
        subfields = [
            _tuple_new(Subfield, (part[0], part[1:])) for part in text.split("\x1f") if part
        ]
        if not text.isascii() and not all(subfield.code.isascii() for subfield in subfields):
            subfields = [_subfield(subfield) for subfield in subfields]
    return _data_field(tag, indicators, subfields)


def _data_field(tag: str, indicators: Indicators, subfields: list[Subfield]) -> Field:
    """``Field(tag=tag, indicators=indicators, subfields=subfields)`` for a tag
    known to be a data field's and values already checked, without the
    constructor's checks and conversions (a file has millions of fields; the
    attributes are pymarc 5.4's, which the pinned version fixes)."""
    field = Field.__new__(Field)
    field.tag, field.data, field.control_field = tag, None, False
    field._indicators, field.subfields = indicators, subfields
    return field


@lru_cache(maxsize=1024)
def _indicators_of(head: bytes) -> Indicators:
    """The indicators of a data field whose text before its first subfield is
    ``head`` (remembered: a file uses few pairs)."""
    return _indicators(head.decode("latin-1"))


def _utf8(raw: bytes, offset: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MarcError(
            _("the text is not valid UTF-8 (byte %(offset)s)")
            % {"offset": grouped(offset + error.start)}
        ) from error


def _indicators(text: str) -> Indicators:
    """Two indicators, each a printable ASCII character or a blank (missing,
    non-ASCII or control characters become blanks; extra ones are dropped)."""
    if len(text) == 2 and text.isascii() and text.isprintable():
        return Indicators(text[0], text[1])
    chars = [ch if " " <= ch <= "~" else " " for ch in text[:2]]
    chars += [" "] * (2 - len(chars))
    return Indicators(*chars)


def _subfield(subfield: Subfield) -> Subfield:
    """A subfield whose code is a non-ASCII character: its base letter, or ``?``."""
    code = unicodedata.normalize("NFKD", subfield.code)[0]
    return Subfield(code=code if code.isascii() else "?", value=subfield.value)


def _marc8_subfield(part: bytes) -> Subfield:
    code = chr(part[0]) if part[0] < 0x80 else "?"
    try:
        return Subfield(code=code, value=marc8_to_unicode(part[1:], True))
    except (UnicodeDecodeError, ValueError, KeyError) as error:
        raise MarcError(_("the MARC-8 text cannot be decoded")) from error


# --- MARCXML ------------------------------------------------------------------

RECORD_START = re.compile(rb"<(?:[\w.-]+:)?record[\s/>]")
XML_DECLARATION = re.compile(rb"<\?xml[^>]*\?>")
DOCTYPE = re.compile(rb"<!DOCTYPE[^>]*>")
DECLARED_ENCODING = re.compile(rb"""encoding\s*=\s*["']([\w.-]+)["']""")
NAMESPACE_DECLARATION = re.compile(rb"""xmlns(?::([\w.-]+))?\s*=\s*("[^"]*"|'[^']*')""")
WRAPPER = b"pustaka-marc-file"


def read_marcxml(data: bytes, *, warnings: list[str]) -> Iterator:
    """Every record of a MARCXML document, a bare ``<record>``, or several root
    elements in one file; malformed XML is reported and skipped."""
    data = _xml_utf8(data)
    namespaces = _namespace_declarations(data)
    reader = _XmlRecords(data, namespaces, warnings)
    yield from reader.records()
    if reader.roots > 1:
        warnings.append(
            ngettext(
                "the file has %(count)s root element instead of one <collection>; each was read",
                "the file has %(count)s root elements instead of one <collection>; each was read",
                reader.roots,
            )
            % {"count": reader.roots}
        )


def _xml_utf8(data: bytes) -> bytes:
    """The document as UTF-8 without BOM, XML declarations or DOCTYPE (blanked,
    so line numbers stay), ready to sit inside a wrapper element."""
    match = DECLARED_ENCODING.search(data[:200]) if data.lstrip().startswith(b"<?xml") else None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif match and match.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        data = data.decode(match.group(1).decode("ascii"), "replace").encode("utf-8")
    blank = lambda found: re.sub(rb"[^\n]", b" ", found.group())  # noqa: E731
    return DOCTYPE.sub(blank, XML_DECLARATION.sub(blank, data))


def _namespace_declarations(data: bytes) -> bytes:
    """Every namespace prefix the file declares, to restart parsing mid-file."""
    seen = {}
    for match in NAMESPACE_DECLARATION.finditer(data):
        seen.setdefault(match.group(1), match.group(0))
    return b" ".join(seen.values())


class _XmlRecords:
    """An expat parse of the wrapped document, collecting pymarc records."""

    def __init__(self, data: bytes, namespaces: bytes, warnings: list[str]):
        self.data = data
        self.namespaces = namespaces
        self.warnings = warnings
        self.roots = 0
        self.number = 0
        self.ready: list = []
        self.wrapper = b"<" + WRAPPER + b" " + namespaces + b">"

    def records(self) -> Iterator:
        start, first_line = 0, 1
        while start is not None:
            start, first_line = yield from self._parse_from(start, first_line)

    def _parse_from(self, start: int, first_line: int):
        """Parse from byte ``start`` (at line ``first_line``); on an error report
        it and return where to resume (``None``: done)."""
        self._reset(first_line, resumed=start > 0)
        try:
            self.parser.Parse(self.wrapper, False)
            for index in range(start, len(self.data), BLOCK_SIZE):
                self.parser.Parse(self.data[index : index + BLOCK_SIZE], False)
                yield from self._drain()
            self.parser.Parse(b"</" + WRAPPER + b">", True)
            yield from self._drain()
            return None, 0
        except expat.ExpatError as error:
            yield from self._drain()
            return (yield from self._resume_after(error, start, first_line))

    def _reset(self, first_line: int, *, resumed: bool) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.line_base = first_line - 1
        self.depth = 0
        self.resumed = resumed
        self.record = None
        self.field = None
        self.problem = None
        self.text: list[str] = []

    def _resume_after(self, error, start: int, first_line: int):
        line = self.line_base + error.lineno
        error_at = self._offset_of(start, error.lineno, error.offset)
        error_at = max(start, self.data.rfind(b"<", start, error_at + 1))
        following = RECORD_START.search(self.data, error_at + 1)
        if self.record is not None or following or not self._only_closing(error_at):
            reason = _("the XML is malformed at line %(line)s: %(message)s") % {
                "line": line,
                "message": _xml_message(error),
            }
            yield self._broken_position(line), None, reason
        if following is None:
            return None, 0
        return following.start(), first_line + self.data.count(b"\n", start, following.start())

    def _broken_position(self, line: int) -> Position:
        """The record the error is in (or, between records, the next one)."""
        if self.record is not None:
            return self.position
        self.number += 1
        return Position(self.number, line=line)

    def _offset_of(self, start: int, lineno: int, column: int) -> int:
        """The byte in ``data`` where expat stopped (line 1 began with the wrapper)."""
        offset = start
        for _line in range(lineno - 1):
            found = self.data.find(b"\n", offset)
            if found == -1:
                return len(self.data)
            offset = found + 1
        if lineno == 1:
            column -= len(self.wrapper)
        return min(len(self.data), offset + max(0, column))

    def _only_closing(self, offset: int) -> bool:
        """Whether nothing but closing tags and blanks follows ``offset``."""
        rest = self.data[offset:]
        return not re.sub(rb"</[^>]*>|\s", b"", rest)

    def _drain(self):
        ready, self.ready = self.ready, []
        yield from ready

    # expat handlers

    def _start(self, name: str, attributes: dict) -> None:
        self.depth += 1
        local = name.rpartition(" ")[2]
        if self.depth == 2 and not self.resumed:
            self.roots += 1
        if local == "record" and self.record is None:
            self._record_start()
        elif self.record is not None:
            self._element_start(local, attributes)
        self.text = []

    def _record_start(self) -> None:
        self.number += 1
        self.position = Position(self.number, line=self.line_base + self.parser.CurrentLineNumber)
        self.record = Record()
        self.record.leader = Leader(DEFAULT_LEADER)
        self.problem = None
        self.blanked: list[str] = []

    def _element_start(self, local: str, attributes: dict) -> None:
        if local == "datafield":
            tag = attributes.get("tag", "")
            if not _tag_ok(tag):
                self.problem = _("a data field has a missing or malformed tag (%(tag)s)") % {
                    "tag": tag
                }
            given = attributes.get("ind1", " ") + attributes.get("ind2", " ")
            if not _indicators_valid(given.encode("utf-8")):
                self.blanked.append(tag)
            indicators = _indicators(
                attributes.get("ind1", " ")[:1] + attributes.get("ind2", " ")[:1]
            )
            self.field = Field(tag=tag or "   ", indicators=indicators)
        elif local == "subfield":
            self.code = (attributes.get("code") or "?")[:1]
        elif local == "controlfield":
            self.tag = attributes.get("tag", "")
            if not _tag_ok(self.tag):
                self.problem = _("a control field has a missing or malformed tag (%(tag)s)") % {
                    "tag": self.tag
                }

    def _text(self, data: str) -> None:
        self.text.append(data)

    def _end(self, name: str) -> None:
        self.depth -= 1
        if self.record is None:
            return
        local = name.rpartition(" ")[2]
        text = "".join(self.text)
        self.text = []
        if local == "record":
            self._record_end()
        elif local == "leader":
            self._leader(text)
        elif local == "controlfield":
            self.record.fields.append(Field(tag=self.tag, data=text))
        elif local == "subfield" and self.field is not None:
            self.field.subfields.append(Subfield(code=self.code, value=text))
        elif local == "datafield" and self.field is not None:
            self.record.fields.append(self.field)
            self.field = None

    def _leader(self, text: str) -> None:
        if len(text) != LEADER_LEN:
            self.problem = _("the leader has %(count)s characters instead of 24") % {
                "count": len(text)
            }
        self.record.leader = Leader(leader_clean(text))

    def _record_end(self) -> None:
        record, self.record = self.record, None
        if self.problem is None and not record.fields:
            self.problem = _("the record has no fields")
        if self.problem:
            self.ready.append((self.position, None, self.problem))
        else:
            _warn_indicators(self.warnings, self.position, self.blanked)
            self.ready.append((self.position, record, None))


def _tag_ok(tag: str) -> bool:
    return len(tag) == 3 and tag.isascii() and tag.isalnum()


def _xml_message(error: expat.ExpatError) -> str:
    """Expat's own words for the error ("mismatched tag"), without position."""
    return expat.ErrorString(error.code)
