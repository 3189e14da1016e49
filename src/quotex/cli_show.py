"""Carry out ``quotex show``: each article with its quotes marked, paged.

The command function in :mod:`quotex.cli` only parses options into a
:class:`quotex.cli_run.Request`, as for ``extract``; this module reads the
inputs, prints each document as soon as it is done (through a pager on a
terminal) and sets the exit code.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import typer
from rich.console import Console

from quotex.cli_run import Request, _isatty, _silence_stdout
from quotex.documents import iter_annotated
from quotex.errors import QuotexError
from quotex.filters import QuoteFilter
from quotex.highlight import plain_marks, render_document
from quotex.paging import paged, pager_command
from quotex.runner import EngineSettings

EXIT_FAILED = 1


def run_show(request: Request, *, pager: bool = True) -> None:
    """Print every input with its quotes marked, then exit with the right code.

    Raises:
        typer.Exit: with 1 when an input failed or nothing could run.
    """
    stdout = Console(highlight=False)
    stderr = Console(stderr=True, highlight=False)
    failed = 0

    def fail(name: str, reason: str) -> None:
        nonlocal failed
        failed += 1
        stderr.print(f"{name}: {reason}", markup=False, highlight=False, soft_wrap=True)

    documents = iter_annotated(
        request.paths,
        settings=EngineSettings(request.model, request.lexicon, request.full_pipeline),
        keep=QuoteFilter(
            request.speaker,
            request.min_confidence,
            request.quote_types,
            request.all_quoted,
        ),
        input_format=request.input_format,
        glob=request.glob,
        text_field=request.text_field,
        id_field=request.id_field,
        on_failure=fail,
    )
    plain = plain_marks(stdout)
    try:
        with _output(stdout, page=pager) as out:
            for document in documents:
                if document.text is None:
                    fail(document.name, "too large to show (over 16 MB)")
                    continue
                out.print(
                    render_document(
                        document.name, document.text, document.quotes, plain=plain
                    )
                )
                out.file.flush()
    except QuotexError as error:  # e.g. the model is missing: nothing can run
        stderr.print(f"error: {error}", markup=False, highlight=False)
        raise typer.Exit(EXIT_FAILED) from None
    except BrokenPipeError:  # `quotex show … | head`: stop quietly
        _silence_stdout()
        raise typer.Exit(EXIT_FAILED) from None
    if failed:
        raise typer.Exit(EXIT_FAILED)


@contextlib.contextmanager
def _output(stdout: Console, *, page: bool) -> Iterator[Console]:
    """Yield the console to print on: a pager's on a terminal, else stdout."""
    command = pager_command() if page and _isatty(sys.stdout) else None
    if command is None:
        yield stdout
        return
    with paged(command) as stream:
        yield Console(
            file=stream,
            force_terminal=True,
            color_system=stdout.color_system,  # type: ignore[arg-type]
            no_color=stdout.no_color,
            width=stdout.width,
            highlight=False,
        )
