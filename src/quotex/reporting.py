"""What a batch tells people on stderr: failures, warnings, progress, summary.

stdout carries data only; everything here goes to standard error through one
Rich console, so messages print above the progress bar instead of through it.
Messages are single unstyled lines (scripts grep them): ``NAME: reason``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
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
    started: float = field(default_factory=time.monotonic)

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
            self._progress.stop()
            self._progress = None

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Take the progress bar off the screen while something else prints."""
        progress = self._progress
        if progress is None:
            yield
            return
        progress.stop()  # transient: the bar's lines are erased
        try:
            yield
        finally:
            if self._progress is progress:  # not stopped for good meanwhile
                progress.start()

    def say(self, message: str) -> None:
        """Print one line on stderr, as is: no markup, no wrapping."""
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

    def summary(self, stats: BatchStats, noun: str, *, interrupted: bool) -> None:
        if not self.quiet:
            self.say(summary_line(stats, noun, interrupted=interrupted))


def summary_line(stats: BatchStats, noun: str, *, interrupted: bool = False) -> str:
    """Say how a run went: ``3 files, 12 quotes, 1 failed in 4.2 s``."""
    parts = [
        _plural(stats.documents, noun),
        _plural(stats.quotes, "quote"),
        f"{stats.failures} failed",
    ]
    line = ", ".join(parts) + f" in {stats.elapsed:.1f} s"
    return f"interrupted: {line}" if interrupted else line


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def count_inputs(paths: Sequence[Path], glob: str) -> int | None:
    """Count the text files a run will read, for the progress bar.

    Walks folders the way :mod:`quotex.sources` does (hidden entries skipped,
    ``glob`` on file names, each folder once). Returns None when the count
    cannot be known up front: standard input, or a FIFO.
    """
    total = 0
    walked: set[str] = set()
    for path in paths:
        if str(path) == "-":
            return None
        try:
            mode = path.stat().st_mode
        except OSError:
            total += 1  # reported as one failure
            continue
        if stat.S_ISDIR(mode):
            total += _count_folder(path, glob, walked)
        elif stat.S_ISFIFO(mode):
            return None
        else:
            total += 1
    return total


def _count_folder(folder: Path, glob: str, walked: set[str]) -> int:
    count = 0
    for root, folders, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in walked:
            folders[:] = []
            continue
        walked.add(real)
        folders[:] = [name for name in folders if not name.startswith(".")]
        count += sum(
            1 for name in files if not name.startswith(".") and fnmatch(name, glob)
        )
    return count
