"""Show an article on the terminal with its quotes marked: who said what.

Each quotation is coloured in its speaker's colour and followed by the
speaker's name; the reporting verb (cue) is underlined and the words naming
the speaker are in bold. A quote whose speaker could not be named is
followed by the words that point at someone ("(she?)"), dimmed. A legend
counts each speaker's quotes at the end.

Without colours (``NO_COLOR``, or output that is not a terminal) the marks
are characters instead: ``[`` and ``]`` around each quotation and the
speaker in angle brackets after it, ``<Helena Vosk>`` or ``<she?>``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from quotex.marking import after_closing_mark
from quotex.quote import Quote
from quotex.speakers import UNATTRIBUTED_LABEL

#: Speakers' colours, most quoted first; they repeat past the twelfth.
PALETTE = (
    "cyan",
    "magenta",
    "green",
    "yellow",
    "bright_blue",
    "red",
    "bright_cyan",
    "bright_magenta",
    "bright_green",
    "bright_yellow",
    "blue",
    "bright_red",
)
#: How a quote nobody could be named for looks.
UNATTRIBUTED_STYLE = "bold italic"


@dataclass(frozen=True, slots=True)
class _Insert:
    """Characters added at ``position`` of the text (a mark, a label)."""

    position: int
    order: int  # at one position: 0 closes a quote, 1 labels it, 2 opens one
    text: Text


def speaker_colours(quotes: Sequence[Quote]) -> dict[str, str]:
    """Give each named speaker a colour: most quoted first, then by name."""
    counts = Counter(q.speaker for q in quotes if q.speaker is not None)
    ranked = sorted(counts, key=lambda name: (-counts[name], name.casefold()))
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(ranked)}


def highlight(text: str, quotes: Sequence[Quote], *, plain: bool = False) -> Text:
    """Return ``text`` with its quotes marked, ready to print.

    Args:
        text: the document the quotes were found in.
        quotes: its quotes (offsets index ``text``).
        plain: mark with characters instead of colours and underlines.
    """
    colours = speaker_colours(quotes)
    marked = Text(text)
    inserts: list[_Insert] = []
    for quote in quotes:
        colour = colours.get(quote.speaker or "", "")
        style = f"bold {colour}" if colour else UNATTRIBUTED_STYLE
        for span, span_style in ((quote.cue, "underline"), (quote.mention, style)):
            if span is not None:
                marked.stylize(span_style, span.start, span.end)
        start, end = quote.content.start, quote.content.end
        if plain:
            inserts.append(_Insert(start, 2, Text("[")))
            inserts.append(_Insert(end, 0, Text("]")))
        else:
            marked.stylize(colour or UNATTRIBUTED_STYLE, start, end)
        label = _label(quote, colour, plain=plain)
        inserts.append(_Insert(after_closing_mark(text, end), 1, label))
    return _assemble(marked, inserts)


def legend(quotes: Sequence[Quote], *, plain: bool = False) -> Table:
    """Return the table of speakers and their quote counts, most quoted first."""
    colours = speaker_colours(quotes)
    counts = Counter(quote.speaker for quote in quotes)
    table = Table(box=None, show_header=False, pad_edge=False, title_justify="left")
    table.add_column("", no_wrap=True)
    table.add_column("speaker")
    table.add_column("quotes", justify="right")
    for name, colour in colours.items():
        swatch = "" if plain else "██"
        table.add_row(
            Text(swatch, style=colour), Text(name, style="bold"), str(counts[name])
        )
    if counts[None]:
        table.add_row("", Text(UNATTRIBUTED_LABEL, style="dim"), str(counts[None]))
    return table


def render_document(
    name: str, text: str, quotes: Sequence[Quote], *, plain: bool = False
) -> RenderableType:
    """Return a document's view: a header, the marked text and the legend."""
    count = len(quotes)
    header = Text.assemble(
        (name, "bold"), (f"  {count} quote{'' if count == 1 else 's'}", "dim")
    )
    parts: list[RenderableType] = [
        Rule(header, align="left", style="dim"),
        highlight(text.rstrip("\n"), quotes, plain=plain),
    ]
    if quotes:
        parts += [Text(""), Text("Speakers", style="bold"), legend(quotes, plain=plain)]
    return Group(*parts, Text(""))


def show(
    text: str,
    quotes: Sequence[Quote] | None = None,
    *,
    name: str = "-",
    console: Console | None = None,
    model: str | None = None,
    lexicon: str | None = None,
) -> None:
    """Print ``text`` with every quotation marked by speaker, then a legend.

    Args:
        text: the article.
        quotes: its quotes; found with ``quotex.extract`` when None.
        name: what the header calls the document.
        console: where to print (default: standard output); without colours
            (``NO_COLOR``, not a terminal) quotations are marked ``[…]``.
        model, lexicon: as for ``quotex.extract``, when quotes are found here.

    Raises:
        ModelNotFoundError: quotes are to be found and the model is missing.
    """
    if quotes is None:
        from quotex.pipeline import extract  # imports spaCy

        quotes = extract(text, model=model, lexicon=lexicon)
    console = console or Console(highlight=False)
    console.print(render_document(name, text, quotes, plain=plain_marks(console)))


def plain_marks(console: Console) -> bool:
    """Whether marks must be characters: the console shows no colour."""
    return console.no_color or console.color_system is None


def _label(quote: Quote, colour: str, *, plain: bool) -> Text:
    """What follows a quotation: its speaker, else the mention, dimmed."""
    if quote.speaker is not None:
        if plain:
            return Text(f" <{quote.speaker}>")
        return Text.assemble(" ", (f" {quote.speaker} ", f"bold reverse {colour}"))
    hint = f"{quote.mention.text}?" if quote.mention is not None else "?"
    return Text(f" <{hint}>" if plain else f" ({hint})", style="dim")


def _assemble(marked: Text, inserts: list[_Insert]) -> Text:
    """Cut ``marked`` at each insert's position and put the insert there."""
    inserts.sort(key=lambda insert: (insert.position, insert.order))
    pieces: list[Text] = []
    previous = 0
    for insert in inserts:
        pieces.append(marked[previous : insert.position])
        pieces.append(insert.text)
        previous = insert.position
    pieces.append(marked[previous:])
    result = Text()
    for piece in pieces:
        result.append_text(piece)
    return result
