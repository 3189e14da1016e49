"""Measure quotex on archives: a Dask cluster against --jobs, and Parquet memory.

On the PolNeAR dev set (496 articles, written as .txt files), in one run:

- ``--dask local`` with W workers against ``--jobs W`` (W = ``--workers``,
  default 2), in alternating rounds: wall time, documents per second of the
  whole command, and of the work once started (whole time minus the start-up
  time measured below); the two outputs must be the same bytes;
- start-up of each: wall time of the same command on one short document
  (process start, pool or cluster start, model load, one record), median of
  ``--startup-runs``;
- what a worker costs: the model's load time and the resident memory of a
  process holding it, and the largest worker's peak during the Dask run;
- memory on Parquet input: peak RSS (largest process, and the whole process
  tree) of ``quotex extract ARCHIVE.parquet -o quotes.parquet`` on the dev
  set once and ten times over;
- the scheduler's own cost: no-op tasks through a LocalCluster of W workers,
  one at a time (the round trip a task pays) and many at once (the rate the
  scheduler sustains), and from these and the measured per-document cost a
  projection for 4- and 16-worker clusters at ``DOCS_PER_TASK`` documents a
  task.

    python bench/archive.py --json bench/results/archive.json

It needs the dask and parquet extras and ``../shared/data/polnear.dev.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchmark

PARTS = ("worker", "pools", "scheduler", "parquet-memory")
SHORT_DOCUMENT = '"We will win," she said.\n'


def quotex(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotex", *args]


def median(values: list[float]) -> float:
    return statistics.median(values)


def startup_seconds(folder: Path, options: list[str], runs: int) -> float:
    """Median wall time of the command on one short document."""
    one = folder / "one"
    one.mkdir(exist_ok=True)
    (one / "short.txt").write_text(SHORT_DOCUMENT, encoding="utf-8")
    out = folder / "one.jsonl"
    times = [
        benchmark.measure(
            quotex("extract", str(one), "-q", "-o", str(out), *options)
        ).wall_seconds
        for _ in range(runs)
    ]
    return median(times)


def compare_pools(
    docs: Path, work: Path, workers: int, rounds: int, startup_runs: int
) -> dict[str, Any]:
    """Time --jobs W and --dask local with W workers on the same folder."""
    modes = {
        "jobs": ["--jobs", str(workers)],
        "dask": ["--dask", "local", "--jobs", str(workers)],
    }
    startup = {
        name: startup_seconds(work, options, startup_runs)
        for name, options in modes.items()
    }
    documents = sum(1 for _ in docs.glob("*.txt"))
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in modes}
    outputs: dict[str, bytes] = {}
    for _ in range(rounds):
        for name, options in modes.items():
            out = work / f"{name}.jsonl"
            run = benchmark.measure(
                quotex("extract", str(docs), "-q", "-o", str(out), *options)
            )
            runs[name].append(vars(run))
            outputs[name] = out.read_bytes()
    result: dict[str, Any] = {"documents": documents, "workers": workers}
    for name in modes:
        wall = median([run["wall_seconds"] for run in runs[name]])
        work_seconds = wall - startup[name]
        result[name] = {
            "command": " ".join(["quotex extract DIR", *modes[name]]),
            "startup_seconds": round(startup[name], 2),
            "wall_seconds": round(wall, 2),
            "wall_seconds_each": [round(run["wall_seconds"], 2) for run in runs[name]],
            "docs_per_second": round(documents / wall, 2),
            "docs_per_second_after_startup": round(documents / work_seconds, 2),
            "max_rss_mb": round(max(run["max_rss_mb"] for run in runs[name]), 1),
            "tree_rss_mb": round(max(run["tree_rss_mb"] or 0 for run in runs[name]), 1),
            "load_average": runs[name][0]["load_average"][0],
        }
    result["same_output"] = outputs["jobs"] == outputs["dask"]
    result["dask_over_jobs"] = round(
        result["dask"]["docs_per_second"] / result["jobs"]["docs_per_second"], 3
    )
    result["dask_over_jobs_after_startup"] = round(
        result["dask"]["docs_per_second_after_startup"]
        / result["jobs"]["docs_per_second_after_startup"],
        3,
    )
    # Per document, in worker-seconds: what one more worker takes on.
    result["seconds_per_document"] = round(
        workers / result["dask"]["docs_per_second_after_startup"], 4
    )
    return result


def write_parquet(texts: list[str], path: Path, copies: int) -> None:
    """Write the texts ``copies`` times over as a Parquet file of id and text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with pq.ParquetWriter(
        path, pa.schema([("id", pa.string()), ("text", pa.string())])
    ) as out:
        for copy in range(copies):
            ids = [f"c{copy:02d}-{n:04d}" for n in range(len(texts))]
            out.write_table(pa.table({"id": ids, "text": texts}))


def parquet_memory(texts: list[str], work: Path, jobs: int) -> dict[str, Any]:
    """Peak memory on a Parquet archive of the dev set, once and ten times over."""
    result: dict[str, Any] = {"jobs": jobs}
    for copies in (1, 10):
        source = work / f"archive-x{copies}.parquet"
        write_parquet(texts, source, copies)
        out = work / f"quotes-x{copies}.parquet"
        run = benchmark.measure(
            quotex("extract", str(source), "-q", "--jobs", str(jobs), "-o", str(out))
        )
        import pyarrow.parquet as pq

        result[f"x{copies}"] = {
            "documents": len(texts) * copies,
            "records": pq.read_metadata(out).num_rows,
            "wall_seconds": round(run.wall_seconds, 1),
            "max_rss_mb": round(run.max_rss_mb, 1),
            "tree_rss_mb": round(run.tree_rss_mb or 0, 1),
        }
    result["command"] = (
        f"quotex extract ARCHIVE.parquet --jobs {jobs} -o quotes.parquet"
    )
    result["x10_over_x1_max_rss"] = round(
        result["x10"]["max_rss_mb"] / result["x1"]["max_rss_mb"], 3
    )
    result["x10_over_x1_tree_rss"] = round(
        result["x10"]["tree_rss_mb"] / result["x1"]["tree_rss_mb"], 3
    )
    return result


_WORKER_COST = """
import json, resource, time
started = time.perf_counter()
import quotex.pipeline
imported = time.perf_counter()
quotex.pipeline.get_engine()
loaded = time.perf_counter()
print(json.dumps({
    "import_seconds": imported - started,
    "model_load_seconds": loaded - imported,
    "rss_mb_with_model": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def worker_cost(runs: int) -> dict[str, Any]:
    """What one worker process pays to hold the engine: time and memory."""
    found = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", _WORKER_COST],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    return {key: round(median([f[key] for f in found]), 2) for key in found[0]}


def _no_op(value: int) -> int:
    return value


def scheduler_overhead(workers: int, tasks: int) -> dict[str, Any]:
    """Time no-op tasks on a LocalCluster: a task's round trip, and the rate."""
    import dask
    from distributed import Client, LocalCluster, as_completed

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.submit(_no_op, -1, pure=False).result()  # warm up
        started = time.perf_counter()
        for n in range(tasks // 4):
            client.submit(_no_op, n, pure=False).result()
        one_at_a_time = (time.perf_counter() - started) / (tasks // 4)
        # As the batch does: a few tasks per worker in flight at all times.
        in_flight = 2 * workers
        started = time.perf_counter()
        queue = as_completed(
            [client.submit(_no_op, n, pure=False) for n in range(in_flight)]
        )
        sent = in_flight
        for future in queue:
            future.result()
            if sent < tasks:
                queue.add(client.submit(_no_op, sent, pure=False))
                sent += 1
        sustained = (time.perf_counter() - started) / tasks
    return {
        "tasks": tasks,
        "round_trip_seconds": round(one_at_a_time, 5),
        "seconds_per_task_sustained": round(sustained, 5),
    }


def projection(
    seconds_per_document: float, overhead: dict[str, Any], docs_per_task: int
) -> dict[str, Any]:
    """Project documents per second for clusters of 4 and 16 workers.

    A task of D documents keeps a worker busy D·c + r seconds (c: seconds
    per document, r: a task's round trip), so W workers finish W·D/(D·c + r)
    documents a second, unless the scheduler, which handles tasks one after
    another, is slower: at s seconds a task it passes at most D/s documents
    a second. Assumes a core per worker and the scheduler on its own.
    """
    c = seconds_per_document
    r = overhead["round_trip_seconds"]
    s = overhead["seconds_per_task_sustained"]
    clusters = {}
    for workers in (4, 16):
        by_workers = workers * docs_per_task / (docs_per_task * c + r)
        by_scheduler = docs_per_task / s
        clusters[str(workers)] = {
            "docs_per_second": round(min(by_workers, by_scheduler), 1),
            "limited_by": "workers" if by_workers <= by_scheduler else "scheduler",
            "scheduling_share": round(r / (docs_per_task * c + r), 4),
        }
    return {
        "docs_per_task": docs_per_task,
        "seconds_per_document": c,
        "clusters": clusters,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--startup-runs", type=int, default=3)
    parser.add_argument("--scheduler-tasks", type=int, default=400)
    parser.add_argument("--limit", type=int, help="use the first N articles only")
    parser.add_argument(
        "--parts",
        nargs="+",
        choices=PARTS,
        default=list(PARTS),
        help="measure only these (default: all)",
    )
    args = parser.parse_args(argv)
    if not benchmark.DEV_CORPUS.exists():
        sys.stderr.write(f"needs {benchmark.DEV_CORPUS}\n")
        return 2
    from quotex.cluster import DOCS_PER_TASK

    texts = benchmark.read_corpus(benchmark.DEV_CORPUS, args.limit)
    figures: dict[str, Any] = {
        "machine": benchmark.machine_description(),
        "quotex_source": benchmark.quotex_source(),
        "corpus": f"{benchmark.DEV_CORPUS.name} ({len(texts)} articles)",
        "command": "python bench/archive.py " + " ".join(argv or sys.argv[1:]),
    }
    with tempfile.TemporaryDirectory(prefix="quotex-archive-") as temporary:
        work = Path(temporary)
        docs = work / "docs"
        benchmark.write_folder(texts, docs)
        if "worker" in args.parts:
            sys.stderr.write("worker cost ...\n")
            figures["worker"] = worker_cost(3)
        if "pools" in args.parts:
            sys.stderr.write("--dask local against --jobs ...\n")
            figures["pools"] = compare_pools(
                docs, work, args.workers, args.rounds, args.startup_runs
            )
        if "scheduler" in args.parts:
            sys.stderr.write("scheduler overhead ...\n")
            overhead = scheduler_overhead(args.workers, args.scheduler_tasks)
            figures["scheduler"] = overhead
            if "pools" in figures:
                per_document = figures["pools"]["seconds_per_document"]
                figures["projection"] = projection(
                    per_document, overhead, DOCS_PER_TASK
                )
        if "parquet-memory" in args.parts:
            sys.stderr.write("Parquet memory ...\n")
            figures["parquet_memory"] = parquet_memory(texts, work, args.workers)
    sys.stdout.write(json.dumps(figures, indent=2) + "\n")
    if args.json is not None:
        benchmark.save_json(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
