"""Names the gazetteer lacks (or whose reading a check rejected), placed by the article."""

from __future__ import annotations

import bisect
from collections import Counter

from geomap.gazetteer.names import key
from geomap.gazetteer.store import Gazetteer
from geomap.geoparse.caseless import caseless_lines, in_spans
from geomap.geoparse.cues import called_a_street, container_between, possessive_between
from geomap.geoparse.english import EnglishWords
from geomap.geoparse.evidence import Proximity, nearest_km
from geomap.geoparse.explain import REJECTED_READING, where
from geomap.geoparse.lexicon import (
    COUNTRY_LEVEL,
    FACILITY_HEADS,
    MAJOR_KINDS,
    NAMED_AFTER_KINDS,
    POINT_KINDS,
    STREET_HEADS,
    is_generic_word,
)
from geomap.geoparse.score import choose
from geomap.geoparse.state import MentionState, Votes
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Candidate, Mention, Reason, ResolvedMention

# Names either side of an unknown name that a connector ("in", "'s") may join it to.
_NEIGHBOURS = 3


class ArticleContext:
    """Places for names the gazetteer lacks (streets, buildings, neighbourhoods, companies
    named after places), from the article itself, in order of how directly it speaks:

    1. a town or region the text puts it in: "Crossroads Correctional Center in Shelby",
       "Brooklyn's Barclays Center";
    2. a place the name contains, if large or among the article's places: "Manila Cathedral"
       -> Manila, "Bank of Japan" -> Japan;
    3. a country the text puts it in ("Oaxaca State, Mexico" when Oaxaca were unknown);
    4. the article's own place: the town it names most (its dateline counts once).

    The answer is approximate and says so: low confidence, and a reason naming the place used.
    """

    def __init__(
        self,
        text: str,
        states: list[MentionState],
        results: list[ResolvedMention],
        country_counts: Votes,
        region_counts: Votes,
        pool: dict[str, tuple[Candidate, set[str]]],
        gazetteer: Gazetteer,
        english: EnglishWords | None = None,
        proximity: Proximity | None = None,
    ) -> None:
        self.text = text
        self.states = states
        self.results = results
        self.country_counts = country_counts
        self.region_counts = region_counts
        self.pool = pool
        # Distances to the pool's places, kept across the names placed (and from the scoring
        # passes, when given: the same pool gives the same distances).
        self.proximity = proximity if proximity is not None else Proximity(pool)
        self.gazetteer = gazetteer
        self.english = EnglishWords() if english is None else english
        self._home: tuple[Candidate, int] | None = None
        self._home_known = False
        self._by_start: list[tuple[int, int]] | None = None  # (start, index) of placed names
        self._caseless: list[tuple[int, int]] | None = None  # lines without case, once asked

    def _without_case(self, offset: int) -> bool:
        """Whether ``offset`` lies in a line without case, where no capital marks a proper
        name: there a name the recogniser found or the user gave is taken as one."""
        if self._caseless is None:
            self._caseless = caseless_lines(self.text)
        return bool(self._caseless) and in_spans(self._caseless, offset)

    def place_unknown(self, index: int, result: ResolvedMention) -> ResolvedMention:
        mention = result.mention
        if mention.boilerplate or not (
            _is_proper_name(mention.text) or self._without_case(mention.start)
        ):
            return result  # only proper names are placed; "the" or an empty span names nothing
        if mention.role == "dateline":
            # "HOLLIDAY, Mo.": a dateline is placed only by the state written after it.
            container = self._container(index)
            if container is None:
                return result
            return self._approximate(result, container, "put_in", container.name)
        if mention.role != "toponym":
            return result
        container = self._container(index)
        # A town or region the text puts it in beats a place inside its name, which beats a
        # whole country the text puts it in ("Oaxaca State, Mexico" is Oaxaca).
        if container and container.kind not in COUNTRY_LEVEL:
            return self._approximate(result, container, "put_in", container.name)
        # A street is named after a place elsewhere ("Northumberland Avenue" in Saskatoon).
        street = mention.text.split()[-1].lower() in STREET_HEADS or called_a_street(
            self.text, mention
        )
        found = None if street else self._named_after(mention)
        if found:
            return self._approximate(result, found, "named_after", found.name)
        if container:
            return self._approximate(result, container, "put_in", container.name)
        home = self._article_place()
        if home:
            place, count = home
            return self._approximate(result, place, "article_place", place.name, count)
        country = self._article_country()
        if country:
            place, times = country
            return self._approximate(result, place, "article_country", place.name, times)
        return result

    def _article_country(self) -> tuple[Candidate, float] | None:
        """The country the article names most, for an article that names no town."""
        if not self.country_counts:
            return None
        code, count = self.country_counts.top()
        if count < 1:
            return None
        found = self.gazetteer.country(code)
        return (found, count) if found else None

    def _approximate(
        self, result: ResolvedMention, place: Candidate, how: str, *args: object
    ) -> ResolvedMention:
        """``place``, approximately, saying ``how`` (a reason code) the article gave it."""
        # A reading the article did not support says so; any other name is not in the gazetteer.
        rejected = result.reasons[:1]
        if not (rejected and rejected[0].code in REJECTED_READING):
            rejected = (Reason("not_in_gazetteer"),)
        return ResolvedMention(
            mention=result.mention,
            place=place.copy(),
            confidence=WEIGHTS.context_confidence,
            reasons=(*rejected, Reason(how, (*args, where(place, self.gazetteer)))),
        )

    def _named_after(self, mention: Mention) -> Candidate | None:
        words = mention.text.split()
        if words and words[0].lower() == "the":
            words = words[1:]  # "the Siloam Springs Public Library"
        # "Greenville High School": a facility a town names after itself begins with the town.
        facility = len(words) > 1 and words[-1].lower().strip(",.;:") in FACILITY_HEADS
        for size in range(len(words) - 1, 0, -1):
            found = []
            for start in range(len(words) - size + 1):
                phrase_words = words[start : start + size]
                if not phrase_words[0][:1].isupper():
                    continue
                phrase = " ".join(phrase_words).strip(",.;:()'’\"")
                if not phrase:
                    continue
                place = self._resolve_phrase(mention, phrase, town_first=facility and start == 0)
                if place:
                    found.append(place)
            if found:
                # A town named beats a larger area: "British Embassy Tokyo" is in Tokyo.
                return min(found, key=lambda place: place.kind not in POINT_KINDS)
        return None

    def _resolve_phrase(
        self, mention: Mention, phrase: str, *, town_first: bool = False
    ) -> Candidate | None:
        if " " not in phrase and is_generic_word(phrase):
            return None  # "St. Peter's Basilica" is not in Basilicata ("Basilica")
        try:
            candidates = self.gazetteer.lookup(phrase, limit=WEIGHTS.candidates)
        except Exception:  # an unusable phrase names nothing
            return None
        if not candidates:
            return None
        state = MentionState(Mention(phrase, mention.start, mention.end), candidates)
        choose(
            state, self.states, self.country_counts, self.region_counts, pool=self.pool,
            proximity=self.proximity,
        )  # fmt: skip
        place = state.choice
        if place is None:
            return None
        if key(place.matched) != key(phrase):
            return None  # a loose spelling match is too weak a reason
        if place.kind == "region" and _is_code(phrase):
            return None  # "NE Power Co", "OK Tire": a state's code inside a name is its acronym
        if (
            len(phrase.split()) == 1
            and _is_common_word(self.english, phrase)
            and not _stands_out(place, phrase)
        ):
            return None
        # "Manila Cathedral" in an article about Manila, "Bank of Japan": the place must be a
        # large one, or lie among the article's other places ("Rue Casa Calvo" is no Rue, France).
        others = [other for other, _ in self.pool.values()]
        if place.kind in NAMED_AFTER_KINDS or (
            (place.population >= WEIGHTS.named_after_population or town_first) and not others
        ):
            return place
        if others and nearest_km(place, others) <= WEIGHTS.named_after_km:
            return place
        return None

    def _container(self, index: int) -> Candidate | None:
        """The place named right after ("... in Shelby") or right before ("Brooklyn's ...")."""
        mention = self.results[index].mention
        if self._by_start is None:
            self._by_start = sorted(
                (other.mention.start, order)
                for order, other in enumerate(self.results)
                if other.place is not None and other.confidence >= WEIGHTS.container_confidence
            )
        by_start = self._by_start
        # Only the nearest names either side can be joined to it by a connector ("in", "'s").
        after = bisect.bisect_left(by_start, (mention.end, -1))
        for _, order in by_start[after : after + _NEIGHBOURS]:
            other = self.results[order]
            if other.mention is not mention and container_between(
                self.text, mention.end, other.mention.start
            ):
                return other.place
        before = bisect.bisect_left(by_start, (mention.start, -1))
        for _, order in reversed(by_start[max(0, before - _NEIGHBOURS) : before]):
            other = self.results[order]
            if (
                other.mention is not mention
                and other.mention.end <= mention.start
                and possessive_between(self.text, other.mention.end, mention.start)
            ):
                return other.place
        return None

    def _article_place(self) -> tuple[Candidate, int] | None:
        """The town the article is about: the most confidently named town, counting the
        confidence of the article's other places around it.

        A house-builder's model called "Norbury" three times is not the place of an article whose
        other towns (Gainesville, Centreville, Haymarket) and state (Virginia) lie together:
        each town's own mentions count in full, those of towns within
        :attr:`Weights.home_neighbour_km` and of the first-level region holding it at half weight.
        """
        if not self._home_known:
            self._home_known = True
            counts: Counter[str] = Counter()
            weights = Votes()
            places: dict[str, Candidate] = {}
            regions: dict[tuple[str, str], float] = {}
            for result in self.results:
                place = result.place
                if (
                    place is None
                    or result.mention.boilerplate
                    or result.mention.role == "demonym"
                    or result.confidence <= WEIGHTS.context_confidence
                ):
                    continue
                if place.kind == "region" and place.country_code and place.admin1:
                    region_key = (place.country_code, place.admin1)
                    regions[region_key] = regions.get(region_key, 0.0) + result.confidence
                if place.kind not in POINT_KINDS:
                    continue
                counts[place.id] += 1
                weights[place.id] += result.confidence
                places.setdefault(place.id, place)

            def support(place_id: str) -> float:
                place = places[place_id]
                around = sum(
                    weight
                    for other_id, weight in weights.items()
                    if other_id != place_id
                    and nearest_km(place, [places[other_id]]) <= WEIGHTS.home_neighbour_km
                )
                region = regions.get((place.country_code or "", place.admin1 or ""), 0.0)
                return weights[place_id] + WEIGHTS.home_neighbour_weight * (around + region)

            # The likeliest towns only (a long document names thousands); among equals, the
            # first named.
            contenders = sorted(weights, key=weights.__getitem__, reverse=True)[
                : WEIGHTS.home_contenders
            ]
            best = max(contenders, key=support, default=None)
            self._home = (places[best], counts[best]) if best else None
        return self._home


def _is_proper_name(text: str) -> bool:
    """A capitalised name, or an address: "Barclays Center", "2231 Royal"."""
    if text[:1].isupper():
        return True
    words = text.split()
    return len(words) > 1 and words[0].isdigit() and words[1][:1].isupper()


def _is_code(word: str) -> bool:
    """Whether a word is a bare postal or AP code: 2 to 4 capitals ("OK", "NE", "CA")."""
    return word.isalpha() and word.isupper() and 2 <= len(word) <= WEIGHTS.acronym_letters


def _stands_out(place: Candidate, word: str) -> bool:
    """Whether a common word names this place whatever else it means: an acronym ("US
    Federal Reserve") or a major place ("Bank of Japan", "Colorado State University"), unless
    it is a direction or a kind of place ("Central Bank", "Valley Hospital")."""
    if word.isupper() and len(word) > 1:
        return True
    if is_generic_word(word):
        return False
    return place.kind in MAJOR_KINDS or place.population >= WEIGHTS.major_population


def _is_common_word(english: EnglishWords, word: str) -> bool:
    """Whether a capitalised word is an everyday English word ("Union", "Valley", "State")."""
    return english.zipf(word.lower()) >= WEIGHTS.frequent_zipf
