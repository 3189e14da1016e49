"""The documents that reading inputs produces, and the options that shape them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quotex.decoding import DecodingError, iter_decoded_pieces
from quotex.errors import InputError
from quotex.inputs import os_reason


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
