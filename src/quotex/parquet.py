"""Parquet in and out: typed record exports, and articles read by row group.

pyarrow comes with the ``parquet`` extra (``pip install 'quotex[parquet]'``)
and is imported only here, only when a Parquet file is read or written, so
``import quotex`` and ``quotex --help`` never pay for it.

Writing keeps the record schema's types (:data:`quotex.quote.FIELD_TYPES`):
offsets and line numbers are 64-bit integers, the confidence a double, text
UTF-8 strings, and an absent value a null, never an empty string or NaN.
Reading streams one batch of rows at a time, so memory stays flat however
many articles a file holds.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any

from quotex.errors import QuotexError
from quotex.inputs import Document, InputFailure, ReadOptions

INSTALL_HINT = "pip install 'quotex[parquet]'"

#: Records a row group holds: enough for good compression and fast scans;
#: the records waiting for their row group are held as Arrow columns, a few
#: megabytes, so memory stays flat however long the run.
ROW_GROUP_ROWS = 10_000
#: Articles read from a Parquet file at a time.
READ_BATCH_ROWS = 256

_ARROW_TYPES = {"string": "string", "int64": "int64", "float64": "float64"}


class MissingPyarrowError(QuotexError):
    """pyarrow, which Parquet needs, is not installed."""


def available() -> bool:
    """Whether pyarrow can be imported (without importing it)."""
    return importlib.util.find_spec("pyarrow") is not None


def need_pyarrow(what: str) -> str:
    """Say in one line that ``what`` needs the parquet extra, and how to get it."""
    return f"{what} needs pyarrow; install it with: {INSTALL_HINT}"


def _pyarrow() -> tuple[Any, Any]:
    """Import pyarrow and its Parquet module.

    Raises:
        MissingPyarrowError: the parquet extra is not installed.
    """
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingPyarrowError(need_pyarrow("Parquet")) from None
    return pyarrow, pyarrow.parquet


def arrow_schema(types: Mapping[str, str]) -> Any:
    """Return the ``pyarrow.Schema`` of records whose fields have ``types``.

    Every column is nullable: a quote nobody could be named for has a null
    speaker, not an empty one.
    """
    pa, _ = _pyarrow()
    return pa.schema(
        [
            pa.field(name, getattr(pa, _ARROW_TYPES[kind])())
            for name, kind in types.items()
        ]
    )


class ParquetRecordWriter:
    """Write records to a Parquet file, a row group per ``row_group_rows`` records.

    Unlike the text writers, records are not flushed per document: a Parquet
    file is readable only once its footer is written, by :meth:`close`, so
    the export it goes into (:class:`quotex.output.AtomicOutput`) appears then.
    Equal records make an equal file, byte for byte.

    Raises:
        MissingPyarrowError: the parquet extra is not installed.
    """

    def __init__(
        self,
        out: IO[bytes],
        types: Mapping[str, str],
        *,
        row_group_rows: int = ROW_GROUP_ROWS,
    ) -> None:
        self._pa, parquet = _pyarrow()
        self.schema = arrow_schema(types)
        self.row_group_rows = row_group_rows
        self._writer = parquet.ParquetWriter(out, self.schema)
        # Each document's records, as columns, until a row group is full.
        self._batches: list[Any] = []
        self._rows = 0

    def write(self, records: Sequence[Mapping[str, Any]]) -> None:
        if records:
            batch = self._pa.RecordBatch.from_pylist(list(records), schema=self.schema)
            self._batches.append(batch)
            self._rows += batch.num_rows
        if self._rows >= self.row_group_rows:
            self._write_row_group()

    def close(self) -> None:
        self._write_row_group()
        self._writer.close()

    def _write_row_group(self) -> None:
        if self._rows:
            table = self._pa.Table.from_batches(self._batches, schema=self.schema)
            # One row group of everything held: where groups end depends
            # only on the records, so equal records give equal files.
            self._writer.write_table(table, row_group_size=self._rows)
            self._batches = []
            self._rows = 0


def iter_parquet_documents(
    source: IO[bytes], name: str, options: ReadOptions
) -> Iterator[Document | InputFailure]:
    """Yield one document per row of a Parquet file, or a failure naming the row.

    The text is the ``options.text_field`` column; the document's name is the
    ``options.id_field`` column where it has a value, else ``NAME:ROW`` (rows
    counted from 1, as JSON Lines lines are). Rows are read
    ``READ_BATCH_ROWS`` at a time.
    """
    try:
        pa, parquet = _pyarrow()
    except MissingPyarrowError:
        yield InputFailure(name, need_pyarrow("reading Parquet"))
        return
    try:
        file = parquet.ParquetFile(source)
    except (pa.ArrowException, OSError) as error:
        yield InputFailure(name, f"not a Parquet file ({_first_line(error)})")
        return
    schema = file.schema_arrow
    problem = _text_column_problem(pa, schema, options.text_field)
    if problem is not None:
        yield InputFailure(name, problem)
        return
    columns = [options.text_field]
    if options.id_field in schema.names and options.id_field != options.text_field:
        columns.append(options.id_field)
    number = 0
    try:
        for batch in file.iter_batches(batch_size=READ_BATCH_ROWS, columns=columns):
            texts = batch.column(0).to_pylist()
            ids = (
                batch.column(1).to_pylist() if len(columns) > 1 else [None] * len(texts)
            )
            for text, identifier in zip(texts, ids, strict=True):
                number += 1
                row = f"{name}:{number}"
                if text is None:
                    yield InputFailure(row, f"field {options.text_field!r} is null")
                    continue
                yield Document(row if identifier is None else str(identifier), text)
    except (pa.ArrowException, OSError) as error:
        yield InputFailure(
            name, f"unreadable after row {number} ({_first_line(error)})"
        )


def _text_column_problem(pa: Any, schema: Any, column: str) -> str | None:
    """Say what keeps ``column`` from being read as the articles' text, if anything."""
    if column not in schema.names:
        found = ", ".join(repr(n) for n in schema.names) or "none"
        return f"no column {column!r} (columns: {found}); give --text-field"
    kind = schema.field(column).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        return f"column {column!r} holds {kind}, not text"
    return None


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
