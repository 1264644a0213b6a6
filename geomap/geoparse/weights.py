"""weights"""

from __future__ import annotations

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


#: Mentions resolved with less confidence than this go to the online fallback (when allowed).
FALLBACK_CONFIDENCE = 0.35
_CANDIDATES = 25
_COUNTRY_WEIGHT = 0.25
_REGION_WEIGHT = 0.2
_RELATION_WEIGHT = 0.6
_PROXIMITY_WEIGHT = 0.1
_PROXIMITY_KM = 250.0
_PAIR_WEIGHT = 0.15  # a candidate near a candidate of another name ("Athens", "Clarke County")
_PAIR_KM = 20.0
_KM_PER_DEGREE = 111.195  # of latitude (mean Earth radius)
_PAIR_PARTNER_RANKS = 8  # only another name's likelier readings lend support
_DISTRICT_WEIGHT = 0.1  # a town inside a county the article names ("Paris", "Henry County")
_DISTRICT_KM = 40.0  # how near a district's centre (that of its towns) a town inside it lies
_SHARED_REGION_WEIGHT = 0.05  # readings of several names in one state ("Macon", "Augusta")
_COUNTRY_NAME_MARGIN = 0.2  # what a town named like a country must win by, absent a qualifier
_SHARED_REGION_FULL = 3  # other names in the region that earn the full weight
_CLEAR_MARGIN = 0.05
_EVIDENCE_MARGIN = 0.15


_LIST_KIND_WEIGHT = 0.1  # a reading of the kind its list-mates are ("New York" among cities)
_KIND_MARGIN = 0.15  # how far the readings of other kinds must trail for a kind to be sure

_NAMED_AFTER_POPULATION = 100_000
_NAMED_AFTER_KM = 100.0
_SPELLING_SUPPORT_KM = 300.0  # how near the article's places a town found by a variant must lie
_SMALL_TOWN_POPULATION = 20_000
_SMALL_TOWN_KM = 500.0
_MAJOR_POPULATION = 1_000_000
_CONTEXT_CONFIDENCE = 0.2
# The article's own town is judged with the places around it (see _Context._article_place).
_HOME_NEIGHBOUR_KM = 100.0
_HOME_NEIGHBOUR_WEIGHT = 0.5
_HOME_CONTENDERS = 20
