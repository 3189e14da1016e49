"""Keep the documents a run has finished, so an interrupted run can resume.

A run that writes an export (``-o PATH``) notes each document it finishes in
``PATH.partial``, beside the export: a JSON Lines file whose first line says
which engine made it, and each further line one document, whole, with all
its quotes (before any filter). A line is written in one call and flushed as
soon as its document is done, so a run stopped at any moment, even killed,
leaves only whole documents in the journal (a last line cut short by a crash
is ignored). The export itself is written only when the run ends.

``--resume`` reads the journal back: an input whose name and text are those
of a finished document is not extracted again but given its noted quotes,
and goes through the writers in its place, so the export is the same, byte
for byte, as that of a run that was never stopped. Inputs are matched by
name and a digest of their text, never by position: a folder that gained
files, an edited file, or standard input piped in again all resume
correctly, re-extracting only what is new or changed. When the export is
written, the journal is removed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from quotex.errors import QuotexError
from quotex.inputs import Document
from quotex.quote import Quote, TextSpan
from quotex.runner import DocumentResult, Finished, Item

JOURNAL_SUFFIX = ".partial"
#: The journal's own format; a journal of another format is refused.
FORMAT = 1


class JournalError(QuotexError):
    """A journal cannot be resumed from: another engine made it, or it is unreadable."""


def journal_path(output: Path) -> Path:
    """Return where the journal of the export at ``output`` lives."""
    return output.with_name(output.name + JOURNAL_SUFFIX)


@dataclass(frozen=True, slots=True)
class JournalHeader:
    """What made a journal's quotes: documents resume only under the same."""

    quotex: str
    model: str | None
    lexicon: str | None
    full_pipeline: bool

    def differences(self, other: JournalHeader) -> list[str]:
        """Name each setting that differs, as ``model: 'a' then, 'b' now``."""
        before, now = asdict(self), asdict(other)
        return [
            f"{key}: {before[key]!r} then, {now[key]!r} now"
            for key in before
            if before[key] != now[key]
        ]


@dataclass(frozen=True, slots=True)
class FinishedDocument:
    """A document an earlier run finished: its name, its text's digest, its quotes."""

    name: str
    digest: str
    quotes: tuple[Quote, ...]


def text_digest(text: str) -> str:
    """Return a short digest of a document's text, to know it again."""
    data = text.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Journal:
    """The journal a run appends finished documents to.

    Raises:
        OSError: the journal cannot be created or written.
    """

    def __init__(self, path: Path, header: JournalHeader) -> None:
        self.path = path
        self.header = header
        self.documents = 0
        self._fd: int | None = None

    def start(self, earlier: EarlierRun | None = None) -> None:
        """Begin the journal afresh, or go on from ``earlier``'s whole lines.

        Going on keeps the earlier lines as they are (a resumed run stopped
        again loses nothing) and cuts off a last line a crash left unfinished.
        """
        if earlier is None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND
            self._fd = os.open(self.path, flags, 0o666)
            header = {"quotex_journal": FORMAT, **asdict(self.header)}
            self._write(_dumps(header))
            return
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        os.truncate(self._fd, earlier.size)
        self.documents = len(earlier.documents)

    def add(self, name: str, text: str, quotes: Iterable[Quote]) -> None:
        """Note a finished document: one line, in one write, straight to the file."""
        if self._fd is None:
            raise RuntimeError("the journal is not started")
        document = FinishedDocument(name, text_digest(text), tuple(quotes))
        self._write(_dumps(_document_json(document)))
        self.documents += 1

    def _write(self, line: str) -> None:
        assert self._fd is not None
        data = (line + "\n").encode("utf-8")
        while data:
            written = os.write(self._fd, data)
            data = data[written:]

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        """Close and delete the journal: its export is written."""
        self.close()
        self.path.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class EarlierRun:
    """What a journal holds: the documents finished, and the bytes of whole lines."""

    documents: list[FinishedDocument]
    size: int


def read_journal(path: Path, expected: JournalHeader) -> EarlierRun:
    """Return the documents a journal holds, in the order they were finished.

    Raises:
        FileNotFoundError: there is no journal at ``path``.
        JournalError: it is not a journal, or a different engine made it.
    """
    documents = []
    with path.open("rb") as stream:
        first = stream.readline()
        header = _header(path, first)
        changed = header.differences(expected)
        if changed:
            raise JournalError(
                f"{path} was made with other settings ({'; '.join(changed)}): "
                "rerun with those, or without --resume to start over"
            )
        size = len(first)
        for line in stream:
            try:
                if not line.endswith(b"\n"):
                    raise ValueError("a line cut short")
                documents.append(_document(json.loads(line)))
            except (ValueError, KeyError, TypeError):
                # A crash can cut the last line short; that document is
                # simply done again.
                break
            size += len(line)
    return EarlierRun(documents, size)


class Resumption:
    """Stand an earlier run's finished documents in for the inputs they match.

    Iterate :meth:`replace` over the inputs: a :class:`Document` whose name
    and text match a finished document comes out as that document's result
    instead, so the batch doesn't extract it again. Two inputs of the same
    name and text each take one noted document.
    """

    def __init__(self, finished: Iterable[FinishedDocument]) -> None:
        self._by_key: dict[tuple[str, str], deque[FinishedDocument]] = {}
        for document in finished:
            key = (document.name, document.digest)
            self._by_key.setdefault(key, deque()).append(document)
        self.matched = 0

    def __len__(self) -> int:
        return sum(len(queue) for queue in self._by_key.values())

    def replace(self, items: Iterable[Item]) -> Iterator[Item]:
        """Pass the inputs on, each finished one as its earlier result."""
        for item in items:
            done = self.take(item) if isinstance(item, Document) else None
            if done is None or not isinstance(item, Document):
                yield item
                continue
            yield Finished(
                DocumentResult(
                    item.name,
                    done.quotes,
                    encoding=item.encoding,
                    looks_like=item.looks_like,
                    resumed=True,
                )
            )

    def take(self, document: Document) -> FinishedDocument | None:
        """Return (once) the finished document matching ``document``, if any."""
        if not self._by_key:
            return None
        queue = self._by_key.get((document.name, text_digest(document.text)))
        if not queue:
            return None
        self.matched += 1
        return queue.popleft()


def _header(path: Path, line: bytes) -> JournalHeader:
    try:
        values = json.loads(line)
        if values.pop("quotex_journal") != FORMAT:
            raise ValueError("another journal format")
        return JournalHeader(**values)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise JournalError(f"{path} is not a quotex journal") from None


def _dumps(value: Any) -> str:
    # ASCII escapes keep file names that are not valid UTF-8 (lone
    # surrogates) as they are, through the file and back.
    return json.dumps(value, separators=(",", ":"))


def _span(span: TextSpan | None) -> list[Any] | None:
    return None if span is None else [span.start, span.end, span.text]


def _text_span(value: list[Any] | None) -> TextSpan | None:
    if value is None:
        return None
    start, end, text = value
    return TextSpan(int(start), int(end), str(text))


def _document_json(document: FinishedDocument) -> dict[str, Any]:
    return {
        "name": document.name,
        "digest": document.digest,
        "quotes": [
            # The confidence unrounded: records round it, views may not.
            [
                _span(quote.content),
                quote.line,
                quote.type,
                quote.speaker,
                _span(quote.mention),
                _span(quote.cue),
                quote.confidence,
            ]
            for quote in document.quotes
        ],
    }


def _document(value: dict[str, Any]) -> FinishedDocument:
    quotes = []
    for content, line, kind, speaker, mention, cue, confidence in value["quotes"]:
        span = _text_span(content)
        if span is None:
            raise ValueError("a quote without content")
        quotes.append(
            Quote(
                span,
                int(line),
                kind,
                speaker,
                _text_span(mention),
                _text_span(cue),
                float(confidence),
            )
        )
    return FinishedDocument(str(value["name"]), str(value["digest"]), tuple(quotes))
