"""Carry out ``quotex extract`` and ``quotex speakers``: batch in, records out.

The command functions in :mod:`quotex.cli` only parse options into a
:class:`Request`; this module runs it and turns the outcome into an exit
code. Records go out a whole document at a time: a Ctrl-C arriving while a
document is being written waits until that document is complete.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TextIO, cast

import typer
from rich.console import Console

from quotex.documents import AnnotatedDocument, DocumentWriter, TextKeeper
from quotex.errors import QuotexError
from quotex.filters import QuoteFilter
from quotex.formats import (
    AtomicOutput,
    OutputFormat,
    RecordWriter,
    UnknownFormatError,
    make_writer,
    resolve_format,
)
from quotex.quote import FIELDS, Quote
from quotex.reporting import BatchStats, Reporter, count_inputs, summary_line
from quotex.runner import Batch, EngineSettings
from quotex.sources import InputFormat, iter_documents
from quotex.speakers import SPEAKER_FIELDS, SpeakerTally
from quotex.tables import QuoteTableWriter, SpeakerTableWriter

EXIT_FAILED = 1
_nothing = contextlib.nullcontext()
EXIT_INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class Request:
    """Everything a run of ``extract`` (kind "quotes") or ``speakers`` needs."""

    kind: str
    paths: Sequence[Path]
    glob: str = "*.txt"
    input_format: str = "text"
    text_field: str = "text"
    id_field: str = "id"
    output_format: OutputFormat = OutputFormat.AUTO
    output: Path | None = None
    speaker: str | None = None
    min_confidence: float = 0.0
    quote_types: frozenset[str] = frozenset()
    model: str | None = None
    lexicon: str | None = None
    full_pipeline: bool = False
    jobs: int = 1
    quiet: bool = False
    csv_guard: bool = True


def run_request(request: Request) -> None:
    """Run the batch, write its output and exit with the right code.

    Raises:
        typer.Exit: with 1 (failures, unusable model, closed pipe) or 130.
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
    target: AtomicOutput | None = None
    if to_file:
        assert request.output is not None
        try:
            target = AtomicOutput(request.output)
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            raise typer.BadParameter(
                f"cannot write {request.output}: {reason}", param_hint="'--output'"
            ) from None
    if output_format is OutputFormat.HTML and request.kind != "quotes":
        raise typer.BadParameter(
            "the html format shows quotes in their text: use quotex report",
            param_hint="'--format'",
        )
    with target if target is not None else contextlib.nullcontext():
        code = _run(request, output_format, target)
    if code:
        raise typer.Exit(code)


def _run(
    request: Request, output_format: OutputFormat, target: AtomicOutput | None
) -> int:
    stream = target.stream if target is not None else _utf8(sys.stdout)
    table = output_format is OutputFormat.TABLE
    stdout_tty = target is None and _isatty(sys.stdout)
    out_console = Console(file=None if target is None else stream, highlight=False)
    fields = FIELDS if request.kind == "quotes" else SPEAKER_FIELDS
    writer = _writer(request, output_format, stream, out_console, fields)
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

    noun = "document" if request.input_format.startswith("jsonl") else "file"
    # Plain until the progress bar is set up: counting the inputs for it can
    # take a while on a big tree, and a Ctrl-C then still deserves a summary.
    reporter = Reporter(Console(stderr=True, highlight=False), quiet=request.quiet)
    stats = BatchStats()
    interrupted = False
    try:
        try:
            reporter = _reporter(request)
            with reporter:
                _process(request, reporter, stats, consume)
        except KeyboardInterrupt:
            interrupted = True
        with deferred_interrupt(), _writing():
            if tally is not None and not isinstance(writer, DocumentWriter):
                writer.write(tally.rows())
            writer.close()
            if table and not request.quiet:
                out_console.print(summary_line(stats, noun, interrupted=interrupted))
        if target is not None and not interrupted:
            with _writing():
                target.commit()
    except QuotexError as error:  # e.g. the model is missing: nothing can run
        reporter.say(f"error: {error}")
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader has gone (`| head`): stop quietly. Point stdout at
        # /dev/null so the interpreter's last flush doesn't complain.
        _silence_stdout()
        return EXIT_FAILED
    except _OutputError as error:  # e.g. the disk is full
        where = request.output if target is not None else "standard output"
        reporter.say(f"error: cannot write {where}: {error}")
        if target is None:
            _silence_stdout()  # what is left in the buffer can't go out either
        return EXIT_FAILED
    except KeyboardInterrupt:  # a second Ctrl-C while finishing
        interrupted = True
    if not (table and stdout_tty):  # else the table's own summary says it all
        reporter.summary(stats, noun, interrupted=interrupted)
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_FAILED if stats.failures else 0


def _process(
    request: Request,
    reporter: Reporter,
    stats: BatchStats,
    consume: Callable[[str, list[Quote], str | None], None],
) -> None:
    """Run every input through the engine, handing each document's quotes on."""
    items = TextKeeper(
        iter_documents(
            request.paths,
            glob=request.glob,
            # A name from cli.InputFormat; iter_documents rejects any other.
            input_format=cast("InputFormat", request.input_format),
            text_field=request.text_field,
            id_field=request.id_field,
        )
    )
    settings = EngineSettings(request.model, request.lexicon, request.full_pipeline)
    keep = QuoteFilter(request.speaker, request.min_confidence, request.quote_types)
    with Batch(items, settings, jobs=worker_count(request.jobs)) as batch:
        for result in batch:
            text = items.take(result.name)
            if result.error is not None:
                stats.failures += 1
                reporter.failure(result.display_name, result.error)
                reporter.advance(0)
                continue
            if result.unusual_encoding:
                encoding = result.unusual_encoding
                reporter.warning(f"{result.display_name}: decoded as {encoding}")
            quotes = [quote for quote in result.quotes if keep(quote)]
            with deferred_interrupt():
                consume(result.record_name, quotes, text)
                stats.documents += 1
                stats.quotes += len(quotes)
            reporter.advance(len(quotes))


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
    stream: TextIO,
    console: Console,
    fields: Sequence[str],
) -> RecordWriter | DocumentWriter:
    if output_format is OutputFormat.TABLE:
        if request.kind == "speakers":
            return SpeakerTableWriter(console)
        return QuoteTableWriter(console)
    if output_format is OutputFormat.HTML:
        from quotex.html_report import HtmlReport  # jinja2: only when needed

        return HtmlReport(stream)
    return make_writer(output_format, stream, fields, csv_guard=request.csv_guard)


def _reporter(request: Request) -> Reporter:
    console = Console(stderr=True, highlight=False)
    if request.quiet or not console.is_terminal:
        return Reporter(console, quiet=request.quiet)
    total = (
        None
        if request.input_format.startswith("jsonl")
        else count_inputs(request.paths, request.glob)
    )
    several = total is None or total > 1
    return Reporter(console, progress=several, total=total)


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


@contextlib.contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold Ctrl-C back while a document's records are written.

    A SIGINT arriving while a write is blocked on a full pipe would otherwise
    raise in the middle of it and leave half a document behind. Inside this
    block the signal only sets a flag; on leaving, the usual handler comes
    back and the interrupt is raised then, between documents. Outside the
    main thread (where handlers can't be set) it does nothing.
    """
    caught: list[int] = []

    def remember(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    try:
        previous: Any = signal.signal(signal.SIGINT, remember)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
