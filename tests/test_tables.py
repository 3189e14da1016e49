"""Tests for the terminal tables: fixed columns, file headers, the progress bar."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from terminal import run_on_terminal

from quotex.tables import QuoteColumns, QuoteTableWriter

PEOPLE = [("Helena", "Vosk"), ("Tomas", "Brennick"), ("Bartholomew", "Ashworth-Lyle")]


def record(file: str, line: int, speaker: str | None, quote: str) -> dict:
    return {
        "file": file,
        "line": line,
        "quote": quote,
        "speaker": speaker,
        "speaker_mention": None,
        "cue": "said",
    }


@pytest.mark.parametrize("width", [80, 100, 160])
def test_quote_column_keeps_at_least_half_the_width(width):
    """The quote gets half the terminal or more; the columns fill it."""
    columns = QuoteColumns.for_width(width)

    assert columns.quote >= width / 2
    assert width == columns.speaker + columns.quote + columns.cue + columns.line + 6


def test_every_document_has_a_header_and_the_same_columns():
    """Documents with short and long speakers line their columns up alike."""
    console = Console(width=80, file=io.StringIO(), color_system=None)
    out = io.StringIO()
    writer = QuoteTableWriter(console, out)

    writer.write([record("short.txt", 3, "Ann Li", "Yes.")])
    writer.write(
        [
            record("long/path/to/an/article.txt", 12, "Bartholomew Ashworth", "No."),
            record("long/path/to/an/article.txt", 14, None, "Maybe " * 20),
        ]
    )
    lines = out.getvalue().splitlines()

    assert lines[0].split() == ["speaker", "quote", "cue", "line"]
    assert lines[1].startswith("short.txt  1 quote ─")
    assert lines[3].startswith("long/path/to/an/article.txt  2 quotes ─")
    starts = {
        line.index(word) for line in lines for word in ("Yes.", "No.") if word in line
    }
    assert starts == {lines[0].index("quote")}
    assert all(len(line) <= 80 for line in lines)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Forty short articles whose speakers' names differ in length."""
    path = tmp_path_factory.mktemp("tables")
    for i in range(40):
        first, last = PEOPLE[i % len(PEOPLE)]
        (path / f"story{i:02d}.txt").write_text(
            f"Notes {i}\n\nThe council met on Monday.\n\n"
            f'"We will fund district {i} before the winter comes," '
            f"{first} {last} said.\n\n"
            f'"Nobody should doubt it," {last} added.\n',
            encoding="utf-8",
        )
    return path


def test_terminal_run_leaves_tables_and_no_progress_bar_frames(folder):
    """On an 80-column terminal: no bar left behind, one header per file,
    the quote column starting at the same place on every row."""
    run = run_on_terminal("extract", str(folder), columns=80)

    assert run.returncode == 0, run.screen
    screen = run.screen
    # The bar was drawn (its frames are in the output) and then erased.
    assert b"documents" in run.output
    assert not [line for line in screen if "documents" in line or "━" in line]
    headers = [
        line for line in screen if re.match(r"\S+story\d\d\.txt  2 quotes ─", line)
    ]
    assert len(headers) == 40
    assert screen[0].split() == ["speaker", "quote", "cue", "line"]
    quote_column = screen[0].index("quote")
    rows = [line for line in screen if "We will fund district" in line]
    assert len(rows) == 40
    assert {line.index("We will fund") for line in rows} == {quote_column}
    assert re.fullmatch(r"40 files, 80 quotes, 0 failed in [\d.]+ s", screen[-1])
    assert screen[0].index("cue") - quote_column - 2 >= 40
