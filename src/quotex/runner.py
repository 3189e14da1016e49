"""Run many documents through the engine: in order, in one process or several.

:class:`Batch` turns what :func:`quotex.sources.iter_documents` yields into one
:class:`DocumentResult` per input, in input order, whatever ``jobs`` is. A
document the engine fails on (a bug) or whose worker process dies becomes a
failed result; the batch goes on. Big files, and texts with a line too long
to parse at once, are cut into pieces at paragraph breaks (else at spaces) and
each piece is extracted on its own, its offsets and line numbers shifted back
into the whole text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from quotex.decoding import (
    count_line_breaks,
    has_long_line,
    iter_line_starts,
    iter_text_pieces,
)
from quotex.errors import InputError
from quotex.pool import ExtractorFactory, WorkerPool, describe_exception
from quotex.quote import Quote, TextSpan
from quotex.sources import STDIN_NAME, Document, InputFailure, LargeDocument

#: Characters per piece of a big file; pieces end at paragraph breaks. Small
#: enough that a piece, with the context carried over, stays far below spaCy's
#: limit of 1,000,000 characters per text, and that parsing one paragraph of a
#: text without line breaks keeps to a few hundred megabytes.
PIECE_CHARS = 100_000
#: Encodings nobody needs to be told about.
_PLAIN_ENCODINGS = ("utf-8", "utf-8-sig", "ascii")

Item = Document | LargeDocument | InputFailure


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """Which engine to run: picklable, so workers can build the same one."""

    model: str | None = None
    lexicon: str | None = None
    full_pipeline: bool = False


def load_extractor(settings: EngineSettings) -> Callable[[str], list[Quote]]:
    """Return the cached engine's ``extract`` for ``settings``.

    Raises:
        ModelNotFoundError: the spaCy pipeline is not installed.
        ResourceError: the lexicon folder is missing or malformed.
    """
    from quotex.pipeline import get_engine  # imports spaCy

    engine = get_engine(
        settings.model, full_pipeline=settings.full_pipeline, lexicon=settings.lexicon
    )
    return engine.extract


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """The quotes of one input, or why it failed (``error``)."""

    name: str
    quotes: Sequence[Quote] = ()
    error: str | None = None
    encoding: str = "utf-8"
    #: What the text looked like instead of prose ("JSON Lines", "HTML"...).
    looks_like: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None

    @property
    def record_name(self) -> str:
        """The ``file`` of its records: standard input is ``-``."""
        return record_name(self.display_name)

    @property
    def display_name(self) -> str:
        """The name as messages and records show it: always valid Unicode."""
        return display_name(self.name)

    @property
    def unusual_encoding(self) -> str | None:
        """The encoding if the input was not UTF-8 (worth a warning)."""
        return None if self.encoding.lower() in _PLAIN_ENCODINGS else self.encoding


def record_name(name: str) -> str:
    """Map the name sources give standard input to the record's ``-``."""
    if name == STDIN_NAME:
        return "-"
    if name.startswith(STDIN_NAME + ":"):  # a JSON Lines line of stdin
        return "-" + name[len(STDIN_NAME) :]
    return name


def display_name(name: str) -> str:
    """Make a name writable as UTF-8, showing bytes that weren't as ``\\xe9``.

    A file name that isn't UTF-8 reaches Python with its odd bytes as lone
    surrogates, which no UTF-8 output (a JSON record, an export) can hold.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that stands for no byte
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return name


def shift_quote(quote: Quote, chars: int, lines: int) -> Quote:
    """Move a quote found in a piece to its place in the whole text.

    ``chars`` is the number of characters before the piece and ``lines`` the
    number of line breaks (LF, CRLF or CR) before it.
    """

    def shift(span: TextSpan | None) -> TextSpan | None:
        if span is None:
            return None
        return TextSpan(span.start + chars, span.end + chars, span.text)

    content = shift(quote.content)
    assert content is not None
    return dataclasses.replace(
        quote,
        content=content,
        mention=shift(quote.mention),
        cue=shift(quote.cue),
        line=quote.line + lines,
    )


@dataclass(slots=True)
class _Slot:
    """A document on its way through the pool, waiting for its pieces."""

    name: str
    encoding: str
    looks_like: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    error: str | None = None
    submitted: int = 0
    answered: int = 0
    all_submitted: bool = False

    @property
    def done(self) -> bool:
        return self.all_submitted and self.answered == self.submitted

    def result(self) -> DocumentResult:
        if self.error is not None:
            return DocumentResult(self.name, (), self.error, self.encoding)
        return DocumentResult(
            self.name, self.quotes, None, self.encoding, self.looks_like
        )


@dataclass(frozen=True, slots=True)
class _Piece:
    index: int  # of the document in the batch
    text: str
    chars: int  # characters of the document before ``text``
    lines: int  # line breaks of the document before ``text``
    skip: int = 0  # leading characters that are context, not new text


class Batch:
    """Extract the quotes of many documents; iterate for results in input order.

    Args:
        items: documents and failures, as ``iter_documents`` yields them.
        settings: the engine to build (once per process).
        jobs: worker processes; 1 runs everything in this process.
        extractor: builds the extraction function from ``settings``; must be
            a module-level function when ``jobs > 1`` (it is sent to workers).
        piece_chars: piece size for ``LargeDocument``s, and for
            ``Document``s with a line longer than that.
        window: how many documents may be ahead of the next one to emit
            (default ``4 * jobs``), which bounds memory with slow documents.

    Raises (while iterating):
        QuotexError: the engine cannot be built (e.g. the model is missing).
    """

    def __init__(
        self,
        items: Iterable[Item],
        settings: EngineSettings | None = None,
        *,
        jobs: int = 1,
        extractor: ExtractorFactory = load_extractor,
        piece_chars: int = PIECE_CHARS,
        window: int | None = None,
    ) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        self.items = items
        self.settings = settings or EngineSettings()
        self.jobs = jobs
        self.extractor = extractor
        self.piece_chars = piece_chars
        self.window = window or 4 * jobs
        self._pool: WorkerPool | None = None
        self._extract: Callable[[str], list[Quote]] | None = None
        #: Documents in the pool, by input index, until they are yielded.
        self._slots: dict[int, _Slot] = {}

    def __iter__(self) -> Iterator[DocumentResult]:
        if self.jobs == 1:
            return self._run_here()
        return self._run_pool()

    @property
    def held_back(self) -> int:
        """Count the documents done but not yielded: they wait for an earlier one.

        With several workers, a document that finishes before an earlier,
        slower one is held until that one is yielded, to keep input order. If
        iteration stops early (an interrupt), these are done (extracted or
        failed) but never seen.
        """
        return sum(1 for slot in self._slots.values() if slot.done)

    def close(self) -> None:
        """Stop the worker processes, if any (running tasks are abandoned)."""
        if self._pool is not None:
            self._pool.close(now=True)
            self._pool = None

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- one process -------------------------------------------------------

    def _run_here(self) -> Iterator[DocumentResult]:
        for item in self.items:
            if isinstance(item, InputFailure):
                yield DocumentResult(item.name, (), item.reason)
                continue
            quotes: list[Quote] = []
            try:
                for piece in self._pieces(0, item):
                    if piece.text:
                        found = self._extract_here(piece.text)
                        quotes += _shifted(found, piece)
            except InputError as error:
                yield DocumentResult(item.name, (), _reason(error, item.name))
                continue
            except _DocumentError as error:
                yield DocumentResult(item.name, (), str(error), item.encoding)
                continue
            yield DocumentResult(
                item.name, quotes, None, item.encoding, item.looks_like
            )

    def _extract_here(self, text: str) -> list[Quote]:
        if self._extract is None:
            # Built on the first document that needs it, so a run whose
            # inputs all fail doesn't wait for a model; errors here stop it.
            self._extract = self.extractor(self.settings)
        try:
            return self._extract(text)
        except Exception as error:  # a bug on one document must not stop the rest
            raise _DocumentError(describe_exception(error)) from error

    def _pieces(self, index: int, item: Document | LargeDocument) -> Iterator[_Piece]:
        """Yield a document's text: whole, or in pieces with their offsets.

        Each piece after the first starts with the last paragraphs of the one
        before, as context: a pronoun at the top of a piece can then find its
        antecedent, and the piece's first paragraph isn't taken for a
        headline. Quotes found in that context belong to the previous piece
        and are dropped (``_Piece.skip``).

        A document in memory is cut only if one of its lines is longer than
        a piece: the engine reads a line as a paragraph, and spaCy refuses
        (or takes gigabytes for) one of a million characters.

        Raises:
            InputError: a big file can no longer be read or decoded.
        """
        if isinstance(item, Document):
            if not has_long_line(item.text, self.piece_chars):
                yield _Piece(index, item.text, 0, 0)
                return
            texts = iter_text_pieces(item.text, self.piece_chars)
        else:
            texts = item.iter_pieces(self.piece_chars)
        chars = lines = 0
        context = ""
        for text in texts:
            yield _Piece(
                index,
                context + text,
                chars - len(context),
                lines - count_line_breaks(context),
                skip=len(context),
            )
            chars += len(text)
            lines += count_line_breaks(text)
            context = context_tail(text)

    # -- worker processes --------------------------------------------------

    def _run_pool(self) -> Iterator[DocumentResult]:
        pool = self._pool = WorkerPool(self.jobs, self.extractor, self.settings)
        slots = self._slots
        feed = self._feed(slots)
        parked: _Piece | None = None  # too far ahead of the output to start yet
        next_out = 0
        fed_all = False
        try:
            while True:
                while next_out in slots and slots[next_out].done:
                    yield slots.pop(next_out).result()
                    next_out += 1
                while not fed_all and pool.has_room():
                    piece = parked or next(feed, None)
                    parked = None
                    if piece is None:
                        fed_all = True
                    elif piece.index - next_out >= self.window:
                        parked = piece
                        break
                    else:
                        for died in pool.submit(piece, piece.text):
                            self._record(slots, died.task, None, died.error)
                if next_out in slots and slots[next_out].done:
                    continue
                if fed_all and not slots:
                    return
                if not pool.busy:  # cannot happen: every open slot has a task out
                    raise RuntimeError("batch stalled with no task running")
                for result in pool.wait():
                    self._record(slots, result.task, result.quotes, result.error)
        finally:
            self.close()

    def _feed(self, slots: dict[int, _Slot]) -> Iterator[_Piece]:
        """Yield the pieces to extract, registering each document's slot."""
        for index, item in enumerate(self.items):
            if isinstance(item, InputFailure):
                slots[index] = _Slot(item.name, "utf-8", error=item.reason)
                slots[index].all_submitted = True
                continue
            slot = slots[index] = _Slot(item.name, item.encoding, item.looks_like)
            pieces = self._pieces(index, item)
            while True:
                try:
                    piece = next(pieces, None)
                except InputError as error:
                    slot.error = slot.error or _reason(error, item.name)
                    break
                if piece is None or slot.error is not None:
                    break
                if piece.text:
                    slot.submitted += 1
                    yield piece
            slot.all_submitted = True

    @staticmethod
    def _record(
        slots: dict[int, _Slot],
        piece: _Piece,
        quotes: list[Quote] | None,
        error: str | None,
    ) -> None:
        slot = slots.get(piece.index)
        if slot is None:
            return
        slot.answered += 1
        if error is not None:
            slot.error = slot.error or error
        elif quotes is not None:
            slot.quotes += _shifted(quotes, piece)
            # Pieces of one document can come back in any order.
            slot.quotes.sort(key=lambda q: q.content.start)


class _DocumentError(Exception):
    """Extraction failed on one document; the message is the reason."""


def _shifted(quotes: Iterable[Quote], piece: _Piece) -> list[Quote]:
    if not piece.chars and not piece.lines and not piece.skip:
        return list(quotes)
    return [
        shift_quote(q, piece.chars, piece.lines)
        for q in quotes
        if q.content.start >= piece.skip
    ]


def context_tail(text: str, paragraphs: int = 3, max_chars: int = 3000) -> str:
    """Return the end of ``text`` from the start of its last non-blank lines.

    At most ``paragraphs`` non-blank lines and about ``max_chars`` characters
    (whole lines only, ending at LF, CRLF or CR); empty if the last line alone
    is longer.
    """
    window_start = max(0, len(text) - max_chars)
    # Only whole lines: inside the window, a line starts after a line break.
    starts = [0] if window_start == 0 else []
    starts += iter_line_starts(text, max(0, window_start - 1))
    cut = len(text)
    found = 0
    for start in reversed(starts):
        if found == paragraphs:
            break
        if text[start:cut].strip():
            found += 1
        cut = start
    return text[cut:]


def _reason(error: InputError, name: str) -> str:
    """The reason in an InputError's message, without the name it starts with."""
    message = str(error)
    return message.removeprefix(f"{name}: ")
