"""Find the quotes of a whole archive with Dask: texts in, records out.

:func:`extract_frame` turns a Dask DataFrame with a text column, or a Dask
Bag of texts, into a Dask DataFrame with one row per quote: the record
fields of ``quotex extract``, in order, with the types of the Parquet export
(``int64[pyarrow]``, ``double[pyarrow]``, ``string[pyarrow]``; absent values
are nulls), so ``.to_parquet()`` writes what ``-o quotes.parquet`` writes.

Nothing runs until the frame is computed. Each worker process loads the
spaCy pipeline once, on its first partition, and keeps it for the rest.
Needs the dask extra: ``pip install 'quotex[dask]'``.

Example::

    import dask.dataframe as dd
    from quotex.dask import extract_frame

    articles = dd.read_parquet("archive/*.parquet", columns=["url", "text"])
    quotes = extract_frame(articles, id_column="url")
    quotes.to_parquet("quotes/")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from quotex.cluster import run_task
from quotex.errors import QuotexError
from quotex.parquet import arrow_schema
from quotex.quote import FIELD_TYPES
from quotex.runner import EngineSettings, load_extractor

__all__ = ["extract_frame", "record_frame"]


def extract_frame(
    texts: Any,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    model: str | None = None,
    lexicon: str | None = None,
    full_pipeline: bool = False,
    all_quoted: bool = False,
) -> Any:
    """Return a Dask DataFrame of the quote records of every text, lazily.

    Args:
        texts: a ``dask.dataframe.DataFrame`` with a ``text_column``, or a
            ``dask.bag.Bag`` of strings or of mappings holding
            ``text_column`` (and ``id_column``).
        text_column: the column (or key) holding each article's text.
        id_column: the column (or key) whose value becomes the records'
            ``file``. Without it, a DataFrame row's index value is used, and
            a Bag's items are named ``PARTITION:N`` (N counted from 1).
        model: a spaCy pipeline package name or folder (default en_core_web_sm).
        lexicon: a folder of quotex word lists and weights to use instead.
        full_pipeline: parse every paragraph (slower; for comparison).
        all_quoted: also keep quoted words that are not speech (type
            ``term``), which :func:`quotex.extract` leaves out too.

    Returns:
        A Dask DataFrame with the columns of :data:`quotex.quote.FIELDS`.
        Rows keep the order of the texts, and each text's quotes their order
        in it. A text that is null gives no row.

    Raises:
        TypeError: ``texts`` is neither a Dask DataFrame nor a Bag.
        QuotexError: (when the frame is computed) the model is missing, or
            a text made the engine fail; the message names the text.
    """
    import dask.bag
    import dask.dataframe

    settings = EngineSettings(model, lexicon, full_pipeline)
    meta = record_frame([])
    if isinstance(texts, dask.dataframe.DataFrame):
        return texts.map_partitions(
            _frame_partition,
            text_column,
            id_column,
            settings,
            all_quoted,
            meta=meta,
            align_dataframes=False,
        )
    if isinstance(texts, dask.bag.Bag):
        parts = [
            dask.delayed(_bag_partition)(
                part, number, text_column, id_column, settings, all_quoted
            )
            for number, part in enumerate(texts.to_delayed())
        ]
        return dask.dataframe.from_delayed(parts, meta=meta, verify_meta=False)
    raise TypeError(
        f"expected a Dask DataFrame or Bag of texts, not {type(texts).__name__}"
    )


def record_frame(records: Iterable[Mapping[str, Any]]) -> Any:
    """Return a pandas DataFrame of records with the Parquet export's types."""
    import pandas
    import pyarrow

    table = pyarrow.Table.from_pylist(list(records), schema=arrow_schema(FIELD_TYPES))
    return table.to_pandas(types_mapper=pandas.ArrowDtype)


def _records(
    named_texts: Iterable[tuple[str, Any]],
    settings: EngineSettings,
    all_quoted: bool,
) -> Any:
    """Extract (once per worker process, see run_task) and build a partition."""
    names: list[str] = []
    texts: list[str] = []
    for name, text in named_texts:
        if isinstance(text, str):
            names.append(name)
            texts.append(text)
    records = []
    for name, (kind, payload) in zip(
        names, run_task(load_extractor, settings, texts), strict=True
    ):
        if kind != "ok":
            raise QuotexError(f"{name}: {payload}")
        records += [
            quote.to_record(name)
            for quote in payload
            if all_quoted or quote.type != "term"
        ]
    return record_frame(records)


def _frame_partition(
    part: Any,
    text_column: str,
    id_column: str | None,
    settings: EngineSettings,
    all_quoted: bool,
) -> Any:
    names = part[id_column] if id_column is not None else part.index
    named = zip((str(name) for name in names), part[text_column], strict=True)
    return _records(named, settings, all_quoted)


def _bag_partition(
    items: Iterable[Any],
    number: int,
    text_column: str,
    id_column: str | None,
    settings: EngineSettings,
    all_quoted: bool,
) -> Any:
    named = []
    for position, item in enumerate(items, 1):
        name = f"{number}:{position}"
        if isinstance(item, Mapping):
            identifier = item.get(id_column) if id_column is not None else None
            if identifier is not None:
                name = str(identifier)
            named.append((name, item.get(text_column)))
        else:
            named.append((name, item))
    return _records(named, settings, all_quoted)
