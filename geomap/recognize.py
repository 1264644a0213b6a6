"""Text → mentions: find every place name in a document, without a language model.

Every gazetteer name is folded (accents, case, apostrophes and abbreviation dots removed) into a
hash table; the text is folded the same way, keeping offsets, and every run of up to
:data:`MAX_NAME_WORDS` words that starts with a capital is looked up, longest first. This is the
word-bounded equivalent of an Aho-Corasick scan, and its table loads from the cache in a fraction
of the time a 700,000-name automaton takes (0.5 s against 4 s here), which is what a one-article
``geomap parse`` waits for. Each hit is then judged by rules a reader would apply:

* **capitalisation**: place names are proper nouns; lower-case hits are words.
* **common words**: a capitalised common English word at the start of a sentence ("March",
  "Reading") is not taken for a small town of that name.
* **people and organisations**: a name inside a longer proper noun ("General Kenneth
  Mackenzie", "Washington Post"), after a title, or before "said"/"told" is not a place, and
  neither are its other mentions in the document.
* **acronyms**: two- and three-letter capitals count only when the gazetteer knows them as an
  abbreviation ("US", "UK", "UAE").
* **demonyms** ("Iraqi") become mentions of role ``demonym``; the dateline's place, role
  ``dateline``; mentions in "Read more:" teasers and site footers are flagged ``boilerplate``.
* **facilities**: "the Taji military base", "Camp Taji", "K1 base" mark the mention as a
  facility, which the resolver uses.

The name table is built once per gazetteer version and cached beside the database.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import math
import os
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from geomap.gazetteer.names import SPECIAL_LETTERS, split_facility
from geomap.gazetteer.store import SqliteGazetteer
from geomap.model import Mention
from geomap.text.clean import Dateline, find_boilerplate, find_dateline, is_boilerplate

__all__ = [
    "MAX_NAME_WORDS",
    "NameInfo",
    "Recognizer",
    "facility_cue",
    "fold_text",
    "is_generic_word",
    "subdivisions_called_after",
]

#: The longest run of words looked up as one name ("Democratic Republic of the Congo").
MAX_NAME_WORDS = 7

_DELETE = "\x01"  # marks characters removed from the folded text (apostrophes, dots)
_APOSTROPHES = set("'’‘ʿʼʾʻ`´′ʹ")


# Letters NFKD leaves alone, one folded letter each so that offsets are kept ("ß" → "s").
_ONE_LETTER = {char: folded[0] for char, folded in SPECIAL_LETTERS.items()}


class _FoldTable(dict):
    """``str.translate`` table mapping every character to one folded character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _APOSTROPHES or char == ".":
            result = _DELETE
        elif char.isascii():
            result = char.lower() if char.isalnum() else " "
        else:
            special = _ONE_LETTER
            if char in special:
                result = special[char]
            else:
                base = [
                    c for c in unicodedata.normalize("NFKD", char) if c.isascii() and c.isalnum()
                ]
                result = base[0].lower() if base else " "
        self[code] = result
        return result


_FOLD_TABLE = _FoldTable()


class _ShapeTable(dict):
    """``str.translate`` table: "U" capital or digit, "s" space, hyphen or "&", "x" anything else;
    apostrophes and dots are deleted as in the folded text."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _APOSTROPHES or char == ".":
            result = _DELETE
        elif char.isupper() or char.isdigit():
            result = "U"
        elif char in " -‐‑–&":  # "&" joins the letters of "T&T"
            result = "s"
        else:
            result = "x"
        self[code] = result
        return result


_SHAPE_TABLE = _ShapeTable()
_SPACES = re.compile(r" +")
# "Sudan's", "Russia’s": the possessive is a word of its own, not part of the name. Replacing
# the apostrophe by a space keeps every offset.
_POSSESSIVE = re.compile(r"['’](s)(?![^\W\d_])")


def fold_text(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for matching; return it with the positions needed to map offsets back.

    Every character maps to one character except apostrophes and dots, which are removed
    ("Qa'im" → "qaim", "U.S." → "us"). ``_original_offset`` maps an offset in the folded text
    back to ``text``.

    >>> fold_text("Al-Qā’im, U.S.")[0]
    'al qaim  us'
    """
    folded = _POSSESSIVE.sub(r" \1", text).translate(_FOLD_TABLE)
    if _DELETE not in folded:
        return folded, []
    shifts = []
    position = folded.find(_DELETE)
    while position != -1:
        shifts.append(position - len(shifts))
        position = folded.find(_DELETE, position + 1)
    return folded.replace(_DELETE, ""), shifts


def _may_continue(folded: str, shape: str, token: tuple[int, int]) -> bool:
    """Whether a word can be part of a name the rules accept: capitalised, a connector, or
    capitalised after an elided article ("d'Ivoire")."""
    start, end = token
    return (
        shape[start] == "U"
        or folded[start:end] in _CONNECTORS
        or (folded[start] in "dl" and shape[start + 1 : start + 2] == "U")
    )


def _deleted_between(shifts: list[int], start: int, end: int) -> bool:
    """Whether a removed character (a dot, an apostrophe) stood between two folded offsets."""
    if not shifts:
        return False
    position = bisect_right(shifts, start - 1)
    return position < len(shifts) and shifts[position] <= end


def _original_offset(shifts: list[int], folded_offset: int, *, end: bool = False) -> int:
    # Deleted characters before this point push it right; an end offset does not absorb a
    # deleted character that follows the match ("Baghdad." ends before the dot).
    return folded_offset + (
        bisect_right(shifts, folded_offset - (1 if end else 0)) if shifts else 0
    )


def _name_key(name: str) -> str:
    return _SPACES.sub(" ", fold_text(name)[0]).strip()


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What the gazetteer knows about one folded name, for judging a hit."""

    prior: float  # best place prior among the places of this name
    major: bool  # a country, continent, sea or large area, or a city of 1M+
    demonym: bool  # a people's name ("iraqi"), whatever else it may be
    abbreviation: bool  # an abbreviation the gazetteer knows ("us", "uae")
    zipf: float  # frequency of the name as an English word (0: not a word)
    facility: bool  # only a facility's name or its place part

    def pack(self) -> int:
        """One int per name keeps the cached table small and quick to load."""
        return (
            round(self.prior * 255)
            | self.major << 8
            | self.demonym << 9
            | self.abbreviation << 10
            | self.facility << 11
            | round(self.zipf * 100) << 12
        )

    @classmethod
    def unpack(cls, packed: int) -> NameInfo:
        return cls(
            (packed & 255) / 255,
            bool(packed >> 8 & 1),
            bool(packed >> 9 & 1),
            bool(packed >> 10 & 1),
            (packed >> 12) / 100,
            bool(packed >> 11 & 1),
        )


_TITLES = frozenset(
    [
        "president",
        "gen",
        "general",
        "lt",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "sgt",
        "sergeant",
        "adm",
        "admiral",
        "cmdr",
        "commander",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "sheik",
        "emir",
        "ayatollah",
        "imam",
        "pope",
        "saint",
        "st",
        "father",
        "rev",
        "reverend",
        "judge",
        "justice",
        "secretary",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "mayor",
        "lord",
        "lady",
        "sir",
        "dame",
        "chief",
        "officer",
        "agent",
        "detective",
        "coach",
    ]
)
_SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "told",
        "tells",
        "added",
        "warned",
        "stated",
        "claimed",
        "argued",
        "noted",
        "wrote",
        "explained",
        "insisted",
        "announced",
        "replied",
        "asked",
        "urged",
        "declared",
        "recalled",
    ]
)
_CONNECTORS = frozenset(
    [
        "of",
        "es",
        "ul",
        "ud",
        "ed",
        "en",
        "the",
        "de",
        "du",
        "del",
        "della",
        "des",
        "la",
        "le",
        "les",
        "al",
        "el",
        "an",
        "ad",
        "ar",
        "as",
        "at",
        "az",
        "ash",
        "bin",
        "bint",
        "ibn",
        "bu",
        "abu",
        "upon",
        "on",
        "sur",
        "am",
        "im",
        "and",
        "y",
        "e",
        "da",
        "do",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "di",
        "ter",
        "ten",
        "lo",
        "los",
        "las",
    ]
)
# Capitalised words that extend a place name without making it another kind of thing.
# Zipf frequencies (log10 per billion words): 3 is "uncommon word", 5 is "very common".
_COMMON = 3.0
_FREQUENT = 4.0
_VERY_COMMON = 5.0
# A place this likely (a city of some 175,000, a state) outweighs a common word of its name,
# and is named even inside a longer name ("the Portland Trail Blazers").
_LARGE_PLACE = 0.60
_ALTERNATE_PRIOR = 0.8  # weight of a town's likelihood when the word is only another name of it
_ALTERNATE_WORD_ZIPF = 3.0  # an alternate name this frequent in English is the English word
_CALENDAR = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# After these a capitalised word is most likely a place: "travelled to Reading".
_LOCATIVES = frozenset(
    [
        "in",
        "at",
        "from",
        "to",
        "near",
        "outside",
        "into",
        "toward",
        "towards",
        "across",
        "via",
        "through",
        "around",
        "downtown",
        "uptown",
        "suburban",
        "rural",
        "greater",
    ]
)
_QUALIFIER = re.compile(r",[ \t]*([A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)")
_ELIDED_ARTICLE = re.compile(r"^[dlDL]['’]")
_ARTICLE_WORDS = frozenset(["al", "el", "ad", "ar", "as", "at", "az", "an", "ash"])
_DIRECTIONS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "middle",
        "upper",
        "lower",
        "midwest",
    ]
)
_PLACE_WORDS = _DIRECTIONS | frozenset(
    [
        "city",
        "town",
        "village",
        "province",
        "governorate",
        "governate",
        "region",
        "district",
        "county",
        "state",
        "municipality",
        "oblast",
        "prefecture",
        "island",
        "islands",
        "river",
        "valley",
        "mountains",
        "mountain",
        "lake",
        "sea",
        "gulf",
        "bay",
        "strait",
        "desert",
        "peninsula",
        "border",
        "borders",
        "area",
        "airport",
        "base",
        "airbase",
        "airfield",
        "camp",
        "port",
        "harbor",
        "harbour",
        "greater",
        "new",
    ]
)
# Single words that are never a place's whole name in running text, whatever town bears them.
# Words that make a place's name part of an institution's ("the Licking County Sheriff",
# "Nashville Film Festival", "Gainesville Police"): the place is still named, so such a following
# capitalised word does not make the place part of a person's or a brand's name.
_INSTITUTION_LOOKAHEAD = 4  # capitalised words after a place that may end in an institution's
_INSTITUTION_WORDS = frozenset(
    [
        "courthouse",
        "education",
        "railway",
        "railways",
        "railroad",
        "company",
        "corporation",
        "bank",
        "airlines",
        "airways",
        "police",
        "sheriff",
        "sheriff's",
        "fire",
        "department",
        "dept",
        "commission",
        "commissioners",
        "commissioner",
        "board",
        "council",
        "court",
        "courts",
        "jail",
        "prison",
        "school",
        "schools",
        "high",
        "middle",
        "elementary",
        "academy",
        "college",
        "university",
        "hospital",
        "clinic",
        "library",
        "museum",
        "zoo",
        "chamber",
        "club",
        "alliance",
        "association",
        "society",
        "times",
        "post",
        "herald",
        "news",
        "gazette",
        "journal",
        "tribune",
        "daily",
        "democrats",
        "republicans",
        "party",
        "film",
        "festival",
        "public",
        "community",
        "memorial",
        "regional",
        "transit",
        "metro",
        "housing",
        "health",
        "water",
        "district",
        "government",
        "authority",
        "agency",
        "office",
        "bureau",
        "city",
        "county",
        "state",
        "national",
        "international",
        "attorney",
        "prosecutor",
        "coroner",
        "clerk",
        "mayor",
        "assembly",
        "legislature",
        "senate",
        "airport",
        "port",
        "symphony",
        "orchestra",
        "opera",
        "theatre",
        "theater",
        "ballet",
        "fair",
        "marathon",
    ]
)
# Streets, buildings and natural features are mostly missing from the gazetteer, yet news names
# them ("Royal Street", "Barclays Center", "Glenrock Lagoon", "Lake Hartwell"): a run of
# capitalised words with such a head word is a place mention that the resolver places by the
# article. Schools and companies are not places of this kind.
_FEATURE_HEADS = (
    "Street|St\\.|Avenue|Ave\\.|Road|Rd\\.|Boulevard|Blvd\\.|Drive|Lane|Highway|Parkway|Square|"
    "Bridge|Park|Stadium|Arena|Center|Centre|Hospital|Prison|Penitentiary|Cathedral|Basilica|"
    "Church|Chapel|Mosque|Synagogue|Temple|Castle|Palace|Library|Museum|Theatre|Theater|"
    "Racecourse|Mall|Plaza|Lake|River|Creek|Lagoon|Bay|Beach|Island|Canal|Harbor|Harbour|"
    "Valley|Canyon|Falls|Mountain|Mountains|Forest|Reservoir|Dam|Airport"
)
_FEATURE_HEAD_WORDS = frozenset(
    head.replace("\\.", "").lower() for head in _FEATURE_HEADS.split("|")
)
_FEATURE_LEADS = "Lake|Mount|Mt\\.|Cape|Fort|Rue|Lac"
# A building named after its town ("Toronto General Hospital") is news about the town: its place
# name stays the mention. Streets, rivers and lakes keep their whole name ("Lake Vermont").
_BUILDING_HEADS = frozenset(
    [
        "stadium",
        "arena",
        "center",
        "centre",
        "hospital",
        "prison",
        "penitentiary",
        "cathedral",
        "basilica",
        "church",
        "chapel",
        "mosque",
        "synagogue",
        "temple",
        "castle",
        "palace",
        "library",
        "museum",
        "theatre",
        "theater",
        "racecourse",
        "mall",
        "plaza",
    ]
)
# A capitalised word ("St." and "E." keep their dot), or an ordinal ("8th Avenue"); not a
# possessive, which names another place ("Toronto's Pearson International Airport").
_FEATURE_WORD = (
    r"(?:[A-Z][\w&-]*(?<!['’]s)(?:(?<=\b[A-Z][a-z])\.|(?<=\b[A-Z])\.)?|[0-9]+(?:st|nd|rd|th))"
)
# Found from their head word, the rare part, then extended back over the capitalised words.
_FEATURE_HEAD = re.compile(
    rf"(?<=\s)(?:{_FEATURE_HEADS})(?![\w'’-])(?:\s(?:North|South|East|West)\b)?"
)
_FEATURE_NAME_BEFORE = re.compile(rf"(?<![\w'’.-])(?:{_FEATURE_WORD}\s){{1,4}}$")
_FEATURE_LED = re.compile(
    rf"(?<![\w'’.-])(?:{_FEATURE_LEADS})\s[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?"
    rf"|(?<![\w'’.-])(?:Highway|Route|Interstate|U\.S\.|US|I)[- ](?:[0-9]+[A-Z]?)\b"
)
# Words that may be capitalised before a feature's name without being part of it.
_NOT_IN_FEATURE = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "and",
        "but",
        "or",
        "of",
        "to",
        "from",
        "by",
        "for",
        "with",
        "as",
        "near",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "our",
        "its",
        "my",
        "your",
        "after",
        "before",
        "when",
        "while",
        "if",
        "mr",
        "mrs",
        "ms",
        "dr",
        "new",
        "old",
    ]
)
_GENERIC_WORDS = _PLACE_WORDS | _CALENDAR


def is_generic_word(word: str) -> bool:
    """Whether a word is a direction, a kind of place or feature, or a calendar word
    ("Central", "Valley", "Centre", "March"): never a place's whole name in running text,
    whatever town or region bears it."""
    word = word.lower()
    return word in _GENERIC_WORDS or word in _FEATURE_HEAD_WORDS


_ERAS = frozenset({"bc", "bce", "ad", "ce"})
_NUMBER_BEFORE = re.compile(r"\d\s*$")
_FACILITY_AFTER = re.compile(
    r"^[\s\-]*(?:(?:military|army|air|naval|navy|airforce|air force|us|u\.s\.|coalition|"
    r"american)\s+)*(base|airbase|air base|airfield|air field|airport|camp|garrison)\b",
    re.IGNORECASE,
)
_FACILITY_BEFORE = re.compile(r"\b(?:camp|fort|base|airbase)\s+$", re.IGNORECASE)
_SENTENCE_END = set('.!?:;\n"“”')


class Recognizer:
    """Finds place-name mentions in text using every name of a gazetteer.

    Parameters
    ----------
    names
        Folded name → packed :class:`NameInfo`, as :meth:`build_table` makes it.

    Examples
    --------
    >>> recognizer = Recognizer.for_gazetteer(open_gazetteer())          # doctest: +SKIP
    >>> [m.text for m in recognizer.mentions("Rockets hit Taji, north of Baghdad.")]
    ['Taji', 'Baghdad']                                                  # doctest: +SKIP
    """

    CACHE_VERSION = 5

    def __init__(self, names: dict[str, int]) -> None:
        self._names = names
        self._info_cache: dict[int, NameInfo] = {}

    # -- construction --------------------------------------------------------------------

    @classmethod
    def for_gazetteer(cls, gazetteer: SqliteGazetteer) -> Recognizer:
        """The recognizer for this gazetteer, from the cache beside it when current."""
        stamp = (
            f"{cls.CACHE_VERSION}-{gazetteer.meta.get('fingerprint')}-"
            f"{gazetteer.meta.get('built_at')}-{gazetteer.meta.get('names')}"
        )
        cache = gazetteer.path.with_name(gazetteer.path.name + ".names")
        table = _load_cached(cache, stamp)
        if table is None:
            table = cls.build_table(gazetteer.iter_names())
            _save_cached(cache, stamp, table)
        return cls(table)

    @staticmethod
    def build_table(names: Iterable[tuple[str, str, str, int, float]]) -> dict[str, int]:
        """Folded name → packed :class:`NameInfo`, from ``(name, type, kind, population,
        prior)``."""
        frequencies = _english_frequencies()
        aggregated: dict[str, list] = {}
        for name, name_type, kind, population, prior in names:
            key = _name_key(name)
            if len(key) < 2 or key.isdigit() or key.count(" ") >= MAX_NAME_WORDS:
                continue
            major = kind in {"country", "continent", "sea", "area"} or population >= 1_000_000
            # Only towns' alternates are judged as words below; a region's ("Newfoundland") stays.
            town_alternate = name_type == "alt" and kind == "city"
            if name_type == "alt" and not major:
                # Another language's name for a town ("Luck" for Lutsk, "Ch'en" for Chenzhou)
                # is seldom what an English text means by the word.
                prior *= _ALTERNATE_PRIOR
            is_facility = name_type == "facility" or kind in {"military", "airport"}
            entry = aggregated.get(key)
            if entry is None:
                aggregated[key] = [
                    prior,
                    major,
                    name_type == "demonym",
                    name_type == "abbr",
                    is_facility,
                    not town_alternate,
                ]
            else:
                entry[0] = max(entry[0], prior)
                entry[1] = entry[1] or major
                entry[2] = entry[2] or name_type == "demonym"
                entry[3] = entry[3] or name_type == "abbr"
                entry[4] = entry[4] and is_facility
                entry[5] = entry[5] or not town_alternate
        table = {}
        for key, (prior, major, demonym, abbreviation, facility, own) in aggregated.items():
            frequency = frequencies.get(key, 0.0)
            zipf = max(0.0, math.log10(frequency * 1e9)) if frequency > 0 else 0.0
            if not own and not major and zipf >= _ALTERNATE_WORD_ZIPF:
                # Only another language's name for a town, and a word English news uses:
                # "Hamas" (Hamm), "Taliban", "Abbas" are a movement and a man.
                continue
            table[key] = NameInfo(
                prior, major, demonym, abbreviation, round(zipf, 2), facility
            ).pack()
        return table

    def _info(self, packed: int) -> NameInfo:
        info = self._info_cache.get(packed)
        if info is None:
            info = self._info_cache[packed] = NameInfo.unpack(packed)
        return info

    # -- recognition ---------------------------------------------------------------------

    def mentions(self, text: str) -> list[Mention]:
        """Every place-name mention in ``text``, in order, without overlaps.

        At each capitalised word the longest gazetteer name is tried first; when the rules
        reject it ("Taji air base" has lower-case words), the shorter names inside it are tried.
        """
        if not text:
            return []
        folded, shifts = fold_text(text)
        groups = self._hits(text, folded, shifts)
        people, people_here, speakers = _person_names(
            text, [group[0] for group in groups], self._names
        )
        dateline = find_dateline(text)
        boilerplate = find_boilerplate(text)
        result: list[Mention] = []
        covered_to = -1
        for group in groups:
            for start, end, key, info in group:
                if start < covered_to:
                    break
                surface = text[start:end]
                person = _fold_surface(surface)
                if start in people_here or (
                    person in people and (not info.major or person in speakers)
                ):
                    break
                in_dateline = dateline is not None and (start, end) == (
                    dateline.start,
                    dateline.end,
                )
                # "COLUMBUS, Ohio (AP) --": capitals are how datelines are written.
                if not in_dateline and not self._accept(text, start, end, info):
                    continue
                result.append(self._mention(text, start, end, key, info, dateline, boilerplate))
                covered_to = result[-1].end
                break
        return _with_features(text, result, boilerplate, people)

    @staticmethod
    def _mention(
        text: str,
        start: int,
        end: int,
        key: str,
        info: NameInfo,
        dateline: Dateline | None,
        boilerplate: list[tuple[int, int]],
    ) -> Mention:
        surface = text[start:end]
        if (
            end < len(text)
            and text[end] == "."
            and (
                ("." in surface and len(surface.rsplit(".", 1)[1].strip()) <= 3)
                # "Va.", "Wash.", not the full stop after "the EU."
                or (info.abbreviation and len(surface) <= 4 and not surface.isupper())
            )
        ):
            end += 1  # "U.S.", "W.Va.": the abbreviation's own final dot
            surface = text[start:end]
        role = "demonym" if info.demonym else "toponym"
        if dateline and dateline.start <= start and end <= dateline.end:
            role = "dateline"
        return Mention(
            text=surface,
            start=start,
            end=end,
            role=role,
            facility=facility_cue(text, start, end) or split_facility(surface)[1],
            boilerplate=is_boilerplate(boilerplate, start, end),
            normalized=key,
        )

    def _hits(self, text: str, folded: str, shifts: list[int]) -> list[list[tuple]]:
        """At each capitalised word, every gazetteer name starting there, longest first."""
        names = self._names
        # The shape of every character, aligned with the folded text: capitals and digits "U",
        # spaces and hyphens (which may join a name's words) "s".
        shape = _POSSESSIVE.sub(r" \1", text).translate(_SHAPE_TABLE)
        if shifts:
            shape = shape.replace(_DELETE, "")
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(folded)]
        groups = []
        count = len(tokens)
        for i in range(count):
            start = tokens[i][0]
            if shape[start] != "U":
                continue
            # Extend over words joined by one space or hyphen: not a comma, not a line break,
            # not a full stop ("Savannah. Georgia"), except after an abbreviation ("St. Louis").
            last = i
            # Only capitalised words and connectors ("Gulf of Aden") can continue a name that
            # the rules would accept, so the scan stops at the first other word.
            while (
                last + 1 < count
                and last - i + 1 < MAX_NAME_WORDS
                and tokens[last + 1][0] - tokens[last][1] == 1
                and shape[tokens[last][1]] == "s"
                and _may_continue(folded, shape, tokens[last + 1])
                and (
                    tokens[last][1] - tokens[last][0] <= 3
                    or not _deleted_between(shifts, tokens[last][1], tokens[last + 1][0])
                )
            ):
                last += 1
            group = []
            for j in range(last, i - 1, -1):
                key = folded[start : tokens[j][1]]
                packed = names.get(key)
                if packed is not None:
                    group.append(
                        (
                            _original_offset(shifts, start),
                            _original_offset(shifts, tokens[j][1], end=True),
                            key,
                            self._info(packed),
                        )
                    )
            if group:
                groups.append(group)
        return groups

    def _qualified(self, text: str, end: int) -> bool:
        """Whether a place name follows after a comma: "Richmond, Va.", "Lincoln, Nebraska"."""
        match = _QUALIFIER.match(text, end)
        return bool(match) and _name_key(match.group(1)) in self._names

    def _accept(self, text: str, start: int, end: int, info: NameInfo) -> bool:
        surface = text[start:end]
        words = surface.replace("-", " ").split()
        # Every significant word of a place name is capitalised ("Gulf of Aden", "Al-Qa'im").
        for word in words[1:]:
            # "d'Ivoire", "l'Aquila": the elided article is lower case, the name is not.
            core = _ELIDED_ARTICLE.sub("", word) or word
            if not (core[0].isupper() or core[0].isdigit() or word.lower() in _CONNECTORS):
                return False
        letters = [c for c in surface if c.isalpha()]
        has_digit = any(c.isdigit() for c in surface)
        if len(words) == 1 and letters and all(c.isupper() for c in letters) and not has_digit:
            # Acronyms count only when the gazetteer knows them as abbreviations (US, UAE);
            # a longer word in capitals (a headline, "MOSCOW" in a dateline) only for a major
            # place or a large town.
            if len(letters) <= 4 and not info.abbreviation:
                return False
            if len(letters) > 4 and not (info.major or info.prior >= 0.75):
                return False
        elif len(words) == 1 and len(letters) <= 3 and not (info.abbreviation or has_digit):
            return False  # "Us", "Of", "Da": too short to be a place without more evidence
        elif info.abbreviation and len(letters) <= 4 and text[end : end + 1] != ".":
            return False  # "Va." and "Miss." are states; "Miss Universe" is not
        if "".join(letters).lower() in _ERAS and _NUMBER_BEFORE.search(
            text[max(0, start - 8) : start]
        ):
            return False  # "100 B.C.", "500 BC": a year's era, not British Columbia
        if _CURRENCY_AFTER.match(text, end):
            return False  # "US$543 million", "40 US dollars", "Canadian dollars": money
        if _DISEASE_AFTER.match(text, end) and info.prior < _COUNTRY_OR_STATE:
            # "West Nile virus", "Marburg haemorrhagic fever": a disease's name; "US flu
            # season" still names the US.
            return False
        if _in_foreign_compound(text, start):
            return False  # "Al-Arabia", "Al-Jazeera": an Arabic name that is not this place
        if _after_capitalised_hyphen(text, start, self._names) and not info.major:
            return False  # "Wal-Mart", "Coca-Cola": the end of a compound name
        if info.demonym:
            return True
        if len(words) == 1 and (
            surface.lower() in _GENERIC_WORDS or surface.lower() in _BUILDING_HEADS
        ):
            # "Western", "Region", "Valley", "the Convention Centre", "Palace": generic words,
            # whatever town or region they also name.
            return False
        initial = _sentence_initial(text, start)
        if info.major:
            return True
        if (
            info.prior < 0.7
            and _continues_proper_noun(text, end)
            and (
                info.prior < _LARGE_PLACE
                or _is_given_name(surface)
                or _is_given_name(_next_word(text, end))
            )
        ):
            return False  # "Arabia TV", "Hailey Smith": part of a longer name
        if len(words) == 1:
            # A capitalised common word starting a sentence is the word ("March", "Reading"),
            # unless the place is large ("Boston police said"); mid-sentence a capital marks a
            # proper noun, so only the very commonest words ("Will", "Long") are doubted.
            if initial and (
                (info.zipf >= _VERY_COMMON and info.prior < 0.8)
                or (info.zipf >= _COMMON and info.prior < 0.5)
            ):
                return False
            if (
                not initial
                and info.zipf >= _FREQUENT
                and info.prior < _LARGE_PLACE
                and not self._qualified(text, end)
                # "Orange and Los Angeles counties": the list calls it a county
                and not subdivisions_called_after(text, start, end)
                and _previous_word(text, start).lower() not in _LOCATIVES
            ):
                return False  # "Thursday", "University", "Scott": words and names first
        return True


_TOKEN = re.compile(r"[a-z0-9]+")
_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")


def _with_features(
    text: str, mentions: list[Mention], boilerplate: list[tuple[int, int]], people: set[str]
) -> list[Mention]:
    """``mentions`` with the streets, buildings and natural features ``text`` names added.

    A feature's name wins over the place names inside it ("Windsor Castle" over "Windsor");
    one that overlaps a found name only in part is left out.
    """
    spans = [match.span() for match in _FEATURE_LED.finditer(text)]
    for head in _FEATURE_HEAD.finditer(text):
        name = _FEATURE_NAME_BEFORE.search(text, max(0, head.start() - 120), head.start())
        if name:
            spans.append((name.start(), head.end()))
    features: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if features and start < features[-1][1]:
            continue  # inside or across a feature already taken
        words = text[start:end].split()
        while len(words) > 2 and words[0].lower().rstrip(".") in _NOT_IN_FEATURE:
            start += len(words[0]) + 1
            words = words[1:]
        if words[0].lower().rstrip(".") in _NOT_IN_FEATURE or _fold_surface(words[0]) in people:
            continue
        features.append((start, end))
    if not features:
        return mentions
    merged: list[Mention] = []
    index = 0
    for start, end in features:
        while index < len(mentions) and mentions[index].end <= start:
            merged.append(mentions[index])
            index += 1
        inside = []
        while index < len(mentions) and mentions[index].start < end:
            inside.append(mentions[index])
            index += 1
        building = text[start:end].split()[-1].lower() in _BUILDING_HEADS
        if (
            any(m.start < start or m.end > end for m in inside)
            or any((m.start, m.end) == (start, end) for m in inside)
            or (building and inside)
        ):
            merged.extend(inside)  # a name the gazetteer knows as it is, or a partial overlap
            continue
        if merged and merged[-1].end > start:
            continue
        surface = text[start:end]
        merged.append(
            Mention(
                text=surface,
                start=start,
                end=end,
                facility=split_facility(surface)[1],
                boilerplate=is_boilerplate(boilerplate, start, end),
                normalized=_name_key(surface),
            )
        )
    merged.extend(mentions[index:])
    return merged


def _fold_surface(surface: str) -> str:
    return _name_key(surface)


# A person's age in apposition: "McDaniel, 19, of Paris"; not a year ("Paris, 1920,").
_AGE_AFTER = re.compile(r",\s?(?:1[01][0-9]|[1-9]?[0-9]),\s")
_FAMILY_WORDS = frozenset({"family", "families", "household"})


def _person_names(
    text: str, chosen: list[tuple], names: dict[str, int]
) -> tuple[set[str], set[int], set[str]]:
    """Names the document uses for people.

    Returns the folded names that are people's names throughout the document, the start
    offsets of hits that are people here, and the names of quotes' speakers, which are people
    throughout even when a country bears the name ('"I love it," said Georgia'). A title
    ("General Kenneth Mackenzie") or a speech verb ("Mackenzie told") makes a small place's
    name a person's name everywhere; a capitalised word before it ("Kenneth Mackenzie",
    "Charlie Crist") does so only for small places, as "Metropolitan Atlanta" and "FBI's
    Atlanta office" still name Atlanta.
    """
    people: set[str] = set()
    speakers: set[str] = set()  # people even where a country or large place bears the name
    here: set[int] = set()
    # Names the document also uses after "in", "at", "near": places there, whatever a
    # capitalised word before them elsewhere suggests ("First Baptist Church Maryville").
    located = {
        _fold_surface(text[start:end])
        for start, end, _key, _info in chosen
        if _after_locative(text, start)
    }
    first_names = _first_names()
    for start, end, _key, info in chosen:
        if info.demonym:
            continue
        # '"I love it," said Georgia.': the speaker of a quote, whatever country bears the name.
        if (
            _QUOTE_ATTRIBUTION.search(text, max(0, start - 20), start)
            and _ATTRIBUTION_END.match(text, end)
            and not text[start:end].isupper()  # '," said U.S. Agriculture Secretary Johanns'
        ):
            here.add(start)
            if _fold_surface(text[start:end]) not in located:
                people.add(_fold_surface(text[start:end]))
                speakers.add(_fold_surface(text[start:end]))
            continue
        if info.major:
            continue
        small = info.prior < 0.7
        previous = _previous_word(text, start)
        prev_clean = previous.rstrip(".")
        surface = text[start:end]
        if (
            prev_clean.lower() in first_names
            and prev_clean[:1].isupper()
            and text[start - len(previous) - 1 : start].endswith(" ")
            and not _names_a_place(names, prev_clean)
        ) or (
            surface.lower() in first_names
            and _continues_proper_noun(text, end)
            and _previous_word(text, start).lower() not in _LOCATIVES
        ):
            # "Brian Munford", "Steven Anthony Eberhart": after a given name; "Mary Wheeler":
            # a given name before a surname.
            here.add(start)
            if small and _fold_surface(surface) not in located:
                people.add(_fold_surface(surface))
            continue
        # "General Kenneth Mackenzie": a title two words back counts only across a first name,
        # not across a preposition ("a spokesman for Oxford Police").
        before_previous = (
            _previous_word(text, start - len(previous) - 1) if prev_clean[:1].isupper() else ""
        )
        if {prev_clean.lower(), before_previous.rstrip(".").lower()} & _TITLES:
            here.add(start)
            if small:
                people.add(_fold_surface(text[start:end]))
            continue
        # "Mike de Kock", "Vincent van Gogh": a surname's particle after a given name (not
        # "Santiago de Chile", whose first word is a place).
        if previous in _SURNAME_PARTICLES:
            given = _previous_word(text, start - len(previous) - 1)
            if given[:1].isupper() and not _names_a_place(names, given.rstrip(".")):
                here.add(start)
                if small:
                    people.add(_fold_surface(surface))
                continue
        # "Mackenzie told", but not "fishermen in Labrador said": after a locative, a place.
        # "Hailey, 6, and Caleb, 4": a name with an age; "the Ching family": a surname.
        if (
            (_next_word(text, end).lower() in _SPEECH_VERBS and previous.lower() not in _LOCATIVES)
            or _AGE_AFTER.match(text, end)
            or (previous.lower() == "the" and _next_word(text, end).lower() in _FAMILY_WORDS)
        ):
            here.add(start)
            if small:
                people.add(_fold_surface(text[start:end]))
            continue
        if not previous:
            continue
        gap = text[start - len(previous) - 1 : start]
        if (
            len(previous) == 2
            and previous[0].isupper()
            and previous[1] == "."
            and gap.endswith(" ")
            and (end >= len(text) or text[end] != ".")
        ):
            # "Vincent J. Fumo", "Ronnie M. Campbell": a middle initial ("Washington, D.C."
            # and "U.S." end in a dot of their own).
            here.add(start)
            if small:
                people.add(_fold_surface(text[start:end]))
            continue
        if (
            prev_clean[:1].isupper()
            and prev_clean.lower() not in _PLACE_WORDS
            and prev_clean.lower() not in _CONNECTORS
            and gap.endswith(" ")
            and not prev_clean.endswith(("'s", "’s"))
            and not _sentence_initial(text, start - len(previous) - 1)
            and not prev_clean.isupper()
            and not _names_a_place(names, prev_clean)  # "the Syrian Abu Kamal", "Greater London"
            and prev_clean.lower() not in _INSTITUTION_WORDS  # "First Baptist Church Maryville"
            and prev_clean.lower() not in _BUILDING_HEADS
        ):
            here.add(start)
            if small and _fold_surface(text[start:end]) not in located:
                people.add(_fold_surface(text[start:end]))
    return people, here, speakers


# "Walton and Oconee counties", "Navarro, Henderson and Ellis counties". At most 30 names
# follow: a longer run is a table, and reading to its end from each name took quadratic time.
_SUBDIVISIONS_AFTER = re.compile(
    r"(?P<more>(?:\s*(?:,|,?\s+and|,?\s+or|&)\s+[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?){0,30})"
    r"\s+(?P<word>counties|parishes|boroughs|districts|provinces|governorates)\b"
)
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor|&)\s+$")


def subdivisions_called_after(text: str, start: int, end: int) -> str | None:
    """The plural subdivision word ("counties", "provinces") that a list the name at
    ``start:end`` belongs to ends in, if any.

    Only a list counts: "Indiana counties" are the counties of Indiana.

    >>> subdivisions_called_after("Navarro, Henderson and Ellis counties", 9, 18)
    'counties'
    >>> subdivisions_called_after("the middle of Indiana counties", 14, 21) is None
    True
    """
    match = _SUBDIVISIONS_AFTER.match(text, end)
    if not match:
        return None
    if match["more"] or _LIST_BEFORE.search(text, max(0, start - 6), start):
        return match["word"].lower()
    return None


def _after_locative(text: str, start: int) -> bool:
    """Whether a name follows "in", "at", "near", ...; "to" only where it leads to a place
    ("moved to Fremont", not "a source close to McGregor")."""
    previous = _previous_word(text, start).lower()
    if previous not in _LOCATIVES:
        return False
    if previous != "to":
        return True
    before = _previous_word(text, start - len(previous) - 1).lower()
    return before not in _TO_A_PERSON


# Words before "to" that lead to a person rather than a place.
_TO_A_PERSON = frozenset(
    {
        "close",
        "according",
        "next",
        "similar",
        "related",
        "married",
        "loyal",
        "opposed",
        "thanks",
        "spoke",
        "talked",
        "told",
        "wrote",
        "said",
        "sent",
        "reported",
        "compared",
        "due",
    }
)

# A quote's speaker: a closing quotation mark, a speech verb, the name, then the sentence ends.
_QUOTE_ATTRIBUTION = re.compile(r"[\"”’'],?\s+(?:said|says|added|asked|explained|recalled)\s+$")
_ATTRIBUTION_END = re.compile(r"\s*[.,;]")

# A currency after a country's name or people: the money, not the place.
_CURRENCY_AFTER = re.compile(
    r"\$|\s+(?:dollars?|cents|pounds? sterling|pesos?|rupees?|yuan|francs?|riyals?|dinars?"
    r"|shekels?)\b"
)

_COUNTRY_OR_STATE = 0.9  # the prior of a country or a large state, above any town's or area's
# A disease named after a place: the disease, not the place.
_DISEASE_AFTER = re.compile(
    r"\s+(?:virus(?:es)?|ebolavirus|fever|(?:ha)?emorrhagic fever|disease|encephalitis|flu)\b",
    re.IGNORECASE,
)

_SURNAME_PARTICLES = frozenset(
    ["de", "van", "von", "der", "den", "du", "da", "di", "del", "della", "ter", "ten", "dos"]
)


def _is_given_name(word: str) -> bool:
    """Whether a word is a common given name ("Hailey", "Tyler")."""
    return word.lower() in _first_names()


@functools.cache
def _first_names() -> frozenset[str]:
    """Given names borne by at least 1 in 25,000 Americans (US Census 1990, shipped by the
    ``names`` package), lower case."""
    found: set[str] = set()
    for table in ("dist.male.first", "dist.female.first"):
        for line in resources.files("names").joinpath(table).read_text().splitlines():
            fields = line.split()
            if len(fields) >= 2 and float(fields[1]) >= 0.004:
                found.add(fields[0].lower())
    return frozenset(found)


def _names_a_place(names: dict[str, int], word: str) -> bool:
    """Whether ``word`` before a name qualifies it as a place ("Syrian", "Greater"), rather than
    being a first name that a small town also bears ("Anthony", "Brent", "Lee")."""
    packed = names.get(_name_key(word))
    if packed is None:
        return False
    info = NameInfo.unpack(packed)
    return info.demonym or info.major or info.prior >= _LARGE_PLACE


def _in_foreign_compound(text: str, start: int) -> bool:
    if start < 2 or text[start - 1] not in "-‐‑":
        return False
    return _previous_word(text, start - 1).lower() in _ARTICLE_WORDS


def _after_capitalised_hyphen(text: str, start: int, names: dict[str, int]) -> bool:
    """Whether the name ends a hyphenated compound whose first part names no place ("Wal-Mart";
    not "Dallas-Fort Worth" or "Syrian-Turkish")."""
    if start < 2 or text[start - 1] not in "-‐‑":
        return False
    previous = _previous_word(text, start - 1)
    if previous in {"D", "R", "I"}:
        return False  # "Rep. Wendell Gilliard, D-Charleston": a legislator's party and home
    return (
        previous[:1].isupper()
        and previous.lower() not in _ARTICLE_WORDS
        and not _names_a_place(names, previous)
    )


def _continues_proper_noun(text: str, end: int) -> bool:
    """Whether a capitalised word (not a place word, not an institution's) follows in the
    same phrase, and the capitalised words after it name no institution ("Henry County
    General Sessions Court" is the county's court)."""
    following = _next_word(text, end)
    if not following or not following[0].isupper():
        return False
    word = following.lower()
    if (
        word in _PLACE_WORDS
        or word in _CONNECTORS
        or word.rstrip(".") in _FEATURE_HEAD_WORDS  # "Royal Street" is no person
    ):
        return False
    for _ in range(_INSTITUTION_LOOKAHEAD):
        if word.replace("’", "'") in _INSTITUTION_WORDS:
            return False
        end += len(following) + 1
        following = _next_word(text, end)
        if not following or not following[0].isupper():
            break
        word = following.lower()
    return True


def _previous_word(text: str, start: int) -> str:
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    j = i
    while j >= 0 and (text[j].isalnum() or text[j] in ".'’-"):
        j -= 1
    return text[j + 1 : i + 1]


def _next_word(text: str, end: int) -> str:
    match = _WORD_RE.match(text, end + 1) if end < len(text) and text[end] == " " else None
    return match.group(0) if match else ""


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘([":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def facility_cue(text: str, start: int, end: int) -> str | None:
    after = text[end : end + 40]
    match = _FACILITY_AFTER.match(after)
    if match:
        word = match.group(1).lower()
        return "airport" if word == "airport" else "military"
    if _FACILITY_BEFORE.search(text[max(0, start - 12) : start]):
        return "military"
    return None


def _english_frequencies() -> dict[str, float]:
    """Word frequencies of English (wordfreq), to tell common words from place names."""
    try:
        import wordfreq
    except ImportError:  # the recogniser still works, without the common-word rule
        return {}
    return wordfreq.get_frequency_dict("en", wordlist="large")


def _load_cached(path: Path, stamp: str) -> dict[str, int] | None:
    try:
        with path.open("rb") as handle:
            if handle.readline().decode().strip() != stamp:
                return None
            table = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError, UnicodeDecodeError):
        return None
    return table if isinstance(table, dict) else None


def _save_cached(path: Path, stamp: str, table: dict[str, int]) -> None:
    """Write the table atomically; a read-only cache directory only costs speed."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(stamp.encode() + b"\n")
            marshal.dump(table, handle)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
