"""Read what quotex works on: files, folders, standard input and JSON Lines.

Every input becomes a ``Document`` (decoded text), a ``LargeDocument`` (a file
too big to hold in memory, read in pieces) or an ``InputFailure`` (a short
reason it could not be read). One bad input never stops a batch.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import shutil
import stat
import sys
import tempfile
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal, TextIO

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
from quotex.webpage import (
    PageError,
    article_text,
    is_page_name,
    looks_like_page,
    read_page_bytes,
)

#: Files bigger than this are read in pieces instead of all at once.
LARGE_FILE_BYTES = 16 * 1024 * 1024
#: The name standard input gets in records and error messages.
STDIN_NAME = "<stdin>"

#: text: one article per file; jsonl: one per line, in a field; html: one web
#: page per file; jsonl-html: one per line, the field holding a page's HTML.
InputFormat = Literal["text", "jsonl", "html", "jsonl-html"]
INPUT_FORMATS: tuple[InputFormat, ...] = ("text", "jsonl", "html", "jsonl-html")

# How much of an overlong JSON Lines line is read at a time to skip it.
_SKIP_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Document:
    """One input document; ``text`` is exactly the decoded content.

    Nothing is normalized (CRLF stays CRLF) except that a byte order mark is
    dropped, so offsets into ``text`` are offsets into the decoded file.
    """

    name: str
    text: str
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class InputFailure:
    """One input that could not be read, with a short lowercase reason."""

    name: str
    reason: str


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
            raise InputError(f"{self.name}: {_os_reason(error)}") from error
        except DecodingError as error:
            raise InputError(f"{self.name}: {error.reason}") from error


@dataclass(frozen=True, slots=True)
class _Options:
    glob: str
    input_format: InputFormat
    text_field: str
    id_field: str
    large_file_bytes: int


def iter_documents(
    paths: Sequence[str | Path],
    *,
    glob: str = "*.txt",
    input_format: InputFormat = "text",
    text_field: str = "text",
    id_field: str = "id",
    stdin: TextIO | BinaryIO | None = None,
    large_file_bytes: int = LARGE_FILE_BYTES,
) -> Iterator[Document | LargeDocument | InputFailure]:
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
            in ``id_field`` (else ``"<source>:<line number>"``). ``html``
            reads each file as a web page (its article text); ``jsonl-html``
            reads ``text_field`` as a page. With ``text``, files named
            ``*.html``, ``*.htm`` (also gzipped) and inputs that start like a
            page are read as pages too.
        stdin: Stream read for ``-``; ``sys.stdin`` when None.
        large_file_bytes: Files bigger than this become ``LargeDocument``s;
            a JSON Lines line bigger than this is a failure.

    Raises:
        ValueError: ``input_format`` is unknown (problems with inputs are
            yielded as ``InputFailure``, never raised).
    """
    # Not a generator itself, so a wrong argument fails at the call.
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r}")
    options = _Options(glob, input_format, text_field, id_field, large_file_bytes)
    return _iter_inputs(list(paths), stdin, options)


def _iter_inputs(
    paths: list[str | Path], stdin: TextIO | BinaryIO | None, options: _Options
) -> Iterator[Document | LargeDocument | InputFailure]:
    for path in paths:
        if str(path) == "-":
            yield from _read_stdin(stdin, options)
        else:
            yield from _read_path(Path(path), options, named=True)


def _read_path(
    path: Path, options: _Options, *, named: bool
) -> Iterator[Document | LargeDocument | InputFailure]:
    """Read a path the user named, or one found in a folder (``named=False``)."""
    name = str(path)
    try:
        mode = path.stat().st_mode
    except OSError as error:
        yield InputFailure(name, _os_reason(error))
        return
    if named and stat.S_ISDIR(mode):
        for found in _walk(path, options.glob, set(), set()):
            if isinstance(found, InputFailure):
                yield found
            else:
                yield from _read_path(found, options, named=False)
    elif stat.S_ISREG(mode):
        yield from _read_file(path, options)
    elif named and stat.S_ISFIFO(mode):
        # Process substitution, as in `quotex extract <(curl ...)`.
        try:
            with path.open("rb") as stream:
                yield from _read_stream(stream, name, options)
        except OSError as error:
            yield InputFailure(name, _os_reason(error))
    else:
        kind = "file or folder" if named else "file"
        yield InputFailure(name, f"not a regular {kind}")


def _walk(
    folder: Path, glob: str, open_folders: set[str], walked: set[str]
) -> Iterator[Path | InputFailure]:
    """Yield matching files under ``folder``, sorted, depth first.

    ``open_folders`` holds the real paths of the folders being walked: meeting
    one again means a symbolic link points back up the tree. ``walked`` holds
    every folder seen, so one reached twice through links is read once.
    """
    real = os.path.realpath(folder)
    if real in open_folders:
        yield InputFailure(str(folder), "symlink loop")
        return
    if real in walked:
        return
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield InputFailure(str(folder), _os_reason(error))
        return
    open_folders.add(real)
    walked.add(real)
    try:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if _is_folder(entry):
                yield from _walk(path, glob, open_folders, walked)
            elif fnmatch(entry.name, glob):
                yield path
    finally:
        open_folders.discard(real)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:
        return False  # reading it as a file will say what is wrong


def _read_file(
    path: Path, options: _Options
) -> Iterator[Document | LargeDocument | InputFailure]:
    name = str(path)
    try:
        with path.open("rb") as stream:
            if options.input_format in ("jsonl", "jsonl-html"):
                yield from _iter_jsonl(stream, name, options)
                return
            if _is_page(name, stream, options):
                yield _read_page(stream, name)
                return
            size = os.fstat(stream.fileno()).st_size
            if size > options.large_file_bytes:
                encoding = detect_stream_encoding(stream)
                result: Document | LargeDocument = LargeDocument(
                    name, path, encoding, size
                )
            else:
                text, encoding = decode_text(stream.read())
                result = Document(name, text, encoding)
    except OSError as error:
        yield InputFailure(name, _os_reason(error))
        return
    except DecodingError as error:
        yield InputFailure(name, error.reason)
        return
    yield result


def _read_stdin(
    stdin: TextIO | BinaryIO | None, options: _Options
) -> Iterator[Document | LargeDocument | InputFailure]:
    source = stdin if stdin is not None else sys.stdin
    # Read the bytes under a text stream, so stdin is decoded like a file.
    stream: IO[Any] = getattr(source, "buffer", None) or source
    try:
        yield from _read_stream(stream, STDIN_NAME, options)
    except OSError as error:
        yield InputFailure(STDIN_NAME, _os_reason(error))


def _read_stream(
    stream: IO[Any], name: str, options: _Options
) -> Iterator[Document | LargeDocument | InputFailure]:
    """Read a stream that can't seek; spool it to a file if it is large.

    Raises:
        OSError: the stream or the temporary file fails.
    """
    if options.input_format in ("jsonl", "jsonl-html"):
        yield from _iter_jsonl(stream, name, options)
        return
    head = _read_up_to(stream, options.large_file_bytes + 1)
    if options.input_format == "html" or (
        options.input_format == "text" and looks_like_page(head)
    ):
        if isinstance(head, str):  # an in-memory text stream
            yield _page_document(head + stream.read(), name)
        else:
            yield _read_page(stream, name, head=head)
        return
    if isinstance(head, str):  # an in-memory text stream: already decoded
        yield Document(name, head + stream.read())
        return
    if len(head) <= options.large_file_bytes:
        try:
            text, encoding = decode_text(head)
        except DecodingError as error:
            yield InputFailure(name, error.reason)
            return
        yield Document(name, text, encoding)
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
    except BaseException as error:  # don't leave the copy behind, whatever failed
        if path is not None:
            path.unlink(missing_ok=True)
        if not isinstance(error, DecodingError):
            raise
        yield InputFailure(name, error.reason)
        return
    document = LargeDocument(name, path, encoding, size)
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
    if options.input_format == "jsonl-html":
        try:
            text = article_text(text)
        except PageError as error:
            return InputFailure(name, str(error))
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


def _is_page(name: str, stream: BinaryIO, options: _Options) -> bool:
    """Whether a file is read as a web page: by format, name or first bytes."""
    if options.input_format == "html" or is_page_name(name):
        return True
    head = stream.read(512)
    stream.seek(0)
    return looks_like_page(head)


def _read_page(
    stream: IO[bytes], name: str, *, head: bytes = b""
) -> Document | InputFailure:
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


def _os_reason(error: OSError) -> str:
    """Turn an OSError into a short lowercase reason, without the path."""
    if error.errno == errno.ELOOP:
        return "symlink loop"
    if error.errno is not None:
        return os.strerror(error.errno).lower()
    return str(error).lower() or "cannot be read"
