"""Where records go: every write reaches standard output or the export whole.

Two guarantees the writers in :mod:`quotex.formats` rely on: a write of one
document's text goes out entirely, whatever signals, full pipes and Python's
buffering do (:class:`WholeWriteStream`); and an export file appears only
complete, never half-written (:class:`AtomicOutput`).
"""

from __future__ import annotations

import os
import select
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, TextIO


class WholeWriteStream:
    """Wrap a text stream so that each :meth:`write` goes out entirely.

    ``sys.stdout`` can silently lose the end of a write. With
    ``PYTHONUNBUFFERED`` set, as in many container images, it writes straight
    to the file descriptor; when a signal interrupts a write(2) blocked on a
    full pipe, the system call returns the part it wrote and the text layer
    drops the rest. Here the text is encoded once and handed to ``os.write``
    until every byte is out, waiting for room if the descriptor is
    non-blocking.

    Streams without a file descriptor (an in-memory stream under a test
    runner) and terminals are written as usual: a terminal discards pending
    output on Ctrl-C anyway, and on Windows only the console's own writer
    shows text right.

    Args:
        stream: where to write; ``None`` means whatever ``sys.stdout`` is at
            the time of each write, so a progress bar that redirects it to
            print above itself keeps working.
        encoding: how text becomes bytes on the file descriptor.
    """

    def __init__(self, stream: TextIO | None, encoding: str = "utf-8") -> None:
        self._stream = stream
        self.encoding = encoding

    @property
    def stream(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stdout

    def write(self, text: str) -> int:
        """Write all of ``text``; return its length.

        Raises:
            OSError: the output refuses it (BrokenPipeError when the reader
                has gone).
        """
        stream = self.stream
        fd = _raw_descriptor(stream)
        if fd is None:
            stream.write(text)
            stream.flush()
            return len(text)
        stream.flush()  # whatever it holds goes first
        data = memoryview(text.encode(self.encoding))
        while data:
            try:
                written = os.write(fd, data)
            except BlockingIOError:
                select.select([], [fd], [])
                continue
            data = data[written:]
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        try:
            return self.stream.isatty()
        except (AttributeError, ValueError):
            return False


def _raw_descriptor(stream: TextIO) -> int | None:
    """Return the file descriptor to write to directly, or None to use the stream."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation too
        return None
    return None if os.isatty(fd) else fd


class AtomicOutput:
    """A text file that appears at ``path`` only when :meth:`commit` is called.

    Writing goes to a hidden temporary file in the same folder, renamed over
    ``path`` at the end (``os.replace`` is atomic within a file system), so an
    interrupted or failed run never leaves a truncated export, and a previous
    file at ``path`` stays as it was. Used as a context manager, it discards
    the temporary file unless committed.

    Raises:
        OSError: the folder does not exist or is not writable.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        folder = path.parent
        fd, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=folder
        )
        self._temporary = Path(temporary)
        self.stream: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._done = False
        #: Whether the file is in place at ``path``.
        self.committed = False

    def binary(self) -> BinaryIO:
        """Return the byte stream under :attr:`stream`, for binary formats.

        Write to one of the two only: text written to :attr:`stream` is
        flushed here, but not after.
        """
        self.stream.flush()
        return self.stream.buffer

    def commit(self) -> None:
        """Finish the file and put it in place of ``path``."""
        if self._done:
            return
        self._done = True
        try:
            self.stream.close()
            os.chmod(self._temporary, _new_file_mode(self.path))
            os.replace(self._temporary, self.path)
            self.committed = True
        except BaseException:
            self._temporary.unlink(missing_ok=True)
            raise

    def discard(self) -> None:
        """Drop what was written; ``path`` keeps its previous content."""
        if self._done:
            return
        self._done = True
        try:
            self.stream.close()
        except OSError:
            pass  # e.g. the disk is full: the file goes anyway
        finally:
            self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()


def _new_file_mode(path: Path) -> int:
    """Keep an existing file's permissions; else the usual ``0o666 & ~umask``.

    ``mkstemp`` makes files readable by their owner only, which is not what
    anyone expects of an export.
    """
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
