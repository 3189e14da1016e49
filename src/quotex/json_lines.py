"""Read JSON Lines input: one article per line, a failure per bad line.

The text field holds the article's text, or with ``pages`` (``--input-format
jsonl-html``) a web page or an HTML fragment, of which the article is read.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

from quotex.decoding import (
    NOT_TEXT,
    DecodingError,
    bom_encoding,
    describe_decode_error,
    reject_binary_magic,
)
from quotex.inputs import Document, InputFailure, ReadOptions
from quotex.webpage import PageError, article_text

# How much of an overlong line is read at a time to skip it.
_SKIP_CHUNK = 1024 * 1024


def iter_json_lines(
    stream: IO[Any], source: str, options: ReadOptions, *, pages: bool = False
) -> Iterator[Document | InputFailure]:
    """Yield one document per JSON Lines record, or a failure naming the line.

    With ``pages``, each record's text field is a web page to read the
    article of.
    """
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
            yield _parse_record(line, name, options, pages=pages)


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


def _parse_record(
    line: str, name: str, options: ReadOptions, *, pages: bool
) -> Document | InputFailure:
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
    if pages:
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
