"""Smoke tests for bench/benchmark.py on tiny inputs (the benchmark itself is slow).

The script's measurements are exercised on one-line Python commands, and its
report and tables on made-up figures; nothing here loads the spaCy model.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from rich.console import Console

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "benchmark.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """The benchmark script, imported as a module."""
    spec = importlib.util.spec_from_file_location("quotex_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _run(wall: float, rss: float, **extra: Any) -> dict[str, Any]:
    figures = {"wall_seconds": wall, "cpu_seconds": wall, "max_rss_mb": rss}
    return figures | {"tree_rss_mb": rss, "load_average": (0.5, 0.4, 0.3)} | extra


def test_generated_corpus_is_news_like_and_deterministic(bench: ModuleType) -> None:
    """The same seed gives the same articles; about 40% of paragraphs quote."""
    texts = bench.generate_corpus(40)
    paragraphs = [p for text in texts for p in text.split("\n\n")]
    quoting = sum(1 for p in paragraphs if '"' in p or "“" in p) / len(paragraphs)

    assert texts == bench.generate_corpus(40)
    assert 0.3 < quoting < 0.5
    assert any(" she " in p or "He " in p for p in paragraphs)
    assert 400 < bench.count_words(texts) / len(texts) < 1200


def test_corpus_files_are_written_once_per_copy(bench: ModuleType, tmp_path: Path):
    """Each copy of the corpus goes to its own folder, one .txt file per text."""
    bench.write_folder(["one", "two"], tmp_path, copies=3)

    assert len(list(tmp_path.rglob("*.txt"))) == 6
    assert (tmp_path / "r02" / "doc0001.txt").read_text(encoding="utf-8") == "two"


def test_measure_reports_time_and_peak_memory(bench: ModuleType) -> None:
    """A child that holds 60 MB shows at least that as its peak RSS."""
    hold = "x = bytearray(60 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"

    run = bench.measure([sys.executable, "-c", hold])

    assert run.returncode == 0
    assert run.max_rss_mb >= 60
    assert run.wall_seconds > 0


def test_measure_raises_on_a_failing_command(bench: ModuleType) -> None:
    """A command that fails stops the benchmark with its stderr."""
    fail = "import sys; sys.exit('broken on purpose')"

    with pytest.raises(RuntimeError, match="broken on purpose"):
        bench.measure([sys.executable, "-c", fail])


def test_time_to_first_record_waits_for_a_line(bench: ModuleType) -> None:
    """The first output line of a command that echoes stdin is timed."""
    echo = "import sys; print(sys.stdin.readline().strip())"

    seconds = bench.time_to_first_record([sys.executable, "-c", echo], "a line\n")

    assert 0 < seconds < 30


def test_scaling_rounds_time_each_command_and_take_median_ratios(
    bench: ModuleType, tmp_path: Path
) -> None:
    """Each round times --jobs 1, --jobs N and the N parts run side by side."""
    log = tmp_path / "log"
    # A stand-in for `quotex extract ... FOLDER`: it notes its last two words.
    script = (
        "import sys; open(sys.argv[1], 'a').write(' '.join(sys.argv[-2:]) + chr(10))"
    )
    extract = [sys.executable, "-c", script, str(log)]
    parts = [tmp_path / "part0", tmp_path / "part1"]

    scaling = bench.measure_scaling(extract, tmp_path / "all", parts, 2, rounds=2)

    calls = log.read_text().splitlines()
    assert len(calls) == 8  # per round: -j 1, -j 2 and one run per part
    assert sorted(set(calls)) == sorted(
        {f"1 {tmp_path / 'all'}", f"2 {tmp_path / 'all'}"}
        | {f"1 {part}" for part in parts}
    )
    assert len(scaling["jobs_n_seconds"]) == len(scaling["independent_seconds"]) == 2
    assert scaling["jobs_n_over_jobs_1"] > 0
    assert scaling["independent_over_jobs_1"] > 0


def test_report_ratios_table_and_json(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Words/s and ratios come from the run figures; saved figures print again."""
    runs = {
        "spacy_tokenizer": _run(3.0, 150.0, processing_seconds=1.0),
        "spacy_full_pipeline": _run(12.0, 700.0, processing_seconds=10.0),
        "quotex_jobs_1": _run(4.0, 150.0),
        "quotex_jobs_n": _run(2.0, 400.0),
        "quotex_full_pipeline": _run(16.0, 200.0),
    }
    startup = {
        "help_seconds": {"median": 0.3, "all": [0.3]},
        "first_record_seconds": {"median": 2.0, "all": [2.0]},
    }
    large = _run(40.0, 165.0, words=10_000)

    report = bench.build_report(words=1000, runs=runs, startup=startup, large=large)
    report |= {
        "machine": bench.machine_description(),
        "quotex_source": {"path": "src/quotex", "commit": "abc1234", "modified": True},
        "corpus": {"source": "tiny", "docs": 2, "words": 1000, "characters": 6000},
        "jobs": 2,
        "repeat_large": 10,
        "scaling": {
            "rounds": 3,
            "jobs_1_seconds": [4.0, 4.2, 3.8],
            "jobs_n_seconds": [2.2, 2.4, 2.2],
            "independent_seconds": [2.1, 2.3, 2.1],
            "jobs_n_over_jobs_1": 1.75,
            "independent_over_jobs_1": 1.81,
        },
        "load_average_start": (0.5, 0.4, 0.3),
        "checks": {
            "jobs_outputs_identical": True,
            "records_jobs_1": 7,
            "records_jobs_n": 7,
            "records_full_pipeline": 8,
            "records_large": 70,
            "large_records_match": True,
        },
    }
    out = io.StringIO()
    bench.render(report, Console(file=out, width=160))
    ratios = report["ratios"]

    assert runs["quotex_jobs_1"]["words_per_second"] == 250
    assert runs["quotex_jobs_1"]["words_per_second_excl_startup"] == 500
    assert ratios["quotex_over_full_pipeline"] == pytest.approx(2.5)
    assert ratios["quotex_over_tokenizer"] == pytest.approx(0.25)
    assert ratios["jobs_n_over_jobs_1"] == pytest.approx(2.0)
    assert ratios["quotex_over_full_pipeline_cpu"] == pytest.approx(3.0)
    assert ratios["large_over_base_max_rss"] == pytest.approx(1.1)
    assert "identical (7 and 7 records)" in out.getvalue()
    assert "corpus ×10" in out.getvalue()
    assert "median of 3 more rounds" in out.getvalue()
    assert "1.81×" in out.getvalue()
    saved = tmp_path / "figures.json"
    saved.write_text(json.dumps(report), encoding="utf-8")
    assert bench.main(["--render", str(saved)]) == 0
    assert "identical (7 and 7 records)" in capsys.readouterr().out
