"""Before a batch runs: refuse what can't work, and set up the export and journal.

Everything here happens before the first document is read, so a usage error
(exit 2) never leaves a temporary file or a journal behind, and says in one
line what to do instead: write Parquet to a file, install an extra, resume
with the settings the interrupted run had.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.console import Console

from quotex.formats import BINARY_FORMATS, OutputFormat
from quotex.inputs import InputFormat
from quotex.journal import (
    EarlierRun,
    Journal,
    JournalError,
    JournalHeader,
    journal_path,
    read_journal,
)
from quotex.output import AtomicOutput

if TYPE_CHECKING:
    from quotex.cli_run import Request


def check_request(
    request: Request, output_format: OutputFormat, *, to_file: bool
) -> None:
    """Refuse a request that can't run as asked.

    Raises:
        typer.BadParameter: a binary format on standard output, speakers as
            HTML, or ``--resume`` without an export.
        typer.Exit: with 2, when an extra the request needs is missing.
    """
    if output_format in BINARY_FORMATS and not to_file:
        raise typer.BadParameter(
            f"{output_format.value} is binary: write it to a file, "
            f"e.g. -o quotes.{output_format.value}",
            param_hint="'--format'",
        )
    _check_extras(request, output_format)
    if output_format is OutputFormat.HTML and request.kind != "quotes":
        raise typer.BadParameter(
            "the html format shows quotes in their text: use quotex report",
            param_hint="'--format'",
        )
    if request.resume and not to_file:
        raise typer.BadParameter(
            "resuming needs the export an interrupted run was writing, "
            "e.g. -o quotes.csv",
            param_hint="'--resume'",
        )


def _check_extras(request: Request, output_format: OutputFormat) -> None:
    """Say how to install pyarrow or Dask if the request needs them.

    Raises:
        typer.Exit: with 2, after saying what to install.
    """
    needs_pyarrow = [
        what
        for what, asked in (
            ("writing Parquet", output_format is OutputFormat.PARQUET),
            ("reading Parquet", request.input_format == InputFormat.PARQUET),
        )
        if asked
    ]
    if needs_pyarrow:
        from quotex import parquet

        if not parquet.available():
            _missing_extra(parquet.need_pyarrow(needs_pyarrow[0]))
    if request.dask is not None:
        from quotex import cluster

        if not cluster.dask_available():
            _missing_extra(cluster.need_dask("--dask"))


def _missing_extra(message: str) -> None:
    """Say what to install, as a usage error: the option can't work here.

    Raises:
        typer.Exit: with 2.
    """
    stderr = Console(stderr=True)
    stderr.print(f"error: {message}", markup=False, soft_wrap=True)
    raise typer.Exit(2)


def open_export(
    request: Request,
) -> tuple[AtomicOutput, Journal, EarlierRun | None]:
    """Start the export's temporary file and its journal (see quotex.journal).

    With ``--resume``, the journal an interrupted run left is read first and
    the new one goes on from it.

    Raises:
        typer.BadParameter: the export or journal can't be written, or the
            journal to resume from was made with other settings.
    """
    assert request.output is not None
    header = journal_header(request)
    earlier = _earlier_run(request, header) if request.resume else None
    target: AtomicOutput | None = None
    try:
        target = AtomicOutput(request.output)
        journal = Journal(journal_path(request.output), header)
        journal.start(earlier)
    except OSError as error:
        if target is not None:
            target.discard()
        reason = (error.strerror or str(error)).lower()
        raise typer.BadParameter(
            f"cannot write {request.output}: {reason}", param_hint="'--output'"
        ) from None
    return target, journal, earlier


def journal_header(request: Request) -> JournalHeader:
    """What makes a run's quotes what they are: a resumed run must match it."""
    from quotex import __version__

    return JournalHeader(
        __version__, request.model, request.lexicon, request.full_pipeline
    )


def _earlier_run(request: Request, header: JournalHeader) -> EarlierRun | None:
    """Read the journal ``--resume`` resumes from; None if there is none.

    Raises:
        typer.BadParameter: the journal was made with other settings, is not
            a journal, or can't be read.
    """
    assert request.output is not None
    path = journal_path(request.output)
    try:
        return read_journal(path, header)
    except FileNotFoundError:
        return None
    except JournalError as error:
        raise typer.BadParameter(str(error), param_hint="'--resume'") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise typer.BadParameter(
            f"cannot read {path}: {reason.lower()}", param_hint="'--resume'"
        ) from None


def committed(target: AtomicOutput | None) -> bool:
    """Whether the export is written in its place."""
    return target is not None and target.committed


def close_journal(journal: Journal, target: AtomicOutput | None) -> None:
    """Remove the journal once the export is written; else keep what it holds."""
    if committed(target) or not journal.documents:
        journal.remove()
        return
    journal.close()
