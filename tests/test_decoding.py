"""Tests for quotex.decoding: exact decoding, binary detection, piece cutting."""

from __future__ import annotations

import codecs
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotex.decoding import (
    HEAD_BYTES,
    NOT_TEXT,
    DecodingError,
    bom_encoding,
    count_line_breaks,
    decode_text,
    detect_stream_encoding,
    has_long_line,
    iter_decoded_pieces,
    iter_text_pieces,
)
from quotex.paragraphs import iter_lines

CP1252_BYTES = b"\x93Caf\xe9 cr\xe8me,\x94 she said. \x93Na\xefve.\x94\r\n"
CP1252_TEXT = "\u201cCaf\u00e9 cr\u00e8me,\u201d she said. \u201cNa\u00efve.\u201d\r\n"


def pieces(text: str, encoding: str, piece_chars: int, read_bytes: int) -> list[str]:
    stream = io.BytesIO(text.encode(encoding))
    return list(
        iter_decoded_pieces(stream, encoding, piece_chars, read_bytes=read_bytes)
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + b"x", "utf-8-sig"),
        (codecs.BOM_UTF16_LE + b"x\x00", "utf-16"),
        (codecs.BOM_UTF16_BE + b"\x00x", "utf-16"),
        (codecs.BOM_UTF32_LE + b"x\x00\x00\x00", "utf-32"),
        (codecs.BOM_UTF32_BE + b"\x00\x00\x00x", "utf-32"),
        (b"plain", None),
    ],
)
def test_bom_names_a_codec_that_consumes_it(data: bytes, expected: str | None):
    """Each byte order mark maps to a codec that drops it when decoding."""
    assert expected == bom_encoding(data)


def test_utf8_is_decoded_without_changes():
    """UTF-8 text comes back as is, CRLF and all."""
    text = "\u201cOui\u201d, dit-il.\r\n\r\nFin\u00a0!\x0c\n"

    assert (text, "utf-8") == decode_text(text.encode("utf-8"))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_bom_is_not_part_of_the_text(encoding: str):
    """The byte order mark is removed, so offset 0 is the first real character."""
    text, used = decode_text("\u201cHi\u201d\n".encode(encoding))

    assert ("\u201cHi\u201d\n", encoding) == (text, used)


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-32-be"])
def test_big_endian_with_bom(codec: str):
    """Big-endian UTF-16 and UTF-32 are recognised by their marks."""
    data = "\ufeff\u00abNon\u00bb\n".encode(codec)

    assert decode_text(data)[0] == "\u00abNon\u00bb\n"


def test_cp1252_curly_quotes():
    """Windows-1252 bytes 0x93/0x94 become curly quotes, not C1 controls."""
    text, encoding = decode_text(CP1252_BYTES)

    assert text == CP1252_TEXT
    assert encoding == "cp1252"


def test_short_cp1252_text_is_not_taken_for_cp1250():
    """Ties between 8-bit encodings go to the common Western one."""
    text, encoding = decode_text(
        "El ni\u00f1o dijo: \u00abS\u00ed\u00bb.\n".encode("cp1252")
    )

    assert (text, encoding) == ("El ni\u00f1o dijo: \u00abS\u00ed\u00bb.\n", "cp1252")


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x00def",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"PK\x03\x04\x14\x00",
        bytes(range(1, 32)) * 20,
    ],
    ids=["nul", "pdf", "png", "jpeg", "zip", "controls"],
)
def test_binary_data_is_not_text(data: bytes):
    """NUL bytes, known magic numbers and control characters mean binary."""
    with pytest.raises(DecodingError) as caught:
        decode_text(data)

    assert caught.value.reason == NOT_TEXT


def test_broken_utf16_names_the_position():
    """A UTF-16 file cut in the middle of a character says where."""
    with pytest.raises(
        DecodingError, match=r"not valid utf-16 \(truncated at byte 4\)"
    ):
        decode_text(codecs.BOM_UTF16_LE + b"a\x00b")


def test_empty_and_blank_are_text():
    """Empty and whitespace-only content is valid (and empty) text."""
    assert decode_text(b"") == ("", "utf-8")
    assert decode_text(b" \n\t\r\n") == (" \n\t\r\n", "utf-8")


def test_stream_utf8_head_with_cp1252_tail():
    """A cp1252 byte after the first megabyte still switches the encoding."""
    data = b"Plain ASCII news text.\n" * (HEAD_BYTES // 20) + CP1252_BYTES

    assert detect_stream_encoding(io.BytesIO(data)) == "cp1252"


def test_stream_with_late_nul_is_binary():
    """A NUL byte anywhere in an 8-bit stream makes it binary."""
    data = b"text\n" * (HEAD_BYTES // 4) + b"\x00"

    with pytest.raises(DecodingError, match=NOT_TEXT):
        detect_stream_encoding(io.BytesIO(data))


def test_stream_utf16_with_bom():
    """A UTF-16 stream keeps its codec; its NUL bytes are not binary."""
    data = "\u201cYes\u201d\n".encode("utf-16") * 1000

    assert detect_stream_encoding(io.BytesIO(data)) == "utf-16"


def test_pieces_end_at_paragraph_breaks():
    """A blank line in the second half of the window wins over later newlines."""
    text = "a" * 60 + "\n\n" + "b" * 20 + "\n" + "c" * 50

    result = pieces(text, "utf-8", 100, 1024)

    assert result == ["a" * 60 + "\n\n", "b" * 20 + "\n" + "c" * 50]


def test_pieces_end_at_crlf_paragraph_breaks():
    """CRLF blank lines (and whitespace-only lines) count as paragraph breaks."""
    text = "a" * 60 + "\r\n \t\r\n" + "b" * 60

    result = pieces(text, "utf-8", 100, 1024)

    assert result == ["a" * 60 + "\r\n \t\r\n", "b" * 60]


def test_pieces_end_at_the_paragraph_breaks_of_old_mac_files():
    """A lone CR ends a line too: CR CR is a blank line, a CR a line end."""
    assert pieces("a" * 60 + "\r\r" + "b" * 20 + "\r" + "c" * 50, "utf-8", 100, 9) == [
        "a" * 60 + "\r\r",
        "b" * 20 + "\r" + "c" * 50,
    ]
    assert pieces("a" * 70 + "\r" + "b" * 70, "utf-8", 100, 9) == [
        "a" * 70 + "\r",
        "b" * 70,
    ]


def test_pieces_fall_back_to_newline_then_space_then_hard_cut():
    """Without a blank line, cut after a newline, else a space, else anywhere."""
    assert pieces("a" * 70 + "\n" + "b" * 70, "utf-8", 100, 7) == [
        "a" * 70 + "\n",
        "b" * 70,
    ]
    assert pieces("a" * 70 + " " + "b" * 70, "utf-8", 100, 7) == [
        "a" * 70 + " ",
        "b" * 70,
    ]
    assert pieces("x" * 150, "utf-8", 100, 7) == ["x" * 100, "x" * 50]


def test_pieces_find_a_space_far_back_in_a_long_line():
    """The last space is found even far from the end of a large window."""
    text = "a" * 600 + " " + "b" * 1000

    assert pieces(text, "utf-8", 1200, 4096) == ["a" * 600 + " ", "b" * 1000]


def test_pieces_ignore_breaks_early_in_the_window():
    """A newline in the first half of the window would make a tiny piece."""
    text = "a\n" + "b" * 200

    assert pieces(text, "utf-8", 100, 1024) == ["a\n" + "b" * 98, "b" * 100, "b" * 2]


def test_pieces_never_split_crlf():
    """A hard cut that would separate CR from LF moves one character back."""
    text = "x" * 99 + "\r\n" + "y" * 10

    result = pieces(text, "utf-8", 100, 1024)

    assert result == ["x" * 99, "\r\n" + "y" * 10]


def test_piece_size_must_be_positive():
    """Zero-length pieces would never end."""
    with pytest.raises(ValueError, match="piece_chars"):
        list(iter_decoded_pieces(io.BytesIO(b"x"), "utf-8", 0))
    with pytest.raises(ValueError, match="piece_chars"):
        list(iter_text_pieces("x", 0))


def test_decoding_error_in_pieces_gives_the_offset():
    """A bad byte deep in the stream is reported with its file offset."""
    stream = io.BytesIO(b"ok " * 10 + b"\xff rest")

    with pytest.raises(DecodingError, match=r"byte 0xff at 30"):
        list(iter_decoded_pieces(stream, "utf-8", 4, read_bytes=7))


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            ["a", "b", " ", "\t", "\n", "\r", "\r\n", "\u00e9", "\u201c", "\U0001f600"]
        )
    ).map("".join),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-be"]),
    piece_chars=st.integers(min_value=1, max_value=40),
    read_bytes=st.integers(min_value=1, max_value=50),
)
def test_pieces_concatenate_to_the_text(
    text: str, encoding: str, piece_chars: int, read_bytes: int
):
    """Pieces are non-empty, at most piece_chars long, and rebuild the text."""
    result = pieces(text, encoding, piece_chars, read_bytes)

    assert text == "".join(result)
    assert all(0 < len(piece) <= piece_chars for piece in result)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\n\n", "\u00e9"])
    ).map("".join),
    piece_chars=st.integers(min_value=1, max_value=40),
    read_bytes=st.integers(min_value=1, max_value=50),
)
def test_text_in_memory_is_cut_like_a_stream(
    text: str, piece_chars: int, read_bytes: int
):
    """A text already decoded is cut exactly where its file would have been."""
    expected = pieces(text, "utf-8", piece_chars, read_bytes)

    assert expected == list(iter_text_pieces(text, piece_chars))


def test_long_line_is_found_first_middle_or_last():
    """Only a line longer than the limit counts; line breaks are not counted."""
    assert not has_long_line("abc\ndef\n", 3)
    assert has_long_line("abcd\nx", 3)
    assert has_long_line("x\nabcd\ny", 3)
    assert has_long_line("x\r\nabcd", 3)
    assert not has_long_line("a\n" * 1000, 3)
    assert not has_long_line("abc\r" * 1000, 3)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\r\r"])).map("".join),
    piece_chars=st.integers(min_value=2, max_value=40),
)
def test_pieces_hold_every_line_break_once(text: str, piece_chars: int):
    """Counting line breaks piece by piece gives the whole text's count."""
    result = list(iter_text_pieces(text, piece_chars))

    assert sum(count_line_breaks(p) for p in result) == count_line_breaks(text)
    assert count_line_breaks(text) == len(list(iter_lines(text))) - 1
