"""Send long output for people through a pager, the way ``git log`` does.

The pager is ``$QUOTEX_PAGER``, else ``$PAGER``, else ``less`` when it is
installed; an empty value or ``cat`` means none. It runs through the shell,
so a value may carry options (``PAGER='less -S'``). ``LESS`` defaults to
``FRX``, as in git: colours pass through, the pager quits by itself when the
text fits on one screen, and the text stays on the terminal afterwards.
Paging is for a terminal only: with standard output redirected, text goes
straight out.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from typing import IO


def pager_command(environ: Mapping[str, str] | None = None) -> str | None:
    """Return the shell command of the pager to use, or None for no pager."""
    environ = os.environ if environ is None else environ
    for variable in ("QUOTEX_PAGER", "PAGER"):
        if variable in environ:
            command = environ[variable].strip()
            return None if command in ("", "cat") else command
    return "less" if shutil.which("less") else None


@contextlib.contextmanager
def paged(command: str) -> Iterator[IO[str]]:
    """Yield a stream that the pager ``command`` shows; wait for it to end.

    The reader quitting early (``q`` in less) ends the block quietly. Ctrl-C
    is left to the pager while it runs: quotex stops writing, and ends
    (with the interrupt) only once the pager has.

    Raises:
        OSError: the pager can't be started.
    """
    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")  # lv, another pager, shows colours so
    process = subprocess.Popen(
        command,
        shell=True,
        stdin=subprocess.PIPE,
        env=environment,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert process.stdin is not None
    try:
        yield process.stdin
    except BrokenPipeError:
        pass  # the reader closed the pager: nothing more to show
    finally:
        with contextlib.suppress(BrokenPipeError, OSError):
            process.stdin.close()
        _wait(process)


def _wait(process: subprocess.Popen[str]) -> None:
    """Wait for the pager, whose own Ctrl-C handling decides when it ends."""
    while True:
        try:
            process.wait()
            return
        except KeyboardInterrupt:
            continue
