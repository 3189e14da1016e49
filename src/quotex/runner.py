"""Run many documents through the engine: in order, in one process or several.

:class:`Batch` turns what :func:`quotex.sources.iter_documents` yields into one
:class:`DocumentResult` per input, in input order, whatever ``jobs`` is. A
document the engine fails on (a bug) or whose worker process dies becomes a
failed result; the batch goes on. Big files, and texts with a line too long
to parse at once, are extracted piece by piece (:mod:`quotex.pieces`), their
offsets and line numbers shifted back into the whole text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from quotex.errors import InputError, QuotexError
from quotex.inputs import Document, InputFailure, LargeDocument
from quotex.pieces import PIECE_CHARS, Piece, iter_pieces, shifted
from quotex.pool import ExtractorFactory, TaskPool, WorkerPool, describe_exception
from quotex.quote import Quote
from quotex.sources import STDIN_NAME

#: Encodings nobody needs to be told about.
_PLAIN_ENCODINGS = ("utf-8", "utf-8-sig", "ascii")


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
    #: Finished by an earlier, interrupted run (see :mod:`quotex.journal`).
    resumed: bool = False

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


@dataclass(frozen=True, slots=True)
class Finished:
    """An input whose result is already known: the batch hands it on as is."""

    result: DocumentResult

    @property
    def name(self) -> str:
        return self.result.name


Item = Document | LargeDocument | InputFailure | Finished


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
    finished: DocumentResult | None = None

    @property
    def done(self) -> bool:
        return self.all_submitted and self.answered == self.submitted

    def result(self) -> DocumentResult:
        if self.finished is not None:
            return self.finished
        if self.error is not None:
            return DocumentResult(self.name, (), self.error, self.encoding)
        return DocumentResult(
            self.name, self.quotes, None, self.encoding, self.looks_like
        )


class Batch:
    """Extract the quotes of many documents; iterate for results in input order.

    Args:
        items: documents and failures, as ``iter_documents`` yields them,
            and documents already ``Finished``, handed on in their turn.
        settings: the engine to build (once per process).
        jobs: worker processes; 1 runs everything in this process.
        extractor: builds the extraction function from ``settings``; must be
            a module-level function when ``jobs > 1`` (it is sent to workers).
        piece_chars: piece size for ``LargeDocument``s, and for
            ``Document``s with a line longer than that.
        window: how many documents may be ahead of the next one to emit
            (default ``4 * jobs``), which bounds memory with slow documents.
        pool: where texts go instead of ``jobs`` worker processes (a Dask
            cluster); the batch closes it. ``jobs`` then only sizes the
            default window.

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
        pool: TaskPool | None = None,
    ) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        self.items = items
        self.settings = settings or EngineSettings()
        self.jobs = jobs
        self.extractor = extractor
        self.piece_chars = piece_chars
        self.window = window or 4 * jobs
        self._pool: TaskPool | None = pool
        self._pool_given = pool is not None
        self._extract: Callable[[str], list[Quote]] | None = None
        #: Documents in the pool, by input index, until they are yielded.
        self._slots: dict[int, _Slot] = {}

    def __iter__(self) -> Iterator[DocumentResult]:
        if self.jobs == 1 and not self._pool_given:
            return self._run_here()
        return self._run_pool()

    def held_back(self) -> int:
        """Count the documents done but not yielded: they wait for an earlier one.

        With several workers, a document that finishes before an earlier,
        slower one is held until that one is yielded, to keep input order. If
        iteration stops early (an interrupt), these are done (extracted or
        failed) but never seen. Answers the workers have sent and this process
        has not read yet are read first, so that they count too.
        """
        if self._pool is not None:
            try:
                for result in self._pool.wait(timeout=0):
                    self._record(self._slots, result.task, result.quotes, result.error)
            except QuotexError:
                pass  # a worker that can't load the model: nothing more is done
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
            if isinstance(item, Finished):
                yield item.result
                continue
            quotes: list[Quote] = []
            try:
                for piece in iter_pieces(0, item, self.piece_chars):
                    if piece.text:
                        found = self._extract_here(piece.text)
                        quotes += shifted(found, piece)
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

    # -- worker processes --------------------------------------------------

    def _run_pool(self) -> Iterator[DocumentResult]:
        if self._pool is None:
            self._pool = WorkerPool(self.jobs, self.extractor, self.settings)
        pool = self._pool
        slots = self._slots
        feed = self._feed(slots)
        parked: Piece | None = None  # too far ahead of the output to start yet
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

    def _feed(self, slots: dict[int, _Slot]) -> Iterator[Piece]:
        """Yield the pieces to extract, registering each document's slot."""
        for index, item in enumerate(self.items):
            if isinstance(item, InputFailure):
                slots[index] = _Slot(item.name, "utf-8", error=item.reason)
                slots[index].all_submitted = True
                continue
            if isinstance(item, Finished):
                slots[index] = _Slot(item.name, "utf-8", finished=item.result)
                slots[index].all_submitted = True
                continue
            slot = slots[index] = _Slot(item.name, item.encoding, item.looks_like)
            pieces = iter_pieces(index, item, self.piece_chars)
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
        piece: Piece,
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
            slot.quotes += shifted(quotes, piece)
            # Pieces of one document can come back in any order.
            slot.quotes.sort(key=lambda q: q.content.start)


class _DocumentError(Exception):
    """Extraction failed on one document; the message is the reason."""


def _reason(error: InputError, name: str) -> str:
    """The reason in an InputError's message, without the name it starts with."""
    message = str(error)
    return message.removeprefix(f"{name}: ")
