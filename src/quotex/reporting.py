"""What a batch tells people on stderr: failures, warnings, progress, summary.

stdout carries data only; everything here goes to standard error through one
Rich console, so messages print above the progress bar instead of through it.
Messages are single unstyled lines (scripts grep them): ``NAME: reason``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


@dataclass(slots=True)
class BatchStats:
    """Counts for the summary line."""

    documents: int = 0
    quotes: int = 0
    failures: int = 0
    #: Documents done but never handed on because a signal stopped the run
    #: while they waited for an earlier, slower one (``--jobs``).
    held_back: int = 0
    #: Documents an earlier, interrupted run finished (``--resume``).
    resumed: int = 0
    #: Whether documents are lines of JSON Lines inputs rather than files.
    line_documents: bool = False
    started: float = field(default_factory=time.monotonic)

    @property
    def noun(self) -> str:
        """What the summary counts: files, or documents when some are lines."""
        return "document" if self.line_documents else "file"

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started


class _RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(
            "" if speed is None else f"{speed:.1f}/s", style="progress.data.speed"
        )


class Reporter:
    """Report on stderr; show a progress bar if asked and stderr is a terminal.

    Args:
        console: the stderr console.
        quiet: hide the progress bar, warnings and the summary (failures and
            errors are always reported).
        progress: show a progress bar (when the console is a terminal).
        total: number of documents if known, for "done/total" and time left.

    Something printed on standard output while the bar is on the terminal
    goes inside :meth:`paused`: the bar is taken off, the output printed,
    and the bar drawn again below it, so no old frame of the bar is left
    between the lines.
    """

    def __init__(
        self,
        console: Console,
        *,
        quiet: bool = False,
        progress: bool = False,
        total: int | None = None,
    ) -> None:
        self.console = console
        self.quiet = quiet
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._quotes = 0
        if progress and not quiet and console.is_terminal:
            columns: list[ProgressColumn | str] = [
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn() if total else TextColumn("{task.completed}"),
                TextColumn("{task.fields[quotes]} quotes"),
                _RateColumn(),
                TimeRemainingColumn() if total else TimeElapsedColumn(),
            ]
            self._progress = Progress(
                *columns,
                console=console,
                transient=True,
                # Output on stdout is printed between pauses of the bar (see
                # paused()): letting Rich route it through the bar's console
                # would send it to stderr, and left frames behind on a fast
                # batch.
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._progress.add_task("documents", total=total, quotes=0)

    def __enter__(self) -> Reporter:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        """Remove the progress bar (idempotent)."""
        if self._progress is not None:
            progress, self._progress = self._progress, None
            with contextlib.suppress(OSError, ValueError):  # stderr is gone
                progress.stop()

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Take the progress bar off the screen while something else prints."""
        progress = self._progress
        if progress is None:
            yield
            return
        # transient: the bar's lines are erased. A terminal that is gone
        # (stderr) must not pass for a failure to write the output.
        with contextlib.suppress(OSError, ValueError):
            progress.stop()
        try:
            yield
        finally:
            if self._progress is progress:  # not stopped for good meanwhile
                with contextlib.suppress(OSError, ValueError):
                    progress.start()

    def say(self, message: str) -> None:
        """Print one line on stderr, as is: no markup, no wrapping."""
        # If stderr is gone (a closed terminal), there is nobody left to tell.
        with contextlib.suppress(OSError, ValueError):
            self.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def failure(self, name: str, reason: str) -> None:
        self.say(f"{name}: {reason}")

    def warning(self, message: str) -> None:
        if not self.quiet:
            self.say(message)

    def advance(self, quotes: int) -> None:
        """Count one more document done, with its quotes."""
        if self._progress is not None and self._task is not None:
            self._quotes += quotes
            self._progress.update(self._task, advance=1, quotes=self._quotes)

    def summary(self, line: str) -> None:
        """Print the summary line, unless quiet."""
        if not self.quiet:
            self.say(line)


def summary_line(stats: BatchStats, *, stopped_by: str | None = None) -> str:
    """Say how a run went: ``3 files, 12 quotes, 1 failed in 4.2 s``.

    Documents an interrupted run finished before are counted among the
    files, and apart: ``400 files (180 resumed), ...``.

    A run a signal stopped starts with ``interrupted:`` (Ctrl-C) or
    ``interrupted by SIGTERM:``, and ends by counting the finished documents
    that were left out of the output: ``; 2 finished files left out``.
    """
    noun = stats.noun
    documents = plural(stats.documents, noun)
    if stats.resumed:
        documents += f" ({stats.resumed} resumed)"
    parts = [
        documents,
        plural(stats.quotes, "quote"),
        f"{stats.failures} failed",
    ]
    line = ", ".join(parts) + f" in {stats.elapsed:.1f} s"
    if stopped_by is None:
        return line
    if stats.held_back:
        line += f"; {plural(stats.held_back, 'finished ' + noun)} left out"
    if stopped_by == "SIGINT":
        return f"interrupted: {line}"
    return f"interrupted by {stopped_by}: {line}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
