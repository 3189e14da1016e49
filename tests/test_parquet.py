"""Tests for Parquet exports and Parquet input (the parquet extra)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from quotex import parquet
from quotex.cli import app
from quotex.inputs import InputFailure, InputFormat, InputPath, ReadOptions
from quotex.quote import FIELD_TYPES, FIELDS
from quotex.sources import read_inputs

runner = CliRunner()

ARTICLE = (
    "Town votes on the bridge\n\n"
    '"We will build it this year," Helena Vosk said.\n\n'
    'The plan, a "bold" one, was voted.\n\n'
    '"The money is not there," said a man in the crowd.\n'
)
OPTIONS = ReadOptions("text", "id", 16 * 1024 * 1024)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def invoke(*args: str):
    return runner.invoke(app, list(args))


def write_articles(path, texts, ids=None, **columns):
    data = {"text": texts, **columns}
    if ids is not None:
        data["id"] = ids
    pq.write_table(pa.table(data), path)
    return path


def documents(source, options=OPTIONS):
    with open(source, "rb") as stream:
        return list(parquet.iter_parquet_documents(stream, str(source), options))


def test_parquet_export_has_the_record_schema_types(tmp_path, article):
    """Integers stay integers, the confidence a double, and absent values nulls."""
    out = tmp_path / "quotes.parquet"

    result = invoke("extract", str(article), "-o", str(out))

    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert list(FIELDS) == table.schema.names
    types = {name: str(table.schema.field(name).type) for name in FIELDS}
    expected = {
        name: {"int64": "int64", "float64": "double", "string": "string"}[kind]
        for name, kind in FIELD_TYPES.items()
    }
    assert expected == types
    speakers = table.column("speaker").to_pylist()
    assert "Helena Vosk" in speakers
    assert None in speakers  # the unnamed man's quote: null, not ""


def test_parquet_export_holds_the_same_records_as_json_lines(tmp_path, article):
    """Every format carries the same records: Parquet row for JSON Lines line."""

    as_parquet = invoke("extract", str(article), "-o", str(tmp_path / "q.parquet"))
    as_jsonl = invoke("extract", str(article), "-f", "jsonl")

    assert (as_parquet.exit_code, as_jsonl.exit_code) == (0, 0)
    lines = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert lines == pq.read_table(tmp_path / "q.parquet").to_pylist()


def test_speakers_export_to_parquet_counts_as_integers(tmp_path, article):
    """quotex speakers -o x.parquet: speaker text, counts int64."""
    out = tmp_path / "speakers.parquet"

    result = invoke("speakers", str(article), "-o", str(out))

    assert result.exit_code == 0, result.stderr
    schema = pq.read_schema(out)
    assert [str(field.type) for field in schema] == ["string", "int64", "int64"]


def test_parquet_on_standard_output_is_a_usage_error(tmp_path, article):
    """Parquet is binary: it goes to a file, never to stdout."""

    result = invoke("extract", str(article), "-f", "parquet")

    assert (result.exit_code, result.stdout) == (2, "")
    assert "parquet is binary: write it to a file" in result.stderr


def test_without_pyarrow_the_options_say_how_to_install_it(
    tmp_path, article, monkeypatch
):
    """-o x.parquet without the extra: one line with the pip command, exit 2."""
    monkeypatch.setattr(parquet, "available", lambda: False)

    result = invoke("extract", str(article), "-o", str(tmp_path / "q.parquet"))

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: writing Parquet needs pyarrow; "
        "install it with: pip install 'quotex[parquet]'"
    ]
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".txt"] == []


def test_a_run_that_cannot_finish_keeps_the_previous_parquet_file(tmp_path, article):
    """The export is replaced only when the run ends: a missing model leaves it."""
    out = tmp_path / "q.parquet"
    out.write_bytes(b"previous")

    result = invoke("extract", str(article), "-o", str(out), "--model", "nope_xx")

    assert result.exit_code == 1
    assert out.read_bytes() == b"previous"
    assert [out] == list(tmp_path.glob("*.parquet*"))  # no temporary file left


def test_parquet_input_reads_text_and_id_columns(tmp_path):
    """Each row is an article; --id-field names it, else FILE:ROW."""
    source = write_articles(
        tmp_path / "in.parquet", [ARTICLE, ARTICLE], ids=["a-1", None]
    )

    result = invoke("extract", str(source), "-f", "jsonl")

    assert result.exit_code == 0, result.stderr
    files = {json.loads(line)["file"] for line in result.stdout.splitlines()}
    assert {"a-1", f"{source}:2"} == files


def test_parquet_input_with_other_column_names(tmp_path):
    """--text-field and --id-field pick the columns; integer ids become text."""
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"body": [ARTICLE], "doc": [17]}), source)

    result = invoke(
        "extract",
        str(source),
        "--text-field",
        "body",
        "--id-field",
        "doc",
        "-f",
        "jsonl",
    )

    assert result.exit_code == 0, result.stderr
    assert {"17"} == {json.loads(line)["file"] for line in result.stdout.splitlines()}


def test_a_null_text_is_a_failure_naming_its_row_and_the_rest_go_on(tmp_path):
    """One bad row: its name and reason on stderr, exit 1, the others written."""
    source = write_articles(tmp_path / "in.parquet", [None, ARTICLE])

    result = invoke("extract", str(source), "-f", "jsonl")

    assert result.exit_code == 1
    assert f"{source}:1: field 'text' is null" in result.stderr
    assert {f"{source}:2"} == {
        json.loads(line)["file"] for line in result.stdout.splitlines()
    }


def test_a_missing_text_column_names_the_columns_there_are(tmp_path):
    """The failure lists the file's columns and points at --text-field."""
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"body": ["x"]}), source)

    [failure] = documents(source)

    assert (
        InputFailure(
            str(source), "no column 'text' (columns: 'body'); give --text-field"
        )
        == failure
    )


def test_a_text_column_of_numbers_is_refused(tmp_path):
    """Only a string column is text."""
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": [1, 2]}), source)

    [failure] = documents(source)

    assert failure.reason == "column 'text' holds int64, not text"


def test_a_file_that_is_not_parquet_is_one_failure(tmp_path):
    source = tmp_path / "in.parquet"
    source.write_text("plain words", encoding="utf-8")

    [failure] = documents(source)

    assert failure.reason.startswith("not a Parquet file")


def test_rows_are_read_a_batch_at_a_time_in_order(tmp_path, monkeypatch):
    """Streaming by record batches keeps every row, in file order."""
    monkeypatch.setattr(parquet, "READ_BATCH_ROWS", 3)
    texts = [f"text {n}" for n in range(10)]
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": texts}), source, row_group_size=4)

    found = documents(source)

    assert texts == [document.text for document in found]


def test_parquet_from_a_pipe_is_spooled(tmp_path):
    """A Parquet stream that can't seek (standard input) is copied, then read."""
    source = write_articles(tmp_path / "in.parquet", ["one", "two"])

    class Pipe(io.BytesIO):
        def seekable(self) -> bool:
            return False

    stdin = Pipe(source.read_bytes())
    items = list(read_inputs([InputPath(Path("-"), InputFormat.PARQUET)], stdin=stdin))

    assert [item.text for item in items] == ["one", "two"]


def test_equal_records_make_equal_files():
    """The same records in the same order give the same bytes (resumed runs)."""
    records = [dict.fromkeys(FIELDS) | {"file": "a", "line": 1, "confidence": 0.5}] * 3

    def write() -> bytes:
        out = io.BytesIO()
        writer = parquet.ParquetRecordWriter(out, FIELD_TYPES, row_group_rows=2)
        writer.write(records[:1])
        writer.write(records[1:])
        writer.close()
        return out.getvalue()

    assert write() == write()
