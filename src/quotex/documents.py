"""Documents with their text and quotes, for the views that show both.

The batch machinery (:mod:`quotex.runner`) hands out each document's quotes
only. ``quotex show`` and the HTML report also need the text the offsets
point into, which for a web page is the article text quotex read from it,
not the file. :class:`TextKeeper` notes each document's text on its way into
a batch and gives it back beside that document's result: a batch answers
every input exactly once, in input order, so the two always pair up.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from quotex.filters import QuoteFilter
from quotex.inputs import Document, InputFormat
from quotex.quote import Quote
from quotex.runner import Batch, EngineSettings, Item
from quotex.sources import iter_documents


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """A document's name, its text and the quotes found in it.

    ``text`` is None for a file too big to hold in memory (over 16 MB),
    which the views list by its quotes alone.
    """

    name: str
    text: str | None
    quotes: Sequence[Quote]


@runtime_checkable
class DocumentWriter(Protocol):
    """An output that shows quotes in their text, so takes whole documents."""

    def add(self, document: AnnotatedDocument) -> None:
        """Take one document with its text and quotes."""

    def close(self) -> None:
        """Finish the output."""


class TextKeeper:
    """Pass a batch's inputs through, keeping each one's text until asked.

    Iterate over it in place of the inputs; after each result comes out of
    the batch, :meth:`take` returns the text of the input it answers.
    """

    def __init__(self, items: Iterable[Item]) -> None:
        self._items = items
        self._texts: deque[tuple[str, str | None]] = deque()

    def __iter__(self) -> Iterator[Item]:
        for item in self._items:
            text = item.text if isinstance(item, Document) else None
            self._texts.append((item.name, text))
            yield item

    def take(self, name: str) -> str | None:
        """Return (and forget) the text of the oldest input, named ``name``.

        None when that input has no text in memory, or when the oldest
        input noted is not that one (a result that answers no input read
        here): a text is never given to another document.
        """
        if not self._texts or self._texts[0][0] != name:
            return None
        return self._texts.popleft()[1]


def iter_annotated(
    paths: Sequence[str | Path],
    *,
    settings: EngineSettings | None = None,
    keep: QuoteFilter | None = None,
    input_format: InputFormat | str = InputFormat.AUTO,
    glob: str = "*.txt",
    text_field: str = "text",
    id_field: str = "id",
    on_failure: Callable[[str, str], None] | None = None,
    jobs: int = 1,
) -> Iterator[AnnotatedDocument]:
    """Yield each input's text and (kept) quotes, in input order.

    Inputs that can't be read are passed to ``on_failure(name, reason)`` and
    skipped. The arguments mean what they mean for ``quotex extract``.

    Raises:
        QuotexError: nothing can run (e.g. the model is missing).
    """
    keep = keep or QuoteFilter()
    items = TextKeeper(
        iter_documents(
            paths,
            glob=glob,
            input_format=input_format,
            text_field=text_field,
            id_field=id_field,
        )
    )
    with Batch(items, settings, jobs=jobs) as batch:
        for result in batch:
            text = items.take(result.name)
            if result.error is not None:
                if on_failure is not None:
                    on_failure(result.display_name, result.error)
                continue
            quotes = [quote for quote in result.quotes if keep(quote)]
            yield AnnotatedDocument(result.record_name, text, quotes)
