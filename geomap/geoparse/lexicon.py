"""lexicon"""

from __future__ import annotations

import functools
from importlib import resources

from geomap.geoparse.weights import WEIGHTS

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


_FAMILY_WORDS = frozenset({"family", "families", "household"})


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
            if len(fields) >= 2 and float(fields[1]) >= WEIGHTS.given_name_percent:
                found.add(fields[0].lower())
    return frozenset(found)


# Kinds without a country of their own (seas, continents, large areas) are not outvoted by the
# countries an article names: they get half of the strongest country's support.
_COUNTRYLESS = {"sea", "continent", "area"}
_DEMONYM_KINDS = {"country", "region", "area", "continent"}
_POINT_KINDS = {"city", "district", "military", "airport", "place"}


_KIND_CLASS = {"country": "country", "region": "region", "city": "town", "district": "town"}
# What a list of names is called ("Walton and Oconee counties"): the kind and word for one.
_SUBDIVISION_KINDS = {
    "counties": ("district", "County"),
    "parishes": ("district", "Parish"),
    "boroughs": ("district", "Borough"),
    "districts": ("district", "District"),
    "provinces": ("region", "Province"),
    "governorates": ("region", "Governorate"),
}
# A name the text calls a street: "Bourbon and Dauphine streets", "State and Hubbard streets",
# "the Chartres/Franklin intersection", "Royal Street" (a capitalised street word). Streets are


_STREET_HEADS = frozenset(
    ["street", "st.", "avenue", "ave.", "road", "rd.", "boulevard", "blvd.", "drive", "lane"]
)

_NAMED_AFTER_KINDS = {"country", "region", "continent", "area", "sea"}
_JUDGED_KINDS = _POINT_KINDS | {"region", "district"}
_COUNTRY_LEVEL = {"country", "continent"}
# Places whose name outweighs the common word it also is (as the recogniser judges them).
_MAJOR_KINDS = {"country", "continent", "sea", "area"}
