"""Tests for quotex.sources: walking inputs, decoding them, reporting failures."""

from __future__ import annotations

import codecs
import gc
import io
import json
import os
import threading
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotex.errors import InputError
from quotex.sources import (
    STDIN_NAME,
    Document,
    InputFailure,
    LargeDocument,
    iter_documents,
)

CP1252_BYTES = b"\x93Caf\xe9 cr\xe8me,\x94 she said. \x93Na\xefve.\x94\r\n"
CP1252_TEXT = "\u201cCaf\u00e9 cr\u00e8me,\u201d she said. \u201cNa\u00efve.\u201d\r\n"

Item = Document | LargeDocument | InputFailure


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def read_one(path: Path, **options: object) -> Item:
    [item] = iter_documents([path], **options)  # type: ignore[arg-type]
    return item


def names(items: Iterator[Item] | list[Item]) -> list[str]:
    return [item.name for item in items]


def article_text(paragraphs: int) -> str:
    """Return news-like text with CRLF paragraphs, accents and curly quotes."""
    return "".join(
        f"\u201cParagraph {i} is here,\u201d said Ren\u00e9e. It goes on a bit.\r\n\r\n"
        for i in range(paragraphs)
    )


# Folders


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path):
    """Files come sorted by path, depth first, the same way on every run."""
    for name in ["b.txt", "a/z.txt", "a/b/c.txt", "c.txt", "A.txt", "a-b.txt"]:
        write(tmp_path / name, name)

    result = names(iter_documents([tmp_path]))

    expected = ["A.txt", "a/b/c.txt", "a/z.txt", "a-b.txt", "b.txt", "c.txt"]
    assert result == [str(tmp_path / name) for name in expected]


def test_hidden_files_and_folders_are_skipped(tmp_path: Path):
    """Dotfiles and everything under a dot-folder stay out of a walk."""
    write(tmp_path / "seen.txt", "x")
    write(tmp_path / ".hidden.txt", "x")
    write(tmp_path / ".git" / "notes.txt", "x")
    write(tmp_path / "sub" / ".cache" / "old.txt", "x")

    assert names(iter_documents([tmp_path])) == [str(tmp_path / "seen.txt")]


def test_named_hidden_file_is_read(tmp_path: Path):
    """A hidden file the user names explicitly is not skipped."""
    path = write(tmp_path / ".notes.txt", "hello")

    assert read_one(path) == Document(str(path), "hello")


def test_glob_filters_names_in_folders_only(tmp_path: Path):
    """The glob picks files inside folders; a named file is read whatever its name."""
    write(tmp_path / "dir" / "a.md", "x")
    write(tmp_path / "dir" / "b.txt", "x")
    named = write(tmp_path / "c.html", "x")

    result = names(iter_documents([tmp_path / "dir", named], glob="*.md"))

    assert result == [str(tmp_path / "dir" / "a.md"), str(named)]


def test_empty_folder_yields_nothing(tmp_path: Path):
    """A folder with no matching file is not an error."""
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n")

    assert list(iter_documents([tmp_path])) == []


def test_symlink_loop_is_reported_once(tmp_path: Path):
    """A link back up the tree is one failure; the other files still come."""
    write(tmp_path / "a.txt", "a")
    write(tmp_path / "sub" / "b.txt", "b")
    os.symlink(tmp_path, tmp_path / "sub" / "back")

    result = list(iter_documents([tmp_path]))

    failures = [item for item in result if isinstance(item, InputFailure)]
    assert failures == [InputFailure(str(tmp_path / "sub" / "back"), "symlink loop")]
    assert names(result) == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "sub" / "b.txt"),
        str(tmp_path / "sub" / "back"),
    ]


def test_symlinked_folder_without_loop_is_followed(tmp_path: Path):
    """A link to a folder elsewhere is walked like a folder."""
    write(tmp_path / "elsewhere" / "x.txt", "x")
    (tmp_path / "in").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "in" / "link")

    assert names(iter_documents([tmp_path / "in"])) == [
        str(tmp_path / "in" / "link" / "x.txt")
    ]


def test_folder_reached_through_two_links_is_read_once(tmp_path: Path):
    """Two links to one folder are not a loop, and its files come once."""
    write(tmp_path / "real" / "x.txt", "x")
    os.symlink(tmp_path / "real", tmp_path / "a-link")

    result = list(iter_documents([tmp_path]))

    assert result == [Document(str(tmp_path / "a-link" / "x.txt"), "x")]


def test_broken_symlink_in_folder_is_a_failure(tmp_path: Path):
    """A dangling link with a matching name says the target is missing."""
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")

    result = list(iter_documents([tmp_path]))

    assert result == [
        InputFailure(str(tmp_path / "link.txt"), "no such file or directory")
    ]


def test_fifo_inside_folder_is_not_opened(tmp_path: Path):
    """A named pipe in a folder is reported, not read (reading would block)."""
    os.mkfifo(tmp_path / "pipe.txt")

    result = list(iter_documents([tmp_path]))

    assert result == [InputFailure(str(tmp_path / "pipe.txt"), "not a regular file")]


def test_named_fifo_is_read_like_stdin(tmp_path: Path):
    """A named pipe given explicitly (process substitution) is read."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(CP1252_BYTES,))
    writer.start()

    result = read_one(fifo)
    writer.join()

    assert result == Document(str(fifo), CP1252_TEXT, "cp1252")


def test_device_is_neither_file_nor_folder():
    """A character device is reported instead of read."""
    result = read_one(Path("/dev/null"))

    assert result == InputFailure("/dev/null", "not a regular file or folder")


# Failures that don't stop the batch


def test_missing_path_is_a_failure_and_the_batch_goes_on(tmp_path: Path):
    """A missing file is reported and the next input is still read."""
    good = write(tmp_path / "good.txt", "ok")

    result = list(iter_documents([tmp_path / "nope.txt", good]))

    assert result == [
        InputFailure(str(tmp_path / "nope.txt"), "no such file or directory"),
        Document(str(good), "ok"),
    ]


def test_file_removed_before_it_is_reached(tmp_path: Path):
    """Files are opened lazily: one deleted mid-run fails at its turn."""
    first = write(tmp_path / "a.txt", "a")
    second = write(tmp_path / "b.txt", "b")
    third = write(tmp_path / "c.txt", "c")
    documents = iter_documents([tmp_path])

    assert next(documents) == Document(str(first), "a")
    second.unlink()

    assert list(documents) == [
        InputFailure(str(second), "no such file or directory"),
        Document(str(third), "c"),
    ]


def test_named_file_removed_after_the_iterator_was_made(tmp_path: Path):
    """Creating the iterator reads nothing."""
    path = write(tmp_path / "a.txt", "a")
    documents = iter_documents([path])
    path.unlink()

    assert list(documents) == [InputFailure(str(path), "no such file or directory")]


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads files whatever their permissions",
)
def test_unreadable_file_is_a_failure(tmp_path: Path):
    """A file without read permission is reported, and the next one read."""
    locked = write(tmp_path / "a.txt", "secret")
    write(tmp_path / "b.txt", "open")
    locked.chmod(0)

    try:
        result = list(iter_documents([tmp_path]))
    finally:
        locked.chmod(0o644)

    assert result == [
        InputFailure(str(locked), "permission denied"),
        Document(str(tmp_path / "b.txt"), "open"),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"text with a \x00 byte",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    ],
    ids=["nul", "pdf", "png", "jpeg"],
)
def test_binary_file_is_not_text(tmp_path: Path, data: bytes):
    """Binary data is reported as such and never decoded into garbage."""
    path = write(tmp_path / "x.txt", data)

    assert read_one(path) == InputFailure(str(path), "not a text file")


def test_undecodable_file_names_the_problem(tmp_path: Path):
    """A UTF-16 file cut mid-character explains what is wrong."""
    path = write(tmp_path / "x.txt", codecs.BOM_UTF16_LE + b"a\x00b")

    result = read_one(path)

    assert result == InputFailure(str(path), "not valid utf-16 (truncated at byte 4)")


# Decoding


def test_empty_and_whitespace_files_are_documents(tmp_path: Path):
    """An empty file is a normal, empty document."""
    empty = write(tmp_path / "a.txt", b"")
    blank = write(tmp_path / "b.txt", b"  \r\n\t\n")

    assert list(iter_documents([tmp_path])) == [
        Document(str(empty), ""),
        Document(str(blank), "  \r\n\t\n"),
    ]


def test_crlf_is_preserved(tmp_path: Path):
    """Line endings stay as they are, so offsets index the file's text."""
    path = write(
        tmp_path / "x.txt", b"\xe2\x80\x9cHi,\xe2\x80\x9d she said.\r\nBye\r\n"
    )

    assert read_one(path) == Document(
        str(path), "\u201cHi,\u201d she said.\r\nBye\r\n", "utf-8"
    )


def test_utf8_bom_is_not_in_the_text(tmp_path: Path):
    """Offset 0 is the first character after the byte order mark."""
    path = write(tmp_path / "x.txt", codecs.BOM_UTF8 + "\u201cYes\u201d".encode())

    result = read_one(path)

    assert result == Document(str(path), "\u201cYes\u201d", "utf-8-sig")
    assert isinstance(result, Document)
    assert result.text.index("Yes") == 1


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str):
    """UTF-16 and UTF-32 files with a byte order mark decode exactly."""
    text = "\u201cQuote,\u201d said Jos\u00e9.\r\n\U0001f600\n"
    path = write(tmp_path / "x.txt", ("\ufeff" + text).encode(codec))

    result = read_one(path)

    assert isinstance(result, Document)
    assert result.text == text
    assert result.encoding in ("utf-16", "utf-32")


def test_cp1252_curly_quotes_and_accents(tmp_path: Path):
    """Bytes 0x93/0x94 become curly quotes, 0xe9 an é, with the encoding named."""
    path = write(tmp_path / "x.txt", CP1252_BYTES)

    result = read_one(path)

    assert isinstance(result, Document)
    assert result.text == CP1252_TEXT
    assert result.encoding == "cp1252"


def test_latin1_text(tmp_path: Path):
    """A latin-1 file decodes to the right letters, and is not called UTF-8."""
    text = (
        "Le ch\u00e2teau de M\u00fcnchen co\u00fbte tr\u00e8s cher, d\u00e9j\u00e0.\n"
    )
    path = write(tmp_path / "x.txt", text.encode("latin-1"))

    result = read_one(path)

    assert isinstance(result, Document)
    assert result.text == text
    assert result.encoding != "utf-8"


def test_ascii_is_reported_as_utf8(tmp_path: Path):
    """Plain ASCII needs no warning: it is valid UTF-8."""
    path = write(tmp_path / "x.txt", b"plain")

    assert read_one(path) == Document(str(path), "plain", "utf-8")


# Standard input


def test_stdin_bytes_are_decoded_like_a_file():
    """'-' reads bytes from stdin and detects their encoding."""
    result = list(iter_documents(["-"], stdin=io.BytesIO(CP1252_BYTES)))

    assert result == [Document(STDIN_NAME, CP1252_TEXT, "cp1252")]


def test_stdin_text_stream_is_read_through_its_buffer():
    """A text stdin is read as bytes, so a BOM and CRLF survive exactly."""
    stdin = io.TextIOWrapper(io.BytesIO(codecs.BOM_UTF8 + b"a\r\nb"))

    result = list(iter_documents([Path("-")], stdin=stdin))

    assert result == [Document(STDIN_NAME, "a\r\nb", "utf-8-sig")]


def test_stdin_string_stream_is_taken_as_is():
    """An in-memory text stream has no bytes to decode."""
    result = list(iter_documents(["-"], stdin=io.StringIO("already text")))

    assert result == [Document(STDIN_NAME, "already text")]


def test_binary_stdin_is_a_failure():
    """Binary data on stdin is reported under the stdin name."""
    result = list(iter_documents(["-"], stdin=io.BytesIO(b"\x89PNG\r\n\x1a\n")))

    assert result == [InputFailure(STDIN_NAME, "not a text file")]


def test_large_stdin_is_spooled_and_cleaned_up():
    """Big stdin becomes a LargeDocument whose copy goes away with it."""
    text = article_text(200)
    data = text.encode("utf-8")

    [document] = iter_documents(["-"], stdin=io.BytesIO(data), large_file_bytes=1000)

    assert isinstance(document, LargeDocument)
    assert (document.name, document.size) == (STDIN_NAME, len(data))
    assert "".join(document.iter_pieces(700)) == text
    spool = document.path
    del document
    gc.collect()
    assert not spool.exists()


# JSON Lines


def test_jsonl_good_and_bad_lines(tmp_path: Path):
    """Each line is a document or a failure naming its line; blank lines skip."""
    lines = [
        json.dumps({"id": "a1", "text": "\u201cHi,\u201d he said."}),
        json.dumps({"text": "no id\r\nhere"}),
        "",
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"id": 7, "text": 3}),
        json.dumps({"id": 8}),
        json.dumps({"id": 9, "text": ""}),
    ]
    path = write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    source = str(path)

    result = list(iter_documents([path], input_format="jsonl"))

    assert result == [
        Document("a1", "\u201cHi,\u201d he said."),
        Document(f"{source}:2", "no id\r\nhere"),
        InputFailure(
            f"{source}:4",
            "not valid JSON (Expecting property name enclosed in double quotes"
            " at column 2)",
        ),
        InputFailure(f"{source}:5", "not a JSON object"),
        InputFailure(f"{source}:6", "field 'text' missing or not a string"),
        InputFailure(f"{source}:7", "field 'text' missing or not a string"),
        Document("9", ""),
    ]


def test_jsonl_lone_surrogate_is_a_failure_naming_the_field():
    """JSON may escape half a surrogate pair; such a record can't be written out."""
    stdin = io.BytesIO(
        b'{"text": "\\ud800 x"}\n{"id": "\\udfff", "text": "y"}\n{"text": "ok"}\n'
    )

    result = list(iter_documents(["-"], input_format="jsonl", stdin=stdin))

    assert result == [
        InputFailure(
            f"{STDIN_NAME}:1",
            "field 'text' is not valid Unicode (lone surrogate at character 0)",
        ),
        InputFailure(
            f"{STDIN_NAME}:2",
            "field 'id' is not valid Unicode (lone surrogate at character 0)",
        ),
        Document(f"{STDIN_NAME}:3", "ok"),
    ]


def test_jsonl_custom_fields():
    """The text and id fields can be renamed."""
    stdin = io.BytesIO(b'{"body": "x", "url": "http://a"}\n{"text": "y"}\n')

    result = list(
        iter_documents(
            ["-"], input_format="jsonl", text_field="body", id_field="url", stdin=stdin
        )
    )

    assert result == [
        Document("http://a", "x"),
        InputFailure(f"{STDIN_NAME}:2", "field 'body' missing or not a string"),
    ]


def test_jsonl_from_stdin_reports_the_bad_line_number():
    """Bad lines from stdin are named '<stdin>:N'."""
    stdin = io.BytesIO(b'{"text": "a"}\nnope\n{"text": "b"}')

    result = list(iter_documents(["-"], input_format="jsonl", stdin=stdin))

    assert result == [
        Document(f"{STDIN_NAME}:1", "a"),
        InputFailure(f"{STDIN_NAME}:2", "not valid JSON (Expecting value at column 1)"),
        Document(f"{STDIN_NAME}:3", "b"),
    ]


def test_jsonl_bom_and_bad_utf8_line():
    """A UTF-8 BOM is tolerated; a line that isn't UTF-8 fails alone."""
    stdin = io.BytesIO(codecs.BOM_UTF8 + b'{"text": "a"}\n{"text": "\xe9"}\n')

    result = list(iter_documents(["-"], input_format="jsonl", stdin=stdin))

    assert result == [
        Document(f"{STDIN_NAME}:1", "a"),
        InputFailure(f"{STDIN_NAME}:2", "not valid utf-8 (byte 0xe9 at 10)"),
    ]


def test_jsonl_in_utf16_is_one_failure(tmp_path: Path):
    """UTF-16 JSON Lines would fail on every line: say it once."""
    path = write(tmp_path / "x.jsonl", '{"text": "a"}\n'.encode("utf-16"))

    result = list(iter_documents([path], input_format="jsonl"))

    assert result == [InputFailure(str(path), "JSON Lines must be UTF-8, not utf-16")]


def test_jsonl_folder_with_glob(tmp_path: Path):
    """Folders of JSON Lines files are walked with a matching glob."""
    write(tmp_path / "b.jsonl", '{"id": "b", "text": "x"}\n')
    write(tmp_path / "a.jsonl", '{"id": "a", "text": "y"}\n')
    write(tmp_path / "c.txt", "ignored")

    result = list(iter_documents([tmp_path], input_format="jsonl", glob="*.jsonl"))

    assert result == [Document("a", "y"), Document("b", "x")]


def test_jsonl_overlong_line_fails_alone_and_is_skipped_in_parts(tmp_path: Path):
    """A line over the size limit is a failure; the lines around it still read."""
    long_line = json.dumps({"text": "x" * 5000})
    path = write(
        tmp_path / "in.jsonl",
        f'{{"text": "a"}}\n{long_line}\n{{"text": "b"}}\n{long_line}',
    )
    source = str(path)

    result = list(iter_documents([path], input_format="jsonl", large_file_bytes=100))

    assert result == [
        Document(f"{source}:1", "a"),
        InputFailure(f"{source}:2", "line longer than 100 bytes"),
        Document(f"{source}:3", "b"),
        InputFailure(f"{source}:4", "line longer than 100 bytes"),
    ]


def test_jsonl_overlong_line_from_a_text_stream():
    """A text stream given as stdin is held to the same limit, in characters."""
    stdin = io.StringIO('{"text": "' + "y" * 200 + '"}\n{"text": "ok"}\n')

    result = list(
        iter_documents(["-"], input_format="jsonl", stdin=stdin, large_file_bytes=50)
    )

    assert result == [
        InputFailure(f"{STDIN_NAME}:1", "line longer than 50 characters"),
        Document(f"{STDIN_NAME}:2", "ok"),
    ]


def test_png_read_as_jsonl_is_one_failure(tmp_path: Path):
    """A PNG's signature holds a line break: its first line alone is binary."""
    path = write(tmp_path / "x.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n\xff\n")

    result = list(iter_documents([path], input_format="jsonl"))

    assert result == [InputFailure(str(path), "not a text file")]


def test_jsonl_binary_file_without_newline_is_not_text(tmp_path: Path):
    """A big binary file read as JSON Lines is called binary, not too long."""
    path = write(tmp_path / "x.jsonl", b"%PDF-1.7 " + b"\x01" * 5000)

    result = list(iter_documents([path], input_format="jsonl", large_file_bytes=100))

    assert result == [InputFailure(str(path), "not a text file")]


def test_unknown_input_format_is_a_programming_error():
    """Only text and jsonl exist."""
    with pytest.raises(ValueError, match="xml"):
        iter_documents([], input_format="xml")  # type: ignore[arg-type]


# Large files


def test_small_files_stay_documents(tmp_path: Path):
    """A file at the threshold is still read whole."""
    path = write(tmp_path / "x.txt", b"x" * 100)

    assert isinstance(read_one(path, large_file_bytes=100), Document)


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_large_file_pieces_concatenate_to_the_text(tmp_path: Path, codec: str):
    """A multi-megabyte file is read in pieces that rebuild its exact text."""
    text = article_text(40_000)  # about 2.5 million characters
    path = write(tmp_path / "big.txt", text.encode(codec))

    document = read_one(path, large_file_bytes=4096)

    assert isinstance(document, LargeDocument)
    assert (document.path, document.size) == (path, path.stat().st_size)
    assert codecs.lookup(document.encoding).name == codecs.lookup(codec).name
    pieces = list(document.iter_pieces(100_000))
    assert "".join(pieces) == text
    assert all(len(piece) <= 100_000 for piece in pieces)
    # Paragraph breaks are common here, so every piece but the last ends at one.
    assert all(piece.endswith("\r\n\r\n") for piece in pieces[:-1])


def test_large_file_with_one_line_and_no_newline(tmp_path: Path):
    """A huge single line is cut at spaces, in bounded pieces."""
    text = "word \u00e9t\u00e9 " * 400_000  # 4 million characters, no newline
    path = write(tmp_path / "line.txt", text.rstrip())

    document = read_one(path, large_file_bytes=4096)

    assert isinstance(document, LargeDocument)
    pieces = list(document.iter_pieces(50_000))
    assert "".join(pieces) == text.rstrip()
    assert max(len(piece) for piece in pieces) <= 50_000
    assert all(piece.endswith(" ") for piece in pieces[:-1])


def test_large_file_with_one_line_is_read_in_bounded_memory(tmp_path: Path):
    """Reading a 12 MB line in pieces never holds more than a few megabytes."""
    line = "word " * 2_400_000
    path = write(tmp_path / "line.txt", line)
    del line
    document = read_one(path, large_file_bytes=4096)
    assert isinstance(document, LargeDocument)
    count = total = 0

    tracemalloc.start()
    try:
        for piece in document.iter_pieces(50_000):
            count += 1
            total += len(piece)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (total, count) == (12_000_000, 240)
    assert peak < 6_000_000


def test_large_file_without_any_whitespace(tmp_path: Path):
    """Text without a single space is hard-cut at the piece size."""
    text = "x\u00e9" * 1_000_000
    path = write(tmp_path / "blob.txt", text)

    document = read_one(path, large_file_bytes=4096)

    assert isinstance(document, LargeDocument)
    pieces = list(document.iter_pieces(300_000))
    assert [len(piece) for piece in pieces] == [300_000] * 6 + [200_000]
    assert "".join(pieces) == text


def test_large_binary_file_is_a_failure(tmp_path: Path):
    """A big file with a NUL byte after its first megabyte is still binary."""
    path = write(tmp_path / "x.txt", b"text\n" * 300_000 + b"\x00")

    assert read_one(path, large_file_bytes=4096) == InputFailure(
        str(path), "not a text file"
    )


def test_large_file_deleted_before_reading_raises_input_error(tmp_path: Path):
    """A file gone before its pieces are read is an InputError naming it."""
    path = write(tmp_path / "big.txt", "x" * 10_000)
    document = read_one(path, large_file_bytes=4096)
    assert isinstance(document, LargeDocument)
    path.unlink()

    with pytest.raises(InputError, match=r"big\.txt: no such file or directory"):
        list(document.iter_pieces())


def test_large_file_corrupted_after_detection_raises_input_error(tmp_path: Path):
    """A file that stops decoding after it was checked names the bad byte."""
    path = write(tmp_path / "big.txt", "\u00e9" * 10_000)
    document = read_one(path, large_file_bytes=4096)
    with path.open("r+b") as stream:
        stream.seek(5000)
        stream.write(b"\xff")

    with pytest.raises(InputError, match=r"not valid utf-8 \(byte 0xff at 5000\)"):
        list(document.iter_pieces())  # type: ignore[union-attr]
