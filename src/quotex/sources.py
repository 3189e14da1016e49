"""Read what quotex works on: files, standard input, FIFOs, JSON Lines, web pages.

:func:`quotex.inputs.find_inputs` says what to read and as what; here every
input becomes a ``Document`` (decoded text, or a web page's article text), a
``LargeDocument`` (a file too big to hold in memory, read in pieces) or an
``InputFailure`` (a short reason it could not be read). One bad input never
stops a batch.
"""

from __future__ import annotations

import codecs
import os
import shutil
import stat
import sys
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from quotex.decoding import (
    DecodingError,
    decode_text,
    detect_stream_encoding,
)
from quotex.inputs import (
    LINE_FORMATS,
    RECORD_FORMATS,
    Document,
    Found,
    InputFailure,
    InputFormat,
    InputPath,
    LargeDocument,
    ReadOptions,
    find_inputs,
    looks_like,
    os_reason,
)
from quotex.json_lines import iter_json_lines
from quotex.webpage import PageError, article_text, looks_like_page, read_page_bytes

#: Files bigger than this are read in pieces instead of all at once.
LARGE_FILE_BYTES = 16 * 1024 * 1024
#: The name standard input gets in records and error messages.
STDIN_NAME = "<stdin>"

# How much of a large file's start tells what it looks like.
_SNIFF_BYTES = 64 * 1024

__all__ = [
    "LARGE_FILE_BYTES",
    "STDIN_NAME",
    "Document",
    "InputFailure",
    "LargeDocument",
    "iter_documents",
    "read_inputs",
]


Item = Document | LargeDocument | InputFailure


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
            in ``id_field`` (else ``"<source>:<line number>"``); ``html``
            reads each file as a web page (its article text); ``jsonl-html``
            reads ``text_field`` as a page. ``auto`` reads ``.jsonl`` and
            ``.ndjson`` files as JSON Lines, ``*.html``, ``*.htm`` and
            ``*.xhtml`` (also gzipped) as pages, and anything else as text,
            unless it starts like a page.
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
    options = ReadOptions(text_field, id_field, large_file_bytes)
    for item in found:
        if isinstance(item, InputFailure):
            yield item
        elif str(item.path) == "-":
            yield from _read_stdin(stdin, item, options)
        else:
            yield from _read_path(item, options)


def _read_path(item: InputPath, options: ReadOptions) -> Iterator[Item]:
    """Read a path the user named, or one found in a folder."""
    name = str(item.path)
    try:
        mode = item.path.stat().st_mode
    except OSError as error:
        yield InputFailure(name, os_reason(error))
        return
    if stat.S_ISREG(mode):
        yield from _read_file(item, options)
    elif item.named and stat.S_ISFIFO(mode):
        # Process substitution, as in `quotex extract <(curl ...)`.
        try:
            with item.path.open("rb") as stream:
                yield from _read_stream(stream, name, item, options)
        except OSError as error:
            yield InputFailure(name, os_reason(error))
    else:
        kind = "file or folder" if item.named else "file"
        yield InputFailure(name, f"not a regular {kind}")


def _read_file(item: InputPath, options: ReadOptions) -> Iterator[Item]:
    name = str(item.path)
    if item.read_as in RECORD_FORMATS:  # documents come as the file is read
        try:
            with item.path.open("rb") as stream:
                yield from _read_stream(stream, name, item, options)
        except OSError as error:
            yield InputFailure(name, os_reason(error))
        return
    # A file is one document: it is closed before the document goes out.
    result: Item
    try:
        with item.path.open("rb") as stream:
            if _is_page(item, stream):
                result = _read_page(stream, name)
            else:
                result = _read_text_file(stream, item.path, options)
    except OSError as error:
        result = InputFailure(name, os_reason(error))
    yield result


def _is_page(item: InputPath, stream: BinaryIO) -> bool:
    """Whether a file is read as a web page: by its format, or by how it starts."""
    if item.read_as is InputFormat.HTML:
        return True
    if not item.guessed:  # text, as the user asked
        return False
    head = stream.read(512)
    stream.seek(0)
    return looks_like_page(head)


def _read_text_file(stream: BinaryIO, path: Path, options: ReadOptions) -> Item:
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
    stdin: TextIO | BinaryIO | None, item: InputPath, options: ReadOptions
) -> Iterator[Item]:
    source = stdin if stdin is not None else sys.stdin
    # Read the bytes under a text stream, so stdin is decoded like a file.
    stream: IO[Any] = getattr(source, "buffer", None) or source
    try:
        yield from _read_stream(stream, STDIN_NAME, item, options)
    except OSError as error:
        yield InputFailure(STDIN_NAME, os_reason(error))


def _read_stream(
    stream: IO[Any], name: str, item: InputPath, options: ReadOptions
) -> Iterator[Item]:
    """Read a stream (standard input, a FIFO, a file of JSON Lines) as ``item`` says.

    Raises:
        OSError: the stream fails.
    """
    if item.read_as is InputFormat.PARQUET:
        yield from _read_parquet_stream(stream, name, options)
        return
    if item.read_as in LINE_FORMATS:
        pages = item.read_as is InputFormat.JSONL_HTML
        yield from iter_json_lines(stream, name, options, pages=pages)
        return
    head = _read_up_to(stream, options.large_file_bytes + 1)
    if item.read_as is InputFormat.HTML or (item.guessed and looks_like_page(head)):
        if isinstance(head, str):  # an in-memory text stream
            yield _page_document(head + stream.read(), name)
        else:
            yield _read_page(stream, name, head=head)
        return
    yield from _read_text_stream(stream, name, head, options)


def _read_parquet_stream(
    stream: IO[Any], name: str, options: ReadOptions
) -> Iterator[Item]:
    """Read Parquet from a file, or from a stream spooled to a temporary file.

    A Parquet file's footer, which says where everything is, comes last: a
    pipe is copied to disk first. A regular file is read in place.

    Raises:
        OSError: the stream or the temporary copy fails.
    """
    from quotex.parquet import iter_parquet_documents  # pyarrow: only when needed

    if stream.seekable():
        yield from iter_parquet_documents(stream, name, options)
        return
    with tempfile.TemporaryFile(prefix="quotex-") as spool:
        shutil.copyfileobj(stream, spool)
        spool.seek(0)
        yield from iter_parquet_documents(spool, name, options)


def _read_text_stream(
    stream: IO[Any], name: str, head: bytes | str, options: ReadOptions
) -> Iterator[Item]:
    """Read a stream that can't seek as one text; spool it to a file if large.

    ``head`` is what was already read of it: up to one byte over the limit.

    Raises:
        OSError: the stream or the temporary file fails.
    """
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


def _read_page(
    stream: IO[bytes], name: str, *, head: bytes = b""
) -> Document | InputFailure:
    """Read a web page from ``stream`` (``head`` already read) as its article."""
    try:
        return _page_document(read_page_bytes(stream, head=head), name)
    except PageError as error:
        return InputFailure(name, str(error))


def _page_document(page: bytes | str, name: str) -> Document | InputFailure:
    """The article of a page as a document named like the input."""
    try:
        return Document(name, article_text(page))
    except PageError as error:
        return InputFailure(name, str(error))


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
