"""Run a batch's documents on a Dask cluster (``quotex extract --dask ADDRESS``).

:class:`DaskPool` takes the place of :class:`quotex.pool.WorkerPool` under
:class:`quotex.runner.Batch`, which keeps doing what it does with local
workers: input order, pieces of large files, failures, progress. Only how
texts reach a process and quotes come back changes.

Documents go to the cluster ``docs_per_task`` at a time, as one task: the
scheduler spends about the same time on a task whatever it holds, so tasks
of single short articles would spend much of the run on scheduling. Each
worker process builds the engine once, on its first task, and keeps it.

A document the engine fails on is a failure of that document (the task goes
on with the next). A worker that dies fails its tasks with ``KilledWorker``;
their documents are then sent again, one per task and one task at a time,
with no new work meanwhile: a worker that dies then was killed by that very
document, so a document that kills workers costs only itself, and is
reported as ``worker process died``. ``--dask local`` starts a
``distributed.LocalCluster`` that allows no retry of its own, so that
"retried once" means once.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from quotex.errors import QuotexError
from quotex.pool import WORKER_DIED, ExtractorFactory, TaskResult, describe_exception
from quotex.quote import Quote
from quotex.signals import STOP_SIGNALS

#: ``--dask local``: start a cluster on this machine instead of joining one.
LOCAL = "local"
#: Documents per task: enough that scheduling is a small part of a task's
#: time (see bench/archive.py), few enough that workers share the tail.
DOCS_PER_TASK = 8
#: A task closes early once it holds this many characters of text.
CHARS_PER_TASK = 400_000
#: Tasks each worker has queued: the one it runs and one ready behind it.
TASKS_PER_WORKER = 2
#: How long the number of workers is taken as known before asking again.
SIZE_SECONDS = 5.0
#: How long to wait for a scheduler to answer before giving up.
CONNECT_SECONDS = 10


class ClusterError(QuotexError):
    """The Dask cluster cannot be reached or cannot run quotex."""


def need_dask(what: str) -> str:
    """Say in one line that ``what`` needs the dask extra, and how to get it."""
    return f"{what} needs Dask; install it with: pip install 'quotex[dask]'"


def dask_available() -> bool:
    """Whether dask.distributed can be imported (without importing it)."""
    import importlib.util

    try:
        return importlib.util.find_spec("distributed") is not None
    except (ImportError, ValueError):
        return False


# -- on the workers --------------------------------------------------------

_engines: dict[tuple[Any, Any], Callable[[str], list[Quote]]] = {}
# A worker may run tasks in several threads; spaCy pipelines are not meant
# to be shared between threads, and the work is CPU-bound under the GIL.
_engine_lock = threading.Lock()


def run_task(
    factory: ExtractorFactory, settings: Any, texts: Sequence[str]
) -> list[tuple[str, Any]]:
    """Extract each text in a worker process: ``("ok", quotes)`` or ``("error", why)``.

    The engine is built on the first task a process runs and kept for the
    next ones. If it cannot be built, every answer is ``("fatal", why)``.
    """
    with _engine_lock:
        key = (factory, settings)
        extract = _engines.get(key)
        if extract is None:
            try:
                extract = _engines[key] = factory(settings)
            except Exception as error:  # nothing can run here: tell the batch
                return [("fatal", describe_exception(error))] * len(texts)
        answers: list[tuple[str, Any]] = []
        for text in texts:
            try:
                answers.append(("ok", extract(text)))
            except Exception as error:  # a bug on one document: report it, go on
                answers.append(("error", describe_exception(error)))
        return answers


def dask_setup(worker: Any) -> None:
    """Let a local worker process ignore stop signals (Dask calls this on start).

    Ctrl-C, and SIGTERM from ``timeout`` or a scheduler, reach every process
    of the group: the main process decides what happens and stops the
    cluster, as it does its own worker processes (see :mod:`quotex.pool`).
    """
    for signum in STOP_SIGNALS:
        with contextlib.suppress(ValueError):  # not the main thread
            signal.signal(signum, signal.SIG_IGN)


# -- in the main process ---------------------------------------------------


@dataclass(slots=True)
class _Sent:
    """A task on the cluster: the batch's tasks (pieces) it holds, in order."""

    tasks: list[Any]
    texts: list[str]
    retry: bool = False


class DaskPool:
    """Send a batch's texts to a Dask cluster, several per task.

    Has the interface of :class:`quotex.pool.WorkerPool`.

    Args:
        address: a scheduler's address (``tcp://host:8786``), or ``local``.
        factory: builds the extraction function in each worker process.
        settings: what the factory is given (picklable).
        workers: for ``local``, how many worker processes to start.
        docs_per_task: documents sent to the cluster in one task.

    Raises:
        ClusterError: the scheduler can't be reached (at construction), or
            the cluster can't run quotex (from :meth:`wait`).
    """

    def __init__(
        self,
        address: str,
        factory: ExtractorFactory,
        settings: Any,
        *,
        workers: int = 2,
        docs_per_task: int = DOCS_PER_TASK,
    ) -> None:
        self.factory = factory
        self.settings = settings
        self.docs_per_task = docs_per_task
        self._cluster: Any = None
        self._client: Any = None
        self._buffer: list[tuple[Any, str]] = []
        self._sent: dict[Any, _Sent] = {}
        #: Documents of lost tasks, each waiting to be tried once more, alone.
        self._retries: deque[_Sent] = deque()
        self._retrying = False
        self._size: int | None = None
        self._size_checked = 0.0
        self._client = self._connect(address, workers)
        from distributed import as_completed

        # Tasks in the order they end, on this client's own event loop.
        self._done = as_completed(loop=self._client.loop)

    @property
    def size(self) -> int:
        """How many workers the cluster has (workers may join or leave).

        Asking costs a round trip to the scheduler, so the answer is kept
        for ``SIZE_SECONDS``.
        """
        now = time.monotonic()
        if self._size is None or now - self._size_checked > SIZE_SECONDS:
            self._size = max(1, len(self._client.nthreads()))
            self._size_checked = now
        return self._size

    @property
    def capacity(self) -> int:
        """How many documents can be out on the cluster at once."""
        return self.size * TASKS_PER_WORKER * self.docs_per_task

    @property
    def busy(self) -> int:
        """How many batch tasks are taken and not yet answered."""
        waiting = len(self._buffer) + len(self._retries)
        return waiting + sum(len(s.tasks) for s in self._sent.values())

    def has_room(self) -> bool:
        if self._retries or self._retrying:  # retries run with nothing new
            return False
        return len(self._sent) < self.size * TASKS_PER_WORKER

    def submit(self, task: Any, text: str) -> list[TaskResult]:
        """Add a text to the task being filled; send that task once it is full."""
        self._buffer.append((task, text))
        chars = sum(len(text) for _, text in self._buffer)
        if len(self._buffer) >= self.docs_per_task or chars >= CHARS_PER_TASK:
            self._send_buffer()
        return []

    def wait(self, timeout: float | None = None) -> list[TaskResult]:
        """Wait until at least one task on the cluster ends; return its answers.

        The task being filled is sent first: the batch waits when it has no
        more to give for now. ``timeout`` 0 takes only what has ended; any
        other value waits as long as it takes.
        """
        if timeout != 0:  # a look at what has ended (held_back) sends nothing
            self._next_retry()
            if self._buffer and self.has_room():
                self._send_buffer()
        if not self._sent:
            return []
        finished = []
        if timeout != 0:
            finished.append(next(self._done))  # blocks until one ends
        if self._done.has_ready():
            finished += self._done.next_batch(block=False)
        results: list[TaskResult] = []
        for future in finished:
            results += self._collect(future)
        self._next_retry()
        return results

    def close(self, *, now: bool = False) -> None:
        """Cancel what is still out, and leave the cluster (stopping a local one)."""
        futures = list(self._sent)
        self._sent.clear()
        self._buffer.clear()
        self._retries.clear()
        if self._client is not None:
            with contextlib.suppress(Exception):  # a cluster that is gone already
                if futures:
                    self._client.cancel(futures, force=now)
                self._client.close()
            self._client = None
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()
            self._cluster = None

    def _connect(self, address: str, workers: int) -> Any:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise ClusterError(need_dask("--dask")) from None
        try:
            if address == LOCAL:
                # No retry of the scheduler's own: a worker's death is
                # reported at once, and the documents retried here, singly.
                with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
                    self._cluster = LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                        # Ctrl-C reaches the whole process group; the main
                        # process stops the cluster (see dask_setup).
                        preload=[__name__],
                    )
                return Client(self._cluster, set_as_default=False)
            return Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError, RuntimeError) as error:
            # RuntimeError: a local worker that would not start.
            self.close()
            where = (
                "start a local Dask cluster"
                if address == LOCAL
                else f"reach the Dask scheduler at {address}"
            )
            raise ClusterError(f"cannot {where}: {error}") from None

    def _next_retry(self) -> None:
        """Send the next document to try again, unless one is out already."""
        if self._retries and not self._retrying:
            self._retrying = True
            self._send(self._retries.popleft())

    def _send_buffer(self) -> None:
        tasks = [task for task, _ in self._buffer]
        texts = [text for _, text in self._buffer]
        self._buffer = []
        self._send(_Sent(tasks, texts))

    def _send(self, sent: _Sent) -> None:
        future = self._client.submit(
            run_task, self.factory, self.settings, sent.texts, pure=False
        )
        self._sent[future] = sent
        self._done.add(future)

    def _collect(self, future: Any) -> list[TaskResult]:
        """Turn a finished task into one result per batch task it held."""
        sent = self._sent.pop(future)
        if sent.retry:
            self._retrying = False
        try:
            answers = future.result()
        except Exception as error:
            return self._lost(sent, error)
        results = []
        for task, (kind, payload) in zip(sent.tasks, answers, strict=True):
            if kind == "fatal":
                raise ClusterError(payload)
            if kind == "ok":
                results.append(TaskResult(task, payload))
            else:
                results.append(TaskResult(task, None, payload))
        return results

    def _lost(self, sent: _Sent, error: BaseException) -> list[TaskResult]:
        """A task failed outside quotex: a dead worker, or a cluster that can't run it.

        Raises:
            ClusterError: the failure is not a worker's death (e.g. quotex
                is not installed on the workers).
        """
        from distributed import KilledWorker

        if not isinstance(error, KilledWorker | OSError):
            raise ClusterError(
                f"the Dask cluster cannot run quotex: {describe_exception(error)}"
            ) from error
        if sent.retry:
            return [TaskResult(task, None, WORKER_DIED) for task in sent.tasks]
        for task, text in zip(sent.tasks, sent.texts, strict=True):
            self._retries.append(_Sent([task], [text], retry=True))
        return []
