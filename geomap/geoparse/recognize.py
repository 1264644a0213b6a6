"""Text → mentions: find every place name in a document, without a language model.

The text is folded like the gazetteer's names (:mod:`~geomap.geoparse.fold`) and every run of
up to :data:`~geomap.geoparse.fold.MAX_NAME_WORDS` words that starts with a capital is looked
up in the name table (:mod:`~geomap.geoparse.names`), longest first: the word-bounded
equivalent of an Aho-Corasick scan. Each hit is then judged by :data:`RULES`, an ordered tuple
of named rules a reader would apply (capitalisation, acronyms, money, diseases, compounds,
generic and common words, longer names); names the document uses for people
(:mod:`~geomap.geoparse.people`) are left out; datelines, demonyms, boilerplate and facilities
are marked; streets and buildings are added (:mod:`~geomap.geoparse.features`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from geomap.gazetteer.names import split_facility
from geomap.geoparse.caseless import caseless_lines, caseless_word, in_spans, shape_source
from geomap.geoparse.cues import (
    ELIDED_ARTICLE,
    comma_between,
    currency_after,
    disease_after,
    facility_after,
    in_foreign_compound,
    next_word,
    number_before,
    previous_word,
    qualifier_after,
    sentence_initial,
    subdivisions_called_after,
)
from geomap.geoparse.features import with_features
from geomap.geoparse.fold import (
    DELETED,
    MAX_NAME_WORDS,
    POSSESSIVE,
    SHAPE_TABLE,
    TOKEN,
    deleted_between,
    fold_text,
    may_continue,
    name_key,
    original_offset,
)
from geomap.geoparse.lexicon import (
    ARTICLE_WORDS,
    BUILDING_HEADS,
    CONNECTORS,
    ERAS,
    GENERIC_WORDS,
    LOCATIVES,
    is_given_name,
)
from geomap.geoparse.names import NameInfo, NameSource, NameTable, load_name_table, variant_key
from geomap.geoparse.people import after_capitalised_hyphen, continues_proper_noun, person_names
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Mention, MentionRole
from geomap.text.clean import Dateline, is_boilerplate
from geomap.text.prepared import PreparedText, prepare_text


class Recognizer:
    """Finds place-name mentions in text using every name of a gazetteer.

    Parameters
    ----------
    names
        Folded name → packed :class:`NameInfo`, as :meth:`build_table` makes it.

    Examples
    --------
    >>> recognizer = Recognizer({"taji": NameInfo(0.3, False, False, False, 0.0, False).pack()})
    >>> [m.text for m in recognizer.mentions("Rockets hit Taji, north of the city.")]
    ['Taji']
    """

    def __init__(self, names: Mapping[str, int]) -> None:
        self._names = names
        self._info_cache: dict[int, NameInfo] = {}

    # -- construction --------------------------------------------------------------------

    @classmethod
    def for_gazetteer(cls, gazetteer: NameSource) -> Recognizer:
        """The recognizer for this gazetteer, from the cache beside it when current."""
        return cls(load_name_table(gazetteer))

    def _info(self, packed: int) -> NameInfo:
        info = self._info_cache.get(packed)
        if info is None:
            info = self._info_cache[packed] = NameInfo.unpack(packed)
        return info

    # -- recognition ---------------------------------------------------------------------

    def mentions(self, text: str, prepared: PreparedText | None = None) -> list[Mention]:
        """Every place-name mention in ``text``, in order, without overlaps.

        At each capitalised word the longest gazetteer name is tried first; when the rules
        reject it ("Taji air base" has lower-case words), the shorter names inside it are tried.
        ``prepared`` is ``text``'s boilerplate and dateline when another stage made them already.
        """
        if not text:
            return []
        folded, shifts = fold_text(text)
        caseless = caseless_lines(text)
        groups = self._hits(text, folded, shifts, caseless)
        people, people_here, speakers = person_names(
            text, [group[0] for group in groups], self._names
        )
        if prepared is None or prepared.text != text:
            prepared = prepare_text(text)
        dateline = prepared.dateline
        boilerplate = prepared.boilerplate
        result: list[Mention] = []
        covered_to = -1
        for group in groups:
            for start, end, key, info in group:
                if start < covered_to:
                    break
                surface = text[start:end]
                person = name_key(surface)
                if start in people_here or (
                    person in people and (not info.major or person in speakers)
                ):
                    break
                in_dateline = dateline is not None and (start, end) == (
                    dateline.start,
                    dateline.end,
                )
                # "COLUMBUS, Ohio (AP) --": capitals are how datelines are written.
                if not in_dateline and not self._accept(
                    text, start, end, info, covered_to, bool(caseless) and in_spans(caseless, start)
                ):
                    continue
                result.append(self._mention(text, start, end, key, info, dateline, boilerplate))
                covered_to = result[-1].end
                break
        return with_features(text, result, boilerplate, people)

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
        role: MentionRole = "demonym" if info.demonym else "toponym"
        if dateline and dateline.start <= start and end <= dateline.end:
            role = "dateline"
        return Mention(
            text=surface,
            start=start,
            end=end,
            role=role,
            facility=facility_after(text, start, end) or split_facility(surface)[1],
            boilerplate=is_boilerplate(boilerplate, start, end),
            normalized=key,
        )

    def _hits(
        self, text: str, folded: str, shifts: list[int], caseless: list[tuple[int, int]]
    ) -> list[list[tuple]]:
        """At each capitalised word, every gazetteer name starting there, longest first; in
        lines without case (``caseless``) at every word."""
        names = self._names
        # The shape of every character, aligned with the folded text: capitals and digits "U",
        # spaces and hyphens (which may join a name's words) "s".
        source = POSSESSIVE.sub(r" \1", text)
        if caseless:
            source = shape_source(source, caseless)
        shape = source.translate(SHAPE_TABLE)
        if shifts:
            shape = shape.replace(DELETED, "")
        tokens = [(m.start(), m.end()) for m in TOKEN.finditer(folded)]
        count = len(tokens)
        # (first, last, whether the first is a lower-case article) of each run a name may span
        runs: list[tuple[int, int, bool]] = []
        # "al-Bab", "el-Arish": a lower-case article joined to a capitalised name by a hyphen
        # begins the name, as conflict reporting writes it.
        articles = _articles_before_names(text, shifts)
        for i in range(count):
            start = tokens[i][0]
            article_first = False
            if shape[start] != "U":
                if start not in articles or not _joined_to_a_name(text, shape, shifts, tokens, i):
                    continue
                article_first = True
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
                and may_continue(folded, shape, tokens[last + 1])
                and (
                    tokens[last][1] - tokens[last][0] <= 3
                    or not deleted_between(shifts, tokens[last][1], tokens[last + 1][0])
                )
            ):
                last += 1
            runs.append((i, last, article_first))
        if isinstance(names, NameTable):  # one query for the document's names, not one each
            names.prefetch(
                folded[tokens[i][0] : tokens[j][1]]
                for i, last, _ in runs
                for j in range(i, last + 1)
            )
        groups = []
        for i, last, article_first in runs:
            start = tokens[i][0]
            group = []
            article = -1  # the run's first inner article, looked for once a name is missed
            for j in range(last, i if article_first else i - 1, -1):
                key = folded[start : tokens[j][1]]
                packed = names.get(key)
                if packed is None and article_first:
                    packed = names.get(folded[tokens[i + 1][0] : tokens[j][1]])  # "bab"
                if packed is None and j > i + 1 and shape[tokens[j][0]] == "U":
                    if article < 0:
                        # Not in a line without case: "so I may as well" is no transliteration.
                        unmarked = bool(caseless) and in_spans(caseless, start)
                        article = 0 if unmarked else _article_at(folded, tokens, i, last)
                    if 0 < article < j:
                        # "Maarat al-Numan" for "Ma'arrat an Nu'man": the spelling's skeleton.
                        packed = names.get(variant_key(key))
                if packed is not None:
                    group.append(
                        (
                            original_offset(shifts, start),
                            original_offset(shifts, tokens[j][1], end=True),
                            key,
                            self._info(packed),
                        )
                    )
            if group:
                groups.append(group)
        return groups

    def _accept(
        self,
        text: str,
        start: int,
        end: int,
        info: NameInfo,
        previous_end: int = -1,
        caseless: bool = False,
    ) -> bool:
        return judge(Hit(text, start, end, info, self._names, previous_end, caseless))


def _articles_before_names(text: str, shifts: list[int]) -> set[int]:
    """The folded offsets of lower-case Arabic articles joined by a hyphen to a capital
    ("al-Bab"); a text has few hyphens, so they are found by search, not by a pattern."""
    found = set()
    hyphen = text.find("-")
    while hyphen != -1:
        if text[hyphen + 1 : hyphen + 2].isupper():
            start = hyphen
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            if text[start:hyphen] in ARTICLE_WORDS:  # lower case only: "Al-" starts a name
                found.add(_folded_offset(shifts, start))
        hyphen = text.find("-", hyphen + 1)
    return found


def _folded_offset(shifts: list[int], offset: int) -> int:
    """The folded text's offset of ``text[offset]`` (characters removed before it counted)."""
    # The k-th removed character stood at shifts[k] + k in the text.
    return offset - sum(1 for k, shift in enumerate(shifts) if shift + k < offset)


def _joined_to_a_name(
    text: str, shape: str, shifts: list[int], tokens: list[tuple[int, int]], index: int
) -> bool:
    """Whether token ``index`` is joined by a hyphen to a capitalised word ("al-Bab")."""
    end = tokens[index][1]
    return (
        index + 1 < len(tokens)
        and tokens[index + 1][0] == end + 1
        and shape[end + 1] == "U"
        and text[original_offset(shifts, end, end=True)] in "-‐‑"
    )


def _article_at(folded: str, tokens: list[tuple[int, int]], first: int, last: int) -> int:
    """The index of the first Arabic article between a run's words ("Maarat al-Numan"), 0 for
    none; a run that starts with one ("As the", "At the") is an English sentence's start."""
    for index in range(first + 1, last):
        start, end = tokens[index]
        if folded[start:end] in ARTICLE_WORDS:
            return index
    return 0


# -- the rules that judge a gazetteer name found in the text -----------------------------------


class Hit:
    """A gazetteer name found at ``text[start:end]``, as the rules see it."""

    __slots__ = (
        "caseless",
        "end",
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
        previous_end: int = -1,
        caseless: bool = False,
    ) -> None:
        self.text, self.start, self.end, self.info = text, start, end, info
        self.names = names  # the whole name table, for the names around the hit
        self.previous_end = previous_end  # where the last accepted mention ends (-1: none)
        self.caseless = caseless  # in a line all in lower case or all in capitals
        self.surface = surface = text[start:end]
        self.words = words = surface.replace("-", " ").split()
        self.letters = letters = "".join(c for c in surface if c.isalpha())
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
    ):
        return False
    return None


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


def currency(hit: Hit) -> Verdict:
    """ "US$543 million", "40 US dollars", "Canadian dollars": money."""
    return False if currency_after(hit.text, hit.end) else None


def disease(hit: Hit) -> Verdict:
    """ "West Nile virus", "Marburg haemorrhagic fever": a disease's name; "US flu season"
    still names the US."""
    if disease_after(hit.text, hit.end) and hit.info.prior < WEIGHTS.disease_prior:
        return False
    return None


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
        return False
    return None


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
    currency,
    disease,
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


def qualified_by_a_name(text: str, end: int, names: Mapping[str, int]) -> bool:
    """Whether a place name follows after a comma: "Richmond, Va.", "Lincoln, Nebraska"."""
    qualifier = qualifier_after(text, end)
    return qualifier is not None and name_key(qualifier) in names
