"""Read web pages: the article's main text, with the page title as its headline.

A saved page is mostly menus, scripts, adverts and links to other stories;
looking for quotes in its markup finds nothing, or takes ``</p`` for part of
a name. quotex hands the page to trafilatura, which finds the article's
main text, and reads that text with the title on its first line (where a
headline's quotes are looked for). Offsets in the records then index that
text: ``quotex show`` and the HTML report show it.

trafilatura is an optional dependency (``quotex[html]``), imported only when
a page is read. Gzipped pages are inflated up to ``MAX_PAGE_BYTES``, never
further, so a small file that inflates to gigabytes (a compression bomb)
fails on its own instead of exhausting memory.
"""

from __future__ import annotations

import logging
import zlib
from typing import Any, Protocol

from quotex.errors import QuotexError

#: Names read as web pages under ``--input-format auto``, the default.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
#: The most a page may weigh, inflated: news pages are well under 5 MB.
MAX_PAGE_BYTES = 32 * 1024 * 1024
INSTALL_HINT = "pip install 'quotex[html]'"

_GZIP_MAGIC = b"\x1f\x8b"
# How a page announces itself: a file without a page's extension (standard
# input, ``curl … | quotex extract``) that starts like this is read as a page.
_PAGE_STARTS = ("<!doctype html", "<html", "<?xml")
_READ_CHUNK = 1024 * 1024


class Readable(Protocol):
    """A binary stream: a file, a pipe, standard input's buffer."""

    def read(self, size: int = -1, /) -> bytes: ...


class HtmlSupportMissingError(QuotexError):
    """trafilatura, which reads web pages, is not installed."""


class PageError(Exception):
    """A page can't be read; the message is the reason, in lowercase."""


def is_page_name(name: str) -> bool:
    """Whether a file's name says it is a web page (``.html``, ``.htm.gz``…)."""
    return name.lower().endswith(PAGE_SUFFIXES)


def looks_like_page(head: bytes | str) -> bool:
    """Whether the start of an input is the start of a web page.

    ``head`` is the first bytes (or characters) of the input; a byte order
    mark and leading blanks are skipped. Gzipped data is not looked into: a
    gzipped page is recognised by its name or ``--input-format html``.
    """
    if isinstance(head, bytes):
        head = head[:512].decode("utf-8", "replace")
    start = head[:512].lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<?xml"):
        return "<html" in start
    return start.startswith(_PAGE_STARTS)


def read_page_bytes(
    stream: Readable, limit: int = MAX_PAGE_BYTES, *, head: bytes = b""
) -> bytes:
    """Read a page from ``stream``, inflating it if it is gzipped.

    ``head`` is what was already read from the stream, if anything. At most
    ``limit`` bytes are read or inflated: memory stays bounded whatever the
    input claims to be.

    Raises:
        PageError: the page, inflated, is bigger than ``limit``, or its
            gzip data is damaged.
        OSError: the stream can't be read.
    """
    head += _read_at_most(stream, len(_GZIP_MAGIC) - len(head))
    if not head.startswith(_GZIP_MAGIC):
        data = head + _read_at_most(stream, limit + 1 - len(head))
        if len(data) > limit:
            raise PageError(f"page larger than {_megabytes(limit)}")
        return data
    return _inflate(head, stream, limit)


def _inflate(head: bytes, stream: Readable, limit: int) -> bytes:
    """Inflate gzip data, stopping as soon as the output passes ``limit``."""
    out = bytearray()
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip framing
    pending = head
    try:
        while True:
            if not pending:
                pending = stream.read(_READ_CHUNK)
                if not pending:
                    break
            # max_length bounds one call: a megabyte of zeros would
            # otherwise come out as a gigabyte at once.
            out += inflater.decompress(pending, limit + 1 - len(out))
            pending = inflater.unconsumed_tail
            if len(out) > limit:
                raise PageError(
                    f"gzipped page inflates past {_megabytes(limit)}; not read "
                    "(a compression bomb?)"
                )
            if inflater.eof:  # another gzip member may follow
                pending = inflater.unused_data or stream.read(_READ_CHUNK)
                if not pending:
                    break
                inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    except zlib.error as error:
        raise PageError(f"damaged gzip data ({error})".lower()) from None
    if not inflater.eof:
        raise PageError("truncated gzip data")
    return bytes(out)


def article_text(page: bytes | str) -> str:
    """Return the article in a page: its title, a blank line, its paragraphs.

    Paragraphs are separated by blank lines. The title is left out when
    the page has none or the text already starts with it.

    Raises:
        PageError: the page holds no article text.
        HtmlSupportMissingError: trafilatura is not installed.
    """
    found = _extract(_whole_page(page))
    body = getattr(found, "text", None) or ""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if not paragraphs:
        raise PageError("no article text found in the page")
    title = " ".join((getattr(found, "title", None) or "").split())
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n"


def _whole_page(page: bytes | str) -> bytes | str:
    """Wrap an HTML fragment (a CMS's body field) into a page's body.

    trafilatura reads whole pages; a lone ``<p>…</p>`` comes back empty.
    """
    if isinstance(page, bytes):
        probe = page[:8192].lower()
        if b"<html" in probe or b"<body" in probe:
            return page
        return b"<html><body>" + page + b"</body></html>"
    probe_text = page[:8192].lower()
    if "<html" in probe_text or "<body" in probe_text:
        return page
    return "<html><body>" + page + "</body></html>"


def _extract(page: bytes | str) -> Any:
    try:
        import trafilatura
    except ImportError:
        raise HtmlSupportMissingError(
            f"reading web pages needs trafilatura; install it with: {INSTALL_HINT}"
        ) from None
    _quiet_loggers()
    return trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,  # readers' comments quote nobody in the story
        include_tables=False,
        include_images=False,
    )


def _quiet_loggers() -> None:
    """Keep the extraction libraries' log lines off stderr.

    With no handler of their own, Python prints their warnings ("discarding
    data") on stderr, between quotex's one-line messages.
    """
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
            logger.propagate = False


def _read_at_most(stream: Readable, size: int) -> bytes:
    """Read up to ``size`` bytes, a chunk at a time (pipes give less per call)."""
    parts = []
    remaining = size
    while remaining > 0:
        part = stream.read(min(remaining, _READ_CHUNK))
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
