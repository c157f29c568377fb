"""Pure cataloguing rules of the union catalogue (no database): the entry word
of a personal name and the call number printed on a book's spine."""

import re

# Titles that are never the entry element (DOMAIN.md section 7), compared
# without dots and case: academic, religious and noble titles before a name.
NAME_PREFIX_TITLES = frozenset(
    {
        "dr", "drs", "dra", "drg", "ir", "prof", "h", "hj", "kh", "kyai", "kiai",
        "ustadz", "ustaz", "ustadzah", "ustazah", "habib", "syekh", "pdt", "romo",
        "raden", "r", "ra", "rm", "rr", "ajeng", "roro", "tengku", "teuku", "cut", "gusti",
    }
)  # fmt: skip

# Degrees written after a name ("Sri Wahyuni, S.Pd., M.Si."), compared the same way.
NAME_SUFFIX_TITLES = frozenset(
    {
        "spd", "mpd", "spdi", "mpdi", "si", "ssi", "msi", "se", "mm", "sh", "mh", "shi",
        "skom", "mkom", "sag", "mag", "lc", "ma", "mhum", "ss", "ssos", "sip", "sp", "mp",
        "spi", "st", "mt", "skm", "mkes", "skep", "ns", "amd", "amdkeb", "sked", "sfarm",
        "apt", "spa", "phd", "mba", "msc", "bsc", "hc",
    }
)  # fmt: skip

# Family names (Batak marga, Minahasa and Maluku fam) under which a name in
# natural order enters, e.g. "Tiurma Simanjuntak" under Simanjuntak.
FAMILY_NAMES = frozenset(
    {
        "siregar", "nasution", "simanjuntak", "hutapea", "sitompul", "harahap", "lubis",
        "tampubolon", "sinaga", "panjaitan", "simatupang", "situmorang", "pardede",
        "manurung", "sihombing", "hutagalung", "ginting", "tarigan", "sembiring",
        "silalahi", "pasaribu", "napitupulu", "sitorus", "damanik", "saragih", "purba",
        "hutabarat", "marpaung", "pangaribuan", "batubara", "rangkuti", "daulay",
        "sumual", "lumenta", "mandagi", "rumengan", "sondakh", "wenas", "pattimura",
        "latuconsina", "pattiasina", "tuhumury", "sahetapy",
    }
)  # fmt: skip

LEADING_ARTICLES = ("the ", "a ", "an ")


def _title_key(token: str) -> str:
    return token.replace(".", "").replace(" ", "").lower()


def _strip_suffix_titles(name: str) -> str:
    """Drop degrees after the name, whether after commas or spaces."""
    parts = [part.strip() for part in name.split(",")]
    while len(parts) > 1 and _title_key(parts[-1]) in NAME_SUFFIX_TITLES:
        parts.pop()
    words = ", ".join(parts).split()
    while len(words) > 1 and "." in words[-1] and _title_key(words[-1]) in NAME_SUFFIX_TITLES:
        words.pop()
    return " ".join(words).rstrip(",")


def _strip_prefix_titles(words: list[str]) -> list[str]:
    while len(words) > 1 and _title_key(words[0]) in NAME_PREFIX_TITLES:
        words = words[1:]
    return words


def name_is_inverted(name: str) -> bool:
    """Whether a personal name is written surname first ("Toer, Pramoedya
    Ananta"), not just followed by degrees ("Sri Wahyuni, S.Pd.")."""
    return "," in _strip_suffix_titles(name.strip())


def entry_word(name: str) -> str:
    """The word a personal name files under: the part before the comma of an
    inverted name ("Toer, Pramoedya Ananta"), the family name of a name with a
    marga, otherwise the first part of the name in natural order. Titles and
    degrees are never the entry word."""
    name = _strip_suffix_titles(name.strip())
    if "," in name:  # inverted: the surname comes first
        name = name.split(",", 1)[0]
    words = _strip_prefix_titles(name.split())
    if not words:
        return ""
    if len(words) > 1 and words[-1].lower() in FAMILY_NAMES:
        return words[-1]
    return words[0]


def filing_title(title: str) -> str:
    """The title without a leading English article, as it files."""
    stripped = title.strip().lstrip("\"'“‘([")
    for article in LEADING_ARTICLES:
        if stripped.lower().startswith(article):
            return stripped[len(article) :].lstrip()
    return stripped


def _first_letters(text: str, count: int) -> str:
    return "".join(re.findall(r"[^\W_]", text))[:count]


def call_number(ddc: str, entry_word_or_name: str, title: str) -> str:
    """The spine call number: DDC class, the first three letters of the entry
    word in capitals, the first letter of the title in lower case, e.g.
    ``call_number("899.221", "Pramoedya Ananta Toer", "Bumi Manusia")`` gives
    ``"899.221 PRA b"``. A full name may be given: its entry word is taken.
    A work without a personal author enters under its title."""
    title = filing_title(title)
    entry = entry_word(entry_word_or_name) if entry_word_or_name.strip() else title
    parts = [ddc.strip(), _first_letters(entry, 3).upper(), _first_letters(title, 1).lower()]
    return " ".join(part for part in parts if part)
