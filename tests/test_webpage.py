"""Tests for reading web pages: article text, gzip limits, and the command."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest
from conftest import ROOT, SHARED
from test_e2e import run
from typer.testing import CliRunner

from quotex.cli import app
from quotex.webpage import (
    PageError,
    article_text,
    is_page_name,
    looks_like_page,
    read_page_bytes,
)

runner = CliRunner()

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Marrowby votes on the bridge</title>
<script>var ads = "“Buy now,” said nobody.";</script></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Marrowby votes on the bridge</h1>
<p>The council met on Monday to vote on the new bridge across the river.</p>
<p>“We will build it this year,” Marieke Vries said.</p>
<p>“The money is not there,” Tomas Brennick said. “It never is.”</p>
</article><footer>© 2024 The Marrowby Post</footer></body></html>
"""
EMPTY_PAGE = (
    "<!DOCTYPE html><html><head><title>Sign in</title>"
    "<script>login()</script></head><body></body></html>"
)


def test_article_text_is_the_title_then_the_paragraphs():
    """The title heads the text, paragraphs apart; menus and scripts are gone."""
    text = article_text(PAGE.encode("utf-8"))

    assert text.startswith("Marrowby votes on the bridge\n\nThe council met")
    assert "“We will build it this year,” Marieke Vries said.\n\n" in text
    assert "Home" not in text
    assert "Buy now" not in text


def test_page_without_article_text_is_an_error():
    """A page with nothing to read says so instead of giving no quotes."""
    with pytest.raises(PageError, match="no article text found in the page"):
        article_text(EMPTY_PAGE)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("story.html", True),
        ("story.HTM", True),
        ("saved/story.html.gz", True),
        ("story.txt", False),
        ("story.html.txt", False),
    ],
)
def test_page_names(name, expected):
    """Pages are told by their extension, gzipped ones too."""
    assert expected == is_page_name(name)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xef\xbb\xbf\n  <!doctype HTML><html>", True),
        (b"<html lang=en>", True),
        ('<?xml version="1.0"?>\n<html xmlns="…">', True),
        (b'<?xml version="1.0"?><rss>', False),
        (b"The <b>council</b> met.", False),
        (b"\x1f\x8b\x08\x00", False),
    ],
)
def test_pages_are_recognised_by_how_they_start(head, expected):
    """Standard input holding a page is read as one; text with tags is not."""
    assert expected == looks_like_page(head)


def test_gzipped_page_is_inflated():
    """A gzipped page reads as the page."""
    data = gzip.compress(PAGE.encode("utf-8"))

    assert PAGE.encode("utf-8") == read_page_bytes(io.BytesIO(data))


def test_damaged_gzip_is_an_error():
    """Cut gzip data fails with a reason, not a traceback."""
    data = gzip.compress(PAGE.encode("utf-8"))[:-20]

    with pytest.raises(PageError, match="gzip data"):
        read_page_bytes(io.BytesIO(data))


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """1 GB of zeros, gzipped (about 1 MB), written as it is compressed."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.html.gz"
    zeros = bytes(1024 * 1024)
    with gzip.open(path, "wb", compresslevel=1) as stream:
        for _ in range(1024):
            stream.write(zeros)
    return path


def test_compression_bomb_stops_at_the_limit_in_little_memory(bomb):
    """Inflating stops just past the limit: memory stays near the limit."""
    limit = 8 * 1024 * 1024
    tracemalloc.start()
    try:
        with bomb.open("rb") as stream, pytest.raises(PageError, match="inflates"):
            read_page_bytes(stream, limit)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 4 * limit


def test_compression_bomb_is_a_named_failure_and_the_batch_goes_on(bomb, tmp_path):
    """One stderr line names the bomb; the page after it is still read."""
    page = tmp_path / "story.html"
    page.write_text(PAGE, encoding="utf-8")

    result = run("extract", str(bomb), str(page), "--quiet")

    assert result.returncode == 1
    assert [
        f"{bomb}: gzipped page inflates past 32 MB; not read (a compression bomb?)"
    ] == result.stderr.splitlines()
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {str(page)} == {r["file"] for r in records}
    assert len(records) == 3


def test_piped_page_gives_quotes_with_clean_speakers():
    """`cat story.html | quotex extract` reads the article, not the markup."""
    result = run("extract", stdin=PAGE)

    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["quote"], r["speaker"]) for r in records] == [
        ("We will build it this year,", "Marieke Vries"),
        ("The money is not there,", "Tomas Brennick"),
        ("It never is.", "Tomas Brennick"),
    ]
    assert {"-"} == {r["file"] for r in records}


def test_gzipped_page_keeps_its_path_and_offsets_index_the_article(tmp_path):
    """file is the input path; offsets slice the text quotex read from it."""
    page = tmp_path / "story.html.gz"
    page.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    text = article_text(PAGE)

    result = runner.invoke(app, ["extract", str(page)])

    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for record in records:
        assert str(page) == record["file"]
        assert record["quote"] == text[record["start"] : record["end"]]


def test_page_with_no_article_is_one_failure_line(tmp_path):
    """An empty page is named on stderr with its reason; exit 1."""
    empty = tmp_path / "login.htm"
    empty.write_text(EMPTY_PAGE, encoding="utf-8")
    good = tmp_path / "story.html"
    good.write_text(PAGE, encoding="utf-8")

    result = runner.invoke(app, ["extract", str(empty), str(good), "-q"])

    assert result.exit_code == 1
    assert [f"{empty}: no article text found in the page"] == (
        result.stderr.splitlines()
    )
    assert len(result.stdout.splitlines()) == 3


def test_input_format_html_reads_any_name(tmp_path):
    """--input-format html reads a page whatever its file is called."""
    page = tmp_path / "story.dat"
    page.write_text(PAGE, encoding="utf-8")

    result = runner.invoke(app, ["extract", str(page), "--input-format", "html"])

    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3


def test_json_lines_field_holding_html(tmp_path):
    """jsonl-html reads the text field as a page; a bad page fails alone."""
    lines = [
        {"url": "https://example.org/a", "html": PAGE},
        {"url": "https://example.org/b", "html": EMPTY_PAGE},
        {"url": "https://example.org/c", "html": "<p>“Yes,” Ana Ruiz said.</p>"},
    ]
    source = tmp_path / "crawl.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")

    result = runner.invoke(
        app,
        [
            *("extract", str(source), "--input-format", "jsonl-html"),
            *("--text-field", "html", "--id-field", "url", "-q"),
        ],
    )

    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["file"], r["speaker"]) for r in records] == [
        ("https://example.org/a", "Marieke Vries"),
        ("https://example.org/a", "Tomas Brennick"),
        ("https://example.org/a", "Tomas Brennick"),
        ("https://example.org/c", "Ana Ruiz"),
    ]
    assert [f"{source}:2: no article text found in the page"] == (
        result.stderr.splitlines()
    )


HTML_DATA = SHARED / "data" / "html"


@pytest.mark.slow
@pytest.mark.skipif(
    not (HTML_DATA / "ground-truth.jsonl").exists(),
    reason="needs ../shared/data/html beside the repository",
)
def test_pages_keep_nine_in_ten_of_the_quotes_of_their_hand_made_text():
    """On the 24 saved pages, 90% of the text's quotes come out of the HTML."""
    spec = importlib.util.spec_from_file_location(
        "html_agreement", ROOT / "bench" / "html_agreement.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up here
    spec.loader.exec_module(bench)

    result = bench.measure(HTML_DATA)

    assert len(result.pages) == 24
    assert result.share >= 0.90, result.pages
