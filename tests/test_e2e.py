"""End-to-end tests of the installed ``quotex`` command: real pipes, real model."""

from __future__ import annotations

import array
import fcntl
import json
import os
import pty
import shutil
import signal
import subprocess
import sys
import termios
import threading
import time
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


def assert_whole_documents(output: str, folder: Path) -> int:
    """Check the output is a prefix of the batch, every document complete."""
    counts = Counter(r["file"] for r in records(output))
    names = sorted(str(p) for p in folder.iterdir())
    assert list(counts) == names[: len(counts)]
    for name, count in counts.items():
        expected = quotex.extract(Path(name).read_text(encoding="utf-8"))
        assert (name, count) == (name, len(expected))
    return len(counts)


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


def test_batch_with_bad_inputs_writes_every_good_quote(batch, tmp_path):
    """Failures are named once on stderr, exit 1, stdout holds all good quotes."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = [shutil.copy(batch / f"a{i:03d}.txt", folder) for i in range(3)]
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00data")
    legacy = folder / "legacy.txt"
    legacy.write_bytes(b"\x93We are open,\x94 Helena Vosk said at the caf\xe9.\n")
    missing = tmp_path / "missing.txt"

    result = run("extract", str(folder), str(missing))

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines.count(f"{folder / 'binary.txt'}: not a text file") == 1
    assert lines.count(f"{missing}: no such file or directory") == 1
    assert f"{legacy}: decoded as cp1252" in lines
    assert sum(1 for line in lines if "empty.txt" in line) == 0
    assert "Traceback" not in result.stderr
    found = Counter(r["file"] for r in records(result.stdout))
    expected = {
        str(path): len(quotex.extract(Path(path).read_text(encoding="utf-8")))
        for path in good
    }
    expected[str(legacy)] = len(quotex.extract(legacy.read_bytes().decode("cp1252")))
    assert dict(found) == expected


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


def test_ctrl_c_while_the_reader_keeps_up_leaves_whole_documents(batch):
    """SIGINT mid-batch: exit 130, every document written is complete."""
    with subprocess.Popen(
        [*quotex_command(), "extract", str(batch), "--jobs", "1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(process.stdout))
        reader.start()
        deadline = time.monotonic() + 240
        while len(lines) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=120)
        reader.join(timeout=60)
        stderr = process.stderr.read()

    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "interrupted:" in stderr
    written = assert_whole_documents("".join(lines), batch)
    assert 0 < written < ARTICLES


def test_ctrl_c_while_stdout_is_a_full_pipe_leaves_whole_documents(batch):
    """SIGINT during a write blocked on a full pipe: nothing is cut short."""
    process = subprocess.Popen(
        [*quotex_command(), "extract", str(batch), "--jobs", "1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # Wait until the pipe stops filling: quotex is then blocked in a write.
    waiting, steady, deadline = -1, 0, time.monotonic() + 240
    while steady < 5 and time.monotonic() < deadline:
        size = array.array("i", [0])
        fcntl.ioctl(process.stdout.fileno(), termios.FIONREAD, size)
        steady = steady + 1 if size[0] and size[0] == waiting else 0
        waiting = size[0]
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    time.sleep(0.5)
    stdout, stderr = process.communicate(timeout=120)

    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr
    written = assert_whole_documents(stdout.decode("utf-8"), batch)
    assert 0 < written < ARTICLES
