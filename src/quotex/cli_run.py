"""Carry out ``quotex extract`` and ``quotex speakers``: batch in, records out.

The command functions in :mod:`quotex.cli` only parse options into a
:class:`Request`; this module runs it and turns the outcome into an exit
code. Records go out a whole document at a time: Ctrl-C, SIGTERM or SIGHUP
arriving while a document is being written waits until that document is
complete, then stops the run with 130, 143 or 129.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import typer
from rich.console import Console
from rich.text import Text

from quotex.cli_setup import check_request, close_journal, committed, open_export
from quotex.documents import AnnotatedDocument, DocumentWriter, TextKeeper
from quotex.errors import QuotexError
from quotex.filters import QuoteFilter
from quotex.formats import (
    OutputFormat,
    RecordWriter,
    TextSink,
    UnknownFormatError,
    make_writer,
    resolve_format,
)
from quotex.inputs import (
    RECORD_FORMATS,
    Found,
    InputPath,
    count_documents,
    find_inputs,
)
from quotex.journal import Journal, Resumption
from quotex.output import AtomicOutput, WholeWriteStream
from quotex.quote import FIELD_TYPES, FIELDS, Quote
from quotex.reporting import BatchStats, Reporter, plural, summary_line
from quotex.runner import Batch, DocumentResult, EngineSettings, Item, load_extractor
from quotex.signals import exit_code, signal_name, signals_held, stopping_on_signals
from quotex.sources import read_inputs
from quotex.speakers import SPEAKER_FIELD_TYPES, SPEAKER_FIELDS, SpeakerTally
from quotex.tables import QuoteTableWriter, SpeakerTableWriter, render

EXIT_FAILED = 1
#: Documents a --dask batch may read ahead of the next one to write: room for
#: a cluster that grows after the start (a few megabytes of news text).
DASK_WINDOW = 1024
_nothing = contextlib.nullcontext()


@dataclass(frozen=True, slots=True)
class Request:
    """Everything a run of ``extract`` (kind "quotes") or ``speakers`` needs."""

    kind: str
    paths: Sequence[Path]
    glob: str = "*.txt"
    input_format: str = "auto"
    text_field: str = "text"
    id_field: str = "id"
    output_format: OutputFormat = OutputFormat.AUTO
    output: Path | None = None
    speaker: str | None = None
    min_confidence: float = 0.0
    quote_types: frozenset[str] = frozenset()
    all_quoted: bool = False
    model: str | None = None
    lexicon: str | None = None
    full_pipeline: bool = False
    jobs: int = 1
    #: A Dask scheduler's address, or "local", to run the batch on.
    dask: str | None = None
    quiet: bool = False
    csv_guard: bool = True
    resume: bool = False


def run_request(request: Request) -> None:
    """Run the batch, write its output and exit with the right code.

    Raises:
        typer.Exit: with 1 (failures, unusable model, closed pipe), or 128 +
            the signal's number when SIGINT, SIGTERM or SIGHUP stopped it.
        typer.BadParameter: the output can't be created or its format guessed.
    """
    to_file = request.output is not None and str(request.output) != "-"
    try:
        output_format = resolve_format(
            request.output_format,
            output=request.output if to_file else None,
            stdout=sys.stdout,
        )
    except UnknownFormatError as error:
        raise typer.BadParameter(str(error), param_hint="'--output'") from None
    # Checked before the export's temporary file exists, which a usage
    # error would leave behind.
    check_request(request, output_format, to_file=to_file)
    target, journal, earlier = open_export(request) if to_file else (None, None, None)
    with (
        stopping_on_signals(),
        target if target is not None else contextlib.nullcontext(),
    ):
        try:
            documents = earlier.documents if earlier is not None else []
            resumption = Resumption(documents) if documents else None
            code = _run(request, output_format, target, journal, resumption)
        except KeyboardInterrupt as stop:  # a signal while reporting the outcome
            code = exit_code(stop)
        finally:
            if journal is not None:
                close_journal(journal, target)
    if code:
        raise typer.Exit(code)


def _run(
    request: Request,
    output_format: OutputFormat,
    target: AtomicOutput | None,
    journal: Journal | None = None,
    resumption: Resumption | None = None,
) -> int:
    out = WholeWriteStream(None if target is None else target.stream)
    if target is None:
        _utf8(sys.stdout)  # for what goes through the stream: terminals, tests
    table = output_format is OutputFormat.TABLE
    stdout_tty = target is None and _isatty(sys.stdout)
    # The console only lays tables out, for the terminal or the export.
    out_console = Console(
        file=None if target is None else target.stream, highlight=False
    )
    writer = _writer(request, output_format, out, out_console, target)
    tally = SpeakerTally() if request.kind == "speakers" else None

    def consume(name: str, quotes: list[Quote], text: str | None) -> None:
        if tally is not None:
            tally.add(quotes)
        elif isinstance(writer, DocumentWriter):  # shows quotes in their text
            with _writing():
                writer.add(AnnotatedDocument(name, text, quotes))
        else:
            # A table on the terminal goes above the progress bar; other
            # output goes elsewhere and leaves the bar alone.
            above_bar = reporter.paused() if table and stdout_tty else _nothing
            with _writing(), above_bar:
                writer.write([quote.to_record(name) for quote in quotes])

    found: Iterable[Found] = find_inputs(
        request.paths, glob=request.glob, input_format=request.input_format
    )
    # Plain until the progress bar is set up: walking a big tree for its total
    # can take a while, and a Ctrl-C then still deserves a summary.
    reporter = Reporter(Console(stderr=True, highlight=False), quiet=request.quiet)
    stats = BatchStats()
    interrupt: KeyboardInterrupt | None = None
    try:
        try:
            reporter, found = _reporter(request, found)
            with reporter:
                if resumption is not None:
                    reporter.warning(
                        f"resuming: {len(resumption)} finished documents in "
                        f"{journal.path if journal else 'the journal'}"
                    )
                elif request.resume:
                    reporter.warning("nothing to resume: running the whole batch")
                _process(request, found, reporter, stats, consume, journal, resumption)
        except KeyboardInterrupt as stop:  # Interrupted by SIGTERM and SIGHUP too
            interrupt = stop
        with signals_held(), _writing():
            if tally is not None and not isinstance(writer, DocumentWriter):
                writer.write(tally.rows())
            writer.close()
            if table and not request.quiet:
                summary = _summary(stats, interrupt)
                out.write(render(out_console, Text(summary)))
        if target is not None and interrupt is None:
            with _writing():
                target.commit()
    except QuotexError as error:  # e.g. the model is missing: nothing can run
        reporter.say(f"error: {error}")
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader has gone (`| head`): stop quietly. Point stdout at
        # /dev/null so the interpreter's last flush doesn't complain.
        _silence_stdout()
        return exit_code(interrupt) if interrupt is not None else EXIT_FAILED
    except _OutputError as error:  # e.g. the disk is full
        where = request.output if target is not None else "standard output"
        reporter.say(f"error: cannot write {where}: {error}")
        if target is None:
            _silence_stdout()  # what is left in the buffer can't go out either
        return exit_code(interrupt) if interrupt is not None else EXIT_FAILED
    except KeyboardInterrupt as stop:  # a second signal while finishing
        interrupt = interrupt or stop
    if journal is not None and journal.documents and not committed(target):
        kept = plural(journal.documents, "finished document")
        reporter.warning(
            f"{journal.path}: {kept} kept; run the same command with --resume to finish"
        )
    if not (table and stdout_tty):  # else the table's own summary says it all
        reporter.summary(_summary(stats, interrupt))
    if interrupt is not None:
        return exit_code(interrupt)
    return EXIT_FAILED if stats.failures else 0


def _summary(stats: BatchStats, interrupt: KeyboardInterrupt | None) -> str:
    stopped_by = signal_name(interrupt) if interrupt is not None else None
    return summary_line(stats, stopped_by=stopped_by)


def _process(
    request: Request,
    found: Iterable[Found],
    reporter: Reporter,
    stats: BatchStats,
    consume: Callable[[str, list[Quote], str | None], None],
    journal: Journal | None = None,
    resumption: Resumption | None = None,
) -> None:
    """Run every input through the engine, handing each document's quotes on.

    Each document extracted is noted in ``journal``; those ``resumption``
    holds from an earlier run are not extracted again.

    Raises:
        KeyboardInterrupt: a stop signal; ``stats.held_back`` then counts the
            documents that were done but not handed on.
    """
    # The views (the HTML report) show quotes in their text: keep it by.
    items = TextKeeper(
        read_inputs(
            _noting_line_documents(found, stats),
            text_field=request.text_field,
            id_field=request.id_field,
        )
    )
    settings = EngineSettings(request.model, request.lexicon, request.full_pipeline)
    keep = QuoteFilter(
        request.speaker,
        request.min_confidence,
        request.quote_types,
        request.all_quoted,
    )
    feed = items if resumption is None else resumption.replace(items)
    with _batch(request, feed, settings) as batch:
        # Held here, not only by the loop: a loop left by an exception drops
        # its iterator, which closes the workers before they can be counted.
        results = iter(batch)
        result: DocumentResult | None = None
        try:
            for result in results:
                text = items.take(result.name)
                with signals_held():
                    _hand_on(result, text, keep, reporter, stats, consume)
                    if journal is not None and text is not None:
                        _note(journal, result, text)
                    result = None
        except KeyboardInterrupt:
            # Finished documents still waiting for an earlier one (--jobs),
            # and one that came out just as the signal did, are lost: say so.
            stats.held_back = batch.held_back()
            if result is not None and not result.failed:
                stats.held_back += 1
            raise


def _batch(request: Request, items: Iterable[Item], settings: EngineSettings) -> Batch:
    """Return the batch to run: here, in worker processes, or on a Dask cluster.

    Raises:
        ClusterError: the Dask scheduler can't be reached.
    """
    if request.dask is None:
        return Batch(items, settings, jobs=worker_count(request.jobs))
    from quotex.cluster import DaskPool  # imports Dask: only when asked for

    workers = worker_count(request.jobs if request.jobs != 1 else 0)
    pool = DaskPool(request.dask, load_extractor, settings, workers=workers)
    # Enough documents ahead of the one to write next to keep every worker
    # busy with whole tasks.
    window = max(2 * pool.capacity, DASK_WINDOW)
    return Batch(items, settings, jobs=pool.size, pool=pool, window=window)


def _note(journal: Journal, result: DocumentResult, text: str) -> None:
    """Note a document just extracted, unless it failed (it is tried again)."""
    if not result.failed and not result.resumed:
        try:
            journal.add(result.name, text, result.quotes)
        except OSError as error:
            raise _OutputError((error.strerror or str(error)).lower()) from error


def _hand_on(
    result: DocumentResult,
    text: str | None,
    keep: QuoteFilter,
    reporter: Reporter,
    stats: BatchStats,
    consume: Callable[[str, list[Quote], str | None], None],
) -> None:
    """Report one document's failure or warnings, and consume its quotes."""
    if result.error is not None:
        stats.failures += 1
        reporter.failure(result.display_name, result.error)
        reporter.advance(0)
        return
    if result.unusual_encoding:
        encoding = result.unusual_encoding
        reporter.warning(f"{result.display_name}: decoded as {encoding}")
    if result.looks_like:
        reporter.warning(misread_warning(result.display_name, result.looks_like))
    quotes = [quote for quote in result.quotes if keep(quote)]
    consume(result.record_name, quotes, text)
    stats.documents += 1
    stats.resumed += result.resumed
    stats.quotes += len(quotes)
    reporter.advance(len(quotes))


def misread_warning(name: str, kind: str) -> str:
    """Say that an input read as text looks like ``kind`` (see inputs.looks_like)."""
    if kind == "JSON Lines":
        hint = "; give --input-format jsonl to read one article per line"
    elif kind == "HTML":
        hint = ", tags and all; give --input-format html to read a web page's article"
    else:
        hint = ""
    return f"{name}: looks like {kind} but was read as text{hint}"


def _noting_line_documents(
    found: Iterable[Found], stats: BatchStats
) -> Iterator[Found]:
    """Pass the inputs on, noting in ``stats`` if documents are records, not files."""
    for item in found:
        if isinstance(item, InputPath) and item.read_as in RECORD_FORMATS:
            stats.line_documents = True
        yield item


class _OutputError(Exception):
    """Records could not be written; the message is the reason, lowercase."""


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """Turn a failed write into ``_OutputError``; a closed pipe stays itself."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        reason = (error.strerror or str(error) or "write failed").lower()
        raise _OutputError(reason) from error


def _writer(
    request: Request,
    output_format: OutputFormat,
    out: TextSink,
    console: Console,
    target: AtomicOutput | None,
) -> RecordWriter | DocumentWriter:
    quotes = request.kind == "quotes"
    if output_format is OutputFormat.PARQUET:
        assert target is not None  # refused for standard output up front
        from quotex.parquet import ParquetRecordWriter  # pyarrow: only when needed

        types = FIELD_TYPES if quotes else SPEAKER_FIELD_TYPES
        return ParquetRecordWriter(target.binary(), types)
    if output_format is OutputFormat.TABLE:
        if request.kind == "speakers":
            return SpeakerTableWriter(console, out)
        return QuoteTableWriter(console, out)
    if output_format is OutputFormat.HTML:
        from quotex.html_report import HtmlReport  # jinja2: only when needed

        return HtmlReport(out)
    fields = FIELDS if quotes else SPEAKER_FIELDS
    return make_writer(output_format, out, fields, csv_guard=request.csv_guard)


def _reporter(
    request: Request, found: Iterable[Found]
) -> tuple[Reporter, Iterable[Found]]:
    """Return the reporter for stderr, and the inputs to read.

    A progress bar wants the number of documents up front, so for one the
    folders are walked here, once, and the inputs come back as a list.
    """
    console = Console(stderr=True, highlight=False)
    if request.quiet or not console.is_terminal:
        return Reporter(console, quiet=request.quiet), found
    listed = list(found)
    total = count_documents(listed)
    several = total is None or total > 1
    reporter = Reporter(console, progress=several, total=total)
    return reporter, listed


def _utf8(stream: TextIO) -> TextIO:
    """Make sure records go out as UTF-8 whatever the locale says."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    if encoding.replace("-", "").replace("_", "") != "utf8":
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    return stream


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _silence_stdout() -> None:
    """Send what is left in stdout's buffer to /dev/null (Python's recipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor, as under a test runner


def worker_count(jobs: int) -> int:
    """Turn ``--jobs`` into a number of processes: 0 means one per core."""
    if jobs == 0:
        return os.cpu_count() or 1
    return jobs
