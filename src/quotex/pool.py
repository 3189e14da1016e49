"""Worker processes for ``--jobs N``: a short queue each, deaths contained.

``concurrent.futures.ProcessPoolExecutor`` breaks as a whole when one worker
dies and cannot say which task killed it. Here each worker owns a pipe and
answers its tasks in order, so a worker that dies (killed, segfault,
``os._exit``) costs exactly the task it was running: the oldest unanswered
one. The tasks queued behind it go to another worker, and the pool starts a
replacement when there is work for it.

A worker holds up to ``QUEUE_DEPTH`` tasks: the one it runs and the next,
already in its pipe. Without that, a worker idles after each document until
the main process, which shares the cores with it, wakes up to send another.

Workers are started from a fork server where the platform has one: the
server is a fresh process that has imported quotex's pipeline module (and so
spaCy) once, before any thread or big model exists, and forking it is quick
and safe. Each worker then loads the model once, on its first task. Where
there is no fork server (Windows), workers are spawned.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from quotex.errors import QuotexError
from quotex.quote import Quote
from quotex.signals import STOP_SIGNALS

#: What a worker runs: given settings, return the function that extracts.
ExtractorFactory = Callable[[Any], Callable[[str], list[Quote]]]

WORKER_DIED = "worker process died"

#: Tasks a worker holds at once: the one it runs and those waiting in its pipe.
QUEUE_DEPTH = 2


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What came of one task: quotes, or the reason it failed."""

    task: Any
    quotes: list[Quote] | None
    error: str | None = None


def describe_exception(error: BaseException) -> str:
    """Return how a failed document is reported: known errors plainly, bugs typed."""
    if isinstance(error, QuotexError):
        return str(error)
    return f"internal error: {type(error).__name__}: {error}"


def _serve(connection: Connection, factory: ExtractorFactory, settings: Any) -> None:
    """Run in a worker: load the extractor, then answer tasks until told to stop."""
    # Ctrl-C, and SIGTERM from `timeout` or a scheduler, reach the whole
    # process group; the main process decides what happens (it stops the
    # workers), and a worker stopped half-way would look like a crash.
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    extract: Callable[[str], list[Quote]] | None = None
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task, text = message
        if extract is None:
            try:
                extract = factory(settings)
            except QuotexError as error:  # nothing can run: tell the batch
                connection.send(("fatal", task, error))
                return
            except Exception as error:
                connection.send(("fatal", task, QuotexError(describe_exception(error))))
                return
        reply: tuple[str, Any, Any]
        try:
            reply = ("ok", task, extract(text))
        except Exception as error:  # a bug on one document: report it, go on
            reply = ("error", task, describe_exception(error))
        connection.send(reply)


class TaskPool(Protocol):
    """What runs a batch's texts elsewhere: worker processes, or a cluster."""

    @property
    def busy(self) -> int:
        """How many tasks are taken and not yet answered."""

    def has_room(self) -> bool:
        """Whether :meth:`submit` can take a task now."""

    def submit(self, task: Any, text: str) -> list[TaskResult]:
        """Take a task; return results at once only for tasks lost meanwhile."""

    def wait(self, timeout: float | None = None) -> list[TaskResult]:
        """Wait until at least one task ends; return what ended."""

    def close(self, *, now: bool = False) -> None:
        """Stop; with ``now``, abandon running tasks."""


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    connection: Connection
    #: Sent and not yet answered, oldest (the one running) first.
    tasks: deque[tuple[Any, str]] = field(default_factory=deque)


def default_context() -> BaseContext:
    """Return the fork server context (spaCy preloaded), or spawn without one."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["quotex.pipeline"])
        return context
    return multiprocessing.get_context("spawn")


class WorkerPool:
    """Up to ``size`` worker processes, each running one task at a time.

    Raises (from :meth:`wait`):
        QuotexError: a worker could not load the extractor (e.g. the model is
            missing); nothing else would load it either.
    """

    def __init__(
        self,
        size: int,
        factory: ExtractorFactory,
        settings: Any,
        context: BaseContext | None = None,
    ) -> None:
        if size < 1:
            raise ValueError(f"a pool needs at least one worker, not {size}")
        self.size = size
        self.factory = factory
        self.settings = settings
        self.context = context or default_context()
        self._workers: list[_Worker] = []

    @property
    def busy(self) -> int:
        """How many tasks are sent and not yet answered."""
        return sum(len(worker.tasks) for worker in self._workers)

    def has_room(self) -> bool:
        """Whether :meth:`submit` can take a task now."""
        return self.busy < self.size * QUEUE_DEPTH

    def submit(self, task: Any, text: str) -> list[TaskResult]:
        """Give ``text`` to the least loaded worker, starting one if needed.

        Returns results at once only if the worker was found dead while
        taking it: the task it was running (this one, if it had no other).
        """
        for waiting in [w for w in self._workers if not w.tasks]:
            if not waiting.process.is_alive():
                self._bury(waiting)  # died while waiting: no task of ours lost
        idle = [w for w in self._workers if not w.tasks]
        if idle:
            worker = idle[0]
        elif len(self._workers) < self.size:
            worker = self._start()
        else:
            worker = min(self._workers, key=lambda w: len(w.tasks))
        worker.tasks.append((task, text))
        try:
            worker.connection.send((task, text))
        except (BrokenPipeError, ConnectionResetError, EOFError):
            return self._died(worker)
        return []

    def wait(self, timeout: float | None = None) -> list[TaskResult]:
        """Wait until at least one sent task ends; return what ended."""
        busy = [w for w in self._workers if w.tasks]
        if not busy:
            return []
        handles: list[Any] = [w.connection for w in busy]
        handles += [w.process.sentinel for w in busy]
        ready = set(wait(handles, timeout))
        results: list[TaskResult] = []
        for worker in busy:
            if worker.connection in ready or worker.process.sentinel in ready:
                results += self._collect(worker)
        return results

    def _collect(self, worker: _Worker) -> list[TaskResult]:
        """Read every answer ``worker`` has sent; report its death if it died."""
        results = []
        while worker.tasks:
            try:
                # A worker may send its answers and then die: read what is there.
                if not worker.connection.poll():
                    if worker.process.is_alive():
                        break
                    raise EOFError
                kind, task, payload = worker.connection.recv()
            except (EOFError, OSError):
                results += self._died(worker)
                break
            worker.tasks.popleft()
            if kind == "fatal":
                self._bury(worker)
                raise payload
            if kind == "ok":
                results.append(TaskResult(task, payload))
            else:
                results.append(TaskResult(task, None, payload))
        return results

    def _died(self, worker: _Worker) -> list[TaskResult]:
        """Bury a dead worker: its running task failed, the queued ones move on.

        The worker answers in order, so the task it was running is the
        oldest unanswered one; those behind it never started.
        """
        self._bury(worker)
        (task, _), *waiting = worker.tasks
        worker.tasks.clear()
        results = [TaskResult(task, None, WORKER_DIED)]
        for queued_task, text in waiting:
            results += self.submit(queued_task, text)
        return results

    def _start(self) -> _Worker:
        mine, theirs = self.context.Pipe(duplex=True)
        process = self.context.Process(  # type: ignore[attr-defined]
            target=_serve,
            args=(theirs, self.factory, self.settings),
            name="quotex-worker",
            daemon=True,
        )
        process.start()
        theirs.close()  # so the worker's death shows up as EOF on ours
        worker = _Worker(process, mine)
        self._workers.append(worker)
        return worker

    def _bury(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        worker.connection.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)

    def close(self, *, now: bool = False) -> None:
        """Stop the workers: idle ones are asked to exit, busy ones killed.

        With ``now``, every worker is killed at once.
        """
        for worker in list(self._workers):
            if not now and not worker.tasks:
                with contextlib.suppress(OSError):
                    worker.connection.send(None)
        for worker in list(self._workers):
            if now or worker.tasks:
                worker.process.kill()
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=5)
            worker.connection.close()
        self._workers.clear()
