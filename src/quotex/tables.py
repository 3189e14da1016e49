"""Rich tables: the people's view of quotes and speakers.

Quotes are printed one table per document as each document is done, so a big
batch scrolls by instead of waiting for the end, and memory stays flat. The
quote column takes the width the terminal leaves and wraps; Rich drops
colours when ``NO_COLOR`` is set or the output is not a terminal. The console
only lays tables out; each table goes to the output in one write, so a
document's table, like its records, is never cut short.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from quotex.formats import Record, TextSink
from quotex.speakers import UNATTRIBUTED_LABEL

_NOBODY = Text("—", style="dim")


def render(console: Console, renderable: RenderableType) -> str:
    """Return what ``console.print(renderable)`` would write, colours included."""
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


class QuoteTableWriter:
    """Print each document's quotes as a table: speaker, quote, cue, file:line."""

    def __init__(self, console: Console, out: TextSink) -> None:
        self.console = console
        self.out = out

    def write(self, records: Sequence[Record]) -> None:
        if not records:
            return
        table = Table(
            box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, expand=True
        )
        # The quote takes whatever width the other columns leave.
        table.add_column("speaker", style="bold cyan", max_width=24, overflow="fold")
        table.add_column("quote", ratio=1, min_width=20, overflow="fold")
        table.add_column("cue", style="green", max_width=14, overflow="fold")
        table.add_column("file:line", style="dim", max_width=28, overflow="fold")
        for record in records:
            table.add_row(
                _speaker_cell(record),
                Text(record["quote"]),
                Text(record["cue"] or ""),
                Text(f"{record['file']}:{record['line']}"),
            )
        self.out.write(render(self.console, table))
        self.out.flush()

    def close(self) -> None:
        """Nothing to finish: each table is complete when printed."""


class SpeakerTableWriter:
    """Print speaker rows: speaker, quotes, files."""

    def __init__(self, console: Console, out: TextSink) -> None:
        self.console = console
        self.out = out
        self._rows: list[Record] = []

    def write(self, records: Sequence[Record]) -> None:
        self._rows.extend(records)

    def close(self) -> None:
        if not self._rows:
            return
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
        table.add_column("speaker", style="bold cyan", overflow="fold")
        table.add_column("quotes", justify="right")
        table.add_column("files", justify="right")
        for row in self._rows:
            name = row["speaker"]
            cell = (
                Text(UNATTRIBUTED_LABEL, style="dim italic")
                if name is None
                else Text(name)
            )
            table.add_row(cell, str(row["quotes"]), str(row["files"]))
        self.out.write(render(self.console, table))
        self.out.flush()


def _speaker_cell(record: Record) -> Text:
    if record["speaker"] is not None:
        return Text(record["speaker"])
    if record["speaker_mention"] is not None:
        # Someone is pointed at ("a spokesperson") but not named.
        return Text(f"({record['speaker_mention']})", style="dim")
    return _NOBODY
