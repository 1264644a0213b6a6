"""Learn an event coder from the user's own coded events; save, load and score it.

A coded table (an ACLED export, a newsroom's sheet) holds a text column (``notes``) and some of
ACLED's code columns (:data:`FIELDS`). :func:`train` learns one linear classifier per code
column over word and character n-grams (TF-IDF), reports k-fold cross-validated accuracy and
macro-F1 per field, and returns an :class:`EventModel`. The model file is a NumPy ``.npz`` of
plain arrays (vocabulary, IDF, weights, metadata as JSON) read with ``allow_pickle=False``: it
cannot run code when loaded, and applying it needs NumPy only (scikit-learn trains, and is
needed for nothing else). A SHA-256 checksum over every array refuses an edited or truncated
file.

Examples
--------
>>> import pandas as pd                                                     # doctest: +SKIP
>>> frame = pd.read_csv("coded.csv")                                       # doctest: +SKIP
>>> model = train(frame)                                                   # doctest: +SKIP
>>> model.save("coder.npz")                                                 # doctest: +SKIP
>>> load_model("coder.npz").code("Police fired tear gas at marchers.")     # doctest: +SKIP
{'event_type': Coded(label='Protests', probability=0.93), ...}
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import time
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from geomap.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FIELDS",
    "FORMAT",
    "FORMAT_VERSION",
    "EventModel",
    "FieldScores",
    "ModelError",
    "TrainingTable",
    "evaluate",
    "evaluation_table",
    "featurize",
    "format_report",
    "load_model",
    "prepare_table",
    "read_coded_table",
    "score_field",
    "train",
]

#: The code columns a model may learn, named as ACLED exports them.
FIELDS = (
    "event_type",
    "sub_event_type",
    "disorder_type",
    "civilian_targeting",
    "inter1",
    "inter2",
)
#: What a model file says it is, and the layout version this code reads.
FORMAT = "geomap-event-model"
FORMAT_VERSION = 1
DEFAULT_TEXT_COLUMN = "notes"
#: Features kept: the most frequent n-grams seen in at least two rows, at most 2**17 so that a
#: model for 25 sub-types and five more fields stays far under 20 MB (4.9 MB for 10,000 ACLED
#: notes, which use 110,502 of them: BENCHMARKS.md).
MAX_FEATURES = 2**17
MIN_DF = 2
CHAR_SIZES = (4,)  # character 4-grams inside words: inflections, spellings (3-5 is no better)
# Words of two or more letters or digits, as scikit-learn's default token pattern.
_TOKEN_RE = re.compile(r"\w\w+")


class ModelError(InputError):
    """A model file that is not a geomap event model this version can use."""


# --------------------------------------------------------------------------- features


def _word_keys(word: str, char_sizes: Sequence[int] = CHAR_SIZES) -> list[str]:
    """The keys one word gives: itself (``w``) and its character n-grams (``c``), padded."""
    padded = f" {word} "
    return ["w" + word] + [
        "c" + padded[i : i + n] for n in char_sizes for i in range(len(padded) - n + 1)
    ]


def featurize(text: str, char_sizes: Sequence[int] = CHAR_SIZES) -> list[str]:
    """The n-gram keys of ``text``: words and word pairs (``w``), character n-grams (``c``).

    >>> featurize("Riot police")
    ['wriot', 'c rio', 'criot', 'ciot ', 'wpolice', 'c pol', 'cpoli', 'colic', 'clice', \
'cice ', 'wriot police']
    """
    words = _TOKEN_RE.findall(text.lower())
    keys = [key for word in words for key in _word_keys(word, char_sizes)]
    return keys + [f"w{a} {b}" for a, b in pairwise(words)]


class _Encoder:
    """Text → the vocabulary's column numbers of its n-grams (repeated as often as they occur).

    Words repeat across texts: their columns are looked up once and cached.
    """

    _CACHE_WORDS = 100_000

    def __init__(self, index: Mapping[str, int], char_sizes: Sequence[int]) -> None:
        self.index = index
        self.char_sizes = tuple(char_sizes)
        self.words: dict[str, list[int]] = {}

    def ids(self, text: str) -> list[int]:
        get = self.index.get
        words = _TOKEN_RE.findall(text.lower())
        found: list[int] = []
        cache = self.words
        for word in words:
            columns = cache.get(word)
            if columns is None:
                columns = [i for i in map(get, _word_keys(word, self.char_sizes)) if i is not None]
                if len(cache) < self._CACHE_WORDS:
                    cache[word] = columns
            found += columns
        for a, b in pairwise(words):
            i = get(f"w{a} {b}")
            if i is not None:
                found.append(i)
        return found


def _tfidf_matrix(encoder: _Encoder, idf: np.ndarray, texts: Sequence[str]) -> Any:
    """The l2-normalised sublinear TF-IDF matrix of ``texts`` (scipy CSR)."""
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    rows: list[int] = []
    columns: list[int] = []
    for row, text in enumerate(texts):
        ids = encoder.ids(text)
        columns += ids
        rows += [row] * len(ids)
    counts = csr_matrix(
        (np.ones(len(columns)), (np.asarray(rows, np.int64), np.asarray(columns, np.int64))),
        shape=(len(texts), len(idf)),
    )
    counts.sum_duplicates()
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    return normalize(counts)


def _vocabulary(texts: Sequence[str], max_features: int) -> tuple[dict[str, int], np.ndarray]:
    """The n-grams seen in ≥ MIN_DF rows (the most frequent ``max_features``) and their IDF."""
    df: Counter[str] = Counter()
    keys_of: dict[str, list[str]] = {}
    for text in texts:
        words = _TOKEN_RE.findall(text.lower())
        keys: set[str] = set()
        for word in set(words):
            word_keys = keys_of.get(word)
            if word_keys is None:
                word_keys = keys_of[word] = _word_keys(word)
            keys.update(word_keys)
        keys.update(f"w{a} {b}" for a, b in pairwise(words))
        df.update(keys)
    kept = [(n, key) for key, n in df.items() if n >= MIN_DF]
    kept.sort(key=lambda item: (-item[0], item[1]))
    kept = kept[:max_features]
    index = {key: i for i, (_, key) in enumerate(kept)}
    counts = np.array([n for n, _ in kept], dtype=np.float64)
    idf = np.log((1 + len(texts)) / (1 + counts)) + 1.0  # scikit-learn's smooth IDF
    return index, idf


# --------------------------------------------------------------------------- tables


def read_coded_table(path: str | Path) -> pd.DataFrame:
    """A coded table: CSV/TSV, Excel (``.xlsx``, needs openpyxl) or JSON Lines, by suffix."""
    import pandas as pd

    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        if suffix in {".jsonl", ".ndjson"}:
            return pd.read_json(path, lines=True, dtype=False)
        if suffix in {".xlsx", ".xlsm"}:
            try:
                import openpyxl  # noqa: F401
            except ImportError:
                raise InputError(
                    f"{path}: reading Excel needs openpyxl (pip install 'geomap[learn]')"
                ) from None
            return pd.read_excel(path, dtype=object)
        separator = "\t" if suffix in {".tsv", ".tab"} else ","
        return pd.read_csv(
            path, sep=separator, dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except InputError:
        raise
    except (ValueError, OSError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot read the table {path}: {first}") from exc


def _label(value: Any) -> str | int | None:
    """One cell as a label: empty → None (ACLED leaves "no civilian targeting" empty), whole
    numbers as int whatever the file type ("6", 6.0 and 6 are inter code 6)."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else str(value)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    text = " ".join(str(value).split())
    if not text or text.lower() in {"nan", "none", "null"}:
        return None
    if re.fullmatch(r"-?\d+(?:\.0+)?", text):
        return int(float(text))
    return text


@dataclass
class TrainingTable:
    """Rows ready to learn from: texts, labels per field, and what was skipped."""

    texts: list[str]
    labels: dict[str, list[str | int | None]]
    columns: dict[str, str]  # field → the table's column
    text_column: str
    empty: int = 0  # rows without text, or with no code at all
    duplicates: int = 0  # rows whose text was seen before (the first is kept)
    conflicting: int = 0  # duplicates coded differently from the first

    @property
    def skipped_summary(self) -> str:
        return f"{self.empty:,} empty and {self.duplicates:,} duplicate rows skipped" + (
            f" ({self.conflicting:,} coded differently)" if self.conflicting else ""
        )


def parse_label_columns(options: Iterable[str]) -> dict[str, str]:
    """``FIELD=COLUMN`` options as a mapping; a one-line error for anything else."""
    mapping: dict[str, str] = {}
    for option in options:
        name, sep, column = option.partition("=")
        if not sep or not column:
            raise InputError(f"--label-column wants FIELD=COLUMN, got {option!r}")
        if name not in FIELDS:
            raise InputError(f"unknown field {name!r}; fields are: {', '.join(FIELDS)}")
        mapping[name] = column
    return mapping


def prepare_table(
    frame: pd.DataFrame,
    *,
    text_column: str = DEFAULT_TEXT_COLUMN,
    label_columns: Mapping[str, str] | None = None,
    fields: Sequence[str] = FIELDS,
) -> TrainingTable:
    """The texts and codes of ``frame``: checked, empty and duplicate rows counted and skipped.

    ``label_columns`` maps a field to the table's column; unmapped fields are read from the
    column of the same name when there is one. ``fields`` limits the fields looked for.
    """
    available = [str(c) for c in frame.columns]
    listing = ", ".join(available) if available else "none"
    if text_column not in frame.columns:
        raise InputError(
            f"no text column {text_column!r}; the table's columns are: {listing} "
            "(choose one with --text-column)"
        )
    mapping = dict(label_columns or {})
    for name, column in mapping.items():
        if column not in frame.columns:
            raise InputError(f"no column {column!r} for {name}; the table's columns are: {listing}")
    for name in fields:
        if name not in mapping and name in frame.columns and name != text_column:
            mapping[name] = name
    mapping = {name: mapping[name] for name in FIELDS if name in mapping and name in fields}
    if not mapping:
        raise InputError(
            f"no label column ({', '.join(fields)}); the table's columns are: {listing} "
            "(map one with --label-column FIELD=COLUMN)"
        )
    table = TrainingTable([], {name: [] for name in mapping}, mapping, text_column)
    seen: dict[str, tuple] = {}
    columns = [frame[text_column].tolist()] + [frame[c].tolist() for c in mapping.values()]
    for text, *cells in zip(*columns, strict=True):
        text = "" if _label(text) is None else " ".join(str(text).split())
        codes = tuple(_label(cell) for cell in cells)
        if not text or all(code is None for code in codes):
            table.empty += 1
            continue
        if text in seen:
            table.duplicates += 1
            table.conflicting += seen[text] != codes
            continue
        seen[text] = codes
        table.texts.append(text)
        for name, code in zip(mapping, codes, strict=True):
            table.labels[name].append(code)
    return table


# --------------------------------------------------------------------------- scores


@dataclass
class FieldScores:
    """How well one field is coded: accuracy, macro-F1, per-class F1 and the confusion matrix
    (rows: the gold label, columns: the predicted one, both in ``labels`` order)."""

    rows: int
    accuracy: float
    macro_f1: float
    labels: list[str | int | None]
    f1: list[float]
    support: list[int]
    confusion: list[list[int]]
    left_out: list[str | int | None] = field(default_factory=list)  # too rare to score

    def hardest(self, n: int = 3) -> list[tuple[str | int | None, float, list[str | int | None]]]:
        """The ``n`` classes with the lowest F1 (among those with examples), each with the class
        it was most often taken for (a list of one, or empty when never mistaken)."""
        found = []
        for i, label in enumerate(self.labels):
            if not self.support[i]:
                continue
            row = list(self.confusion[i])
            row[i] = -1
            best = max(range(len(row)), key=row.__getitem__)
            found.append((label, self.f1[i], [self.labels[best]] if row[best] > 0 else []))
        found.sort(key=lambda item: item[1])
        return found[:n]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "labels": self.labels,
            "f1": [round(x, 4) for x in self.f1],
            "support": self.support,
            "confusion": self.confusion,
            "left_out": self.left_out,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FieldScores:
        return cls(
            int(data["rows"]),
            float(data["accuracy"]),
            float(data["macro_f1"]),
            list(data["labels"]),
            [float(x) for x in data["f1"]],
            [int(x) for x in data["support"]],
            [[int(x) for x in row] for row in data["confusion"]],
            list(data.get("left_out", [])),
        )


def _sort_key(label: str | int | None) -> tuple[int, str]:
    return (0 if label is None else 1, str(label))


def score_field(
    gold: Sequence[str | int | None], predicted: Sequence[str | int | None]
) -> FieldScores:
    """Accuracy, macro-F1 (over the classes in gold or predicted) and the confusion matrix.

    >>> s = score_field(["a", "a", "b"], ["a", "b", "b"])
    >>> round(s.accuracy, 3), round(s.macro_f1, 3), s.confusion
    (0.667, 0.667, [[1, 1], [0, 1]])
    """
    labels = sorted(set(gold) | set(predicted), key=_sort_key)
    position = {label: i for i, label in enumerate(labels)}
    confusion = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for g, p in zip(gold, predicted, strict=True):
        confusion[position[g], position[p]] += 1
    true_positive = np.diag(confusion).astype(float)
    support = confusion.sum(axis=1)
    predicted_count = confusion.sum(axis=0)
    denominator = support + predicted_count
    f1 = np.divide(2 * true_positive, denominator, out=np.zeros(len(labels)), where=denominator > 0)
    rows = len(gold)
    return FieldScores(
        rows=rows,
        accuracy=float(true_positive.sum() / rows) if rows else 0.0,
        macro_f1=float(f1.mean()) if len(labels) else 0.0,
        labels=labels,
        f1=[float(x) for x in f1],
        support=[int(x) for x in support],
        confusion=confusion.tolist(),
    )


def _show(label: str | int | None) -> str:
    return "(none)" if label is None else str(label)


def format_report(scores: Mapping[str, FieldScores], *, matrices: bool = True) -> str:
    """Scores per field as text: accuracy, macro-F1, hardest classes, confusion matrix."""
    lines = []
    for name, s in scores.items():
        lines.append(
            f"{name:<18} accuracy {s.accuracy:.3f}  macro-F1 {s.macro_f1:.3f}  "
            f"({s.rows:,} rows, {len(s.labels)} classes)"
        )
        hard = ", ".join(
            f"{_show(label)} F1 {f1:.2f}"
            + "".join(f" (often taken for {_show(m)})" for m in mistaken)
            for label, f1, mistaken in s.hardest()
        )
        if hard:
            lines.append(f"  hardest: {hard}")
        if s.left_out:
            lines.append(
                "  left out of the scores (one example): " + ", ".join(_show(x) for x in s.left_out)
            )
        if matrices and len(s.labels) > 1:
            width = max(4, *(len(str(sum(r))) + 1 for r in s.confusion))
            lines.append("  confusion (rows: coded, columns: predicted)")
            lines.append(
                "  " + " " * 34 + "".join(f"{i:>{width}}" for i in range(1, len(s.labels) + 1))
            )
            for i, (label, row) in enumerate(zip(s.labels, s.confusion, strict=True), 1):
                lines.append(
                    f"  {i:>2} {_show(label)[:30]:<31}" + "".join(f"{n:>{width}}" for n in row)
                )
    return "\n".join(lines)


# --------------------------------------------------------------------------- the model


@dataclass
class FieldModel:
    """One field's classes and where its columns start in the weight matrix."""

    name: str
    column: str  # the training table's column
    labels: list[str | int | None]
    offset: int
    scores: FieldScores | None = None

    @property
    def end(self) -> int:
        return self.offset + len(self.labels)


@dataclass
class Coded:
    """A field's answer for one text: the label and the model's probability for it."""

    label: str | int | None
    probability: float


class EventModel:
    """A trained event coder: vocabulary, IDF and one linear classifier per field.

    Applying it needs NumPy only: the text's n-grams are looked up in the vocabulary, weighted
    by TF-IDF, and multiplied by the weight rows they select (a few hundred rows per event).
    """

    def __init__(
        self,
        vocabulary: Sequence[str],
        idf: np.ndarray,
        weights: np.ndarray,
        bias: np.ndarray,
        fields: Sequence[FieldModel],
        meta: Mapping[str, Any],
    ) -> None:
        self.vocabulary = list(vocabulary)
        self.index = {key: i for i, key in enumerate(self.vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float32)
        # (features, all classes): float16 on disk, float32 in memory for the dot products.
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.fields = {f.name: f for f in fields}
        self.meta = dict(meta)
        sizes = self.meta.get("features", {}).get("char_sizes", CHAR_SIZES)
        self.encoder = _Encoder(self.index, sizes)
        # A sub-type belongs to the event type it was coded with in training (ACLED's codebook
        # nests them; a user's may too): the pair is decoded together so they never disagree.
        self.parents: dict[str, list[Any]] = {
            str(k): list(v) for k, v in self.meta.get("parents", {}).items()
        }
        self._pairs = self._pair_positions()

    def _pair_positions(self) -> tuple[np.ndarray, np.ndarray]:
        """Column positions (event type, sub-type) of every pair coded together in training."""
        if "event_type" not in self.fields or "sub_event_type" not in self.fields:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        type_at = {_key(label): i for i, label in enumerate(self.fields["event_type"].labels)}
        pairs = [
            (type_at[_key(parent)], j)
            for j, sub in enumerate(self.fields["sub_event_type"].labels)
            for parent in self.parents.get(_key(sub), [])
            if _key(parent) in type_at
        ]
        return np.array([i for i, _ in pairs], np.int64), np.array([j for _, j in pairs], np.int64)

    # ---------------------------------------------------------------- applying

    def scores(self, text: str) -> np.ndarray:
        """The raw class scores of ``text`` for every field (one row of all columns)."""
        ids = self.encoder.ids(text)
        if not ids:
            return self.bias.copy()
        columns, counts = np.unique(np.asarray(ids, dtype=np.int64), return_counts=True)
        values = (1.0 + np.log(counts)).astype(np.float32) * self.idf[columns]
        values /= np.sqrt(values @ values)
        return values @ self.weights[columns] + self.bias

    def code(self, text: str) -> dict[str, Coded]:
        """Each field's label for ``text``, with its probability."""
        raw = self.scores(text)
        probabilities = {
            name: _probabilities(raw[f.offset : f.end]) for name, f in self.fields.items()
        }
        answer = {
            name: Coded(f.labels[int(np.argmax(p))], float(p.max()))
            for name, f in self.fields.items()
            for p in (probabilities[name],)
        }
        if len(self._pairs[0]):
            self._decode_pair(answer, probabilities)
        return answer

    def _decode_pair(self, answer: dict[str, Coded], probabilities: dict[str, Any]) -> None:
        """The (type, sub-type) pair seen in training with the highest joint probability."""
        types, subs = probabilities["event_type"], probabilities["sub_event_type"]
        type_rows, sub_rows = self._pairs
        best = int(np.argmax(types[type_rows] * subs[sub_rows]))
        i, j = int(type_rows[best]), int(sub_rows[best])
        answer["event_type"] = Coded(self.fields["event_type"].labels[i], float(types[i]))
        answer["sub_event_type"] = Coded(self.fields["sub_event_type"].labels[j], float(subs[j]))

    def predict(self, texts: Iterable[str]) -> dict[str, list[str | int | None]]:
        """Labels per field for many texts."""
        out: dict[str, list[str | int | None]] = {name: [] for name in self.fields}
        for text in texts:
            for name, coded in self.code(text).items():
                out[name].append(coded.label)
        return out

    # ---------------------------------------------------------------- files

    def describe(self) -> str:
        """One line: what the model codes and what it was trained on."""
        fields = ", ".join(f"{n} ({len(f.labels)})" for n, f in self.fields.items())
        return (
            f"event model trained {self.meta.get('trained_at', '?')} on "
            f"{self.meta.get('rows', 0):,} rows: {fields}; "
            f"{len(self.vocabulary):,} features"
        )

    def _arrays(self) -> dict[str, np.ndarray]:
        meta = dict(self.meta)
        meta["format"] = FORMAT
        meta["format_version"] = FORMAT_VERSION
        meta["fields"] = [
            {
                "name": f.name,
                "column": f.column,
                "labels": f.labels,
                "offset": f.offset,
                "scores": f.scores.to_dict() if f.scores else None,
            }
            for f in self.fields.values()
        ]
        meta["parents"] = self.parents
        return {
            "meta": _text_array(json.dumps(meta, ensure_ascii=False, sort_keys=True)),
            "vocabulary": _text_array("\n".join(self.vocabulary)),
            "idf": self.idf.astype(np.float32),
            "weights": self.weights.astype(np.float16),
            "bias": self.bias.astype(np.float32),
        }

    def save(self, path: str | Path) -> Path:
        """Write the model as a compressed ``.npz`` with a checksum; returns the path."""
        path = Path(path)
        arrays = self._arrays()
        arrays["checksum"] = _text_array(_checksum(arrays))
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
        try:
            temporary = path.with_name(path.name + ".part")
            temporary.write_bytes(buffer.getvalue())
            temporary.replace(path)
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror}") from exc
        return path


def _probabilities(margins: np.ndarray) -> np.ndarray:
    """Class probabilities from one-vs-rest modified-Huber margins, as scikit-learn's
    ``predict_proba`` computes them: (margin + 1) / 2 clipped to [0, 1], normalised."""
    p = np.clip((margins.astype(np.float64) + 1.0) / 2.0, 0.0, 1.0)
    total = p.sum()
    if total <= 0:
        return np.full(len(p), 1.0 / len(p))
    return p / total


def _key(label: Any) -> str:
    return json.dumps(label)


def _text_array(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _checksum(arrays: Mapping[str, np.ndarray]) -> str:
    digest = hashlib.sha256()
    for name in sorted(arrays):
        if name == "checksum":
            continue
        array = np.ascontiguousarray(arrays[name])
        digest.update(f"{name}:{array.dtype.str}:{array.shape}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


_REQUIRED = ("meta", "vocabulary", "idf", "weights", "bias", "checksum")


def load_model(path: str | os.PathLike[str]) -> EventModel:
    """Read a model file; a :class:`ModelError` (one line) for anything this version cannot use.

    Nothing in the file is unpickled: arrays only, checked against the stored checksum.
    """
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"{path}: no such event model file")
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = [name for name in _REQUIRED if name not in archive.files]
            if missing:
                raise ModelError(
                    f"{path}: not a geomap event model (no {', '.join(missing)} in it)"
                )
            arrays = {name: archive[name] for name in archive.files}
    except ModelError:
        raise
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, KeyError) as exc:
        raise ModelError(f"{path}: not a geomap event model ({type(exc).__name__})") from exc
    try:
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ModelError(f"{path}: not a geomap event model (unreadable metadata)") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"{path}: not a geomap event model")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{path}: event model format {meta.get('format_version')!r}, this geomap reads "
            f"format {FORMAT_VERSION}: train it again with this version"
        )
    stored = arrays["checksum"].tobytes().decode("utf-8", "replace")
    if stored != _checksum(arrays):
        raise ModelError(f"{path}: the event model's checksum does not match: edited or damaged")
    try:
        fields = [
            FieldModel(
                f["name"],
                f["column"],
                list(f["labels"]),
                int(f["offset"]),
                FieldScores.from_dict(f["scores"]) if f.get("scores") else None,
            )
            for f in meta["fields"]
        ]
    except (KeyError, TypeError, ValueError):
        raise ModelError(f"{path}: the event model's field list is malformed") from None
    unknown = [f.name for f in fields if f.name not in FIELDS]
    if unknown:
        raise ModelError(
            f"{path}: the event model codes fields this geomap does not know: "
            f"{', '.join(unknown)} (known: {', '.join(FIELDS)})"
        )
    vocabulary = arrays["vocabulary"].tobytes().decode("utf-8").split("\n")
    weights, bias, idf = arrays["weights"], arrays["bias"], arrays["idf"]
    width = max((f.end for f in fields), default=0)
    if (
        weights.ndim != 2
        or weights.shape != (len(vocabulary), width)
        or bias.shape != (width,)
        or idf.shape != (len(vocabulary),)
    ):
        raise ModelError(f"{path}: the event model's arrays do not fit its field list")
    return EventModel(vocabulary, idf, weights, bias, fields, meta)


# --------------------------------------------------------------------------- training


def _classifier() -> Any:
    """A linear model fitted by stochastic gradient descent with the modified Huber loss: as
    accurate as logistic regression or a linear SVM on coded notes, many times faster to fit,
    and its margins give probabilities (BENCHMARKS.md, "Learned event coder")."""
    from sklearn.linear_model import SGDClassifier

    return SGDClassifier(loss="modified_huber", alpha=5e-5, max_iter=10, tol=None, random_state=0)


def _fit(x: Any, y: np.ndarray, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features × classes) and bias (classes) of a classifier fitted on ``x``, ``y``
    (class indices 0..n_classes-1; a class absent from ``y`` never wins)."""
    model = _classifier()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "max_iter reached" on purpose: a fixed budget
        model.fit(x, y)
    coef = np.asarray(model.coef_, dtype=np.float64)
    intercept = np.asarray(model.intercept_, dtype=np.float64)
    weights = np.zeros((x.shape[1], n_classes))
    bias = np.full(n_classes, -1e4)
    seen = [int(c) for c in model.classes_]
    if len(seen) == 2 and coef.shape[0] == 1:  # binary: one margin, +s for one class, -s other
        weights[:, seen[1]], weights[:, seen[0]] = coef[0], -coef[0]
        bias[seen[1]], bias[seen[0]] = intercept[0], -intercept[0]
    else:
        for row, cls in enumerate(seen):
            weights[:, cls] = coef[row]
            bias[cls] = intercept[row]
    return weights, bias


def _cross_validate(
    x: Any, y: np.ndarray, labels: list[Any], folds: int, seed: int
) -> FieldScores | None:
    """k-fold predictions of every row whose class has ≥ 2 examples, scored."""
    from sklearn.model_selection import StratifiedKFold

    counts = np.bincount(y, minlength=len(labels))
    rows = np.flatnonzero(counts[y] >= 2)
    if len(rows) < folds or len(set(y[rows].tolist())) < 2:
        return None
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    predicted = np.empty(len(rows), dtype=np.int64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "least populated class has only 2 members"
        splits = list(splitter.split(rows, y[rows]))
    for fit_rows, test_rows in splits:
        weights, bias = _fit(x[rows[fit_rows]], y[rows[fit_rows]], len(labels))
        predicted[test_rows] = np.argmax(x[rows[test_rows]] @ weights + bias, axis=1)
    scores = score_field([labels[i] for i in y[rows]], [labels[i] for i in predicted])
    scores.left_out = [labels[i] for i in np.flatnonzero(counts == 1)]
    return scores


def train(
    frame: pd.DataFrame | TrainingTable,
    *,
    text_column: str = DEFAULT_TEXT_COLUMN,
    label_columns: Mapping[str, str] | None = None,
    folds: int = 5,
    seed: int = 0,
    max_features: int = MAX_FEATURES,
    warn: Callable[[str], None] | None = None,
) -> EventModel:
    """Learn one classifier per code column of ``frame``; cross-validate each with ``folds``
    folds (0: no cross-validation) and return the model, its scores in ``fields[...].scores``.

    ``warn`` receives one line per problem that does not stop training (a class with one
    example, a field with a single class). Needs scikit-learn (``pip install 'geomap[learn]'``).
    """
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise InputError(
            "training an event model needs scikit-learn: pip install 'geomap[learn]'"
        ) from None
    started = time.monotonic()
    warn = warn or (lambda message: None)
    table = (
        frame
        if isinstance(frame, TrainingTable)
        else prepare_table(frame, text_column=text_column, label_columns=label_columns)
    )
    if folds == 1 or folds < 0:
        raise InputError(f"--folds must be 0 (none) or at least 2, got {folds}")
    if len(table.texts) < 2:
        raise InputError(f"{len(table.texts)} usable rows: nothing to learn from")
    index, idf = _vocabulary(table.texts, max_features)
    if not index:
        raise InputError(
            f"{len(table.texts)} rows share no word: too few or too different to learn from"
        )
    x = _tfidf_matrix(_Encoder(index, CHAR_SIZES), idf, table.texts)
    fields: list[FieldModel] = []
    weight_blocks: list[np.ndarray] = []
    bias_blocks: list[np.ndarray] = []
    offset = 0
    for name, column in table.columns.items():
        codes = table.labels[name]
        labels = sorted(set(codes), key=_sort_key)
        if len(labels) < 2:
            warn(f"{name}: every row is coded {_show(labels[0])!r}: nothing to learn, skipped")
            continue
        for label, n in sorted(Counter(codes).items(), key=lambda kv: _sort_key(kv[0])):
            if n == 1:
                warn(
                    f"{name}: {_show(label)!r} has one example: learned, but kept out of "
                    "cross-validation"
                )
        position = {label: i for i, label in enumerate(labels)}
        y = np.array([position[c] for c in codes], dtype=np.int64)
        scores = _cross_validate(x, y, labels, folds, seed) if folds else None
        if folds and scores is None:
            warn(f"{name}: too few examples per class for {folds}-fold cross-validation")
        weights, bias = _fit(x, y, len(labels))
        weight_blocks.append(weights)
        bias_blocks.append(bias)
        fields.append(FieldModel(name, column, labels, offset, scores))
        offset += len(labels)
    if not fields:
        raise InputError("no code column has two different labels: nothing to learn")
    parents: dict[str, list[Any]] = {}
    if "event_type" in table.columns and "sub_event_type" in table.columns:
        pairs = Counter(
            zip(table.labels["sub_event_type"], table.labels["event_type"], strict=True)
        )
        for (sub, parent), _n in sorted(pairs.items(), key=lambda kv: -kv[1]):
            parents.setdefault(_key(sub), []).append(parent)
    meta = {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "rows": len(table.texts),
        "skipped": {
            "empty": table.empty,
            "duplicates": table.duplicates,
            "conflicting": table.conflicting,
        },
        "text_column": table.text_column,
        "folds": folds,
        "seconds": round(time.monotonic() - started, 2),
        "features": {"max": max_features, "min_df": MIN_DF, "char_sizes": list(CHAR_SIZES)},
        "parents": parents,
    }
    vocabulary = sorted(index, key=index.__getitem__)
    return EventModel(
        vocabulary,
        idf,
        np.hstack(weight_blocks).astype(np.float16),
        np.concatenate(bias_blocks),
        fields,
        meta,
    )


def evaluation_table(
    model: EventModel,
    frame: pd.DataFrame,
    *,
    text_column: str | None = None,
    label_columns: Mapping[str, str] | None = None,
) -> TrainingTable:
    """The rows of ``frame`` to score ``model`` on: its text and label columns default to those
    the model was trained with; only the fields the model codes are read."""
    trained = {name: f.column for name, f in model.fields.items()}
    columns = {n: c for n, c in trained.items() if c in frame.columns}
    columns.update(label_columns or {})
    return prepare_table(
        frame,
        text_column=text_column or model.meta.get("text_column", DEFAULT_TEXT_COLUMN),
        label_columns=columns,
        fields=tuple(model.fields),
    )


def evaluate(
    model: EventModel,
    frame: pd.DataFrame | TrainingTable,
    *,
    text_column: str | None = None,
    label_columns: Mapping[str, str] | None = None,
) -> dict[str, FieldScores]:
    """Score ``model`` on coded rows it did not learn from, per field it codes.

    The text and label columns default to those the model was trained with; a field the table
    does not hold is not scored.
    """
    table = (
        frame
        if isinstance(frame, TrainingTable)
        else evaluation_table(model, frame, text_column=text_column, label_columns=label_columns)
    )
    predicted = model.predict(table.texts)
    return {
        name: score_field(table.labels[name], predicted[name])
        for name in model.fields
        if name in table.labels
    }
