"""Tests for quotex.output: whole writes through signals and full pipes, exports."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import threading
import time

import pytest

from quotex.output import AtomicOutput, WholeWriteStream

TEXT = "".join(f'{{"quote": "line {i}", "speaker": "Ann Lee"}}\n' for i in range(6000))


def read_all(fd: int, into: list[bytes], after: float) -> None:
    time.sleep(after)
    while chunk := os.read(fd, 65536):
        into.append(chunk)


@pytest.fixture
def pipe():
    read_end, write_end = os.pipe()
    yield read_end, write_end
    for fd in (read_end, write_end):
        with contextlib.suppress(OSError):  # already closed by the test
            os.close(fd)


def test_a_write_cut_short_by_a_signal_on_a_full_pipe_still_goes_out_whole(pipe):
    """An unbuffered stream (PYTHONUNBUFFERED) loses data there; this one does not."""
    read_end, write_end = pipe
    # What sys.stdout is under PYTHONUNBUFFERED: text straight to the descriptor.
    raw = io.TextIOWrapper(io.FileIO(write_end, "w"), "utf-8", write_through=True)
    received: list[bytes] = []
    reader = threading.Thread(target=read_all, args=(read_end, received, 0.6))
    main = threading.main_thread().ident
    assert main is not None
    previous = signal.signal(signal.SIGUSR1, lambda signum, frame: None)
    # While the write below waits on the full pipe, a signal interrupts it.
    interrupter = threading.Timer(0.3, signal.pthread_kill, (main, signal.SIGUSR1))
    try:
        reader.start()
        interrupter.start()
        WholeWriteStream(raw).write(TEXT)
        raw.close()
    finally:
        signal.signal(signal.SIGUSR1, previous)
        interrupter.join()
    reader.join()

    assert b"".join(received).decode("utf-8") == TEXT


def test_a_non_blocking_descriptor_waits_for_room_instead_of_failing(pipe):
    """A pipe left non-blocking by the parent gets every byte all the same."""
    read_end, write_end = pipe
    os.set_blocking(write_end, False)
    stream = open(write_end, "w", encoding="utf-8", closefd=True)  # noqa: SIM115
    received: list[bytes] = []
    reader = threading.Thread(target=read_all, args=(read_end, received, 0.2))
    reader.start()

    WholeWriteStream(stream).write(TEXT)
    stream.close()
    reader.join()

    assert b"".join(received).decode("utf-8") == TEXT


def test_a_stream_without_a_descriptor_is_written_as_usual():
    """Under a test runner stdout is in memory: text goes through the stream."""
    memory = io.StringIO()

    WholeWriteStream(memory).write("é\n")

    assert memory.getvalue() == "é\n"


def test_atomic_output_replaces_the_file_only_on_commit(tmp_path):
    """Until commit, the previous export stays; after, the new one is there."""
    path = tmp_path / "quotes.jsonl"
    path.write_text("old\n")

    output = AtomicOutput(path)
    output.stream.write("new\n")
    assert path.read_text() == "old\n"
    output.commit()

    assert path.read_text() == "new\n"
    assert [path] == list(tmp_path.iterdir())


def test_failed_export_keeps_the_previous_file(tmp_path):
    """An exception while writing leaves the old file and no temporary file."""
    path = tmp_path / "quotes.csv"
    path.write_text("old\n")

    with pytest.raises(RuntimeError), AtomicOutput(path) as output:
        output.stream.write("half a reco")
        raise RuntimeError("disk on fire")

    assert path.read_text() == "old\n"
    assert [path] == list(tmp_path.iterdir())


def test_new_export_gets_ordinary_permissions(tmp_path):
    """A new export is readable by others as usual, not 0600 like temp files."""
    path = tmp_path / "quotes.json"
    with AtomicOutput(path) as output:
        output.stream.write("[]\n")
        output.commit()

    assert path.stat().st_mode & 0o044


def test_export_into_a_missing_folder_fails_at_once(tmp_path):
    """The output is opened before any work, so a bad path fails fast."""
    with pytest.raises(OSError):
        AtomicOutput(tmp_path / "missing" / "quotes.csv")
