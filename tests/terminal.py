"""Run the installed ``quotex`` on a pseudo-terminal and read its screen."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios
import time
from collections.abc import Mapping
from dataclasses import dataclass

import pyte
from test_e2e import quotex_command


@dataclass(frozen=True, slots=True)
class TerminalRun:
    """What a command wrote to a terminal, raw and as the screen shows it."""

    returncode: int
    output: bytes
    screen: list[str]


def run_on_terminal(
    *args: str,
    columns: int = 80,
    rows: int = 500,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
) -> TerminalRun:
    """Run ``quotex ARGS`` with stdout and stderr on one terminal of this size.

    The screen is tall enough that nothing scrolls off: what it shows at the
    end is everything that stayed on the terminal, after progress bars and
    other lines that were drawn and erased.
    """
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "PAGER")
    }
    environment |= {"TERM": "xterm-256color", **(env or {})}
    try:
        process = subprocess.Popen(
            [*quotex_command(), *args],
            stdin=subprocess.DEVNULL,
            stdout=child,
            stderr=child,
            env=environment,
        )
    finally:
        os.close(child)
    chunks = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the command has exited and closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        returncode = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        os.close(main)
        if process.poll() is None:
            process.kill()
    output = b"".join(chunks)
    screen = pyte.Screen(columns, rows)
    pyte.ByteStream(screen).feed(output)
    lines = [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    return TerminalRun(returncode, output, lines)
