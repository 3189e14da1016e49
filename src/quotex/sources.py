"""Read what quotex works on: files, standard input, FIFOs and JSON Lines.

:func:`quotex.inputs.find_inputs` says what to read and as what; here every
input becomes a ``Document`` (decoded text), a ``LargeDocument`` (a file too
big to hold in memory, read in pieces) or an ``InputFailure`` (a short reason
it could not be read). One bad input never stops a batch.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import stat
import sys
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from quotex.decoding import (
    NOT_TEXT,
    DecodingError,
    bom_encoding,
    decode_text,
    describe_decode_error,
    detect_stream_encoding,
    iter_decoded_pieces,
    reject_binary_magic,
)
from quotex.errors import InputError
from quotex.inputs import (
    Found,
    InputFailure,
    InputFormat,
    InputPath,
    find_inputs,
    looks_like,
    os_reason,
)

#: Files bigger than this are read in pieces instead of all at once.
LARGE_FILE_BYTES = 16 * 1024 * 1024
#: The name standard input gets in records and error messages.
STDIN_NAME = "<stdin>"

# How much of an overlong JSON Lines line is read at a time to skip it.
_SKIP_CHUNK = 1024 * 1024
# How much of a large file's start tells what it looks like.
_SNIFF_BYTES = 64 * 1024

__all__ = [
    "STDIN_NAME",
    "Document",
    "InputFailure",
    "LargeDocument",
    "iter_documents",
    "read_inputs",
]


@dataclass(frozen=True, slots=True)
class Document:
    """One input document; ``text`` is exactly the decoded content.

    Nothing is normalized (CRLF stays CRLF) except that a byte order mark is
    dropped, so offsets into ``text`` are offsets into the decoded file.
    """

    name: str
    text: str
    encoding: str = "utf-8"
    #: What a text read as prose looks like instead ("JSON Lines", "JSON",
    #: "HTML"), worth a warning; None for prose.
    looks_like: str | None = None


@dataclass(frozen=True, slots=True, weakref_slot=True)
class LargeDocument:
    """A file too big to decode at once: read it with ``iter_pieces``.

    ``encoding`` was checked against the whole file when it was found, and
    ``size`` is in bytes. For standard input, ``path`` is a temporary copy
    that is deleted once this object is garbage collected.
    """

    name: str
    path: Path
    encoding: str
    size: int
    looks_like: str | None = None

    def iter_pieces(self, piece_chars: int = 1_000_000) -> Iterator[str]:
        """Yield consecutive pieces whose concatenation is the decoded text.

        A piece holds at most ``piece_chars`` characters and ends, by
        preference, at a blank line, a newline or whitespace.

        Raises:
            InputError: the file changed and can no longer be read or decoded.
            ValueError: ``piece_chars`` is below 1.
        """
        try:
            with self.path.open("rb") as stream:
                yield from iter_decoded_pieces(stream, self.encoding, piece_chars)
        except OSError as error:
            raise InputError(f"{self.name}: {os_reason(error)}") from error
        except DecodingError as error:
            raise InputError(f"{self.name}: {error.reason}") from error


Item = Document | LargeDocument | InputFailure


@dataclass(frozen=True, slots=True)
class _Options:
    text_field: str
    id_field: str
    large_file_bytes: int


def iter_documents(
    paths: Sequence[str | Path],
    *,
    glob: str = "*.txt",
    input_format: InputFormat | str = InputFormat.AUTO,
    text_field: str = "text",
    id_field: str = "id",
    stdin: TextIO | BinaryIO | None = None,
    large_file_bytes: int = LARGE_FILE_BYTES,
) -> Iterator[Item]:
    """Return an iterator of one document or failure per input, read lazily.

    Each file is opened only when the iterator reaches it, so a file removed
    mid-run becomes an ``InputFailure`` at its turn and the batch goes on.

    Args:
        paths: Files, folders (walked recursively in sorted order, skipping
            hidden entries and names that don't match ``glob``) and ``-`` for
            standard input. A named FIFO is read like standard input.
        glob: Pattern for file names inside folders; named files always count.
        input_format: ``text`` makes each file one document; ``jsonl`` makes
            each line one document, its text in ``text_field`` and its name
            in ``id_field`` (else ``"<source>:<line number>"``); ``auto``
            reads ``.jsonl`` and ``.ndjson`` files as JSON Lines and anything
            else as text.
        stdin: Stream read for ``-``; ``sys.stdin`` when None.
        large_file_bytes: Files bigger than this become ``LargeDocument``s;
            a JSON Lines line bigger than this is a failure.

    Raises:
        ValueError: ``input_format`` is unknown (problems with inputs are
            yielded as ``InputFailure``, never raised).
    """
    found = find_inputs(paths, glob=glob, input_format=input_format)
    return read_inputs(
        found,
        text_field=text_field,
        id_field=id_field,
        stdin=stdin,
        large_file_bytes=large_file_bytes,
    )


def read_inputs(
    found: Iterable[Found],
    *,
    text_field: str = "text",
    id_field: str = "id",
    stdin: TextIO | BinaryIO | None = None,
    large_file_bytes: int = LARGE_FILE_BYTES,
) -> Iterator[Item]:
    """Read what :func:`quotex.inputs.find_inputs` found, lazily, in order.

    An input read as text gives one document or failure; a JSON Lines input
    gives one per line. Arguments are as for :func:`iter_documents`.
    """
    options = _Options(text_field, id_field, large_file_bytes)
    for item in found:
        if isinstance(item, InputFailure):
            yield item
        elif str(item.path) == "-":
            yield from _read_stdin(stdin, item.read_as, options)
        else:
            yield from _read_path(item, options)


def _read_path(item: InputPath, options: _Options) -> Iterator[Item]:
    """Read a path the user named, or one found in a folder."""
    name = str(item.path)
    try:
        mode = item.path.stat().st_mode
    except OSError as error:
        yield InputFailure(name, os_reason(error))
        return
    if stat.S_ISREG(mode):
        yield from _read_file(item.path, item.read_as, options)
    elif item.named and stat.S_ISFIFO(mode):
        # Process substitution, as in `quotex extract <(curl ...)`.
        try:
            with item.path.open("rb") as stream:
                yield from _STREAM_READERS[item.read_as](stream, name, options)
        except OSError as error:
            yield InputFailure(name, os_reason(error))
    else:
        kind = "file or folder" if item.named else "file"
        yield InputFailure(name, f"not a regular {kind}")


def _read_file(path: Path, read_as: InputFormat, options: _Options) -> Iterator[Item]:
    name = str(path)
    if read_as is not InputFormat.TEXT:  # documents come as the file is read
        try:
            with path.open("rb") as stream:
                yield from _STREAM_READERS[read_as](stream, name, options)
        except OSError as error:
            yield InputFailure(name, os_reason(error))
        return
    # A text file is one document: it is closed before the document goes out.
    try:
        with path.open("rb") as stream:
            result = _read_text_file(stream, path, options)
    except OSError as error:
        result = InputFailure(name, os_reason(error))
    yield result


def _read_text_file(stream: BinaryIO, path: Path, options: _Options) -> Item:
    """Decode a file whole, or check it for reading in pieces if it is large.

    Raises:
        OSError: the file cannot be read.
    """
    name = str(path)
    try:
        size = os.fstat(stream.fileno()).st_size
        if size > options.large_file_bytes:
            encoding = detect_stream_encoding(stream)
            kind = _head_looks_like(stream, encoding)
            return LargeDocument(name, path, encoding, size, kind)
        text, encoding = decode_text(stream.read())
    except DecodingError as error:
        return InputFailure(name, error.reason)
    return Document(name, text, encoding, looks_like(text))


def _head_looks_like(stream: IO[bytes], encoding: str) -> str | None:
    """Say what the start of a large seekable file looks like (see looks_like)."""
    stream.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)(errors="ignore")
    return looks_like(decoder.decode(stream.read(_SNIFF_BYTES)))


def _read_stdin(
    stdin: TextIO | BinaryIO | None, read_as: InputFormat, options: _Options
) -> Iterator[Item]:
    source = stdin if stdin is not None else sys.stdin
    # Read the bytes under a text stream, so stdin is decoded like a file.
    stream: IO[Any] = getattr(source, "buffer", None) or source
    try:
        yield from _STREAM_READERS[read_as](stream, STDIN_NAME, options)
    except OSError as error:
        yield InputFailure(STDIN_NAME, os_reason(error))


def _read_text_stream(stream: IO[Any], name: str, options: _Options) -> Iterator[Item]:
    """Read a stream that can't seek as one text; spool it to a file if large.

    Raises:
        OSError: the stream or the temporary file fails.
    """
    head = _read_up_to(stream, options.large_file_bytes + 1)
    if isinstance(head, str):  # an in-memory text stream: already decoded
        text = head + stream.read()
        yield Document(name, text, looks_like=looks_like(text))
        return
    if len(head) <= options.large_file_bytes:
        try:
            text, encoding = decode_text(head)
        except DecodingError as error:
            yield InputFailure(name, error.reason)
            return
        yield Document(name, text, encoding, looks_like(text))
        return
    path: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            prefix="quotex-", suffix=".txt", delete=False
        ) as spool:
            path = Path(spool.name)
            spool.write(head)
            shutil.copyfileobj(stream, spool)
            size = spool.tell()
            encoding = detect_stream_encoding(spool)
            kind = _head_looks_like(spool, encoding)
    except BaseException as error:  # don't leave the copy behind, whatever failed
        if path is not None:
            path.unlink(missing_ok=True)
        if not isinstance(error, DecodingError):
            raise
        yield InputFailure(name, error.reason)
        return
    document = LargeDocument(name, path, encoding, size, kind)
    # The copy lives as long as the object that points to it.
    weakref.finalize(document, path.unlink, missing_ok=True)
    yield document


def _read_up_to(stream: IO[Any], size: int) -> bytes | str:
    """Read ``size`` bytes or up to the end; pipes may return less per call."""
    parts = []
    remaining = size
    while remaining > 0:
        part = stream.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    if parts and isinstance(parts[0], str):
        return "".join(parts)
    return b"".join(parts)


def _iter_jsonl(
    stream: IO[Any], source: str, options: _Options
) -> Iterator[Document | InputFailure]:
    """Yield one document per JSON Lines record, or a failure naming the line."""
    limit = options.large_file_bytes
    for number, (line, whole) in enumerate(_iter_capped_lines(stream, limit), 1):
        name = f"{source}:{number}"
        if isinstance(line, bytes):
            if number == 1:
                problem = _jsonl_start_problem(line)
                if problem is not None:
                    yield InputFailure(source, problem)
                    return
                line = line.removeprefix(codecs.BOM_UTF8)
            if not whole:
                yield InputFailure(name, f"line longer than {limit:,} bytes")
                continue
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as error:
                yield InputFailure(name, describe_decode_error(error, "utf-8"))
                continue
        elif not whole:
            yield InputFailure(name, f"line longer than {limit:,} characters")
            continue
        elif number == 1:
            line = line.removeprefix("\ufeff")
        if line.strip():
            yield _parse_record(line, name, options)


def _iter_capped_lines(
    stream: IO[Any], limit: int
) -> Iterator[tuple[bytes | str, bool]]:
    """Yield ``(line, whole)``: a line longer than ``limit`` comes cut short.

    The rest of a long line is read and dropped in small parts, so one
    enormous line (a file without line breaks) never sits in memory.
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) <= limit or line.endswith(newline):
            yield line, True
            continue
        rest = line
        while rest and not rest.endswith(newline):
            rest = stream.readline(_SKIP_CHUNK)
        yield line, False


def _jsonl_start_problem(first_line: bytes) -> str | None:
    """Return why a JSON Lines source can't be read, judging by its start."""
    try:
        reject_binary_magic(first_line[:16])
    except DecodingError:
        return NOT_TEXT
    encoding = bom_encoding(first_line)
    if encoding is not None and encoding != "utf-8-sig":
        # JSON Lines is UTF-8 by definition; splitting UTF-16 at b"\n" would
        # garble every line.
        return f"JSON Lines must be UTF-8, not {encoding}"
    return None


def _parse_record(line: str, name: str, options: _Options) -> Document | InputFailure:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return InputFailure(
            name, f"not valid JSON ({error.msg} at column {error.colno})"
        )
    if not isinstance(record, dict):
        return InputFailure(name, "not a JSON object")
    text = record.get(options.text_field)
    if not isinstance(text, str):
        return InputFailure(
            name, f"field {options.text_field!r} missing or not a string"
        )
    identifier = record.get(options.id_field)
    document = Document(name if identifier is None else str(identifier), text)
    # JSON can escape half of a surrogate pair ("\ud800"), which no encoding
    # can write back out: such a record would fail in the engine or the output.
    for field_name, value in (
        (options.text_field, text),
        (options.id_field, document.name),
    ):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            return InputFailure(
                name,
                f"field {field_name!r} is not valid Unicode "
                f"(lone surrogate at character {error.start})",
            )
    return document


#: How a stream (standard input, a FIFO, a file not read as text) becomes
#: documents, for each input format.
_StreamReader = Callable[[IO[Any], str, _Options], Iterator[Item]]
_STREAM_READERS: dict[InputFormat, _StreamReader] = {
    InputFormat.TEXT: _read_text_stream,
    InputFormat.JSONL: _iter_jsonl,
}
