"""geomap.distributed on a LocalCluster: the same records as the local batch parse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from geomap.batch import BatchStats, parse_stream
from geomap.distributed import parse_with_dask

DOCS = [
    {"id": "oslo", "text": "Snow fell in Oslo and Bergen on Monday."},
    {"text": "Rain flooded Lima overnight, Peru said."},  # no id: one is made up
    {"id": "dhaka", "text": "Floods hit Dhaka and Chittagong, Bangladesh said."},
]


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    news = tmp_path / "news.jsonl"
    lines = [json.dumps(d) for d in DOCS] + ['{"id": "broken", "text": ']
    news.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Heat hit Athens.", encoding="utf-8")
    (pages / "b.html").write_text(
        "<html><body><script>x='Tokyo'</script><p>Protests in Nairobi.</p></body></html>",
        encoding="utf-8",
    )
    return [str(news), str(pages), str(tmp_path / "missing.jsonl")]


def test_local_cluster_gives_the_local_records_in_order(corpus, gazetteer_path):
    stats = BatchStats()
    records = list(
        parse_with_dask(
            corpus,
            db_path=gazetteer_path,
            cluster_options={"processes": False, "n_workers": 1},
            stats=stats,
        )
    )
    local = list(parse_stream(corpus, db_path=gazetteer_path))
    assert records == local
    assert [r["id"] for r in records] == ["oslo", "news:2", "dhaka", "broken", "a", "b", "missing"]
    assert "line 4" in records[3]["error"] and "not found" in records[6]["error"]
    assert [p["text"] for p in records[5]["places"]] == ["Nairobi"]
    assert (stats.records, stats.errors) == (7, 2)


def test_scheduler_address_and_blocks(corpus, gazetteer_path):
    from distributed import LocalCluster

    with LocalCluster(
        processes=False, n_workers=1, threads_per_worker=1, protocol="tcp", dashboard_address=None
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://")
        records = list(
            parse_with_dask(
                corpus[:1],
                scheduler=cluster.scheduler_address,
                db_path=gazetteer_path,
                blocksize=64,
            )
        )
    # Blocks of 64 bytes split the file: every line is still parsed exactly once.
    assert [r["id"] for r in records if r["id"] in ("oslo", "dhaka")] == ["oslo", "dhaka"]
    assert len(records) == 4
    made_up = [r["id"] for r in records if r["id"] not in ("oslo", "dhaka", "broken")]
    assert made_up and all(i.startswith("news:b") for i in made_up), made_up
    assert "broken" in [r["id"] for r in records]  # a broken line keeps the id it has


def test_standard_input_is_refused(gazetteer_path):
    from geomap.errors import InputError

    with pytest.raises(InputError, match="standard input"):
        list(parse_with_dask(["-"], db_path=gazetteer_path))
