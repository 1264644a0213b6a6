"""The recogniser's rules: judge a gazetteer name found in the text (a :class:`Hit`).

:data:`RULES` is an ordered tuple of named rules a reader would apply (case, acronyms, money,
diseases, compounds, generic and common words, longer names); each returns True (a place
mention), False (not one) or None (no opinion), and the first that decides wins
(:func:`judge`). To add a rule, write a function of a :class:`Hit` and put it in
:data:`RULES` where it belongs; its thresholds go in :class:`~geomap.geoparse.weights.Weights`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from geomap.geoparse.caseless import caseless_word
from geomap.geoparse.cues import (
    ELIDED_ARTICLE,
    after_the,
    comma_between,
    currency_after,
    disease_after,
    in_foreign_compound,
    list_partner_after,
    next_word,
    number_before,
    previous_word,
    publication_around,
    qualifier_after,
    sentence_initial,
    subdivisions_called_after,
)
from geomap.geoparse.english import EnglishWords
from geomap.geoparse.fold import (
    name_key,
)
from geomap.geoparse.lexicon import (
    BUILDING_HEADS,
    CALENDAR,
    CONNECTORS,
    ERAS,
    GENERIC_WORDS,
    LOCATIVES,
    is_given_name,
)
from geomap.geoparse.names import NameInfo
from geomap.geoparse.people import after_capitalised_hyphen, continues_proper_noun
from geomap.geoparse.weights import WEIGHTS


class Hit:
    """A gazetteer name found at ``text[start:end]``, as the rules see it."""

    __slots__ = (
        "caseless",
        "end",
        "english",
        "info",
        "letters",
        "names",
        "one_word_in_capitals",
        "previous_end",
        "start",
        "surface",
        "text",
        "words",
    )

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        info: NameInfo,
        names: Mapping[str, int],
        english: EnglishWords,
        previous_end: int = -1,
        caseless: bool = False,
    ) -> None:
        self.text, self.start, self.end, self.info = text, start, end, info
        self.names = names  # the whole name table, for the names around the hit
        self.english = english  # the Zipf of English words, for the words of the hit
        self.previous_end = previous_end  # where the last accepted mention ends (-1: none)
        self.caseless = caseless  # in a line all in lower case or all in capitals
        self.surface = surface = text[start:end]
        self.words = words = surface.replace("-", " ").split()
        self.letters = letters = "".join(filter(str.isalpha, surface))
        # "UAE", "MOSCOW": one word, every letter a capital, no digit.
        self.one_word_in_capitals = (
            len(words) == 1
            and bool(letters)
            and letters.isupper()
            and not any(c.isdigit() for c in surface)
        )


#: What a rule says of a hit: True accepts it, False rejects it, None leaves it to the next.
Verdict = bool | None


def postal_code_after_place(hit: Hit) -> Verdict:
    """ "Tulsa, OK", "Lincoln, NE": a postal code right after a place and a comma is its state
    or province; alone the same letters are a word or an acronym ("OK", "NE")."""
    if (
        hit.info.postal
        and hit.one_word_in_capitals
        and len(hit.letters) <= WEIGHTS.acronym_letters
        and hit.previous_end >= 0
        and comma_between(hit.text, hit.previous_end, hit.start)
    ):
        return True
    return None


def lower_case_word(hit: Hit) -> Verdict:
    """Every significant word of a place name is capitalised ("Gulf of Aden", "Al-Qa'im");
    "d'Ivoire", "l'Aquila": the elided article is lower case, the name is not."""
    for word in hit.words[1:]:
        core = ELIDED_ARTICLE.sub("", word) or word
        if not (core[0].isupper() or core[0].isdigit() or word.lower() in CONNECTORS):
            return False
    return None


def word_in_capitals(hit: Hit) -> Verdict:
    """Acronyms count only when the gazetteer knows them as abbreviations (US, UAE); a longer
    word in capitals (a headline, "MOSCOW" in a dateline) only for a major place or a large
    town."""
    if not hit.one_word_in_capitals:
        return None
    info, letters = hit.info, len(hit.letters)
    if letters <= WEIGHTS.acronym_letters and not info.abbreviation:
        return False
    if letters > WEIGHTS.acronym_letters and not (
        info.major or info.prior >= WEIGHTS.capitals_prior
    ):
        return False
    return None


def too_short(hit: Hit) -> Verdict:
    """ "Us", "Of", "Da": too short to be a place without more evidence."""
    if (
        not hit.one_word_in_capitals
        and len(hit.words) == 1
        and len(hit.letters) <= WEIGHTS.short_word_letters
        and not (hit.info.abbreviation or any(c.isdigit() for c in hit.surface))
        and not _short_town_after_a_locative(hit)
    ):
        return False
    return None


def _short_town_after_a_locative(hit: Hit) -> bool:
    """ "in Ufa", "near Gao", "from Kut": a three-letter town written as a name, no English
    word, likely enough, after a word that places it."""
    surface = hit.surface
    return (
        len(surface) == WEIGHTS.short_word_letters
        and surface[0].isupper()
        and surface[1:].islower()
        and hit.info.zipf < WEIGHTS.frequent_zipf
        and hit.info.prior >= WEIGHTS.short_town_prior
        and previous_word(hit.text, hit.start).lower() in LOCATIVES
    )


def abbreviation_without_dot(hit: Hit) -> Verdict:
    """ "Va." and "Miss." are states; "Miss Universe" is not."""
    if (
        not hit.one_word_in_capitals
        and hit.info.abbreviation
        and len(hit.letters) <= WEIGHTS.acronym_letters
        and hit.text[hit.end : hit.end + 1] != "."
    ):
        return False
    return None


def era(hit: Hit) -> Verdict:
    """ "100 B.C.", "500 BC": a year's era, not British Columbia."""
    if hit.letters.lower() in ERAS and number_before(hit.text, hit.start):
        return False
    return None


def date(hit: Hit) -> Verdict:
    """ "On 28 May", "May 9": a day and a month are a date, though towns are named after
    dates."""
    words = hit.words
    if (
        len(words) == 2
        and any(word.isdigit() for word in words)
        and any(word.lower() in CALENDAR for word in words)
    ):
        return False
    return None


def currency(hit: Hit) -> Verdict:
    """ "US$543 million", "40 US dollars", "Canadian dollars": money."""
    return False if currency_after(hit.text, hit.end) else None


def disease(hit: Hit) -> Verdict:
    """ "West Nile virus", "Marburg haemorrhagic fever": a disease's name; "US flu season"
    still names the US."""
    if disease_after(hit.text, hit.end) and hit.info.prior < WEIGHTS.disease_prior:
        return False
    return None


def publication(hit: Hit) -> Verdict:
    """ "the New York Times", "the Baltimore Sun": a newspaper's name; the paper is not an
    event's place, and its town would pull every other name of the article towards it."""
    return False if publication_around(hit.text, hit.start, hit.end) else None


def arabic_compound(hit: Hit) -> Verdict:
    """ "Al-Arabia", "Al-Jazeera": an Arabic name that is not this place."""
    return False if in_foreign_compound(hit.text, hit.start) else None


def hyphen_compound(hit: Hit) -> Verdict:
    """ "Wal-Mart", "Coca-Cola": the end of a compound name."""
    if not hit.info.major and after_capitalised_hyphen(hit.text, hit.start, hit.names):
        return False
    return None


def demonym(hit: Hit) -> Verdict:
    """A people's name ("Iraqi") is a mention whatever follows."""
    return True if hit.info.demonym else None


def generic_word(hit: Hit) -> Verdict:
    """ "Western", "Region", "Valley", "Palace": generic words, whatever town bears them."""
    word = hit.surface.lower()
    if len(hit.words) == 1 and (word in GENERIC_WORDS or word in BUILDING_HEADS):
        if _region_after_the(hit):
            return None
        return False
    return None


def _region_after_the(hit: Hit) -> bool:
    """ "across the Midwest": a generic word English seldom writes alone, after "the" and
    ending the name, is the major region that bears it ("Midwest Transit" is a firm; "the
    Central", "the Western" are common words)."""
    info = hit.info
    return (
        info.major
        and info.zipf < WEIGHTS.frequent_zipf
        and after_the(hit.text, hit.start)
        and not continues_proper_noun(hit.text, hit.end)
    )


def major_place(hit: Hit) -> Verdict:
    """A country, sea or city of a million is named whatever word it also is."""
    return True if hit.info.major else None


def part_of_longer_name(hit: Hit) -> Verdict:
    """ "Arabia TV", "Hailey Smith": a small place's name inside a longer proper noun."""
    info, text, end = hit.info, hit.text, hit.end
    if (
        info.prior < WEIGHTS.person_prior
        and continues_proper_noun(text, end)
        and (
            info.prior < WEIGHTS.large_place_prior
            or is_given_name(hit.surface)
            or is_given_name(next_word(text, end))
        )
    ):
        return False
    return None


def common_word_starting_sentence(hit: Hit) -> Verdict:
    """A capitalised common word starting a sentence is the word ("March", "Reading"), unless
    the place is large ("Boston police said")."""
    info = hit.info
    if (
        len(hit.words) == 1
        and (
            (
                info.zipf >= WEIGHTS.very_common_zipf
                and info.prior < WEIGHTS.sentence_start_very_common_prior
            )
            or (
                info.zipf >= WEIGHTS.common_zipf
                and info.prior < WEIGHTS.sentence_start_common_prior
            )
        )
        and sentence_initial(hit.text, hit.start)
    ):
        return False
    return None


def everyday_word(hit: Hit) -> Verdict:
    """Mid-sentence a capital marks a proper noun, so only everyday words ("Thursday",
    "University", "Scott") are doubted: words and names first, unless a qualifier, a list of
    counties or a locative says place ("Orange and Los Angeles counties", "in Reading")."""
    info, text, start, end = hit.info, hit.text, hit.start, hit.end
    if (
        len(hit.words) == 1
        and info.zipf >= WEIGHTS.frequent_zipf
        and info.prior < WEIGHTS.large_place_prior
        and not sentence_initial(text, start)
        and not qualified_by_a_name(text, end, hit.names)
        and not listed_with_a_place(text, end, hit.names)
        and not subdivisions_called_after(text, start, end)
        and previous_word(text, start).lower() not in LOCATIVES
    ):
        return False
    return None


#: The recogniser's rules, in order: the first that accepts or rejects a hit decides; a hit
#: no rule decides is a place mention.
RULES: tuple[Callable[[Hit], Verdict], ...] = (
    caseless_word,
    postal_code_after_place,
    lower_case_word,
    word_in_capitals,
    too_short,
    abbreviation_without_dot,
    era,
    date,
    currency,
    disease,
    publication,
    arabic_compound,
    hyphen_compound,
    demonym,
    generic_word,
    major_place,
    part_of_longer_name,
    common_word_starting_sentence,
    everyday_word,
)


def judge(hit: Hit, rules: tuple[Callable[[Hit], Verdict], ...] = RULES) -> bool:
    """Whether ``hit`` is a place mention, by the first rule that decides."""
    for rule in rules:
        verdict = rule(hit)
        if verdict is not None:
            return verdict
    return True


def listed_with_a_place(text: str, end: int, names: Mapping[str, int]) -> bool:
    """Whether a list joins the name to a place name that is no everyday word: "Hudson and
    Milford", "Franklin, Hudson or Kent"; not "Hudson and Smith"."""
    partner = list_partner_after(text, end)
    if partner is None:
        return False
    packed = names.get(name_key(partner))
    return packed is not None and NameInfo.unpack(packed).zipf < WEIGHTS.frequent_zipf


def qualified_by_a_name(text: str, end: int, names: Mapping[str, int]) -> bool:
    """Whether a place name follows after a comma: "Richmond, Va.", "Lincoln, Nebraska"."""
    qualifier = qualifier_after(text, end)
    return qualifier is not None and name_key(qualifier) in names
