"""Rich tables: the people's view of quotes and speakers.

Quotes are printed as each document is done, so a big batch scrolls by
instead of waiting for the end, and memory stays flat. Every document gets a
line with its name and rows in columns whose widths are fixed once for the
whole run from the terminal's width, so the columns line up from one
document to the next and the quote keeps at least half of an 80-column
terminal. Rich drops colours when ``NO_COLOR`` is set or the output is not a
terminal. The console only lays things out: each document's lines go to the
output in one write, so a document, like its records, is never cut short.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from quotex.formats import Record, TextSink
from quotex.speakers import UNATTRIBUTED_LABEL

_NOBODY = Text("—", style="dim")
#: Spaces between two columns (one of padding on each side).
_GAP = 2


@dataclass(frozen=True, slots=True)
class QuoteColumns:
    """Widths of the speaker, quote, cue and line columns, in cells."""

    speaker: int
    quote: int
    cue: int
    line: int

    @classmethod
    def for_width(cls, width: int) -> QuoteColumns:
        """Share ``width`` cells out, giving the quote what the others leave.

        At 80 columns: speaker 16, quote 43, cue 10, line 5.
        """
        line = 5
        cue = 14 if width >= 120 else 10
        speaker = max(10, min(24, width // 5))
        quote = max(10, width - speaker - cue - line - 3 * _GAP)
        return cls(speaker, quote, cue, line)


def render(console: Console, *renderables: RenderableType, **options: Any) -> str:
    """Return what ``console.print(...)`` would write, colours included."""
    with console.capture() as capture:
        for renderable in renderables:
            console.print(renderable, **options)
    return capture.get()


class QuoteTableWriter:
    """Print each document's quotes under a line naming the document.

    The column headings come once, at the top; every document's rows use the
    same column widths.
    """

    def __init__(self, console: Console, out: TextSink) -> None:
        self.console = console
        self.out = out
        self.columns = QuoteColumns.for_width(console.width)
        self._headed = False

    def write(self, records: Sequence[Record]) -> None:
        if not records:
            return
        parts = []
        if not self._headed:
            parts.append(render(self.console, self._table(header=True)))
            self._headed = True
        count = len(records)
        title = Text.assemble(
            (records[0]["file"], "bold"),
            (f"  {count} quote{'' if count == 1 else 's'}", "dim"),
        )
        if title.cell_len + 4 <= self.console.width:
            parts.append(render(self.console, Rule(title, align="left", style="dim")))
        else:  # a long path is shown whole, folded, rather than cut short
            parts.append(render(self.console, title, overflow="fold"))
        table = self._table(header=False)
        for record in records:
            table.add_row(
                _speaker_cell(record),
                Text(record["quote"]),
                Text(record["cue"] or ""),
                Text(str(record["line"])),
            )
        parts.append(render(self.console, table))
        self.out.write("".join(parts))
        self.out.flush()

    def close(self) -> None:
        """Nothing to finish: each document is complete when printed."""

    def _table(self, *, header: bool) -> Table:
        table = Table(
            box=None,
            show_header=header,
            show_edge=False,
            header_style="bold",
            pad_edge=False,
            expand=False,
        )
        widths = self.columns
        table.add_column(
            "speaker", style="bold cyan", width=widths.speaker, overflow="fold"
        )
        table.add_column("quote", width=widths.quote, overflow="fold")
        table.add_column("cue", style="green", width=widths.cue, overflow="fold")
        table.add_column("line", style="dim", width=widths.line, justify="right")
        return table


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
