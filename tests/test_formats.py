"""Tests for quotex.formats: record writers and format resolution."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from quotex.formats import (
    DelimitedWriter,
    JsonArrayWriter,
    JsonLinesWriter,
    OutputFormat,
    UnknownFormatError,
    guard_formula,
    make_writer,
    resolve_format,
)
from quotex.quote import FIELDS, Quote, TextSpan

QUOTE = Quote(
    content=TextSpan(10, 30, "=SUM(A1:A9), she said"),
    line=2,
    type="full",
    speaker="Helena Vosk",
    mention=TextSpan(0, 4, "Vosk"),
    cue=TextSpan(35, 39, "said"),
    confidence=0.9,
)
UNATTRIBUTED = Quote(
    content=TextSpan(50, 60, "tab\there\nand \\ \r"), line=4, type="partial"
)


def records() -> list[dict[str, object]]:
    return [QUOTE.to_record("a.txt"), UNATTRIBUTED.to_record("-")]


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_auto_is_a_table_on_a_terminal_and_json_lines_in_a_pipe():
    """auto gives people a table and pipes JSON Lines."""
    assert (
        resolve_format(OutputFormat.AUTO, output=None, stdout=TTY())
        == OutputFormat.TABLE
    )
    assert (
        resolve_format(OutputFormat.AUTO, output=None, stdout=io.StringIO())
        == OutputFormat.JSONL
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("q.jsonl", OutputFormat.JSONL),
        ("q.JSON", OutputFormat.JSON),
        ("q.csv", OutputFormat.CSV),
        ("q.tsv", OutputFormat.TSV),
    ],
)
def test_export_format_follows_the_extension(name, expected):
    """With auto, an export file gets the format its extension names."""
    assert expected == resolve_format(
        OutputFormat.AUTO, output=Path(name), stdout=TTY()
    )


def test_unknown_extension_needs_a_format():
    """An extension naming no format is an error unless a format is given."""
    with pytest.raises(UnknownFormatError, match="--format"):
        resolve_format(OutputFormat.AUTO, output=Path("q.txt"), stdout=io.StringIO())

    assert (
        resolve_format(OutputFormat.CSV, output=Path("q.txt"), stdout=io.StringIO())
        == OutputFormat.CSV
    )


def test_json_lines_has_every_field_in_order_and_keeps_unicode():
    """Each line is one object with the keys of FIELDS, in order, UTF-8 as is."""
    out = io.StringIO()
    writer = JsonLinesWriter(out, FIELDS)
    writer.write([Quote(TextSpan(0, 5, "Café"), 1, "full").to_record("é.txt")])
    writer.write([])
    writer.close()

    [line] = out.getvalue().splitlines()
    record = json.loads(line)
    assert list(FIELDS) == list(record)
    assert (record["speaker"], record["quote"]) == (None, "Café")
    assert "Café" in line


def test_json_array_is_valid_whatever_the_number_of_records():
    """The incremental array parses with zero, one or several documents."""
    for batches in ([], [[]], [records()], [records(), [], records()[:1]]):
        out = io.StringIO()
        writer = JsonArrayWriter(out, FIELDS)
        for batch in batches:
            writer.write(batch)
        writer.close()

        data = json.loads(out.getvalue())
        assert sum(len(b) for b in batches) == len(data)
        assert all(list(FIELDS) == list(item) for item in data)


def test_csv_has_a_header_and_round_trips_quotes_and_newlines():
    """CSV cells come back as written; None is an empty cell; numbers are plain."""
    out = io.StringIO()
    writer = DelimitedWriter(out, FIELDS, guard=False)
    writer.write(records())
    writer.close()

    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert list(FIELDS) == rows[0]
    assert rows[1][:5] == ["a.txt", "2", "=SUM(A1:A9), she said", "10", "30"]
    assert rows[2][FIELDS.index("quote")] == "tab\there\nand \\ \r"
    assert rows[2][FIELDS.index("speaker")] == ""
    assert rows[1][FIELDS.index("confidence")] == "0.9"


def test_csv_guard_defuses_formulas_but_never_numbers():
    """Text cells starting like a formula get a quote; numeric cells never do."""
    out = io.StringIO()
    writer = make_writer(OutputFormat.CSV, out, ("quote", "start", "speaker"))
    writer.write(
        [
            {"quote": "=1+1", "start": -3, "speaker": "@bob"},
            {"quote": "+x", "start": 0, "speaker": "-dash"},
            {"quote": "\tindent", "start": 1, "speaker": "plain"},
        ]
    )
    writer.close()

    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1:3] == [["'=1+1", "-3", "'@bob"], ["'+x", "0", "'-dash"]]
    assert rows[3] == ["'\tindent", "1", "plain"]


def test_guard_formula_leaves_ordinary_text_alone():
    """Only the dangerous first characters trigger the guard."""
    assert (
        guard_formula("plain"),
        guard_formula("=x"),
        guard_formula("\rx"),
        guard_formula("a=b"),
        guard_formula("-"),
        guard_formula("-x"),
    ) == ("plain", "'=x", "'\rx", "a=b", "-", "'-x")


def test_tsv_escapes_tab_newline_cr_and_backslash():
    """One line per record, one tab between fields, specials escaped."""
    out = io.StringIO()
    writer = make_writer(OutputFormat.TSV, out, FIELDS, csv_guard=False)
    writer.write(records())
    writer.close()

    header, first, second, after_last = out.getvalue().split("\n")
    assert after_last == ""
    assert list(FIELDS) == header.split("\t")
    assert len(FIELDS) == len(first.split("\t")) == len(second.split("\t"))
    assert second.split("\t")[FIELDS.index("quote")] == "tab\\there\\nand \\\\ \\r"


def test_tsv_guard_applies_before_escaping():
    """A cell starting with a tab is guarded, then its tab escaped."""
    out = io.StringIO()
    writer = make_writer(OutputFormat.TSV, out, ("quote",))
    writer.write([{"quote": "\t=x"}])

    assert out.getvalue() == "quote\n'\\t=x\n"


def test_delimited_output_without_documents_is_a_header():
    """An empty run still gives a header row, so spreadsheets open it."""
    out = io.StringIO()
    make_writer(OutputFormat.CSV, out, FIELDS).close()

    assert ",".join(FIELDS) + "\n" == out.getvalue()
