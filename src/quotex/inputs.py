"""Find what a run reads, decide how each input is read, and what reading gives.

Paths named on the command line, the files found in folders (walked once, in
sorted order, hidden entries skipped, names matching the glob) and ``-`` for
standard input become :class:`InputPath`s, each with the input format it is
read as: the one the user gave, or else the one its name's ending says.
:mod:`quotex.sources` then reads them into :class:`Document`s,
:class:`LargeDocument`s and :class:`InputFailure`s.

A new input format is one member of :class:`InputFormat`, its endings in
``INPUT_SUFFIXES`` (endings of several parts, such as ``.html.gz``, work: the
longest that matches wins) and a reader in :mod:`quotex.sources`.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fnmatch import fnmatch
from pathlib import Path

from quotex.decoding import DecodingError, iter_decoded_pieces
from quotex.errors import InputError
from quotex.webpage import PAGE_SUFFIXES


class InputFormat(StrEnum):
    """How an input is read; ``auto`` chooses by the input's name."""

    AUTO = "auto"
    #: Each file is one article, as it is.
    TEXT = "text"
    #: Each line is a JSON object holding one article.
    JSONL = "jsonl"
    #: Each file is a web page, of which the article's text is read.
    HTML = "html"
    #: JSON Lines whose text field holds a page's HTML.
    JSONL_HTML = "jsonl-html"
    #: A Parquet file: each row holds one article (needs quotex[parquet]).
    PARQUET = "parquet"


#: Formats whose documents are the lines of an input, not whole inputs.
LINE_FORMATS = frozenset({InputFormat.JSONL, InputFormat.JSONL_HTML})
#: Formats whose inputs hold many documents, each a record: a line or a row.
RECORD_FORMATS = LINE_FORMATS | {InputFormat.PARQUET}

#: Name endings (lower case) that choose a format under ``auto``; anything
#: else, standard input included, is read as text, unless it starts like a
#: web page (see :attr:`InputPath.guessed`).
INPUT_SUFFIXES: dict[str, InputFormat] = {
    ".jsonl": InputFormat.JSONL,
    ".ndjson": InputFormat.JSONL,
    ".parquet": InputFormat.PARQUET,
    **dict.fromkeys(PAGE_SUFFIXES, InputFormat.HTML),
}


def input_format_for(name: str, requested: InputFormat | str) -> InputFormat:
    """Return the format to read ``name`` as: ``requested``, or by its ending."""
    requested = InputFormat(requested)
    if requested is not InputFormat.AUTO:
        return requested
    lowered = name.lower()
    endings = [suffix for suffix in INPUT_SUFFIXES if lowered.endswith(suffix)]
    if not endings:
        return InputFormat.TEXT
    return INPUT_SUFFIXES[max(endings, key=len)]


@dataclass(frozen=True, slots=True)
class InputPath:
    """One input to read and the format to read it as.

    ``path`` is ``-`` for standard input. ``named`` says the user gave it,
    rather than a folder walk finding it: only named inputs may be FIFOs.
    ``guessed`` says the format came from the name (``auto``), so an input
    guessed to be text that starts like a web page is read as one.
    """

    path: Path
    read_as: InputFormat = InputFormat.TEXT
    named: bool = True
    guessed: bool = False


@dataclass(frozen=True, slots=True)
class InputFailure:
    """One input that could not be read, with a short lowercase reason."""

    name: str
    reason: str


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


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read: JSON Lines fields, and the size of a large input."""

    text_field: str
    id_field: str
    large_file_bytes: int


Found = InputPath | InputFailure


def find_inputs(
    paths: Sequence[str | Path],
    *,
    glob: str = "*.txt",
    input_format: InputFormat | str = InputFormat.AUTO,
) -> Iterator[Found]:
    """Yield each input to read, walking folders (each one once) as it goes.

    A folder that can't be listed, or a symbolic link leading back up the
    tree, is an :class:`InputFailure`; anything else wrong with a path is
    found when it is read.

    Raises:
        ValueError: ``input_format`` is unknown.
    """
    requested = InputFormat(input_format)  # fails at the call, not later
    return _iter_found([Path(path) for path in paths], glob, requested)


def count_documents(found: Iterable[Found]) -> int | None:
    """Return how many documents reading ``found`` gives, if that is known.

    An input read as text is one document (or one failure); a JSON Lines or
    Parquet input holds as many as it has records, unknown until it is read.
    """
    total = 0
    for item in found:
        if isinstance(item, InputPath) and item.read_as in RECORD_FORMATS:
            return None
        total += 1
    return total


def _iter_found(
    paths: list[Path], glob: str, requested: InputFormat
) -> Iterator[Found]:
    guessed = requested is InputFormat.AUTO
    for path in paths:
        if str(path) != "-" and _is_folder(path):
            for found in _walk(path, glob, set(), set()):
                if isinstance(found, InputFailure):
                    yield found
                else:
                    read_as = input_format_for(found.name, requested)
                    yield InputPath(found, read_as, named=False, guessed=guessed)
        else:
            read_as = input_format_for(str(path), requested)
            yield InputPath(path, read_as, guessed=guessed)


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False  # reading it will say what is wrong


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
        yield InputFailure(str(folder), os_reason(error))
        return
    open_folders.add(real)
    walked.add(real)
    try:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if _is_folder_entry(entry):
                yield from _walk(path, glob, open_folders, walked)
            elif fnmatch(entry.name, glob):
                yield path
    finally:
        open_folders.discard(real)


def _is_folder_entry(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:
        return False  # reading it as a file will say what is wrong


def os_reason(error: OSError) -> str:
    """Turn an OSError into a short lowercase reason, without the path."""
    if error.errno == errno.ELOOP:
        return "symlink loop"
    if error.errno is not None:
        return os.strerror(error.errno).lower()
    return str(error).lower() or "cannot be read"


# Markup that starts an HTML page or fragment; prose never opens with a tag.
_HTML_START = re.compile(
    r"\s*<(?:!doctype\s+html|html|head|body|meta|title|article|section|div|p"
    r"|h[1-6])\b",
    re.IGNORECASE,
)
# A JSON object or an array of objects, strings or arrays; "[Update]" is prose.
_JSON_START = re.compile(r'\s*(?:\{\s*"|\[\s*[{\["]|\[\s*\])')


def looks_like(text: str) -> str | None:
    """Say what a text read as prose looks like instead, if anything.

    Returns ``"JSON Lines"`` when its first line is a JSON object,
    ``"JSON"`` when it starts like JSON, ``"HTML"`` when it starts with a tag,
    else None.
    """
    if _HTML_START.match(text):
        return "HTML"
    if not _JSON_START.match(text):
        return None
    first_line = text.lstrip().partition("\n")[0]
    try:
        if isinstance(json.loads(first_line), dict):
            return "JSON Lines"
    except ValueError:
        pass
    return "JSON"
