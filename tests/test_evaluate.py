"""Tests for geomap.evaluate: the standard geoparsing metrics, on hand-made fixtures only."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from geomap.errors import InputError
from geomap.evaluate import (
    MAX_ERROR_KM,
    CorpusFormatError,
    GoldToponym,
    Prediction,
    evaluate_end_to_end,
    evaluate_resolution,
    format_report,
    geocoding_scores,
    gold_toponyms,
    haversine_km,
    load_corpus,
    span_scores,
)

BAGHDAD = (33.3152, 44.3661)
DAMASCUS = (33.5138, 36.2765)
PARIS = (48.8566, 2.3522)
LYON = (45.7640, 4.8357)
FRANCE = (46.0, 2.0)


def _scaled(km: float) -> float:
    return math.log1p(km) / math.log(MAX_ERROR_KM)


# ------------------------------------------------------------------ haversine


def test_haversine_baghdad_damascus() -> None:
    # Great-circle distance is about 751 km (road distance is longer).
    assert haversine_km(*BAGHDAD, *DAMASCUS) == pytest.approx(751.0, abs=5.0)


def test_haversine_is_symmetric_and_zero_on_same_point() -> None:
    assert haversine_km(*PARIS, *PARIS) == 0.0
    assert haversine_km(*PARIS, *LYON) == pytest.approx(haversine_km(*LYON, *PARIS))


def test_haversine_antipodes_and_one_degree() -> None:
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015.1, abs=1.0)
    assert haversine_km(90.0, 0.0, -90.0, 0.0) == pytest.approx(20015.1, abs=1.0)
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.195, abs=0.01)
    # Antipodes stay below the field's maximum error.
    assert haversine_km(10.0, 20.0, -10.0, -160.0) < MAX_ERROR_KM


def test_haversine_wraps_the_antimeridian() -> None:
    assert haversine_km(0.0, 179.5, 0.0, -179.5) == pytest.approx(111.195, abs=0.01)


# ------------------------------------------------------------------ geocoding scores


def test_acc161_threshold_is_inclusive() -> None:
    assert geocoding_scores([161.0])["acc161"] == 1.0
    assert geocoding_scores([161.0001])["acc161"] == 0.0
    assert geocoding_scores([0.0, 160.9, 161.0, 161.5])["acc161"] == pytest.approx(0.75)


def test_auc_is_zero_when_perfect_and_one_when_all_max() -> None:
    assert geocoding_scores([0.0, 0.0, 0.0])["auc"] == 0.0
    assert geocoding_scores([MAX_ERROR_KM] * 4)["auc"] == pytest.approx(1.0)
    # Errors above the maximum cannot score worse than unresolved.
    assert geocoding_scores([50000.0, MAX_ERROR_KM])["auc"] == pytest.approx(1.0)


def test_auc_hand_computed_middle_case() -> None:
    errors = [MAX_ERROR_KM, 0.0, 100.0]  # unsorted on purpose: the metric sorts
    s0, s1, s2 = 0.0, _scaled(100.0), 1.0
    expected = ((s0 + s1) / 2 + (s1 + s2) / 2) / 2  # trapezoids / (n - 1)
    assert expected == pytest.approx(0.5 * 0.5 + 0.5 * math.log(101) / math.log(20039))
    scores = geocoding_scores(errors)
    assert scores["auc"] == pytest.approx(expected)
    assert scores["auc"] == pytest.approx(0.4829, abs=1e-4)


def test_auc_of_a_single_error_is_its_scaled_value() -> None:
    assert geocoding_scores([100.0])["auc"] == pytest.approx(_scaled(100.0))


def test_mean_and_median() -> None:
    scores = geocoding_scores([10.0, 20.0, 30.0, 1000.0])
    assert scores["n"] == 4
    assert scores["mean_km"] == pytest.approx(265.0)
    assert scores["median_km"] == pytest.approx(25.0)


def test_geocoding_scores_empty() -> None:
    assert geocoding_scores([]) == {
        "n": 0,
        "acc161": None,
        "auc": None,
        "mean_km": None,
        "median_km": None,
    }


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_geocoding_scores_rejects_bad_errors(bad: float) -> None:
    with pytest.raises(ValueError):
        geocoding_scores([1.0, bad])


# ------------------------------------------------------------------ span scores


def test_span_scores_exact_vs_overlap() -> None:
    gold = [(0, 5), (10, 20), (30, 35)]
    pred = [(0, 5), (12, 20), (40, 45)]
    exact = span_scores(gold, pred, overlap=False)
    assert (exact["tp"], exact["fp"], exact["fn"]) == (1, 2, 2)
    assert exact["precision"] == pytest.approx(1 / 3)
    assert exact["recall"] == pytest.approx(1 / 3)
    assert exact["f1"] == pytest.approx(1 / 3)
    loose = span_scores(gold, pred, overlap=True)
    assert (loose["tp"], loose["fp"], loose["fn"]) == (2, 1, 1)
    assert loose["f1"] == pytest.approx(2 / 3)


def test_span_scores_are_one_to_one() -> None:
    # Two predictions inside one gold span: only one matches.
    scores = span_scores([(0, 20)], [(0, 8), (10, 20)], overlap=True)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 1, 0)
    # A repeated prediction of the same span matches once.
    scores = span_scores([(0, 5)], [(0, 5), (0, 5)], overlap=False)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 1, 0)
    # A gold span annotated twice needs two predictions.
    scores = span_scores([(0, 5), (0, 5)], [(0, 5)], overlap=False)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 0, 1)


def test_span_overlap_greedy_takes_largest_overlap_first() -> None:
    # "New York City": gold (0,13) and (20,24); the prediction (4,24) overlaps the first gold
    # span by 9 and the second by 4; the prediction (0,8) overlaps only the first, by 8.
    # Greedy pairs (0,13)-(4,24) first, leaving (0,8) unmatched and (20,24) missed.
    scores = span_scores([(0, 13), (20, 24)], [(0, 8), (4, 24)], overlap=True)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 1, 1)


def test_span_overlap_needs_a_shared_character() -> None:
    scores = span_scores([(0, 5)], [(5, 9)], overlap=True)  # touching, not overlapping
    assert scores["tp"] == 0


def test_span_scores_empty() -> None:
    nothing = span_scores([], [], overlap=False)
    assert nothing == {"tp": 0, "fp": 0, "fn": 0, "precision": None, "recall": None, "f1": None}
    no_pred = span_scores([(0, 3)], [], overlap=True)
    assert no_pred["recall"] == 0.0 and no_pred["precision"] is None and no_pred["f1"] is None
    all_wrong = span_scores([(0, 3)], [(5, 8)], overlap=False)
    assert all_wrong["precision"] == 0.0 and all_wrong["f1"] == 0.0


# ------------------------------------------------------------------ corpus


def _top(start: int, name: str, lat: float | None, lon: float | None, **extra: Any) -> dict:
    return {"start": start, "end": start + len(name), "name": name, "lat": lat, "lon": lon, **extra}


# "Paris is in France. Lyon and the French." -- offsets checked in test_fixture_offsets.
TEXT_A = "Paris is in France. Lyon and the French."
DOC_A = {
    "id": "a",
    "text": TEXT_A,
    "toponyms": [
        _top(0, "Paris", *PARIS, type="Literal", geonameid=2988507),
        _top(12, "France", *FRANCE, type="Literal", geonameid=3017382),
        _top(20, "Lyon", *LYON, type="Metonymic", geonameid=2996944),
        _top(33, "French", None, None, type="Demonym"),
    ],
}
TEXT_B = "Baghdad to Damascus."
DOC_B = {
    "id": "b",
    "text": TEXT_B,
    "toponyms": [_top(0, "Baghdad", *BAGHDAD), _top(11, "Damascus", *DAMASCUS)],
}
COUNTRY_IDS = {3017382}


def _is_country_level(gold: GoldToponym, pred: Prediction | None) -> bool:
    return gold.geonameid in COUNTRY_IDS


def _country_of(lat: float, lon: float) -> str | None:
    # A crude stand-in for a gazetteer: France west of 20°E, Iraq east of 40°E, Syria between.
    if lon < 20:
        return "FR"
    return "IQ" if lon > 40 else "SY"


def test_fixture_offsets() -> None:
    for doc in (DOC_A, DOC_B):
        for top in doc["toponyms"]:
            assert doc["text"][top["start"] : top["end"]] == top["name"]


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_corpus_round_trip(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps(DOC_A), "", json.dumps(DOC_B)])
    docs = load_corpus(path)
    assert [d["id"] for d in docs] == ["a", "b"]
    golds = gold_toponyms(docs[0])
    assert golds[0] == GoldToponym(0, 5, "Paris", *PARIS, type="Literal", geonameid=2988507)
    assert not golds[3].has_coords


@pytest.mark.parametrize(
    ("bad_line", "fragment"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        (json.dumps({"id": "x", "toponyms": []}), "'text'"),
        (json.dumps({"id": "x", "text": "abc", "toponyms": [_top(2, "cd", 1.0, 2.0)]}), "outside"),
        (json.dumps({"id": "x", "text": "abc", "toponyms": [_top(0, "ab", 1.0, None)]}), "lat"),
        (json.dumps({"id": "a", "text": "abc", "toponyms": []}), "duplicate"),
    ],
)
def test_load_corpus_names_the_bad_line(tmp_path: Path, bad_line: str, fragment: str) -> None:
    path = _write(tmp_path, [json.dumps(DOC_A), bad_line])
    with pytest.raises(ValueError, match=r"corpus\.jsonl:2: ") as info:
        load_corpus(path)
    assert fragment in str(info.value)
    # The CLI reports geomap's own errors as user errors.
    assert isinstance(info.value, CorpusFormatError)
    assert isinstance(info.value, InputError)


def test_load_corpus_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    assert load_corpus(path) == []


# ------------------------------------------------------------------ resolution protocol


def _pred_at(top: dict, lat: float, lon: float, cc: str | None = None) -> Prediction:
    return Prediction(top["start"], top["end"], lat, lon, country_code=cc)


def _resolution_predictions() -> dict[str, list[Prediction | None]]:
    paris, france, _lyon, french = DOC_A["toponyms"]
    baghdad, damascus = DOC_B["toponyms"]
    return {
        # Paris exact; France 300+ km off (another gazetteer's point); Lyon unresolved;
        # the demonym has no gold point, so whatever is predicted is not counted.
        "a": [
            _pred_at(paris, *PARIS, "FR"),
            _pred_at(france, 48.0, 5.5, "FR"),
            None,
            _pred_at(french, *FRANCE),
        ],
        # Damascus resolved to Baghdad, with no country code: country_of decides.
        "b": [_pred_at(baghdad, *BAGHDAD, "iq"), _pred_at(damascus, *BAGHDAD)],
    }


def test_resolution_overall_counts_unresolved_as_max_error() -> None:
    result = evaluate_resolution([DOC_A, DOC_B], _resolution_predictions())
    assert result["protocol"] == "resolution"
    assert result["docs"] == 2
    assert result["gold_toponyms"] == 6
    assert result["without_coords"] == 1
    assert result["counted"] == 5
    assert result["unresolved"] == 1
    overall = result["overall"]
    assert overall["n"] == 5
    assert overall["acc161"] == pytest.approx(2 / 5)  # Paris, Baghdad
    france_err = haversine_km(*FRANCE, 48.0, 5.5)
    damascus_err = haversine_km(*DAMASCUS, *BAGHDAD)
    expected_mean = (0.0 + france_err + MAX_ERROR_KM + 0.0 + damascus_err) / 5
    assert overall["mean_km"] == pytest.approx(expected_mean)
    assert overall["median_km"] == pytest.approx(france_err)
    # Callables not given: no breakdowns that need them.
    assert result["below_country"] is None
    assert result["country_level"] is None
    assert result["country_correct"] is None


def test_resolution_missing_document_is_all_unresolved() -> None:
    result = evaluate_resolution([DOC_B], {})
    assert result["unresolved"] == 2
    assert result["overall"]["auc"] == pytest.approx(1.0)
    assert result["overall"]["acc161"] == 0.0


def test_resolution_by_type() -> None:
    result = evaluate_resolution([DOC_A, DOC_B], _resolution_predictions())
    by_type = result["by_type"]
    assert set(by_type) == {"Literal", "Metonymic", "none"}  # Demonym has no point: not counted
    assert by_type["Literal"]["n"] == 2
    assert by_type["Literal"]["acc161"] == pytest.approx(0.5)
    assert by_type["Metonymic"]["n"] == 1
    assert by_type["Metonymic"]["mean_km"] == MAX_ERROR_KM
    assert by_type["none"]["n"] == 2
    assert by_type["none"]["acc161"] == pytest.approx(0.5)


def test_resolution_subset_with_a_geonames_id() -> None:
    result = evaluate_resolution([DOC_A, DOC_B], _resolution_predictions())
    linked = result["with_geonameid"]
    assert linked["n"] == 3  # Paris, France, Lyon; Baghdad and Damascus carry no id
    assert linked["acc161"] == pytest.approx(1 / 3)
    assert evaluate_resolution([DOC_B], _resolution_predictions())["with_geonameid"] is None
    assert "| with a GeoNames id | 3 | 0.333 |" in format_report(result, title="t")


def test_resolution_country_level_breakdown_uses_the_callable() -> None:
    seen: list[tuple[str, bool]] = []

    def is_country_level(gold: GoldToponym, pred: Prediction | None) -> bool:
        seen.append((gold.name, pred is None))
        return _is_country_level(gold, pred)

    result = evaluate_resolution(
        [DOC_A, DOC_B], _resolution_predictions(), is_country_level=is_country_level
    )
    assert result["country_level"]["n"] == 1
    assert result["country_level"]["acc161"] == 0.0  # France's point differs by > 161 km
    assert result["below_country"]["n"] == 4
    assert result["below_country"]["acc161"] == pytest.approx(2 / 4)
    # Called once per counted toponym, unresolved ones included (pred None).
    assert sorted(seen) == sorted(
        [
            ("Paris", False),
            ("France", False),
            ("Lyon", True),
            ("Baghdad", False),
            ("Damascus", False),
        ]
    )


def test_resolution_country_correct() -> None:
    result = evaluate_resolution([DOC_A, DOC_B], _resolution_predictions(), country_of=_country_of)
    # Paris FR ok, France FR ok, Lyon unresolved wrong, Baghdad "iq" ok (case-insensitive),
    # Damascus: no code, country_of(predicted point) = IQ but gold is SY -> wrong.
    assert result["country_correct"] == {"n": 5, "correct": 3, "rate": pytest.approx(3 / 5)}


def test_resolution_country_correct_skips_gold_without_country() -> None:
    def nowhere(lat: float, lon: float) -> str | None:
        return None

    result = evaluate_resolution([DOC_B], {"b": [None, None]}, country_of=nowhere)
    assert result["country_correct"] == {"n": 0, "correct": 0, "rate": None}


def test_resolution_rejects_misaligned_predictions() -> None:
    with pytest.raises(ValueError, match="'b'"):
        evaluate_resolution([DOC_B], {"b": [None]})


def test_resolution_empty_inputs() -> None:
    result = evaluate_resolution([], {})
    assert result["counted"] == 0
    assert result["overall"]["n"] == 0 and result["overall"]["acc161"] is None
    assert result["by_type"] == {}
    json.dumps(result)


def test_resolution_result_is_json_serialisable() -> None:
    result = evaluate_resolution(
        [DOC_A, DOC_B],
        _resolution_predictions(),
        country_of=_country_of,
        is_country_level=_is_country_level,
    )
    assert json.loads(json.dumps(result)) == result


# ------------------------------------------------------------------ end-to-end protocol


def _e2e_predictions() -> dict[str, list[Prediction]]:
    return {
        "a": [
            Prediction(0, 5, *PARIS, country_code="FR"),  # exact span, right place
            Prediction(12, 17, *FRANCE, country_code="FR"),  # "Franc": overlap only
            Prediction(9, 11, 0.0, 0.0),  # "in": false positive, no gold
            Prediction(33, 39),  # "French": exact span, no coordinates; gold has none either
        ],
        "b": [Prediction(11, 19, *BAGHDAD)],  # Damascus found, wrong place
    }


def test_end_to_end_span_scores() -> None:
    result = evaluate_end_to_end([DOC_A, DOC_B], _e2e_predictions())
    assert result["protocol"] == "e2e"
    assert result["gold_toponyms"] == 6
    assert result["predicted"] == 5
    exact = result["spans"]["exact"]
    assert (exact["tp"], exact["fp"], exact["fn"]) == (3, 2, 3)
    assert exact["precision"] == pytest.approx(3 / 5)
    assert exact["recall"] == pytest.approx(3 / 6)
    assert exact["f1"] == pytest.approx(2 * 0.6 * 0.5 / 1.1)
    overlap = result["spans"]["overlap"]
    assert (overlap["tp"], overlap["fp"], overlap["fn"]) == (4, 1, 2)


def test_end_to_end_geocoding_only_over_found_toponyms() -> None:
    result = evaluate_end_to_end([DOC_A, DOC_B], _e2e_predictions())
    exact = result["geocoding"]["exact"]
    # Found with a gold point: Paris (0 km) and Damascus (-> Baghdad). Lyon and Baghdad were
    # missed, so unlike the resolution protocol they do not count at all; "French" has no point.
    assert exact["counted"] == 2
    assert exact["overall"]["acc161"] == pytest.approx(0.5)
    assert exact["overall"]["mean_km"] == pytest.approx(haversine_km(*DAMASCUS, *BAGHDAD) / 2)
    overlap = result["geocoding"]["overlap"]
    assert overlap["counted"] == 3  # plus France via "Franc"
    assert overlap["overall"]["acc161"] == pytest.approx(2 / 3)


def test_end_to_end_found_without_coordinates_is_max_error() -> None:
    result = evaluate_end_to_end([DOC_B], {"b": [Prediction(0, 7)]})
    geo = result["geocoding"]["exact"]
    assert geo["counted"] == 1 and geo["unresolved"] == 1
    assert geo["overall"]["mean_km"] == MAX_ERROR_KM


def test_end_to_end_spans_do_not_match_across_documents() -> None:
    # Doc b's prediction (0, 5) must not match doc a's gold Paris at (0, 5).
    result = evaluate_end_to_end([DOC_A, DOC_B], {"b": [Prediction(0, 5)]})
    assert result["spans"]["exact"]["tp"] == 0
    assert result["spans"]["overlap"]["tp"] == 1  # it overlaps Baghdad (0, 7) in doc b


def test_end_to_end_breakdowns_and_json() -> None:
    result = evaluate_end_to_end(
        [DOC_A, DOC_B],
        _e2e_predictions(),
        country_of=_country_of,
        is_country_level=_is_country_level,
    )
    overlap = result["geocoding"]["overlap"]
    assert overlap["country_level"]["n"] == 1
    assert overlap["below_country"]["n"] == 2
    assert overlap["country_correct"] == {"n": 3, "correct": 2, "rate": pytest.approx(2 / 3)}
    assert set(overlap["by_type"]) == {"Literal", "none"}
    assert json.loads(json.dumps(result)) == result


def test_end_to_end_empty_inputs() -> None:
    result = evaluate_end_to_end([], {})
    assert result["spans"]["exact"]["f1"] is None
    assert result["geocoding"]["exact"]["overall"]["n"] == 0
    nothing_found = evaluate_end_to_end([DOC_B], {})
    assert nothing_found["spans"]["exact"]["recall"] == 0.0
    assert nothing_found["geocoding"]["overlap"]["counted"] == 0


# ------------------------------------------------------------------ report


def test_format_report_resolution() -> None:
    result = evaluate_resolution(
        [DOC_A, DOC_B],
        _resolution_predictions(),
        country_of=_country_of,
        is_country_level=_is_country_level,
    )
    text = format_report(result, title="fixture")
    assert text.startswith("## fixture\n")
    assert "resolution only" in text
    assert "| all | 5 | 0.400 |" in text
    assert "| below country level | 4 | 0.500 |" in text
    assert "| type: Metonymic | 1 | 0.000 |" in text
    assert "Country correct: 0.600 (3/5)" in text


def test_format_report_end_to_end() -> None:
    text = format_report(evaluate_end_to_end([DOC_A, DOC_B], _e2e_predictions()), title="e2e")
    assert "end to end" in text
    assert "| exact | 3 | 2 | 3 | 0.600 | 0.500 | 0.545 |" in text
    assert "| found (overlap span): all | 3 | 0.667 |" in text


def test_format_report_handles_empty_results_and_rejects_others() -> None:
    text = format_report(evaluate_resolution([], {}), title="empty")
    assert "| all | 0 | – |" in text
    with pytest.raises(ValueError):
        format_report({"foo": 1}, title="x")


# ------------------------------------------------------------------ geomap eval


def test_eval_scores_the_rest_when_a_document_fails(
    tmp_path: Path, gazetteer_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    from geomap.cli import main
    from geomap.geoparse.parser import Geoparser

    real = Geoparser.parse_spans

    def parse_spans(self, document, spans):  # any fault inside parsing, planted here
        if "Damascus" in document.text:
            raise ValueError("planted fault")
        return real(self, document, spans)

    monkeypatch.setattr(Geoparser, "parse_spans", parse_spans)
    corpus = _write(tmp_path, [json.dumps(DOC_A), json.dumps(DOC_B)])
    assert main(["eval", str(corpus), "--json", "--db", str(gazetteer_path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "geomap: error: b: parse failed: ValueError: planted fault\n"
    result = json.loads(captured.out)
    assert result["docs"] == 2 and result["failed"] == [
        {"id": "b", "error": "ValueError: planted fault"}
    ]
    assert result["unresolved"] >= 2  # Baghdad and Damascus count as missed
    only_bad = _write(tmp_path, [json.dumps(DOC_B)])
    assert main(["eval", str(only_bad), "--db", str(gazetteer_path)]) == 1
