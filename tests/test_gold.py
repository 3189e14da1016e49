"""Tests for reading gold-annotated articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotex import evaluation, gold
from quotex.errors import InputError
from quotex.gold import BadGoldLine, GoldDocument, GoldQuote, parse_gold_line, read_gold


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    """Write gold lines, each as given, and return the path."""
    path.write_bytes(
        b"".join(
            (line if isinstance(line, bytes) else line.encode()) + b"\n"
            for line in lines
        )
    )
    return path


def gold_line(text: str, *quotes: dict[str, Any], doc_id: str = "doc") -> str:
    """Return one gold document as a JSON line."""
    return json.dumps({"id": doc_id, "text": text, "quotes": list(quotes)})


TEXT = 'He said "yes" today.'
YES = {"start": 9, "end": 12, "text": "yes"}


def test_malformed_gold_lines_are_reported_with_their_number(tmp_path: Path) -> None:
    """Every bad line is reported by 1-based number and skipped; good lines load."""
    text = 'He said "yes" today.'
    yes = {"start": 9, "end": 12, "text": "yes"}
    path = write_lines(
        tmp_path / "gold.jsonl",
        [
            gold_line(text, yes),
            "{not json",
            json.dumps({"id": "x", "quotes": []}),
            gold_line(text, {**yes, "end": 99}),
            gold_line(text, {**yes, "text": "no"}),
            "",
            b'{"id": "\xff"}',
            gold_line(
                text,
                {**yes, "speaker": "He", "speaker_type": "pronoun", "speaker_start": 0},
            ),
            gold_line(text, {**yes, "start": True}),
        ],
    )

    items = list(read_gold(path))

    bad = {item.line: item.reason for item in items if isinstance(item, BadGoldLine)}
    assert [item.line for item in items if isinstance(item, GoldDocument)] == [1]
    assert sorted(bad) == [2, 3, 4, 5, 7, 8, 9]
    assert bad[2].startswith("bad JSON")
    assert "text" in bad[3]
    assert "quote 1" in bad[4] and "99" in bad[4]
    assert "differs" in bad[5]
    assert "UTF-8" in bad[7]
    assert "speaker_end" in bad[8]


def test_null_fields_read_as_absent() -> None:
    """Null speaker offsets, mention, cue and flags are read, not rejected.

    Annotators name some speakers with no mention near the quote; the data
    gives such quotes null offsets.
    """
    quote = {
        **YES,
        "speaker": "Sean Dunphy",
        "speaker_start": None,
        "speaker_end": None,
        "speaker_mention": None,
        "speaker_type": "name",
        "cue": None,
        "partial": None,
    }

    document = parse_gold_line(gold_line(TEXT, quote), 3)

    assert isinstance(document, GoldDocument)
    [read] = document.quotes
    assert (read.speaker, read.speaker_start, read.speaker_end) == (
        "Sean Dunphy",
        None,
        None,
    )
    assert (read.named_speaker, read.partial) == ("Sean Dunphy", False)


def test_speaker_name_is_the_named_speaker() -> None:
    """``speaker_name`` resolves a pronoun mention to the person it means."""
    quote = {
        **YES,
        "speaker": "He",
        "speaker_name": "Haley Morris",
        "speaker_start": 0,
        "speaker_end": 2,
        "speaker_type": "pronoun",
    }

    document = parse_gold_line(gold_line(TEXT, quote), 1)

    assert isinstance(document, GoldDocument)
    assert document.quotes[0].named_speaker == "Haley Morris"


def test_missing_gold_file_raises_input_error(tmp_path: Path) -> None:
    """A gold file that cannot be opened is an InputError naming it."""
    with pytest.raises(InputError, match=r"nope\.jsonl"):
        read_gold(tmp_path / "nope.jsonl")


def test_byte_order_mark_on_the_first_line_is_ignored(tmp_path: Path) -> None:
    """A gold file saved with a UTF-8 BOM reads like one without."""
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + gold_line(TEXT, YES).encode() + b"\n")

    [document] = list(read_gold(path))

    assert isinstance(document, GoldDocument)
    assert [(q.start, q.end, q.text) for q in document.quotes] == [(9, 12, "yes")]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", "not a JSON object"),
        (json.dumps({"id": 7, "text": TEXT, "quotes": []}), "'id' is not a string"),
        (gold_line(TEXT, {**YES, "partial": "yes"}), "true or false"),
        (gold_line(TEXT, {**YES, "speaker": 3}), "'speaker' is not a string"),
        (
            gold_line(
                TEXT,
                {**YES, "speaker": "He", "speaker_type": "ghost"},
            ),
            "unknown speaker_type",
        ),
        (gold_line(TEXT, "yes"), "quote 1: not a JSON object"),
        (gold_line(TEXT, {**YES, "start": 12, "end": 12}), "outside text"),
    ],
)
def test_parse_gold_line_says_what_is_wrong(line: str, reason: str) -> None:
    """Each kind of malformed line gives a reason instead of an exception."""
    result = parse_gold_line(line, 4)

    assert isinstance(result, BadGoldLine)
    assert (result.line, reason in result.reason) == (4, True)


def test_parse_gold_line_reads_speaker_and_type() -> None:
    """A full gold quote keeps its speaker, offsets and type flags."""
    line = gold_line(
        TEXT,
        {
            **YES,
            "speaker": "He",
            "speaker_start": 0,
            "speaker_end": 2,
            "speaker_type": "pronoun",
            "partial": True,
        },
    )

    document = parse_gold_line(line, 2)

    assert document == GoldDocument(
        "doc", TEXT, (GoldQuote(9, 12, "yes", "He", 0, 2, "pronoun", True),), 2
    )
    assert document.quotes[0].type == "partial"


def test_document_without_id_is_named_by_its_line() -> None:
    """A gold document without an ``id`` is called after its line number."""
    document = parse_gold_line(json.dumps({"text": TEXT, "quotes": []}), 5)

    assert isinstance(document, GoldDocument)
    assert document.id == "line 5"


def test_gold_names_are_still_importable_from_the_scorer() -> None:
    """Callers that import gold reading from ``quotex.evaluation`` keep working."""
    names = ["GoldQuote", "GoldDocument", "BadGoldLine", "read_gold", "SPEAKER_TYPES"]

    assert all(getattr(evaluation, name) is getattr(gold, name) for name in names)
    assert evaluation.parse_gold_line is parse_gold_line
