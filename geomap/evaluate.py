"""Standard geoparsing evaluation: toponym recognition and resolution metrics.

The definitions follow the field's usual practice (Gritta et al., "A Pragmatic Guide to
Geoparsing Evaluation", 2019) and ``/work/shared/bench/README.md``:

* **Acc@161** -- share of gold toponyms whose predicted point lies within 161 km (100 miles).
* **AUC** -- area under the curve of the sorted errors scaled by ``ln(1 + km) / ln(20039)``,
  trapezoid rule divided by ``n - 1``; 0 is perfect, 1 is every toponym at the maximum error.
* **Mean / median error** in km.
* **Resolution only** -- gold spans are given; every gold toponym with coordinates counts and an
  unresolved one counts as :data:`MAX_ERROR_KM`.
* **End to end** -- the system finds its own spans; span precision / recall / F1 (exact and
  overlap matching) and the geocoding metrics over the gold toponyms it found.

This module only scores; it does not know how predictions are made. Callers build
:class:`Prediction` objects (from a geoparser, a file of published outputs, ...) and pass them in.
Every ``evaluate_*`` result is a plain JSON-serialisable ``dict``.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from geomap.errors import InputError

__all__ = [
    "ACC_KM",
    "EARTH_RADIUS_KM",
    "MAX_ERROR_KM",
    "CorpusFormatError",
    "GoldToponym",
    "Prediction",
    "evaluate_end_to_end",
    "evaluate_resolution",
    "format_report",
    "geocoding_scores",
    "gold_toponyms",
    "haversine_km",
    "load_corpus",
    "span_scores",
]

#: Largest possible error on Earth as the field rounds it; also the error of an unresolved toponym.
MAX_ERROR_KM = 20039.0
#: The "k" of Acc@k: 161 km is 100 miles.
ACC_KM = 161.0
#: IUGG mean Earth radius.
EARTH_RADIUS_KM = 6371.0088


class CorpusFormatError(InputError, ValueError):
    """A benchmark corpus line cannot be read.

    Subclasses both :class:`~geomap.errors.InputError` (so the CLI reports it as a user error)
    and :class:`ValueError` (what plain-Python callers expect for bad data).
    """


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated toponym of a benchmark document."""

    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    type: str | None = None  # GeoWebNews' fine-grained type; None in the other corpora
    geonameid: int | None = None

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GoldToponym:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            name=str(data.get("name", "")),
            lat=_opt_float(data.get("lat")),
            lon=_opt_float(data.get("lon")),
            type=data.get("type"),
            geonameid=None if data.get("geonameid") is None else int(data["geonameid"]),
        )


@dataclass(frozen=True, slots=True)
class Prediction:
    """What a system said about one span: where it is (if anywhere) and what it is."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    kind: str | None = None

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


#: Decides whether a gold toponym is a country (or larger); supplied by the caller's gazetteer.
IsCountryLevel = Callable[[GoldToponym, Prediction | None], bool]
#: Maps a point to an ISO 3166-1 alpha-2 code, or None where no country applies (seas, ...).
CountryOf = Callable[[float, float], str | None]


# --------------------------------------------------------------------------------------------
# Distances and geocoding scores


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in decimal degrees.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : float
        Latitudes and longitudes in degrees.

    Returns
    -------
    float
        Distance on a sphere of radius :data:`EARTH_RADIUS_KM`.

    Examples
    --------
    >>> round(haversine_km(0.0, 0.0, 0.0, 1.0), 1)
    111.2
    >>> haversine_km(10.0, 20.0, 10.0, 20.0)
    0.0
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    # Rounding can push a a hair above 1 for antipodes; asin would then raise.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, a))))


def geocoding_scores(errors_km: Sequence[float]) -> dict[str, Any]:
    """Acc@161, AUC, mean and median of a list of geocoding errors.

    Parameters
    ----------
    errors_km : sequence of float
        One error per counted toponym, in km (use :data:`MAX_ERROR_KM` for unresolved ones).

    Returns
    -------
    dict
        ``n``, ``acc161`` (share with error <= 161 km), ``auc`` (0 best, 1 worst; each scaled
        error is capped at 1), ``mean_km`` and ``median_km``. With no errors, ``n`` is 0 and
        the others are None. With a single error the trapezoid rule is undefined, so ``auc``
        is that error's scaled value.

    Raises
    ------
    ValueError
        If an error is negative or not finite.

    Examples
    --------
    >>> s = geocoding_scores([0.0, 100.0, 20039.0])
    >>> s["n"], round(s["acc161"], 3), s["median_km"]
    (3, 0.667, 100.0)
    >>> geocoding_scores([])["acc161"] is None
    True
    """
    errors = [float(e) for e in errors_km]
    for e in errors:
        if not math.isfinite(e) or e < 0:
            raise ValueError(f"geocoding error must be a finite, non-negative km value, not {e!r}")
    n = len(errors)
    if n == 0:
        return {"n": 0, "acc161": None, "auc": None, "mean_km": None, "median_km": None}
    log_max = math.log(MAX_ERROR_KM)
    # ln(1 + 20039) / ln(20039) is 1.000005: cap at 1 so that "unresolved" (and anything
    # beyond it) scores exactly 1. Real distances (at most ~20015 km) are never capped.
    scaled = sorted(min(1.0, math.log1p(e) / log_max) for e in errors)
    if n == 1:
        auc = scaled[0]
    else:
        area = sum((a + b) / 2 for a, b in pairwise(scaled))
        auc = area / (n - 1)
    return {
        "n": n,
        # "Within 161 km": inclusive. (Gritta's scripts test ln(1+d) < ln(161), i.e. d < 160;
        # the difference is invisible on real corpora.)
        "acc161": sum(1 for e in errors if e <= ACC_KM) / n,
        "auc": auc,
        "mean_km": statistics.fmean(errors),
        "median_km": float(statistics.median(errors)),
    }


# --------------------------------------------------------------------------------------------
# Span matching


def _match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], *, overlap: bool
) -> list[tuple[int, int]]:
    """One-to-one matching of spans; returns ``(gold_index, predicted_index)`` pairs."""
    pairs: list[tuple[int, int]] = []
    if not overlap:
        # Exact: each predicted span takes the first still-free identical gold span, so a gold
        # span annotated twice needs two predictions.
        free: dict[tuple[int, int], list[int]] = {}
        for gi, span in enumerate(gold):
            free.setdefault((span[0], span[1]), []).append(gi)
        for pi, span in enumerate(predicted):
            slots = free.get((span[0], span[1]))
            if slots:
                pairs.append((slots.pop(0), pi))
        return sorted(pairs)
    # Overlap: greedy by largest shared length; ties go to the tighter pair (smaller union),
    # then to document order, so the result is deterministic.
    candidates: list[tuple[int, int, int, int]] = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(predicted):
            shared = min(ge, pe) - max(gs, ps)
            if shared > 0 or (gs, ge) == (ps, pe):
                candidates.append((-shared, max(ge, pe) - min(gs, ps), gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall, F1 from counts; None where a ratio is 0/0."""
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if precision is None or recall is None:
        f1 = None
    elif precision + recall == 0:
        f1 = 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def span_scores(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], *, overlap: bool
) -> dict[str, Any]:
    """Precision, recall and F1 of predicted character spans against gold spans.

    Parameters
    ----------
    gold, predicted : sequence of (start, end)
        Character offsets, end exclusive, all from the same text.
    overlap : bool
        False: a prediction matches only an identical gold span. True: it matches a gold span it
        shares at least one character with; pairs are taken greedily by largest overlap.
        Either way each span is matched at most once.

    Returns
    -------
    dict
        ``tp``, ``fp``, ``fn`` and ``precision``, ``recall``, ``f1`` (None where 0/0).

    Examples
    --------
    >>> span_scores([(0, 5), (10, 16)], [(0, 5), (10, 14)], overlap=False)["f1"]
    0.5
    >>> span_scores([(0, 5), (10, 16)], [(0, 5), (10, 14)], overlap=True)["f1"]
    1.0
    """
    pairs = _match_spans(gold, predicted, overlap=overlap)
    tp = len(pairs)
    return _prf(tp, len(predicted) - tp, len(gold) - tp)


# --------------------------------------------------------------------------------------------
# Corpus


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _check_doc(obj: Any) -> str | None:
    """Why a parsed corpus line is not a valid document, or None if it is."""
    if not isinstance(obj, dict):
        return "expected a JSON object"
    for key, kind in (("id", str), ("text", str), ("toponyms", list)):
        if not isinstance(obj.get(key), kind):
            return f"field {key!r} missing or not a {kind.__name__}"
    text_len = len(obj["text"])
    for i, top in enumerate(obj["toponyms"]):
        if not isinstance(top, dict):
            return f"toponym {i} is not an object"
        start, end = top.get("start"), top.get("end")
        if (
            not isinstance(start, int)
            or not isinstance(end, int)
            or isinstance(start, bool)
            or isinstance(end, bool)
        ):
            return f"toponym {i}: 'start' and 'end' must be integers"
        if not 0 <= start <= end <= text_len:
            return f"toponym {i}: span {start}-{end} outside the text (length {text_len})"
        lat, lon = top.get("lat"), top.get("lon")
        if (lat is None) != (lon is None):
            return f"toponym {i}: 'lat' and 'lon' must both be given or both be null"
        for key, value in (("lat", lat), ("lon", lon)):
            # bool is an int subclass, but true/false is never a coordinate.
            bad = isinstance(value, bool) or not isinstance(value, int | float)
            if value is not None and bad:
                return f"toponym {i}: {key!r} must be a number or null"
    return None


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    """Read a benchmark corpus in JSON Lines (``{"id", "text", "toponyms"}`` per line).

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` file. Blank lines are ignored.

    Returns
    -------
    list of dict
        The documents, as parsed.

    Raises
    ------
    CorpusFormatError
        (a :class:`ValueError`) naming the file and line of the first malformed document.
    OSError
        If the file cannot be read.
    """
    path = Path(path)
    docs: list[dict[str, Any]] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusFormatError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc
            problem = _check_doc(obj)
            if problem is None and obj["id"] in seen:
                problem = f"duplicate document id {obj['id']!r}"
            if problem is not None:
                raise CorpusFormatError(f"{path}:{lineno}: {problem}")
            seen.add(obj["id"])
            docs.append(obj)
    return docs


def gold_toponyms(doc: Mapping[str, Any]) -> list[GoldToponym]:
    """The gold toponyms of one corpus document, in corpus order.

    Resolution-only predictions must be aligned with this list.
    """
    return [GoldToponym.from_dict(t) for t in doc.get("toponyms", [])]


# --------------------------------------------------------------------------------------------
# Protocols


def _error_km(gold: GoldToponym, pred: Prediction | None) -> float:
    if pred is None or not pred.has_coords:
        return MAX_ERROR_KM
    assert gold.lat is not None and gold.lon is not None  # callers only pass gold with coords
    assert pred.lat is not None and pred.lon is not None
    return haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)


def _geocoding_block(
    items: Iterable[tuple[GoldToponym, Prediction | None]],
    *,
    country_of: CountryOf | None,
    is_country_level: IsCountryLevel | None,
) -> dict[str, Any]:
    """All geocoding figures over (gold with coordinates, prediction or None) pairs."""
    errors: list[float] = []
    below: list[float] = []
    country_level: list[float] = []
    by_type: dict[str, list[float]] = {}
    with_geonameid: list[float] = []
    unresolved = 0
    judged = correct = 0
    for gold, pred in items:
        err = _error_km(gold, pred)
        errors.append(err)
        if pred is None or not pred.has_coords:
            unresolved += 1
        by_type.setdefault(gold.type or "none", []).append(err)
        if gold.geonameid is not None:
            with_geonameid.append(err)
        if is_country_level is not None:
            (country_level if is_country_level(gold, pred) else below).append(err)
        if country_of is not None:
            assert gold.lat is not None and gold.lon is not None
            gold_cc = country_of(gold.lat, gold.lon)
            if gold_cc is None:
                continue  # a sea or no-man's-land: nothing to be right about
            judged += 1
            pred_cc = None
            if pred is not None:
                pred_cc = pred.country_code
                if pred_cc is None and pred.has_coords:
                    assert pred.lat is not None and pred.lon is not None
                    pred_cc = country_of(pred.lat, pred.lon)
            if pred_cc is not None and pred_cc.upper() == gold_cc.upper():
                correct += 1
    return {
        "counted": len(errors),
        "unresolved": unresolved,
        "overall": geocoding_scores(errors),
        "below_country": geocoding_scores(below) if is_country_level is not None else None,
        "country_level": geocoding_scores(country_level) if is_country_level is not None else None,
        "country_correct": (
            {"n": judged, "correct": correct, "rate": correct / judged if judged else None}
            if country_of is not None
            else None
        ),
        "by_type": {key: geocoding_scores(by_type[key]) for key in sorted(by_type)},
        # Systems evaluated on GeoNames-linked toponyms only (Mordecai3) compare with this.
        "with_geonameid": (
            geocoding_scores(with_geonameid)
            if with_geonameid and len(with_geonameid) < len(errors)
            else None
        ),
    }


def evaluate_resolution(
    docs: Sequence[Mapping[str, Any]],
    predictions_by_doc: Mapping[str, Sequence[Prediction | None]],
    *,
    country_of: CountryOf | None = None,
    is_country_level: IsCountryLevel | None = None,
) -> dict[str, Any]:
    """Score toponym resolution with the gold spans given ("resolution only").

    Parameters
    ----------
    docs : sequence of dict
        Corpus documents as returned by :func:`load_corpus`.
    predictions_by_doc : mapping of document id to list
        For each document, one entry per gold toponym, aligned with :func:`gold_toponyms`: a
        :class:`Prediction`, or None when the system resolved nothing. A document missing from
        the mapping counts as entirely unresolved.
    country_of : callable(lat, lon) -> str or None, optional
        Country code of a point. Enables ``country_correct``: the gold point's country against
        the prediction's ``country_code`` (or, when that is None, ``country_of`` of the predicted
        point). Gold points with no country are not judged.
    is_country_level : callable(gold, prediction) -> bool, optional
        Whether a gold toponym is a country or larger. Enables ``below_country`` and
        ``country_level``, whose Acc@161 depends on which point a gazetteer stores.

    Returns
    -------
    dict
        ``protocol`` ("resolution"), ``docs``, ``gold_toponyms`` (all), ``without_coords`` (not
        counted), ``counted``, ``unresolved``, ``overall`` (see :func:`geocoding_scores`),
        ``below_country`` and ``country_level`` (scores or None), ``country_correct``
        (``{"n", "correct", "rate"}`` or None), ``by_type`` (type, or "none", to scores) and
        ``with_geonameid`` (scores over the gold toponyms that carry a GeoNames id, when only
        some do; else None).

    Raises
    ------
    ValueError
        If a document's prediction list is not as long as its gold toponym list.

    Examples
    --------
    >>> doc = {"id": "d", "text": "Paris", "toponyms": [
    ...     {"start": 0, "end": 5, "name": "Paris", "lat": 48.85, "lon": 2.35}]}
    >>> r = evaluate_resolution([doc], {"d": [Prediction(0, 5, 48.86, 2.34)]})
    >>> r["overall"]["acc161"], r["unresolved"]
    (1.0, 0)
    """
    total = without = 0
    items: list[tuple[GoldToponym, Prediction | None]] = []
    for doc in docs:
        golds = gold_toponyms(doc)
        preds = predictions_by_doc.get(doc["id"])
        if preds is None:
            preds = [None] * len(golds)
        if len(preds) != len(golds):
            raise ValueError(
                f"document {doc['id']!r}: {len(preds)} predictions for {len(golds)} gold toponyms"
            )
        for gold, pred in zip(golds, preds, strict=True):
            total += 1
            if not gold.has_coords:
                without += 1
                continue
            items.append((gold, pred))
    block = _geocoding_block(items, country_of=country_of, is_country_level=is_country_level)
    return {
        "protocol": "resolution",
        "docs": len(docs),
        "gold_toponyms": total,
        "without_coords": without,
        **block,
    }


def evaluate_end_to_end(
    docs: Sequence[Mapping[str, Any]],
    predictions_by_doc: Mapping[str, Sequence[Prediction]],
    *,
    country_of: CountryOf | None = None,
    is_country_level: IsCountryLevel | None = None,
) -> dict[str, Any]:
    """Score recognition and resolution together, on the system's own spans ("end to end").

    Parameters
    ----------
    docs : sequence of dict
        Corpus documents as returned by :func:`load_corpus`.
    predictions_by_doc : mapping of document id to list of Prediction
        Every toponym the system found in each document, in any order. A missing document
        means the system found nothing there.
    country_of, is_country_level : callable, optional
        As in :func:`evaluate_resolution`, applied to the found toponyms.

    Returns
    -------
    dict
        ``protocol`` ("e2e"), ``docs``, ``gold_toponyms``, ``predicted``; ``spans`` with
        ``exact`` and ``overlap`` entries (see :func:`span_scores`, micro-averaged over
        documents; every gold span counts, with or without coordinates); and ``geocoding`` with
        ``exact`` and ``overlap`` entries, each a block like the resolution result (``counted``,
        ``unresolved``, ``overall``, ``below_country``, ``country_level``, ``country_correct``,
        ``by_type``, ``with_geonameid``) over the gold toponyms with coordinates that were found
        under that match. A found toponym the system gave no coordinates counts as
        :data:`MAX_ERROR_KM`.

    Examples
    --------
    >>> doc = {"id": "d", "text": "Paris and Lyon", "toponyms": [
    ...     {"start": 0, "end": 5, "name": "Paris", "lat": 48.85, "lon": 2.35},
    ...     {"start": 10, "end": 14, "name": "Lyon", "lat": 45.76, "lon": 4.83}]}
    >>> r = evaluate_end_to_end([doc], {"d": [Prediction(0, 5, 48.86, 2.34)]})
    >>> r["spans"]["exact"]["recall"], r["geocoding"]["exact"]["overall"]["n"]
    (0.5, 1)
    """
    total = predicted = 0
    counts = {"exact": [0, 0, 0], "overlap": [0, 0, 0]}
    found: dict[str, list[tuple[GoldToponym, Prediction | None]]] = {"exact": [], "overlap": []}
    for doc in docs:
        golds = gold_toponyms(doc)
        preds = list(predictions_by_doc.get(doc["id"], ()))
        total += len(golds)
        predicted += len(preds)
        gold_spans = [(g.start, g.end) for g in golds]
        pred_spans = [(p.start, p.end) for p in preds]
        for mode in ("exact", "overlap"):
            pairs = _match_spans(gold_spans, pred_spans, overlap=mode == "overlap")
            tally = counts[mode]
            tally[0] += len(pairs)
            tally[1] += len(preds) - len(pairs)
            tally[2] += len(golds) - len(pairs)
            found[mode].extend((golds[gi], preds[pi]) for gi, pi in pairs if golds[gi].has_coords)
    return {
        "protocol": "e2e",
        "docs": len(docs),
        "gold_toponyms": total,
        "predicted": predicted,
        "spans": {mode: _prf(*counts[mode]) for mode in ("exact", "overlap")},
        "geocoding": {
            mode: _geocoding_block(
                found[mode], country_of=country_of, is_country_level=is_country_level
            )
            for mode in ("exact", "overlap")
        },
    }


# --------------------------------------------------------------------------------------------
# Report


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _km(value: Any) -> str:
    return "–" if value is None else f"{value:,.0f}"


_GEO_HEADER = [
    "| subset | n | Acc@161 | AUC | mean km | median km |",
    "|---|---:|---:|---:|---:|---:|",
]


def _geo_row(label: str, scores: Mapping[str, Any] | None) -> str:
    s = scores or {}
    return (
        f"| {label} | {s.get('n', 0)} | {_fmt(s.get('acc161'))} | {_fmt(s.get('auc'))} "
        f"| {_km(s.get('mean_km'))} | {_km(s.get('median_km'))} |"
    )


def _geo_rows(block: Mapping[str, Any], prefix: str = "") -> list[str]:
    rows = [_geo_row(f"{prefix}all", block["overall"])]
    if block.get("below_country") is not None:
        rows.append(_geo_row(f"{prefix}below country level", block["below_country"]))
        rows.append(_geo_row(f"{prefix}country level", block["country_level"]))
    if block.get("with_geonameid") is not None:
        rows.append(_geo_row(f"{prefix}with a GeoNames id", block["with_geonameid"]))
    return rows


def _country_line(block: Mapping[str, Any], label: str = "Country correct") -> list[str]:
    cc = block.get("country_correct")
    if cc is None:
        return []
    return [f"{label}: {_fmt(cc['rate'])} ({cc['correct']}/{cc['n']})"]


def format_report(result: Mapping[str, Any], *, title: str) -> str:
    """Render an ``evaluate_*`` result as a Markdown section readable in a terminal.

    Parameters
    ----------
    result : dict
        What :func:`evaluate_resolution` or :func:`evaluate_end_to_end` returned.
    title : str
        Heading, e.g. the corpus name.

    Returns
    -------
    str
        A ``## title`` heading, the protocol stated in words, and pipe tables.
    """
    protocol = result.get("protocol")
    lines = [f"## {title}", ""]
    if protocol == "resolution":
        lines += [
            "Protocol: resolution only (gold spans given; unresolved = 20,039 km).",
            f"Documents: {result['docs']}; gold toponyms: {result['gold_toponyms']} "
            f"({result['without_coords']} without coordinates, not counted); "
            f"unresolved: {result['unresolved']} of {result['counted']}.",
            "",
            *_GEO_HEADER,
            *_geo_rows(result),
        ]
        by_type = result.get("by_type") or {}
        if set(by_type) - {"none"}:  # only typed corpora (GeoWebNews) get the breakdown
            lines += [_geo_row(f"type: {key}", by_type[key]) for key in by_type]
        country = _country_line(result)
        if country:
            lines += ["", *country]
    elif protocol == "e2e":
        lines += [
            "Protocol: end to end (system's own spans; geocoding over the gold toponyms found).",
            f"Documents: {result['docs']}; gold toponyms: {result['gold_toponyms']}; "
            f"predicted: {result['predicted']}.",
            "",
            "| span match | TP | FP | FN | precision | recall | F1 |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for mode in ("exact", "overlap"):
            s = result["spans"][mode]
            lines.append(
                f"| {mode} | {s['tp']} | {s['fp']} | {s['fn']} | {_fmt(s['precision'])} "
                f"| {_fmt(s['recall'])} | {_fmt(s['f1'])} |"
            )
        lines += ["", *_GEO_HEADER]
        for mode in ("exact", "overlap"):
            lines += _geo_rows(result["geocoding"][mode], prefix=f"found ({mode} span): ")
        country = [
            line
            for mode in ("exact", "overlap")
            for line in _country_line(
                result["geocoding"][mode], label=f"Country correct, found ({mode} span)"
            )
        ]
        if country:
            lines += ["", *country]
    else:
        raise ValueError(f"not an evaluation result (protocol {protocol!r})")
    return "\n".join(lines) + "\n"
