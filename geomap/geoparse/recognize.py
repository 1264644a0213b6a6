"""Text → mentions: find every place name in a document, without a language model.

The text is folded like the gazetteer's names (:mod:`~geomap.geoparse.fold`) and every run of
up to :data:`~geomap.geoparse.fold.MAX_NAME_WORDS` words that starts with a capital is looked
up in the name table (:mod:`~geomap.geoparse.names`), longest first: the word-bounded
equivalent of an Aho-Corasick scan. Each hit is then judged by
:data:`~geomap.geoparse.rules.RULES`, an ordered tuple of named rules a reader would apply
(capitalisation, acronyms, money, diseases, compounds, generic and common words, longer
names); names the document uses for people
(:mod:`~geomap.geoparse.people`) are left out; datelines, demonyms, boilerplate and facilities
are marked; streets and buildings are added (:mod:`~geomap.geoparse.features`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping

from geomap.gazetteer.names import split_facility
from geomap.geoparse.caseless import (
    caseless_lines,
    in_spans,
    place_cue,
    shape_source,
)
from geomap.geoparse.cues import (
    facility_after,
)
from geomap.geoparse.english import EnglishWords
from geomap.geoparse.features import with_features
from geomap.geoparse.fold import (
    CAPITAL,
    CAPITALISED_WORD,
    DELETED,
    MAX_NAME_WORDS,
    SHAPE_TABLE,
    TOKEN,
    deleted_between,
    fold_split,
    may_continue,
    name_key,
    original_offset,
    split_possessives,
)
from geomap.geoparse.lexicon import (
    ARTICLE_WORDS,
)
from geomap.geoparse.names import (
    NameInfo,
    NameSource,
    NameTable,
    SpellingIndex,
    load_names,
    variant_key,
)
from geomap.geoparse.people import person_names
from geomap.geoparse.rules import Hit, judge
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
    spellings
        The gazetteer's other spellings of one-word names ("Netrokona" for Netrakona); without
        it only names as the gazetteer writes them (and their Arabic-article variants) are found.
    english
        The Zipf of English words (:class:`~geomap.geoparse.english.EnglishWords`); without
        it, wordfreq's own.

    Examples
    --------
    >>> recognizer = Recognizer({"taji": NameInfo(0.3, False, False, False, 0.0, False).pack()})
    >>> [m.text for m in recognizer.mentions("Rockets hit Taji, north of the city.")]
    ['Taji']
    """

    def __init__(
        self,
        names: Mapping[str, int],
        spellings: SpellingIndex | None = None,
        english: EnglishWords | None = None,
    ) -> None:
        self._names = names
        self._spellings = spellings
        self.english = EnglishWords() if english is None else english
        self._info_cache: dict[int, NameInfo] = {}

    # -- construction --------------------------------------------------------------------

    @classmethod
    def for_gazetteer(cls, gazetteer: NameSource) -> Recognizer:
        """The recognizer for this gazetteer, from the cache beside it when current."""
        loaded = load_names(gazetteer)
        return cls(loaded.names, loaded.spellings, loaded.english)

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
        source = split_possessives(text)
        folded, shifts = fold_split(source)
        caseless = caseless_lines(text)
        groups, spelled = self._hits(text, source, folded, shifts, caseless)
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
                if start in spelled and not _spelling_supported(
                    Hit(text, start, end, info, self._names, self.english, covered_to),
                    spelled[start],
                ):
                    break
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
                # "LOUISVILLE, KY." qualifies a town, dot and all; "the EU.", "Surrey, UK."
                # end a sentence
                or (
                    info.abbreviation
                    and len(surface) <= 4
                    and (
                        not surface.isupper()
                        or (
                            info.prior < WEIGHTS.country_abbreviation_prior
                            and text[max(0, start - 3) : start].rstrip(" ").endswith(",")
                        )
                    )
                )
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
        self,
        text: str,
        source: str,
        folded: str,
        shifts: list[int],
        caseless: list[tuple[int, int]],
    ) -> tuple[list[list[tuple]], dict[int, float]]:
        """At each capitalised word, every gazetteer name starting there, longest first; in
        lines without case (``caseless``) at every word. Also the starts of the one-word names
        found only by another spelling, which need more support, with the prior of the place
        they spell. ``source`` is ``text`` with its possessives split, ``folded`` its folding."""
        names = self._names
        # The shape of every character, aligned with the folded text (SHAPE_TABLE): capitals
        # and digits "U", spaces and hyphens (which may join a name's words) "s". The folded
        # text has a space wherever no word is.
        if caseless:
            source = shape_source(source, caseless)
        shape = source.translate(SHAPE_TABLE)
        if shifts:
            shape = shape.replace(DELETED, "")
        if caseless:  # every word of a line without case is tried, as if capitalised
            starts = [m.span() for m in TOKEN.finditer(folded) if shape[m.start()] in CAPITAL]
        else:
            starts = [m.span() for m in CAPITALISED_WORD.finditer(shape)]
        # "al-Bab", "el-Arish": a lower-case article joined to a capitalised name by a hyphen
        # begins the name, as conflict reporting writes it.
        articles = _articles_before_names(text, shifts)
        if articles:
            starts = sorted(starts + _article_words(text, folded, shape, shifts, articles))
        # The words (folded spans) of each run a name may span, whether the first is a
        # lower-case article, and where the keys of its names (its first word, its first two,
        # ...) begin in ``keys``
        runs: list[tuple[list[tuple[int, int]], bool, int]] = []
        keys: list[str] = []
        folded_length = len(folded)
        for first in starts:
            run = [first]
            run_start, end = first
            start = run_start
            first_key = len(keys)
            keys.append(folded[start:end])
            # Extend over words joined by one space or hyphen: not a comma, not a line break,
            # not a full stop ("Savannah. Georgia"), except after an abbreviation ("St. Louis").
            # Only capitalised words and connectors ("Gulf of Aden") can continue a name that
            # the rules would accept, so the scan stops at the first other word.
            while (
                shape[end : end + 1] == "s"
                and folded[end + 1 : end + 2] not in ("", " ")
                and len(run) < MAX_NAME_WORDS
            ):
                following = folded.find(" ", end + 1)
                word = (end + 1, folded_length if following < 0 else following)
                # A capitalised word continues it without more tests.
                if (shape[end + 1] not in CAPITAL and not may_continue(folded, shape, word)) or (
                    end - start > 3 and shifts and deleted_between(shifts, end, end + 1)
                ):
                    break
                run.append(word)
                start, end = word
                keys.append(folded[run_start:end])
            runs.append((run, shape[run_start] not in CAPITAL, first_key))
        # One query for the document's names, not one each; then each is a dict's lookup.
        answers = names.prefetch(keys) if isinstance(names, NameTable) else names
        answer = answers.get
        info_of = self._info_cache.get
        spelling_letters = WEIGHTS.spelling_letters if self._spellings is not None else -1
        groups: list[list[tuple]] = []
        # One-word names the table lacks, to be tried as other spellings: (group index, word).
        unspelled: list[tuple[int, tuple[int, int]]] = []
        for run, article_first, first_key in runs:
            start = run[0][0]
            group = []
            article = -1  # the run's first inner article, looked for once a name is missed
            for j in range(len(run) - 1, 0 if article_first else -1, -1):
                key = keys[first_key + j]
                packed = answer(key)
                if packed is None:
                    if article_first:
                        packed = names.get(folded[run[1][0] : run[j][1]])  # "bab"
                    if packed is None and j > 1 and shape[run[j][0]] in CAPITAL:
                        if article < 0:
                            # Not in a line without case: "so I may as well" is no
                            # transliteration.
                            unmarked = bool(caseless) and in_spans(caseless, start)
                            article = 0 if unmarked else _article_at(folded, run)
                        if 0 < article < j:
                            # "Maarat al-Numan" for "Ma'arrat an Nu'man": the skeleton.
                            packed = names.get(variant_key(key))
                    if packed is None:
                        continue
                info = info_of(packed)
                if info is None:
                    info = self._info(packed)
                end = run[j][1]
                group.append(
                    (
                        original_offset(shifts, start) if shifts else start,
                        original_offset(shifts, end, end=True) if shifts else end,
                        key,
                        info,
                    )
                )
            if group:
                groups.append(group)
            elif (
                # a word of its own: alone, or before a connector ("Benghazy and Derna"),
                # long enough to be tried (the length is the cheapest test, so first)
                run[0][1] - start >= spelling_letters >= 0
                and (len(run) == 1 or shape[run[1][0]] not in CAPITAL)
                and not article_first
                and _may_be_a_spelling(text, folded, shape, shifts, run[0], caseless)
            ):
                unspelled.append((len(groups), run[0]))
        spelled: dict[int, float] = {}
        if unspelled:
            self._add_spellings(folded, shifts, unspelled, groups, spelled)
        return groups, spelled

    def _add_spellings(
        self,
        folded: str,
        shifts: list[int],
        unspelled: list[tuple[int, tuple[int, int]]],
        groups: list[list[tuple]],
        spelled: dict[int, float],
    ) -> None:
        """Insert, in text order, a group for each word of ``unspelled`` the gazetteer spells
        otherwise (its likeliest spelling), and note its start and prior in ``spelled``."""
        assert self._spellings is not None
        words = [folded[word_start:word_end] for _, (word_start, word_end) in unspelled]
        found = self._spellings.spellings(words)
        for (position, (word_start, word_end)), word in reversed(
            list(zip(unspelled, words, strict=True))
        ):
            if not found.get(word) or self.english.zipf(word) >= WEIGHTS.spelling_zipf:
                continue  # no spelling of a place, or a word or a name English writes often
            best: tuple[float, str, NameInfo] | None = None
            for name, prior in found.get(word, ()):
                packed = self._names.get(name)
                if packed is not None and (best is None or prior > best[0]):
                    best = (prior, name, self._info(packed))
            if best is None:
                continue
            start = original_offset(shifts, word_start)
            end = original_offset(shifts, word_end, end=True)
            groups.insert(position, [(start, end, best[1], best[2])])
            spelled[start] = best[0]

    def _accept(
        self,
        text: str,
        start: int,
        end: int,
        info: NameInfo,
        previous_end: int = -1,
        caseless: bool = False,
    ) -> bool:
        return judge(Hit(text, start, end, info, self._names, self.english, previous_end, caseless))


def _may_be_a_spelling(
    text: str,
    folded: str,
    shape: str,
    shifts: list[int],
    word: tuple[int, int],
    caseless: list[tuple[int, int]],
) -> bool:
    """Whether a capitalised word the name table lacks may be another spelling of a place
    ("Netrokona"): a word of its own (not after another capitalised word: "John Smyth"), in
    mixed case (not an acronym, not a line without case where every word is tried) and long
    enough; whether it is an English word is asked only of the few the gazetteer spells."""
    start, end = word
    if end - start < WEIGHTS.spelling_letters or not folded[start:end].isalpha():
        return False
    if (
        start >= 2
        and folded[start - 2] != " "  # a word ends one character before it
        and shape[folded.rfind(" ", 0, start - 1) + 1] in CAPITAL
    ):
        return False
    surface = text[original_offset(shifts, start) : original_offset(shifts, end, end=True)]
    return surface[1:].islower() and not (caseless and in_spans(caseless, start))


def _spelling_supported(hit: Hit, prior: float) -> bool:
    """Another spelling of a place is a place when the text says so ("in Netrokona",
    "Netrokona district", "Netrokona and Sylhet") or the place is large ("Peshawer"): an
    unknown capitalised word is as often a person's or a firm's name. ``prior``: of the place
    that bears the spelling as its own name."""
    return prior >= WEIGHTS.large_place_prior or place_cue(hit)


def _articles_before_names(text: str, shifts: list[int]) -> set[int]:
    """The folded offsets of lower-case Arabic articles joined by a hyphen to a capital
    ("al-Bab"); a text has few hyphens, so they are found by search, not by a pattern."""
    found = set()
    # The k-th removed character stood at shifts[k] + k in the text (increasing with k).
    removed_at = [shift + k for k, shift in enumerate(shifts)]
    hyphen = text.find("-")
    while hyphen != -1:
        if text[hyphen + 1 : hyphen + 2].isupper():
            start = hyphen
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            if text[start:hyphen] in ARTICLE_WORDS:  # lower case only: "Al-" starts a name
                # The folded offset: the characters removed before it counted.
                found.add(start - bisect_left(removed_at, start))
        hyphen = text.find("-", hyphen + 1)
    return found


def _article_words(
    text: str, folded: str, shape: str, shifts: list[int], articles: set[int]
) -> list[tuple[int, int]]:
    """The words (folded spans) at ``articles`` that begin a name: a lower-case article
    joined by a hyphen to a capitalised word ("al-Bab")."""
    found = []
    for start in articles:
        if shape[start] in CAPITAL or (start > 0 and folded[start - 1] != " "):
            continue  # a capital starts the name anyway; or not a word's start ("5al-Bab")
        end = folded.find(" ", start)
        if (
            end >= 0
            and folded[end + 1 : end + 2] not in ("", " ")
            and shape[end + 1] in CAPITAL
            and text[original_offset(shifts, end, end=True)] in "-‐‑"
        ):
            found.append((start, end))
    return found


def _article_at(folded: str, run: list[tuple[int, int]]) -> int:
    """The index of the first Arabic article between a run's words ("Maarat al-Numan"), 0 for
    none; a run that starts with one ("As the", "At the") is an English sentence's start."""
    for index in range(1, len(run) - 1):
        start, end = run[index]
        if folded[start:end] in ARTICLE_WORDS:
            return index
    return 0
