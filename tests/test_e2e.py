"""End-to-end tests of the installed ``quotex`` command: real pipes, real model."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import quotex

ARTICLES = 200
PEOPLE = [("Helena", "Vosk"), ("Tomas", "Brennick"), ("Amira", "Costel")]


def quotex_command() -> list[str]:
    """The console script next to this Python, else on PATH, else ``-m``."""
    beside = Path(sys.executable).with_name("quotex")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("quotex")
    return [found] if found else [sys.executable, "-m", "quotex"]


def run(*args: str, stdin: str | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*quotex_command(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        **kwargs,
    )


def article(i: int) -> str:
    first, last = PEOPLE[i % len(PEOPLE)]
    return (
        f"Council notes, part {i}\n\n"
        f"The council met on Monday to discuss district {i}.\n\n"
        f'"We will fund district {i} before the winter comes," {first} {last} said. '
        f'"The money is there, and the plan is sound."\n\n'
        f'"Nobody should doubt it," {last} added.\n'
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """A folder of small generated articles, each with quotes."""
    folder = tmp_path_factory.mktemp("batch")
    for i in range(ARTICLES):
        (folder / f"a{i:03d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_quick_start_runs_on_the_example_article(example_article):
    """The README's first command works and prints every field."""
    result = run("extract", str(example_article))

    assert result.returncode == 0, result.stderr
    found = records(result.stdout)
    assert found
    assert all(list(r) == list(quotex.FIELDS) for r in found)
    assert "1 file," in result.stderr


def test_python_dash_m_works():
    """python -m quotex is the same command."""
    result = subprocess.run(
        [sys.executable, "-m", "quotex", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert (result.returncode, result.stdout) == (0, f"quotex {quotex.__version__}\n")


def test_standard_input_gives_file_dash():
    """Text piped in is read with no path; records say file -."""
    result = run("extract", stdin=article(0))

    assert result.returncode == 0, result.stderr
    assert {r["file"] for r in records(result.stdout)} == {"-"}


def test_usage_error_exits_2_without_loading_anything():
    """A bad option is rejected at once with exit 2."""
    result = run("extract", "x.txt", "--min-confidence", "7")

    assert result.returncode == 2
    assert result.stdout == ""


def test_no_path_on_a_terminal_is_a_usage_error_not_a_hang():
    """With stdin a terminal and no path, quotex says what to give."""
    main, child = pty.openpty()
    try:
        result = subprocess.run(
            [*quotex_command(), "extract"],
            stdin=child,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.close(main)
        os.close(child)

    assert result.returncode == 2
    assert "give a file, a folder or -" in result.stderr


CRLF_CP1252 = (
    "Council notes\r\n\r\n"
    "\u201cWe are open,\u201d Helena Vosk said at the caf\u00e9.\r\n\r\n"
    "\u201cThe na\u00efve plan \u2014 it works,\u201d Tomas Brennick told reporters."
    "\r\n\r\n\u201cNobody doubts it,\u201d Vosk added.\r\n"
)
UTF16 = (
    "R\u00e9sum\u00e9 of the day\n\n"
    "\u201cW\u00e4hrend the talks, we listened,\u201d Amira Costel said.\n\n"
    '"It is done," she added. \U0001f600 "Truly."\n'
)


def check_offsets(found: list[dict], text: str) -> None:
    """Every offset of every record slices the decoded text exactly."""
    assert found
    for record in found:
        assert record["quote"] == text[record["start"] : record["end"]]
        if record["speaker_mention"] is not None:
            mention = text[record["speaker_start"] : record["speaker_end"]]
            assert record["speaker_mention"] == mention
        if record["cue"] is not None:
            assert record["cue"] == text[record["cue_start"] : record["cue_end"]]


def test_offsets_index_the_decoded_text_of_crlf_cp1252_and_utf16(tmp_path):
    """Offsets slice the file as decoded: CRLF kept, BOM dropped, astral chars."""
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(CRLF_CP1252.encode("cp1252"))
    wide = tmp_path / "wide.txt"
    wide.write_bytes(UTF16.encode("utf-16"))

    result = run("extract", str(legacy), str(wide))

    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert f"{legacy}: decoded as cp1252" in lines
    assert f"{wide}: decoded as utf-16" in lines
    found = records(result.stdout)
    for path, codec in ((legacy, "cp1252"), (wide, "utf-16")):
        text = path.read_bytes().decode(codec)
        check_offsets([r for r in found if r["file"] == str(path)], text)
    assert any(r["speaker_mention"] for r in found if r["file"] == str(legacy))


def test_batch_with_bad_inputs_writes_every_good_quote(batch, tmp_path):
    """Each failure is named once on stderr, exit 1, stdout holds all good quotes.

    The folder mixes good articles (UTF-8, cp1252 with CRLF, UTF-16) with every
    kind of bad input: binary files, a symlink loop, a dangling link (a file
    removed from under a link), an unreadable file, and inputs that are not
    failures at all (empty, blank, punctuation only).
    """
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = {
        Path(shutil.copy(batch / f"a{i:03d}.txt", folder)): "utf-8" for i in range(3)
    }
    legacy = folder / "legacy.txt"
    legacy.write_bytes(CRLF_CP1252.encode("cp1252"))
    wide = folder / "wide.txt"
    wide.write_bytes(UTF16.encode("utf-16"))
    good.update({legacy: "cp1252", wide: "utf-16"})
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \r\n\t\n\n")
    (folder / "punctuation.txt").write_bytes(b"... !? -- ; * \"\" ''\n")
    binaries = {
        "archive.txt": b"PK\x03\x04\x00\x00binary\x00data",
        "document.txt": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "nul.txt": b"Looks like text \x00 but is not.\n",
    }
    for name, data in binaries.items():
        (folder / name).write_bytes(data)
    (folder / "loop").mkdir()
    (folder / "loop" / "back").symlink_to(folder / "loop")
    (folder / "removed.txt").symlink_to(folder / "gone.txt")
    locked = folder / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    missing = tmp_path / "missing.txt"

    try:
        result = run("extract", str(folder), str(missing))
    finally:
        locked.chmod(0o644)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    expected_failures = {
        **{str(folder / name): "not a text file" for name in binaries},
        str(folder / "loop" / "back"): "symlink loop",
        str(folder / "removed.txt"): "no such file or directory",
        str(missing): "no such file or directory",
    }
    if os.geteuid() != 0:  # root reads files whatever their permissions
        expected_failures[str(locked)] = "permission denied"
    for name, reason in expected_failures.items():
        assert sum(1 for line in lines if line.startswith(f"{name}:")) == 1, name
        assert f"{name}: {reason}" in lines
    assert f"{legacy}: decoded as cp1252" in lines
    assert f"{wide}: decoded as utf-16" in lines
    for quiet in ("empty.txt", "blank.txt", "punctuation.txt"):
        assert not any(quiet in line for line in lines), quiet
    assert f", {len(expected_failures)} failed in " in lines[-1]
    found = records(result.stdout)
    by_file = Counter(r["file"] for r in found)
    expected = {
        str(path): len(quotex.extract(path.read_bytes().decode(codec)))
        for path, codec in good.items()
    }
    assert dict(by_file) == expected
    for path, codec in good.items():
        text = path.read_bytes().decode(codec)
        check_offsets([r for r in found if r["file"] == str(path)], text)


def test_json_lines_batch_with_bad_lines_and_bad_files(tmp_path):
    """Bad lines and files are named once each; every good record's quotes are out."""
    good = [article(0), article(1)]
    source = tmp_path / "articles.jsonl"
    source.write_text(
        json.dumps({"id": "first", "text": good[0]})
        + "\n{not json\n"
        + json.dumps({"id": "no-text"})
        + "\n\n"
        + json.dumps({"id": "second", "text": good[1]})
        + "\n",
        encoding="utf-8",
    )
    binary = tmp_path / "image.jsonl"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "missing.jsonl"

    result = run(
        "extract", str(source), str(binary), str(missing), "--input-format", "jsonl"
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[:4] == [
        f"{source}:2: not valid JSON (Expecting property name enclosed in double "
        "quotes at column 2)",
        f"{source}:3: field 'text' missing or not a string",
        f"{binary}: not a text file",
        f"{missing}: no such file or directory",
    ]
    found = Counter(r["file"] for r in records(result.stdout))
    assert dict(found) == {
        "first": len(quotex.extract(good[0])),
        "second": len(quotex.extract(good[1])),
    }


def test_full_disk_is_one_line_not_a_traceback(tmp_path):
    """A write that fails (here /dev/full) ends the run with exit 1 and a reason."""
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    path = tmp_path / "a.txt"
    path.write_text(article(0), encoding="utf-8")

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [*quotex_command(), "extract", str(path)],
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "error: cannot write standard output: no space left on device"
    ]


def test_closed_pipe_ends_quietly(batch):
    """`| head -1`: the reader goes away, quotex stops without a traceback."""
    process = subprocess.Popen(
        [*quotex_command(), "extract", str(batch)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = process.stdout.readline()
    process.stdout.close()
    _, stderr = process.communicate(timeout=300)

    assert json.loads(first)["file"].endswith("a000.txt")
    assert process.returncode == 1
    assert b"Traceback" not in stderr
    assert b"Exception ignored" not in stderr
