"""Signals: held during writes, stopping a run whole, killing a worker.

The end-to-end tests run the installed ``quotex`` command with real pipes and
real signals. Each article here writes about 25 KB of JSON Lines, so a pipe
nobody reads (64 KB on Linux) fills up in the middle of the third document:
that is where a signal used to cut a record in half.
"""

from __future__ import annotations

import array
import fcntl
import json
import os
import pty
import re
import signal
import subprocess
import termios
import time
from collections import Counter
from pathlib import Path

import pytest
from test_e2e import quotex_command

import quotex
from quotex.pool import QUEUE_DEPTH
from quotex.signals import Interrupted, exit_code, signals_held, stopping_on_signals

ARTICLES = 60
STOP = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
HAS_PROC = Path("/proc/self/stat").exists()


def long_article(i: int) -> str:
    """A headline and forty paragraphs of two quotes each."""
    paragraphs = [f"Council notes, part {i}\n"]
    paragraphs += [
        f'"We will fund district {n} before the winter comes," Helena Vosk said. '
        f'"The money is there, and plan {n} is sound."\n'
        for n in range(40)
    ]
    return "\n".join(paragraphs)


@pytest.fixture(scope="module")
def long_batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    for i in range(ARTICLES):
        (folder / f"a{i:03d}.txt").write_text(long_article(i), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def quotes_per_article() -> int:
    """How many records each article of the batch gives."""
    return len(quotex.extract(long_article(0)))


def environment(unbuffered: bool) -> dict[str, str]:
    """The environment with PYTHONUNBUFFERED set (as in many containers) or not."""
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return env


def start(command: list[str], *args: str, **kwargs) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*command, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def wait_until_blocked(process: subprocess.Popen[bytes]) -> None:
    """Wait until the unread pipe stops filling: quotex is blocked in a write."""
    waiting, steady, deadline = -1, 0, time.monotonic() + 60
    while steady < 5 and time.monotonic() < deadline:
        size = array.array("i", [0])
        assert process.stdout is not None
        fcntl.ioctl(process.stdout.fileno(), termios.FIONREAD, size)
        steady = steady + 1 if size[0] and size[0] == waiting else 0
        waiting = size[0]
        time.sleep(0.2)
    assert steady == 5, "the pipe never filled up"


def stop_and_read(
    process: subprocess.Popen[bytes], signum: int, *, group: bool = False
) -> tuple[str, str]:
    """Send the signal, wait a second, then read the pipe to the end."""
    if group:  # as Ctrl-C on a terminal, `timeout` or a scheduler do
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    time.sleep(1)
    stdout, stderr = process.communicate(timeout=60)
    return stdout.decode("utf-8"), stderr.decode("utf-8")


def whole_documents(stdout: str, folder: Path, per_document: int) -> int:
    """Check that stdout is the batch's first documents, each one complete."""
    assert stdout.endswith("\n") or not stdout, stdout[-200:]
    counts = Counter(json.loads(line)["file"] for line in stdout.splitlines())
    names = sorted(str(path) for path in folder.iterdir())
    assert list(counts) == names[: len(counts)]
    assert set(counts.values()) <= {per_document}
    return len(counts)


def summary(stderr: str, signum: int) -> str:
    """The summary line; it says the run was interrupted, and by what."""
    line = stderr.splitlines()[-1]
    prefix = "interrupted" if signum == signal.SIGINT else "interrupted by SIG"
    assert line.startswith(prefix), stderr
    return line


# -- holding and raising ----------------------------------------------------


@pytest.mark.parametrize("signum", STOP, ids=lambda s: s.name)
def test_a_signal_during_a_held_block_is_raised_when_it_ends(signum):
    """Inside signals_held a stop signal waits; it is raised on leaving."""
    done = []

    with stopping_on_signals():
        with pytest.raises(Interrupted) as raised, signals_held():
            os.kill(os.getpid(), signum)
            done.append("still writing")
        handler = signal.getsignal(signum)

    assert (done, raised.value.signum, exit_code(raised.value)) == (
        ["still writing"],
        signum,
        128 + signum,
    )
    assert handler is not signal.SIG_DFL
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_signal_ignored_at_start_stays_ignored():
    """Under nohup SIGHUP is ignored, and quotex leaves it so."""
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with stopping_on_signals(), signals_held():
            os.kill(os.getpid(), signal.SIGHUP)
        ignored = signal.getsignal(signal.SIGHUP)
    finally:
        signal.signal(signal.SIGHUP, previous)

    assert ignored is signal.SIG_IGN


# -- the installed command ----------------------------------------------------


@pytest.mark.parametrize(
    ("signum", "unbuffered"),
    [
        (signal.SIGINT, True),
        (signal.SIGINT, False),
        (signal.SIGTERM, True),
        (signal.SIGHUP, True),
    ],
    ids=["SIGINT-unbuffered", "SIGINT-buffered", "SIGTERM", "SIGHUP"],
)
def test_a_stop_signal_while_stdout_is_a_full_pipe_leaves_whole_documents(
    long_batch, quotes_per_article, signum, unbuffered
):
    """A signal during a write blocked on a full pipe waits for the document."""
    process = start(
        quotex_command(),
        "extract",
        str(long_batch),
        "--format",
        "jsonl",
        env=environment(unbuffered),
    )
    wait_until_blocked(process)

    stdout, stderr = stop_and_read(process, signum)

    assert process.returncode == 128 + signum, stderr
    assert "Traceback" not in stderr
    written = whole_documents(stdout, long_batch, quotes_per_article)
    assert 0 < written < ARTICLES
    assert f"{written} files, {written * quotes_per_article} quotes" in summary(
        stderr, signum
    )


@pytest.mark.parametrize("signum", STOP[:2], ids=lambda s: s.name)
def test_a_stop_signal_to_the_group_under_jobs_2_leaves_whole_documents(
    long_batch, quotes_per_article, signum
):
    """Workers ignore the signal their group gets; the main process stops them."""
    process = start(
        quotex_command(),
        "extract",
        str(long_batch),
        "--jobs",
        "2",
        env=environment(unbuffered=True),
        start_new_session=True,
    )
    wait_until_blocked(process)

    stdout, stderr = stop_and_read(process, signum, group=True)

    assert process.returncode == 128 + signum, stderr
    assert "Traceback" not in stderr
    assert "worker process died" not in stderr
    written = whole_documents(stdout, long_batch, quotes_per_article)
    assert 0 < written < ARTICLES
    # While the write waited, the workers finished what they held.
    assert re.search(r"; [1-9]\d* finished files? left out$", summary(stderr, signum))


def wait_for_the_export_to_start(folder: Path) -> None:
    """Wait until the first document is in the export's temporary file."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        parts = list(folder.glob(".quotes.jsonl.*.part"))
        if parts and parts[0].stat().st_size:
            return
        time.sleep(0.1)
    raise AssertionError("the export never started")


@pytest.mark.parametrize("signum", STOP, ids=lambda s: s.name)
def test_a_stop_signal_during_an_export_keeps_the_previous_file(
    long_batch, tmp_path, signum
):
    """-o: the old export stays, no temporary file is left, exit 128 + signal."""
    target = tmp_path / "quotes.jsonl"
    target.write_text("previous\n")
    process = start(quotex_command(), "extract", str(long_batch), "-o", str(target))
    wait_for_the_export_to_start(tmp_path)

    _, stderr = stop_and_read(process, signum)

    assert process.returncode == 128 + signum, stderr
    assert target.read_text() == "previous\n"
    # No temporary file: only the journal of the documents done, to resume.
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "quotes.jsonl",
        "quotes.jsonl.partial",
    ]
    summary(stderr, signum)


def test_a_closed_terminal_stops_the_run_like_ctrl_c(long_batch, tmp_path):
    """SIGHUP with the terminal gone (progress bar and all): exit 129, no traceback."""
    target = tmp_path / "quotes.jsonl"
    target.write_text("previous\n")
    terminal, child = pty.openpty()
    process = subprocess.Popen(
        [*quotex_command(), "extract", str(long_batch), "-o", str(target)],
        stdin=child,
        stdout=child,
        stderr=child,
        start_new_session=True,
    )
    os.close(child)
    wait_for_the_export_to_start(tmp_path)

    os.close(terminal)
    process.send_signal(signal.SIGHUP)

    assert process.wait(timeout=60) == 129
    assert target.read_text() == "previous\n"
    # No temporary file: only the journal of the documents done, to resume.
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "quotes.jsonl",
        "quotes.jsonl.partial",
    ]


def process_table() -> dict[int, tuple[int, str]]:
    """Map each process id to its parent's id and its state letter (R, S, ...)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # the process has just ended
                continue
            # The command name is in parentheses and may hold spaces.
            state, parent = stat.rsplit(")", 1)[1].split()[:2]
            table[int(entry.name)] = (int(parent), state)
    return table


def workers_of(pid: int) -> dict[int, str]:
    """Return the worker processes under quotex's fork server, with their state."""
    table = process_table()
    children = {child for child, (parent, _) in table.items() if parent == pid}
    return {
        worker: state for worker, (parent, state) in table.items() if parent in children
    }


def one_worker_left_busy(pid: int) -> int:
    """Wait until one worker runs (R) and the other waits (S); return the busy one.

    The small files are then done, and the long one is still being extracted.
    """
    steady, deadline = 0, time.monotonic() + 120
    while steady < 3 and time.monotonic() < deadline:
        states = workers_of(pid)
        busy = [worker for worker, state in states.items() if state == "R"]
        idle = [worker for worker, state in states.items() if state == "S"]
        steady = steady + 1 if len(busy) == 1 and idle else 0
        time.sleep(0.2)
    assert steady == 3, f"workers never settled: {states}"
    return busy[0]


@pytest.fixture
def slow_first(tmp_path) -> Path:
    """A folder whose first file is long and whose seven others are short."""
    folder = tmp_path / "jobs"
    folder.mkdir()
    (folder / "a000.txt").write_text(long_article(0) * 200, encoding="utf-8")
    for i in range(1, 8):
        (folder / f"a{i:03d}.txt").write_text(long_article(i)[:400], encoding="utf-8")
    return folder


@pytest.mark.skipif(not HAS_PROC, reason="needs /proc")
def test_ctrl_c_under_jobs_counts_finished_documents_left_out(slow_first):
    """Documents done behind a slower one can't be written; the summary says so."""
    process = start(quotex_command(), "extract", str(slow_first), "--jobs", "2")
    one_worker_left_busy(process.pid)

    stdout, stderr = stop_and_read(process, signal.SIGINT)

    assert (process.returncode, stdout) == (130, ""), stderr
    line = summary(stderr, signal.SIGINT)
    found = re.search(r"; (\d+) finished files? left out$", line)
    assert found, stderr
    # Every short file is done, but one may wait in the busy worker's queue.
    assert 7 - (QUEUE_DEPTH - 1) <= int(found[1]) <= 7


@pytest.mark.skipif(not HAS_PROC, reason="needs /proc")
def test_killed_worker_costs_only_its_document(slow_first):
    """SIGKILL to the worker on a long document: it alone fails, the batch ends."""
    process = start(quotex_command(), "extract", str(slow_first), "--jobs", "2")
    try:
        os.kill(one_worker_left_busy(process.pid), signal.SIGKILL)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()

    slow = slow_first / "a000.txt"
    lines = stderr.decode("utf-8").splitlines()
    assert process.returncode == 1, lines
    assert lines[:-1] == [f"{slow}: worker process died"]
    assert "7 files" in lines[-1]
    found = Counter(json.loads(line)["file"] for line in stdout.splitlines())
    assert dict(found) == {
        str(path): len(quotex.extract(path.read_text(encoding="utf-8")))
        for path in sorted(slow_first.iterdir())
        if path != slow
    }
