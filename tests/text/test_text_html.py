"""Tests of :func:`geomap.text.read.html_to_text`."""

from __future__ import annotations

import pytest

from geomap.text.read import html_to_text, parse_iso_date

PAGE = """<!DOCTYPE html>
<html><head>
<title>Blast  in &amp; around Kyiv</title>
<style>.x { color: red }</style>
<script>var secret = "in head";</script>
<meta name="viewport" content="width=device-width">
</head>
<body>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<article>
<h1>Blast in Kyiv</h1>
<p>KYIV (Reuters) -   A blast <b>hit</b>
   the city.<br>Second line &eacute;t&eacute; &mdash; &#8220;ok&#8221;.</p>
<script>alert(1)</script>
<noscript>Enable JavaScript</noscript>
<template><p>template text</p></template>
<svg><title>icon title</title><text>svg text</text></svg>
<iframe src="https://example.com">iframe fallback</iframe>
<blockquote>Quoted words</blockquote>
<table><tr><td>cell a</td><td>cell b</td></tr><tr><td>cell c</td></tr></table>
<div><div><p>Nested paragraph.</p></div></div>
</article>
</body></html>"""


def test_visible_text_and_structure() -> None:
    text, meta = html_to_text(PAGE)
    assert text == (
        "Home\nWorld\n\n"
        "Blast in Kyiv\n\n"
        "KYIV (Reuters) - A blast hit the city.\n"
        "Second line été — “ok”.\n\n"
        "Quoted words\n\n"
        "cell a cell b\ncell c\n\n"
        "Nested paragraph."
    )
    assert meta == {"title": "Blast in & around Kyiv"}


@pytest.mark.parametrize(
    "hidden", ["alert(1)", "secret", "Enable JavaScript", "template text", "icon title",
               "svg text", "iframe fallback", "color"],
)  # fmt: skip
def test_hidden_content_absent(hidden: str) -> None:
    text, _ = html_to_text(PAGE)
    assert hidden not in text


@pytest.mark.parametrize(
    "markup",
    [
        '<meta property="article:published_time" content="2024-03-05T10:00:00+02:00">',
        '<meta name="date" content="2024-03-05">',
        '<meta itemprop="datePublished" content="2024-03-05">',
        '<time datetime="2024-03-05T08:00">March 5</time>',
        '<script type="application/ld+json">'
        '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle",'
        ' "datePublished": "2024-03-05T09:00:00Z"}]}</script>',
    ],
)
def test_published_date_sources(markup: str) -> None:
    text, meta = html_to_text(f"<html><head>{markup}</head><body><p>Body.</p></body></html>")
    assert meta.get("published") == "2024-03-05"
    assert "datePublished" not in text


def test_published_prefers_meta_over_first_time_element() -> None:
    html = (
        '<meta property="article:published_time" content="2024-03-05">'
        '<p><time datetime="2019-01-01">old</time> Body</p>'
    )
    assert html_to_text(html)[1]["published"] == "2024-03-05"


def test_first_time_element_wins_among_times() -> None:
    html = '<p><time datetime="2024-01-02">a</time><time datetime="2024-09-09">b</time></p>'
    assert html_to_text(html)[1]["published"] == "2024-01-02"


def test_unparseable_dates_are_skipped() -> None:
    html = (
        '<meta property="article:published_time" content="yesterday">'
        '<meta name="date" content="2024-13-45">'
        '<script type="application/ld+json">{"datePublished": </script>'
        '<time datetime="2024-03-05">x</time>'
    )
    assert html_to_text(html)[1] == {"published": "2024-03-05"}


def test_no_metadata() -> None:
    assert html_to_text("<p>Just text</p>") == ("Just text", {})


def test_broken_html_is_tolerated() -> None:
    text, _ = html_to_text("<p>Open <b>bold <div>still going<p>next</i></span> done")
    assert text == "Open bold\n\nstill going\n\nnext done"


def test_unclosed_head_does_not_swallow_body() -> None:
    text, meta = html_to_text("<head><title>T</title><p>Body without closing head</p>")
    assert text == "Body without closing head"
    assert meta == {"title": "T"}


def test_br_br_makes_a_paragraph() -> None:
    assert html_to_text("<p>one<br>two<br><br>three</p>")[0] == "one\ntwo\n\nthree"


def test_nothing_is_executed_or_fetched() -> None:
    # Event handlers and javascript: URLs are attributes: never text, never run.
    html = '<img src="http://127.0.0.1:1/x" onerror="alert(1)"><a href="javascript:alert(2)">Go</a>'
    assert html_to_text(html)[0] == "Go"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        (" 2024-03-05 10:00", "2024-03-05"),
        ("2024-02-30", None),
        ("05/03/2024", None),
        ("on 2024-03-05", None),
        ("2024-03-051", None),
        (20240305, None),
        (None, None),
    ],
)
def test_parse_iso_date(value: object, expected: str | None) -> None:
    d = parse_iso_date(value)
    assert (d.isoformat() if d else None) == expected
