"""Stop a batch cleanly on SIGINT, SIGTERM or SIGHUP, never half way through a write.

Ctrl-C (SIGINT), ``timeout``, ``docker stop`` and batch schedulers (SIGTERM),
and a closed terminal (SIGHUP) all mean "stop now". While
:func:`stopping_on_signals` is active each of them raises :class:`Interrupted`,
a ``KeyboardInterrupt``, so whatever cleans up after Ctrl-C cleans up after the
others too. Inside :func:`signals_held` a signal only sets a flag and the
exception comes when the block ends: between documents, never in the middle
of one.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType
from typing import Any

#: The signals that stop a run; SIGHUP does not exist on Windows.
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP")
    if hasattr(signal, name)
)


class Interrupted(KeyboardInterrupt):
    """A stop signal arrived; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def signal_number(interrupt: KeyboardInterrupt) -> int:
    """Return the signal behind an interrupt: a plain KeyboardInterrupt is SIGINT."""
    if isinstance(interrupt, Interrupted):
        return interrupt.signum
    return int(signal.SIGINT)


def exit_code(interrupt: KeyboardInterrupt) -> int:
    """Return 128 + the signal's number, as a shell reports a killed command."""
    return 128 + signal_number(interrupt)


def signal_name(interrupt: KeyboardInterrupt) -> str:
    """Return ``"SIGINT"``, ``"SIGTERM"`` or ``"SIGHUP"``."""
    return signal.Signals(signal_number(interrupt)).name


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Raise :class:`Interrupted` on each stop signal while the block runs.

    A signal the process was started with ignored stays ignored (``nohup``
    ignores SIGHUP on purpose). Outside the main thread, where handlers can't
    be set, nothing changes.
    """
    previous = _replace_handlers(_raise_interrupted)
    try:
        yield
    finally:
        _restore_handlers(previous)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold stop signals back until the block ends, then deliver the first one.

    Wrap each write of a document in this: a signal arriving while the write
    is blocked on a full pipe would otherwise raise in the middle of it and
    leave half a document behind. On leaving, the earlier handlers come back
    and the first signal caught goes to its handler (which usually raises),
    even if the block failed: the request to stop outranks the failure.
    """
    caught: list[int] = []

    def remember(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    previous = _replace_handlers(remember)
    try:
        yield
    finally:
        _restore_handlers(previous)
        if caught:
            _deliver(caught[0], previous.get(caught[0]))


def _replace_handlers(handler: Any) -> dict[int, Any]:
    """Set ``handler`` for every stop signal not ignored; return the old ones."""
    previous: dict[int, Any] = {}
    for signum in STOP_SIGNALS:
        try:
            current = signal.getsignal(signum)
            if current is signal.SIG_IGN:
                continue
            previous[signum] = signal.signal(signum, handler)
        except ValueError:  # not the main thread: signals stay as they are
            break
    return previous


def _restore_handlers(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def _deliver(signum: int, handler: Any) -> None:
    """Give a held signal to the handler it would have reached."""
    if callable(handler):
        handler(signum, None)
    elif handler != signal.SIG_IGN:  # the default (or a handler set outside Python)
        signal.raise_signal(signum)
