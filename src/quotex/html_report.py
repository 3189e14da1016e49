"""Write the HTML report: every article with its quotes marked by speaker.

One self-contained file a person opens in a browser, offline: styles and
the small filtering script are inline, nothing is fetched. It holds an
overview (counts and a chart of the most quoted speakers), a table of
speakers linking to each of their quotations, and each document's text
with every quotation highlighted in its speaker's colour and the speaker
named beside it; the cue, mention and confidence show on hover or focus.

Everything that comes from the input (texts, names, file names) is
escaped, and a Content-Security-Policy lets only the report's own style
and script run: an article holding ``<script>`` shows it as text.

Documents are rendered as they come and kept in a temporary file, so a
batch of thousands of articles needs memory for its speakers only; the
page is put together at :meth:`HtmlReport.close`.
"""

from __future__ import annotations

import base64
import hashlib
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, TextIO

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from quotex.documents import AnnotatedDocument
from quotex.formats import TextSink
from quotex.marking import SpeakerKeys, marked_text, quote_list
from quotex.quote import Quote

#: Bars in the overview's chart.
CHART_SPEAKERS = 10
#: Speaker colours in report.css (.c0 … .c11); they repeat past the twelfth.
COLOURS = 12

_ENVIRONMENT = Environment(
    loader=PackageLoader("quotex", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(slots=True)
class _Speaker:
    """What the speakers table and chart say about one speaker."""

    key: str
    name: str | None
    colour: str
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (id, label)
    documents: int = 0


class HtmlReport:
    """Collect documents one at a time; write the whole page at :meth:`close`.

    Args:
        out: where the page goes (a text stream, written at ``close``).
        title: the page's title and heading.
    """

    def __init__(self, out: TextSink, *, title: str = "Quotes and speakers"):
        self.out = out
        self.title = title
        self._keys = SpeakerKeys(COLOURS)
        self._speakers: dict[str | None, _Speaker] = {}
        self._documents = 0
        self._quotes = 0
        # Closed in close(): it outlives this call by design.
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._document_template = _ENVIRONMENT.get_template("document.html.j2")

    def add(self, document: AnnotatedDocument) -> None:
        """Render one document into the report."""
        index = self._documents
        self._documents += 1
        self._quotes += len(document.quotes)
        ids = [f"q{index}-{i}" for i in range(len(document.quotes))]
        seen: set[str | None] = set()
        for quote_id, quote in zip(ids, document.quotes, strict=True):
            speaker = self._speaker(quote.speaker)
            speaker.quotes.append((quote_id, _snippet(document.name, quote.text)))
            if quote.speaker not in seen:
                seen.add(quote.speaker)
                speaker.documents += 1
        if document.text is None:
            body = quote_list(document.quotes, ids, self._keys)
        else:
            body = marked_text(document.text, document.quotes, ids, self._keys)
        self._spool.write(
            self._document_template.render(
                index=index,
                name=document.name,
                count=len(document.quotes),
                whole=document.text is not None,
                body=body,
            )
        )

    def close(self) -> None:
        """Write the page to ``out``; the temporary file goes away."""
        speakers = self._ranked()
        named = [s for s in speakers if s.name is not None]
        top = named[:CHART_SPEAKERS]
        css = _asset("report.css")
        script = _asset("report.js")
        page = _ENVIRONMENT.get_template("report.html.j2").stream(
            title=self.title,
            css=Markup(css),  # quotex's own stylesheet: not escaped
            script=Markup(script),  # quotex's own script
            policy=_policy(css, script),
            documents=self._documents,
            quotes=self._quotes,
            speakers=speakers,
            named=len(named),
            unattributed=self._speakers.get(None),
            chart=_chart(top),
            sections=self._sections(),
        )
        for piece in page:
            self.out.write(piece)
        self.out.flush()
        self._spool.close()

    def _speaker(self, name: str | None) -> _Speaker:
        speaker = self._speakers.get(name)
        if speaker is None:
            key, colour = self._keys.of(name)
            speaker = self._speakers[name] = _Speaker(key, name, colour)
        return speaker

    def _ranked(self) -> list[_Speaker]:
        """Most quoted first, then by name; the unattributed last."""
        named = [s for s in self._speakers.values() if s.name is not None]
        named.sort(key=lambda s: (-len(s.quotes), (s.name or "").casefold()))
        rest = self._speakers.get(None)
        return named + ([rest] if rest is not None else [])

    def _sections(self) -> Iterator[Markup]:
        """The documents' HTML, read back from the temporary file."""
        self._spool.seek(0)
        while chunk := self._spool.read(1 << 20):
            yield Markup(chunk)  # rendered by add(), which escaped it


def report(
    documents: Iterable[AnnotatedDocument | tuple[str, str, Sequence[Quote]]],
    out: TextIO | IO[str] | str | Path,
    *,
    title: str = "Quotes and speakers",
) -> None:
    """Write an HTML report of ``documents`` to ``out`` (a stream or a path).

    Each document is an :class:`AnnotatedDocument` or a ``(name, text,
    quotes)`` tuple; quotes come from ``quotex.extract(text)``.

    Raises:
        OSError: ``out`` can't be written.
    """
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8") as stream:
            report(documents, stream, title=title)
        return
    page = HtmlReport(out, title=title)
    for document in documents:
        if not isinstance(document, AnnotatedDocument):
            document = AnnotatedDocument(*document)
        page.add(document)
    page.close()


@dataclass(frozen=True, slots=True)
class _Bar:
    key: str
    label: str
    name: str
    colour: str
    count: int
    width: float
    y: int


def _chart(speakers: Sequence[_Speaker]) -> list[_Bar]:
    """Bars for the most quoted speakers: widths out of 100, rows 28 apart."""
    most = max((len(s.quotes) for s in speakers), default=1)
    return [
        _Bar(
            key=s.key,
            label=_shorten(s.name or "", 26),
            name=s.name or "",
            colour=s.colour,
            count=len(s.quotes),
            width=round(100 * len(s.quotes) / most, 2),
            y=28 * row,
        )
        for row, s in enumerate(speakers)
    ]


def _snippet(name: str, quote: str) -> str:
    return f"{name}: “{_shorten(quote, 60)}”"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _asset(name: str) -> str:
    return (resources.files("quotex") / "templates" / name).read_text("utf-8")


def _policy(css: str, script: str) -> str:
    """Allow this page's own style and script, and nothing else at all."""
    return (
        "default-src 'none'; "
        f"style-src '{_sha256(css)}'; script-src '{_sha256(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
