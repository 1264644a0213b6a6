"""A learned event coder: ``geomap events train/evaluate``, ``--event-model``, and the Python API.

The coded table is written here (sentences made up for these tests): three kinds of event,
each told in many ways, coded with an event type, a sub-type and the acting side's category.
"""

from __future__ import annotations

import json
from datetime import date
from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

from geomap.cli import main
from geomap.events import extract_events, learn
from geomap.model import Document

TOWNS = ("Kisumu", "Tamale", "Mopti", "Jos", "Bouake", "Gulu", "Kasese", "Sikasso")

# (event_type, sub_event_type, inter1): sentences that say it in different words.
KINDS = {
    ("Protests", "Peaceful protest", 6): (
        "Hundreds of teachers marched peacefully through {town} to demand higher wages.",
        "Nurses held a sit-in outside the hospital in {town} over unpaid salaries.",
        "Farmers rallied in {town} against the new fuel tax, carrying banners.",
        "Students staged a peaceful demonstration in {town} calling for cheaper fees.",
        "Traders gathered in the main square of {town} to protest rising market rents.",
    ),
    ("Battles", "Armed clash", 2): (
        "Rebel fighters clashed with soldiers near {town}, and the fighting lasted hours.",
        "Militants exchanged fire with an army patrol on the road outside {town}.",
        "Insurgents and troops fought a gun battle at a checkpoint in {town}.",
        "Heavy fighting broke out between rebels and the army in {town}.",
        "Armed rebels attacked a military base near {town} and fought the garrison.",
    ),
    ("Explosions/Remote violence", "Air/drone strike", 1): (
        "A military aircraft bombed a rebel camp outside {town}.",
        "An air force jet carried out airstrikes on insurgent positions near {town}.",
        "A drone strike hit a vehicle carrying militants in {town}.",
        "Warplanes struck a weapons depot on the edge of {town}.",
        "Government helicopters fired missiles at a rebel hideout close to {town}.",
    ),
}


def coded_rows() -> list[dict[str, object]]:
    return [
        {"notes": sentence.format(town=town), "event_type": t, "sub_event_type": s, "inter1": i}
        for ((t, s, i), sentences), town in product(KINDS.items(), TOWNS)
        for sentence in sentences
    ]


@pytest.fixture(scope="module")
def table_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("coded") / "coded.csv"
    pd.DataFrame(coded_rows()).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def model_path(table_path: Path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("model") / "coder.npz"
    model = learn.train(pd.read_csv(table_path), folds=3)
    model.save(path)
    return path


# --------------------------------------------------------------------------- train, save, load


def test_trained_model_codes_new_sentences_and_keeps_its_scores(model_path: Path):
    model = learn.load_model(model_path)
    coded = model.code("Dozens of nurses marched through Lira to demand their unpaid wages.")
    assert coded["event_type"].label == "Protests"
    assert coded["sub_event_type"].label == "Peaceful protest"
    assert coded["inter1"].label == 6  # whole numbers stay numbers, as ACLED's inter codes
    coded = model.code("Warplanes bombed an insurgent camp near Arua.")
    assert (coded["event_type"].label, coded["inter1"].label) == ("Explosions/Remote violence", 1)
    assert model.meta["rows"] == 120
    assert model.meta["format_version"] == learn.FORMAT_VERSION
    assert date.fromisoformat(model.meta["trained_at"][:10]) <= date.today()
    scores = model.fields["event_type"].scores
    assert scores is not None and scores.accuracy > 0.9 and scores.rows == 120
    assert model.fields["sub_event_type"].labels == [
        "Air/drone strike",
        "Armed clash",
        "Peaceful protest",
    ]


def test_model_file_is_plain_arrays(model_path: Path):
    with np.load(model_path, allow_pickle=False) as archive:  # nothing to unpickle
        assert {"meta", "vocabulary", "weights", "checksum"} <= set(archive.files)
        assert all(archive[name].dtype != object for name in archive.files)


def test_evaluate_scores_rows_the_model_never_saw(model_path: Path):
    unseen = pd.DataFrame(
        {
            "notes": [
                "Bus drivers marched in Lira to demand safer roads.",
                "Soldiers and rebels fought a gun battle near Arua.",
                "A drone strike destroyed a rebel truck near Arua.",
            ],
            "event_type": ["Protests", "Battles", "Explosions/Remote violence"],
        }
    )
    scores = learn.evaluate(learn.load_model(model_path), unseen)
    assert list(scores) == ["event_type"]  # only what the table holds is scored
    assert scores["event_type"].accuracy == 1.0
    assert scores["event_type"].confusion == [[1, 0, 0], [0, 1, 0], [0, 0, 1]]


# --------------------------------------------------------------------------- parse with a model


def test_rules_find_the_event_and_the_model_codes_it(model_path: Path, geoparser):
    model = learn.load_model(model_path)
    text = "On May 2, rebel fighters clashed with soldiers near Gulu, killing three."
    document = Document("d", text, published=date(2024, 5, 8))
    rules = geoparser.parse(document).events
    coded = geoparser.parse(document, event_model=model).events
    assert len(rules) == len(coded) == 1
    assert coded[0].date == rules[0].date == "2024-05-02"  # the rules still date it
    assert coded[0].fatalities == rules[0].fatalities == 3
    assert (coded[0].event_type, coded[0].inter1) == ("Battles", 2)
    assert "event model: event_type Battles (" in coded[0].reason
    assert "event model" not in rules[0].reason


def test_reason_keeps_the_rules_answer_when_the_model_differs(tmp_path: Path, geoparser):
    """A model trained on another codebook is used as is: the user's labels win."""
    rows = [
        {"notes": r["notes"], "event_type": "Unrest" if r["inter1"] == 6 else "Fighting"}
        for r in coded_rows()
    ]
    model = learn.train(pd.DataFrame(rows), folds=0)
    text = "Hundreds of teachers marched through Kampala on May 3 to demand higher pay."
    published = date(2024, 5, 8)
    [rule_event] = extract_events(Document("d", text), [], published=published)
    [event] = extract_events(Document("d", text), [], published=published, event_model=model)
    assert rule_event.event_type == "Protests"
    assert event.event_type == "Unrest"
    assert event.sub_event_type == rule_event.sub_event_type  # the model does not code it
    assert "the rules said event_type Protests" in event.reason


def test_api_parse_takes_a_model_path(model_path: Path, gazetteer_path: Path):
    import geomap

    result = geomap.parse(
        "Warplanes struck a depot near Gulu on May 3.",
        published="2024-05-08",
        db_path=str(gazetteer_path),
        event_model=str(model_path),
    )
    assert [(e.event_type, e.inter1) for e in result.events] == [("Explosions/Remote violence", 1)]


def _parse(argv: list[str], capsys) -> tuple[int, list[dict], str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines() if line], captured.err


def test_cli_parse_with_event_model_and_environment(
    model_path: Path, gazetteer_path: Path, tmp_path: Path, capsys, monkeypatch
):
    article = tmp_path / "a.txt"
    article.write_text("On May 3, students protested in Gulu against fees.", encoding="utf-8")
    base = ["parse", str(article), "--format", "jsonl", "--date", "2024-05-08", "--offline"]
    base += ["--db", str(gazetteer_path)]
    code, [record], _ = _parse([*base, "--event-model", str(model_path)], capsys)
    assert code == 0
    assert [e["inter1"] for e in record["events"]] == [6]
    monkeypatch.setenv("GEOMAP_EVENT_MODEL", str(model_path))
    code, [record], _ = _parse(base, capsys)
    assert [e["inter1"] for e in record["events"]] == [6]


# --------------------------------------------------------------------------- the command line


def test_cli_train_reports_cross_validation_and_writes_the_model(
    table_path: Path, tmp_path: Path, capsys
):
    target = tmp_path / "m.npz"
    code = main(["events", "train", str(table_path), "-o", str(target), "--folds", "3"])
    out = capsys.readouterr().out
    assert code == 0
    assert "3-fold cross-validation" in out
    assert "event_type" in out and "macro-F1" in out and "confusion" in out
    assert f"wrote {target}" in out
    assert learn.load_model(target).meta["rows"] == 120


def test_cli_train_reads_other_column_names_jsonl_and_excel(tmp_path: Path, capsys):
    rows = [{"story": r["notes"], "kind": r["event_type"]} for r in coded_rows()]
    jsonl = tmp_path / "coded.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    argv = ["--text-column", "story", "--label-column", "event_type=kind", "--folds", "0"]
    assert main(["events", "train", str(jsonl), "-o", str(tmp_path / "j.npz"), *argv]) == 0
    assert list(learn.load_model(tmp_path / "j.npz").fields) == ["event_type"]
    pytest.importorskip("openpyxl")
    excel = tmp_path / "coded.xlsx"
    pd.DataFrame(rows).to_excel(excel, index=False)
    assert main(["events", "train", str(excel), "-o", str(tmp_path / "x.npz"), *argv]) == 0
    capsys.readouterr()


def test_cli_evaluate(model_path: Path, tmp_path: Path, capsys):
    table = tmp_path / "held_out.csv"
    pd.DataFrame(
        {
            "notes": ["Miners rallied in Lira against new royalties.", "Jets bombed Arua."],
            "event_type": ["Protests", "Explosions/Remote violence"],
        }
    ).to_csv(table, index=False)
    assert main(["events", "evaluate", str(model_path), str(table), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["event_type"]["accuracy"] == 1.0 and scores["event_type"]["rows"] == 2


# --------------------------------------------------------------------------- bad input


def _fails(argv: list[str], capsys) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("geomap: error:")]
    assert len(errors) == 1 and "Traceback" not in err
    return errors[0]


def test_table_without_the_text_column_names_its_columns(tmp_path: Path, capsys):
    table = tmp_path / "t.csv"
    pd.DataFrame({"story": ["a"], "event_type": ["Protests"]}).to_csv(table, index=False)
    err = _fails(["events", "train", str(table), "-o", str(tmp_path / "m.npz")], capsys)
    assert "no text column 'notes'" in err and "story, event_type" in err


def test_table_without_a_label_column_names_its_columns(tmp_path: Path, capsys):
    table = tmp_path / "t.csv"
    pd.DataFrame({"notes": ["a", "b"], "kind": ["x", "y"]}).to_csv(table, index=False)
    err = _fails(["events", "train", str(table), "-o", str(tmp_path / "m.npz")], capsys)
    assert "no label column" in err and "notes, kind" in err


def test_bad_label_column_option(table_path: Path, tmp_path: Path, capsys):
    out = str(tmp_path / "m.npz")
    err = _fails(["events", "train", str(table_path), "-o", out, "--label-column", "x"], capsys)
    assert "FIELD=COLUMN" in err
    argv = ["events", "train", str(table_path), "-o", out, "--label-column", "weather=notes"]
    assert "unknown field 'weather'" in _fails(argv, capsys)


def test_empty_and_duplicate_rows_are_counted_and_skipped(tmp_path: Path, capsys):
    rows = coded_rows()
    rows += [
        {"notes": "", "event_type": "Protests"},
        {"notes": "Teachers marched in Gulu.", "event_type": None, "sub_event_type": None},
        rows[0],  # the same row again
        {**rows[1], "event_type": "Battles"},  # the same text coded otherwise
    ]
    table = tmp_path / "t.csv"
    pd.DataFrame(rows).to_csv(table, index=False)
    target = tmp_path / "m.npz"
    assert main(["events", "train", str(table), "-o", str(target), "--folds", "0"]) == 0
    err = capsys.readouterr().err
    assert "120 coded rows" in err
    assert "2 empty and 2 duplicate rows skipped (1 coded differently)" in err
    assert learn.load_model(target).meta["skipped"] == {
        "empty": 2,
        "duplicates": 2,
        "conflicting": 1,
    }


def test_class_with_one_example_is_warned_and_kept_out_of_cross_validation(capsys):
    rows = coded_rows()
    rows.append(
        {
            "notes": "Fishermen signed a peace accord with the militia.",
            "event_type": "Strategic developments",
            "sub_event_type": "Agreement",
            "inter1": 7,
        }
    )
    warnings: list[str] = []
    model = learn.train(pd.DataFrame(rows), folds=3, warn=warnings.append)
    assert any("'Agreement' has one example" in w for w in warnings)
    scores = model.fields["sub_event_type"].scores
    assert scores is not None and scores.rows == 120 and scores.left_out == ["Agreement"]
    assert "Agreement" in model.fields["sub_event_type"].labels  # still learned


def _rewrite(source: Path, target: Path, change) -> None:
    """Copy a model file, changing its arrays with ``change`` (the checksum left as it was)."""
    with np.load(source, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    change(arrays)
    np.savez_compressed(target, **arrays)


def _meta(arrays: dict, **updates) -> None:
    meta = json.loads(arrays["meta"].tobytes())
    meta.update(updates)
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    arrays["checksum"] = np.frombuffer(
        learn._checksum(arrays).encode(), dtype=np.uint8
    )  # a consistent file: only the version or the fields are wrong


def test_edited_model_is_refused(model_path: Path, tmp_path: Path, capsys):
    edited = tmp_path / "edited.npz"

    def tweak(arrays: dict) -> None:
        arrays["weights"] = arrays["weights"].copy()
        arrays["weights"][0, 0] += 1

    _rewrite(model_path, edited, tweak)
    with pytest.raises(learn.ModelError, match="checksum does not match"):
        learn.load_model(edited)
    table = tmp_path / "t.csv"
    pd.DataFrame({"notes": ["x"], "event_type": ["Protests"]}).to_csv(table, index=False)
    assert "checksum" in _fails(["events", "evaluate", str(edited), str(table)], capsys)
    article = tmp_path / "a.txt"
    article.write_text("Rebels attacked Gulu.", encoding="utf-8")
    err = _fails(["map", str(article), "--event-model", str(edited), "--offline"], capsys)
    assert "checksum" in err


def test_model_of_another_version_is_refused(model_path: Path, tmp_path: Path, capsys):
    other = tmp_path / "other.npz"
    _rewrite(model_path, other, lambda arrays: _meta(arrays, format_version=99))
    with pytest.raises(learn.ModelError, match="format 99"):
        learn.load_model(other)


def test_model_coding_unknown_fields_is_refused(model_path: Path, tmp_path: Path):
    def rename(arrays: dict) -> None:
        meta = json.loads(arrays["meta"].tobytes())
        meta["fields"][0]["name"] = "weather"
        _meta(arrays, fields=meta["fields"])

    other = tmp_path / "weather.npz"
    _rewrite(model_path, other, rename)
    with pytest.raises(learn.ModelError, match="fields this geomap does not know: weather"):
        learn.load_model(other)


def test_files_that_are_not_models_are_refused(table_path: Path, tmp_path: Path, capsys):
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, meta=np.array([{"format": learn.FORMAT}], dtype=object))
    for path in (table_path, pickled, tmp_path / "missing.npz"):
        with pytest.raises(learn.ModelError):
            learn.load_model(path)
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(Path(pickled).read_bytes()[:50])
    with pytest.raises(learn.ModelError):
        learn.load_model(truncated)
    article = tmp_path / "a.txt"
    article.write_text("Rebels attacked Gulu.", encoding="utf-8")
    argv = ["parse", str(article), "--event-model", str(table_path), "--offline"]
    assert "not a geomap event model" in _fails(argv, capsys)


def test_worker_processes_load_the_model(model_path: Path, gazetteer_path: Path, tmp_path: Path):
    from geomap.batch import parse_stream

    source = tmp_path / "docs.jsonl"
    line = {"id": "a", "text": "On May 3, warplanes struck a depot near Gulu."}
    source.write_text(json.dumps({**line, "published": "2024-05-08"}) + "\n", encoding="utf-8")
    [record] = parse_stream(
        [source], db_path=gazetteer_path, workers=1, processes=True, event_model=model_path
    )
    assert [e["inter1"] for e in record["events"]] == [1]


def test_table_too_small_to_learn_from(tmp_path: Path, capsys):
    table = tmp_path / "t.csv"
    pd.DataFrame(
        {"notes": ["Riots in Gulu.", "A march."], "event_type": ["Riots", "Protests"]}
    ).to_csv(table, index=False)
    err = _fails(["events", "train", str(table), "-o", str(tmp_path / "m.npz")], capsys)
    assert "too few or too different to learn from" in err


def test_missing_output_directory_fails_before_training(table_path: Path, tmp_path: Path, capsys):
    target = tmp_path / "no" / "such" / "m.npz"
    assert main(["events", "train", str(table_path), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "coded rows" not in err  # the table was not even read
