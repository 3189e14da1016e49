"""Turn raw bytes into text exactly, and cut long texts into pieces.

Offsets that quotex reports index the decoded text, so decoding never
normalizes anything: a byte order mark is dropped, everything else (CRLF,
form feeds, trailing spaces) is kept as it is.
"""

from __future__ import annotations

import codecs
import re
from collections import deque
from collections.abc import Iterator
from functools import cache
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch

#: The reason given for images, PDFs, archives and other binary data.
NOT_TEXT = "not a text file"

# UTF-32 comes first: its little-endian mark starts with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Files people drop into an article folder by mistake. Several of these have no
# NUL byte near the start, so the NUL check alone would let them through.
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",  # zip, docx, xlsx, epub
    b"\x1f\x8b",  # gzip
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"{\\rtf",  # text, but markup a reader would never quote from
)
# Control characters that never appear in prose; tab, newlines, vertical tab
# and form feed do. C1 controls show up when binary data passes as latin-1.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.1
_SAMPLE_CHARS = 64 * 1024
#: How much of a large file decides its encoding before the full check.
HEAD_BYTES = 1024 * 1024
_READ_BYTES = 1024 * 1024
_DETECTION_BYTES = 64 * 1024
_CONTEXT_BYTES = 80
_NON_ASCII = re.compile(rb"[\x80-\xff]+")
# The most common legacy encoding: when charset-normalizer scores it as good
# as its first choice, take it (ties are otherwise broken alphabetically, so
# French or Spanish text would come out as Central European cp1250).
_PREFERRED_LEGACY = "cp1252"

#: A line ends at LF, CRLF or a lone CR (old Mac files), as the engine reads
#: lines (quotex.paragraphs.iter_lines): pieces must end and count lines the same
#: way, or line numbers drift from one piece to the next.
# A CR followed by LF is one break, never a break and then a blank line.
_BREAK = r"(?:\r\n|\r(?!\n)|\n)"
_LINE_BREAK = re.compile(_BREAK)
_BLANK_LINE = re.compile(rf"{_BREAK}(?:[^\S\r\n]*{_BREAK})+")
_LAST_SPACE = re.compile(r"\s\S*\Z")


class DecodingError(ValueError):
    """Bytes that are not text, or not text in any encoding that fits."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def bom_encoding(data: bytes) -> str | None:
    """Return the codec named by a byte order mark at the start, if any.

    The codecs returned ("utf-8-sig", "utf-16", "utf-32") consume the mark,
    so the decoded text never starts with U+FEFF.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def reject_binary_magic(head: bytes) -> None:
    """Raise ``DecodingError`` if ``head`` starts like a known binary format.

    A head that ends at a line break inside a signature counts too: the first
    line of a PNG file (``b"\\x89PNG\\r\\n"``) is all a line reader sees of it.
    """
    if head.startswith(_BINARY_MAGIC) or (
        head.endswith(b"\n") and any(magic.startswith(head) for magic in _BINARY_MAGIC)
    ):
        raise DecodingError(NOT_TEXT)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a whole file's bytes and return ``(text, encoding)``.

    Try a byte order mark, then strict UTF-8, then ask charset-normalizer.

    Raises:
        DecodingError: the data is binary or fits no encoding.
    """
    reject_binary_magic(data[:16])
    encoding = bom_encoding(data)
    if encoding is None:
        if b"\0" in data:
            raise DecodingError(NOT_TEXT)
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as error:
            encoding = _guess_legacy(data, describe_decode_error(error, "utf-8", 0))
            text = data.decode(encoding)
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise DecodingError(describe_decode_error(error, encoding, 0)) from None
    _reject_control_chars(text)
    return text, encoding


def detect_stream_encoding(stream: IO[bytes]) -> str:
    """Return the codec that decodes all of a seekable binary stream.

    Read the stream through once or twice in bounded memory: a file that is
    UTF-8 for its first megabyte can still hold a cp1252 byte further on.
    Leave the stream at an unspecified position.

    Raises:
        DecodingError: the data is binary or fits no encoding.
        OSError: the stream cannot be read.
    """
    head = stream.read(HEAD_BYTES)
    reject_binary_magic(head)
    encoding = bom_encoding(head) or "utf-8"
    problem = _first_decode_problem(stream, encoding)
    if problem is not None and encoding == "utf-8":
        reason, where = problem
        encoding = _guess_legacy(head + where, reason)
        problem = _first_decode_problem(stream, encoding)
    if problem is not None:
        raise DecodingError(problem[0])
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    _reject_control_chars(decoder.decode(head[: _SAMPLE_CHARS * 4]))
    return encoding


def iter_decoded_pieces(
    stream: IO[bytes],
    encoding: str,
    piece_chars: int,
    *,
    read_bytes: int = _READ_BYTES,
) -> Iterator[str]:
    """Decode a binary stream incrementally and yield pieces of at most
    ``piece_chars`` characters whose concatenation is the decoded text.

    Each piece ends at a blank line when one falls in the second half of its
    window, else after a newline, else after whitespace, else it is cut hard.
    A CRLF pair is never split. Memory stays near ``piece_chars + read_bytes``.

    Raises:
        ValueError: ``piece_chars`` is below 1.
        DecodingError: the stream is not valid in ``encoding``.
        OSError: the stream cannot be read.
    """
    if piece_chars < 1:
        raise ValueError(f"piece_chars must be at least 1, not {piece_chars}")
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    buffer = ""
    start = 0
    at_end = False
    offset = 0  # bytes read so far, to say where a bad byte is
    while True:
        # Keep one character beyond the window while reading, so a cut can
        # tell whether a "\r" is followed by "\n".
        while len(buffer) - start > piece_chars or (at_end and start < len(buffer)):
            limit = min(start + piece_chars, len(buffer))
            cut = limit if limit == len(buffer) else _find_cut(buffer, start, limit)
            yield buffer[start:cut]
            start = cut
        if at_end:
            return
        chunk = stream.read(read_bytes)
        at_end = not chunk
        pending = len(decoder.getstate()[0])
        try:
            decoded = decoder.decode(chunk, final=at_end)
        except UnicodeDecodeError as error:
            reason = describe_decode_error(error, encoding, offset - pending)
            raise DecodingError(reason) from None
        buffer = buffer[start:] + decoded
        start = 0
        offset += len(chunk)


def iter_text_pieces(text: str, piece_chars: int) -> Iterator[str]:
    """Yield pieces of ``text`` cut as :func:`iter_decoded_pieces` cuts them.

    For a text already in memory that is too long to hand over in one go.

    Raises:
        ValueError: ``piece_chars`` is below 1.
    """
    if piece_chars < 1:
        raise ValueError(f"piece_chars must be at least 1, not {piece_chars}")
    start = 0
    while start < len(text):
        limit = min(start + piece_chars, len(text))
        cut = limit if limit == len(text) else _find_cut(text, start, limit)
        yield text[start:cut]
        start = cut


def has_long_line(text: str, limit: int) -> bool:
    """Say whether a line of ``text`` (line breaks excluded) is over ``limit``."""
    if len(text) <= limit:
        return False
    start = 0
    for line_break in _LINE_BREAK.finditer(text):
        if line_break.start() - start > limit:
            return True
        start = line_break.end()
    return len(text) - start > limit


def count_line_breaks(text: str) -> int:
    """Count the line breaks in ``text``: LF, CRLF and lone CR each count once."""
    return sum(1 for _ in _LINE_BREAK.finditer(text))


def iter_line_starts(text: str, start: int = 0) -> Iterator[int]:
    """Yield the offset after each line break at or after ``start``."""
    for line_break in _LINE_BREAK.finditer(text, start):
        yield line_break.end()


def _find_cut(text: str, start: int, limit: int) -> int:
    """Return where the piece ``text[start:limit]`` should end, in (start, limit]."""
    floor = start + max(1, (limit - start) // 2)
    cut = limit
    # deque(maxlen=1) keeps only the last of the blank lines in the window.
    paragraphs = deque(_BLANK_LINE.finditer(text, floor, limit), maxlen=1)
    if paragraphs:
        cut = paragraphs[0].end()
    elif (line_end := _last_line_end(text, floor, limit)) >= 0:
        cut = line_end + 1
    elif (space := _last_space(text, floor, limit)) >= 0:
        cut = space + 1
    if text[cut - 1] == "\r" and text[cut : cut + 1] == "\n" and cut - 1 > start:
        cut -= 1
    return cut


def _last_line_end(text: str, floor: int, limit: int) -> int:
    """Return the index of the last LF or CR in ``text[floor:limit]``, or -1."""
    return max(text.rfind("\n", floor, limit), text.rfind("\r", floor, limit))


def _last_space(text: str, floor: int, limit: int) -> int:
    """Return the index of the last whitespace in ``text[floor:limit]``, or -1."""
    # Look at a short tail first, then one four times longer, and so on: in
    # prose a space is a few characters back, and a regex that has to reach
    # the end of a 500,000-character range would be slow.
    start, step = limit, 256
    while start > floor:
        start = max(floor, start - step)
        space = _LAST_SPACE.search(text, start, limit)
        if space is not None:
            return space.start()
        step *= 4
    return -1


def _first_decode_problem(stream: IO[bytes], encoding: str) -> tuple[str, bytes] | None:
    """Decode the whole stream; return a reason and the failing chunk, or None."""
    stream.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    # UTF-16 and UTF-32 text is full of NULs; in any other encoding a NUL
    # means binary data.
    nul_is_binary = not encoding.startswith(("utf-16", "utf-32"))
    offset = 0
    while True:
        chunk = stream.read(_READ_BYTES)
        if nul_is_binary and b"\0" in chunk:
            raise DecodingError(NOT_TEXT)
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            return describe_decode_error(error, encoding, offset - pending), chunk
        if not chunk:
            return None
        offset += len(chunk)


def _guess_legacy(data: bytes, utf8_problem: str) -> str:
    """Ask charset-normalizer which 8-bit encoding decodes ``data``."""
    # Imported here: most inputs are UTF-8, and the CLI must start fast.
    from charset_normalizer import from_bytes

    matches = list(
        from_bytes(_detection_sample(data), cp_isolation=_single_byte_code_pages())
    )
    candidates = [match.encoding for match in matches]
    if matches and _ties_with_preferred(matches):
        candidates.insert(0, _PREFERRED_LEGACY)
    # The sample may have missed a byte that one candidate can't decode.
    for encoding in candidates:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return codecs.lookup(encoding).name
    _reject_control_chars(data.decode("latin-1"))
    raise DecodingError(f"{utf8_problem} and no other encoding fits; try iconv")


@cache
def _single_byte_code_pages() -> list[str]:
    """Return the 8-bit encodings charset-normalizer knows.

    Multi-byte East Asian encodings are left out: given a short Western text
    with a few accents or curly quotes, they decode it without error and win
    (cp1252 "\x93We" is a valid Big5 character). quotex reads English news,
    where that mistake is far likelier than a legacy Big5 or Shift-JIS file.
    """
    from charset_normalizer.constant import IANA_SUPPORTED
    from charset_normalizer.utils import is_multi_byte_encoding

    return [name for name in IANA_SUPPORTED if not is_multi_byte_encoding(name)]


def _ties_with_preferred(matches: list[CharsetMatch]) -> bool:
    """Say whether cp1252 scores as well as the best match."""
    best = (matches[0].chaos, matches[0].coherence)
    return any(
        (match.chaos, match.coherence) == best
        and _PREFERRED_LEGACY in match.could_be_from_charset
        for match in matches
    )


def _detection_sample(data: bytes) -> bytes:
    """Return the parts of ``data`` around non-ASCII bytes, within a budget.

    Runs of ASCII fit every candidate alike; left in, they dilute the few
    bytes that tell encodings apart, and charset-normalizer only looks at a
    few chunks of a large input.
    """
    if len(data) <= _DETECTION_BYTES:
        return data
    parts: list[bytes] = []
    size = end = 0
    for run in _NON_ASCII.finditer(data):
        start = max(run.start() - _CONTEXT_BYTES, end)
        if parts and start > end:
            parts.append(b"\n")  # don't glue two distant fragments into one word
        end = run.end() + _CONTEXT_BYTES
        parts.append(data[start:end])
        size += end - start
        if size >= _DETECTION_BYTES:
            break
    return b"".join(parts)


def _reject_control_chars(text: str) -> None:
    sample = text[:_SAMPLE_CHARS]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise DecodingError(NOT_TEXT)


def describe_decode_error(
    error: UnicodeDecodeError, encoding: str, offset: int = 0
) -> str:
    """Say which byte broke decoding and where; ``offset`` is where
    ``error.object`` starts in the file."""
    name = codecs.lookup(encoding).name
    position = offset + error.start
    if error.reason in ("truncated data", "unexpected end of data"):
        return f"not valid {name} (truncated at byte {position})"
    return f"not valid {name} (byte 0x{error.object[error.start]:02x} at {position})"
