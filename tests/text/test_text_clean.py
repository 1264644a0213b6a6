"""Tests of :mod:`geomap.text.clean`: datelines and boilerplate."""

from __future__ import annotations

import pytest

from geomap.text.clean import Dateline, find_boilerplate, find_dateline, is_boilerplate

# --------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("MOSCOW, (BM) – Russian forces struck a fuel depot overnight.", "MOSCOW"),
        ("MOSCOW (Reuters) - Russia said on Tuesday it had downed drones.", "MOSCOW"),
        ("BAGHDAD, Jan 5 (AFP) — Iraqi officials said the attack killed two.", "BAGHDAD"),
        ("WASHINGTON — The Senate voted on Tuesday to pass the bill.", "WASHINGTON"),
        ("KYIV, Ukraine, March 3 — Ukrainian forces pushed back an assault.", "KYIV"),
        ("Beirut, Lebanon (AP) — Israeli jets struck targets in the south.", "Beirut"),
        ("SPRINGFIELD, Ill., March 3 (AP) — Officials said the river rose.", "SPRINGFIELD"),
        ("ST. LOUIS (AP) — A man was arrested after the shooting.", "ST. LOUIS"),
        ("RIO DE JANEIRO, Brazil — The floods killed at least nine.", "RIO DE JANEIRO"),
        ("SÃO PAULO (Reuters) - Brazil's central bank held rates.", "SÃO PAULO"),
        ("Kyiv (Reuters) - Ukraine said on Monday it had struck a ship.", "Kyiv"),
    ],
)
def test_dateline_forms(text: str, name: str) -> None:
    found = find_dateline(text)
    assert found == Dateline(0, len(name), name)


def test_dateline_after_headline_paragraph_has_absolute_offsets() -> None:
    text = "Russia strikes energy grid\n\n  GAZA CITY, Oct 9 (Reuters) — Residents fled south."
    found = find_dateline(text)
    assert found is not None
    assert found.name == "GAZA CITY"
    assert text[found.start : found.end] == "GAZA CITY"


def test_dateline_after_headline_line() -> None:
    text = "Explosions heard in Kharkiv\nKHARKIV (AP) — Several blasts shook the city."
    found = find_dateline(text)
    assert found is not None and found.name == "KHARKIV"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pastor to be buried Saturday. ATLANTA - A former church leader died.", "ATLANTA"),
        ("Group criticizes budget . COLUMBUS, Ohio (AP) — Gov. Ted Strickland said.", "COLUMBUS"),
        ("By JOHN ZIMMER Advocate Reporter March 15, 2009 NEWARK -- It is not unusual.", "NEWARK"),
    ],
)
def test_dateline_run_into_the_headline_line(text: str, name: str) -> None:
    found = find_dateline(text)
    assert found is not None and found.name == name
    assert text[found.start : found.end] == name


def test_title_case_after_a_full_stop_is_prose_not_a_dateline() -> None:
    assert find_dateline("He went home. Washington, which is big, said no to them.") is None
    text = "He went home. " + "A sentence of the story. " * 20 + "WASHINGTON - The Senate voted."
    assert find_dateline(text) is None  # only the opening of the line is looked at


@pytest.mark.parametrize(
    "text",
    [
        "President Barham Saleh and parliamentary speaker Mohammed al-Halbousi met on Monday.",
        "This is reported by the press service of the Ministry of Defence.",
        "BREAKING — Russia launches missiles at Kyiv and Lviv overnight",
        "RUSSIA STRIKES KYIV — LIVE UPDATES\n\nThe attack began at dawn and lasted hours.",
        "Meanwhile, Russia — which denies it — said the talks were over.",
        "In Paris, Jan 5 was cold and the streets were empty.",
        "Trump (R) said he would veto the bill on Friday.",
        "Smith, 45 — a farmer — said the rain came late.",
        "NEW DELHI: The government said on Monday it would act.",
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_only_near_the_start_with_single_newlines() -> None:
    body = "One line of story text here.\n" * 5
    text = f"Headline\n{body}WASHINGTON — The Senate voted on Tuesday to pass it.\n"
    assert find_dateline(text) is None
    assert find_dateline(text.replace(body, "")) is not None


def test_dateline_only_in_first_paragraphs() -> None:
    text = (
        "Headline\n\nStandfirst here.\n\nFirst body paragraph.\n\n"
        "LONDON (Reuters) - Britain said it would act."
    )
    assert find_dateline(text) is None
    assert find_dateline(text.replace("Standfirst here.\n\n", "")) is not None


# --------------------------------------------------------------------------- boilerplate

ARTICLE = """Russia strikes Kyiv

KYIV (Reuters) - Russian missiles hit the Ukrainian capital overnight, officials said.

Read more: Ukraine asks allies for more air defence in Odesa

Trump said on Twitter that the talks with Moscow would continue next week despite the attack.

ALSO READ | Zelensky visits troops near Bakhmut

Related articles
Russia hits Odesa port
Zelensky visits Kharkiv

The mayor said the power grid was being repaired and that schools would reopen soon.

Follow us on Telegram
Facebook | Twitter | YouTube
Tags: Russia, Ukraine, Kyiv
Be a reporter
Editorial team
© 2024 Example Media. All rights reserved.
We use cookies to improve your experience on our website.
"""


def _marked(text: str) -> list[str]:
    return [text[s:e] for s, e in find_boilerplate(text)]


def test_boilerplate_spans() -> None:
    assert _marked(ARTICLE) == [
        "Read more: Ukraine asks allies for more air defence in Odesa",
        "ALSO READ | Zelensky visits troops near Bakhmut\n\n"
        "Related articles\nRussia hits Odesa port\nZelensky visits Kharkiv",
        ARTICLE[ARTICLE.index("Follow us") :].rstrip("\n"),
    ]


def test_story_lines_are_not_boilerplate() -> None:
    spans = find_boilerplate(ARTICLE)
    for phrase in ("Trump said on Twitter", "KYIV (Reuters)", "The mayor said", "Russia strikes"):
        start = ARTICLE.index(phrase)
        assert not is_boilerplate(spans, start, start + len(phrase)), phrase


def test_mid_article_social_mentions_are_story() -> None:
    text = (
        "Officials in Kherson said on Monday that shelling continued.\n\n"
        "Trump said on Twitter that the talks would continue.\n\n"
        "Trump wrote on Twitter:\n\n"
        '"We will meet again," he said, adding that Facebook and YouTube removed the video.\n\n'
        "The company's privacy policy changed after users who subscribe to the service "
        "complained, the regulator in Dublin said.\n\n"
        "The governor said repairs in Odesa and Mykolaiv would take weeks to finish."
    )
    assert find_boilerplate(text) == []


def test_footer_block_needs_story_before_it() -> None:
    # A page of nothing but short lines is not swallowed from its first footer word.
    text = "Follow us\nKyiv\nLviv\nOdesa"
    assert _marked(text) == ["Follow us"]


def test_footer_block_stops_at_story_text() -> None:
    text = (
        "The army said it had retaken three villages near Kupiansk after days of fighting.\n"
        "Share this article\n"
        "Officials said more than 40 civilians had been evacuated from the area by Sunday.\n"
    )
    assert _marked(text) == ["Share this article"]


def test_bare_teaser_word_is_not_a_label() -> None:
    text = "More\nKyiv remains under curfew tonight"
    assert find_boilerplate(text) == []


def test_empty_text() -> None:
    assert find_boilerplate("") == []


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 5, False), (5, 10, False), (8, 12, True), (12, 15, True), (15, 20, False),
     (20, 30, True), (9, 25, True), (10, 10, True), (15, 15, False), (35, 40, False)],
)  # fmt: skip
def test_is_boilerplate(start: int, end: int, expected: bool) -> None:
    spans = [(10, 15), (25, 30)]
    assert is_boilerplate(spans, start, end) is expected
