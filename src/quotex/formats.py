"""Write records for machines: JSON Lines, a JSON array, CSV and TSV.

Every writer takes one document's records at a time, writes them in one
call and flushes, so `quotex extract folder/ | head` answers as soon as the
first document is done, memory stays flat however many documents go through,
and an output that writes each call whole (:mod:`quotex.output`) never holds
part of a document. Columns and keys follow the order of the field list the
writer was given (``FIELDS`` for quotes). The people's views live in
:mod:`quotex.tables` (a Rich table) and :mod:`quotex.html_report` (an HTML
page).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TextIO

Record = Mapping[str, Any]


class OutputFormat(StrEnum):
    """What `--format` accepts; ``auto`` is resolved by :func:`resolve_format`."""

    AUTO = "auto"
    TABLE = "table"
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"
    HTML = "html"
    #: Typed columns for data tools; binary, so only to a file (quotex[parquet]).
    PARQUET = "parquet"


#: Formats that are bytes, not text: never for a terminal or standard output.
BINARY_FORMATS = frozenset({OutputFormat.PARQUET})

#: Formats an export file's extension selects when ``--format`` is ``auto``.
SUFFIX_FORMATS: dict[str, OutputFormat] = {
    ".jsonl": OutputFormat.JSONL,
    ".ndjson": OutputFormat.JSONL,
    ".json": OutputFormat.JSON,
    ".csv": OutputFormat.CSV,
    ".tsv": OutputFormat.TSV,
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
    ".parquet": OutputFormat.PARQUET,
}

#: A text cell starting with one of these is read as a formula by spreadsheet
#: programs (the OWASP "CSV injection" list), so the guard defuses it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class UnknownFormatError(ValueError):
    """An export path whose extension names no format, with no ``--format``."""


def resolve_format(
    requested: OutputFormat, *, output: Path | None, stdout: TextIO
) -> OutputFormat:
    """Turn ``auto`` into a concrete format.

    An export file gets the format its extension names; standard output gets a
    table on a terminal (for people) and JSON Lines otherwise (for pipes).

    Raises:
        UnknownFormatError: ``output``'s extension is not one of
            ``SUFFIX_FORMATS`` and no format was requested.
    """
    if requested is not OutputFormat.AUTO:
        return requested
    if output is not None:
        found = SUFFIX_FORMATS.get(output.suffix.lower())
        if found is None:
            known = ", ".join(SUFFIX_FORMATS)
            raise UnknownFormatError(
                f"cannot tell the format of {str(output)!r} from its extension "
                f"(known: {known}); give --format"
            )
        return found
    return OutputFormat.TABLE if _isatty(stdout) else OutputFormat.JSONL


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class TextSink(Protocol):
    """Where writers put their text: a text stream or a ``WholeWriteStream``."""

    def write(self, text: str, /) -> int:
        """Write ``text``."""

    def flush(self) -> None:
        """Pass on whatever is buffered."""


class RecordWriter(Protocol):
    """Something that takes records a document at a time and finishes once."""

    def write(self, records: Sequence[Record]) -> None:
        """Write one document's records and flush them."""

    def close(self) -> None:
        """Write whatever ends the output (a closing bracket) and flush."""


def guard_formula(value: str) -> str:
    """Prefix ``'`` to a text cell a spreadsheet would run as a formula.

    A lone ``-`` is left alone: it is no formula, and it is the ``file`` of
    every record read from standard input.

    >>> guard_formula("=HYPERLINK(...)")
    "'=HYPERLINK(...)"
    """
    if value == "-" or not value.startswith(FORMULA_STARTS):
        return value
    return "'" + value


class JsonLinesWriter:
    """One JSON object per record and line, every field present, UTF-8 as is."""

    def __init__(self, out: TextSink, fields: Sequence[str]) -> None:
        self.out = out
        self.fields = tuple(fields)

    def write(self, records: Sequence[Record]) -> None:
        if records:
            self.out.write("".join(_json(r, self.fields) + "\n" for r in records))
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonArrayWriter:
    """One JSON array, written as records come: one object per line inside it.

    The opening bracket goes out with the first document and the closing one
    at :meth:`close`, so a run that writes nothing still prints ``[]``.
    """

    def __init__(self, out: TextSink, fields: Sequence[str]) -> None:
        self.out = out
        self.fields = tuple(fields)
        self._started = False
        self._count = 0

    def write(self, records: Sequence[Record]) -> None:
        parts = []
        if not self._started:
            parts.append("[")
            self._started = True
        for record in records:
            # Each object starts on its own line, the comma closing the line
            # before it: we don't know whether a record is the last one.
            parts.append(",\n" if self._count else "\n")
            parts.append(_json(record, self.fields))
            self._count += 1
        self.out.write("".join(parts))
        self.out.flush()

    def close(self) -> None:
        opening = "" if self._started else "["
        self.out.write(opening + ("\n]\n" if self._count else "]\n"))
        self.out.flush()


class DelimitedWriter:
    """CSV (RFC 4180 quoting) or TSV (backslash escapes), with a header row.

    ``None`` becomes an empty cell. Text cells that a spreadsheet would run as
    a formula get a leading ``'`` unless ``guard`` is off; numbers never do.
    """

    def __init__(
        self,
        out: TextSink,
        fields: Sequence[str],
        *,
        tsv: bool = False,
        guard: bool = True,
    ) -> None:
        self.out = out
        self.fields = tuple(fields)
        self.tsv = tsv
        self.guard = guard
        self._header_written = False

    def write(self, records: Sequence[Record]) -> None:
        rows = [[self._cell(record.get(f)) for f in self.fields] for record in records]
        if not self._header_written:
            rows.insert(0, list(self.fields))
            self._header_written = True
        if rows:
            self.out.write(self._render(rows))
        self.out.flush()

    def close(self) -> None:
        if not self._header_written:  # no document at all: still a header
            self.write(())
        self.out.flush()

    def _cell(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        text = str(value)
        return guard_formula(text) if self.guard else text

    def _render(self, rows: list[list[str]]) -> str:
        if self.tsv:
            return "".join(
                "\t".join(cell.translate(_TSV_ESCAPES) for cell in row) + "\n"
                for row in rows
            )
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        return text.getvalue()


def make_writer(
    output_format: OutputFormat,
    out: TextSink,
    fields: Sequence[str],
    *,
    csv_guard: bool = True,
) -> RecordWriter:
    """Return the machine writer for a format (not ``auto`` nor ``table``).

    Raises:
        ValueError: the format has no machine writer.
    """
    if output_format is OutputFormat.JSONL:
        return JsonLinesWriter(out, fields)
    if output_format is OutputFormat.JSON:
        return JsonArrayWriter(out, fields)
    if output_format in (OutputFormat.CSV, OutputFormat.TSV):
        tsv = output_format is OutputFormat.TSV
        return DelimitedWriter(out, fields, tsv=tsv, guard=csv_guard)
    raise ValueError(f"no record writer for format {output_format.value!r}")


def _json(record: Record, fields: tuple[str, ...]) -> str:
    return json.dumps({f: record.get(f) for f in fields}, ensure_ascii=False)
