"""recognize"""

from __future__ import annotations

import math
from collections.abc import Iterable

from geomap.gazetteer.names import split_facility
from geomap.gazetteer.store import SqliteGazetteer
from geomap.geoparse.cues import (
    _CURRENCY_AFTER,
    _DISEASE_AFTER,
    _ELIDED_ARTICLE,
    _NUMBER_BEFORE,
    _QUALIFIER,
    _in_foreign_compound,
    _next_word,
    _previous_word,
    _sentence_initial,
    facility_cue,
    subdivisions_called_after,
)
from geomap.geoparse.features import _with_features
from geomap.geoparse.fold import (
    _DELETE,
    _POSSESSIVE,
    _SHAPE_TABLE,
    _TOKEN,
    MAX_NAME_WORDS,
    _deleted_between,
    _fold_surface,
    _may_continue,
    _name_key,
    _original_offset,
    fold_text,
)
from geomap.geoparse.lexicon import (
    _BUILDING_HEADS,
    _CONNECTORS,
    _ERAS,
    _GENERIC_WORDS,
    _LOCATIVES,
    _MAJOR_KINDS,
    _is_given_name,
)
from geomap.geoparse.names import NameInfo, _english_frequencies, _load_cached, _save_cached
from geomap.geoparse.people import _after_capitalised_hyphen, _continues_proper_noun, _person_names
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Mention
from geomap.text.clean import Dateline, find_boilerplate, find_dateline, is_boilerplate


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
            major = kind in _MAJOR_KINDS or population >= WEIGHTS.major_population
            # Only towns' alternates are judged as words below; a region's ("Newfoundland") stays.
            town_alternate = name_type == "alt" and kind == "city"
            if name_type == "alt" and not major:
                # Another language's name for a town ("Luck" for Lutsk, "Ch'en" for Chenzhou)
                # is seldom what an English text means by the word.
                prior *= WEIGHTS.alternate_prior
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
            if not own and not major and zipf >= WEIGHTS.alternate_word_zipf:
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
            if len(letters) > 4 and not (info.major or info.prior >= WEIGHTS.capitals_prior):
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
        if _DISEASE_AFTER.match(text, end) and info.prior < WEIGHTS.disease_prior:
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
            info.prior < WEIGHTS.person_prior
            and _continues_proper_noun(text, end)
            and (
                info.prior < WEIGHTS.large_place_prior
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
                (
                    info.zipf >= WEIGHTS.very_common_zipf
                    and info.prior < WEIGHTS.sentence_start_very_common_prior
                )
                or (
                    info.zipf >= WEIGHTS.common_zipf
                    and info.prior < WEIGHTS.sentence_start_common_prior
                )
            ):
                return False
            if (
                not initial
                and info.zipf >= WEIGHTS.frequent_zipf
                and info.prior < WEIGHTS.large_place_prior
                and not self._qualified(text, end)
                # "Orange and Los Angeles counties": the list calls it a county
                and not subdivisions_called_after(text, start, end)
                and _previous_word(text, start).lower() not in _LOCATIVES
            ):
                return False  # "Thursday", "University", "Scott": words and names first
        return True
