"""Compare two installs of quotex on the same texts, and long documents to their parts.

Two measurements, each command in its own process, one after another:

1. **Against a baseline.** ``quotex extract DIR --jobs 1`` of this
   environment and of another one (``--baseline PATH``: another ``quotex``
   command, e.g. an older release installed in its own virtual environment),
   alternated for ``--rounds`` rounds on the same folder. The median ratio of
   words per CPU second says how fast this install is next to the baseline;
   CPU time is steadier than wall time on a shared machine.
2. **Long documents.** ``--long N,N,…`` joins the first N articles into one
   file and times it against the same articles as separate files, for each
   N: a long document (a transcript, a book, a joined archive) must cost what
   its parts cost, and its time must grow in proportion to its length.

    python bench/compare.py --baseline /path/to/old/venv/bin/quotex \
        --long 100,200,400 --json bench/results/compare.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# the sibling script, importable through the path entry above
from benchmark import (
    DEV_CORPUS,
    _quotex_command,
    count_words,
    measure,
    read_corpus,
    save_json,
    write_folder,
)


def compare(
    texts: Sequence[str], baseline: str, rounds: int, folder: Path
) -> dict[str, object]:
    """Alternate this quotex and the baseline; return both rates and the ratio."""
    words = count_words(texts)
    write_folder(texts, folder)
    commands = {
        "this": [_quotex_command(), "extract", "-q", "-f", "jsonl", "--jobs", "1"],
        "baseline": [baseline, "extract", "-q", "-f", "jsonl", "--jobs", "1"],
    }
    rates: dict[str, list[float]] = {"this": [], "baseline": []}
    walls: dict[str, list[float]] = {"this": [], "baseline": []}
    for _ in range(rounds):
        for name, command in commands.items():
            run = measure([*command, str(folder)])
            rates[name].append(words / run.cpu_seconds)
            walls[name].append(words / run.wall_seconds)
    ratios = [a / b for a, b in zip(rates["this"], rates["baseline"], strict=True)]
    return {
        "words": words,
        "rounds": rounds,
        "words_per_cpu_second": {k: statistics.median(v) for k, v in rates.items()},
        "words_per_second": {k: statistics.median(v) for k, v in walls.items()},
        "ratio_per_cpu_second": statistics.median(ratios),
    }


def long_documents(
    texts: Sequence[str], sizes: Sequence[int], root: Path
) -> list[dict[str, object]]:
    """Time N articles joined into one file against the same as N files."""
    quotex = [_quotex_command(), "extract", "-q", "-f", "jsonl", "--jobs", "1"]
    rows = []
    for size in sizes:
        part = list(texts[:size])
        one = root / f"long-{size}.txt"
        one.write_text("\n\n".join(part), encoding="utf-8")
        folder = root / f"parts-{size}"
        write_folder(part, folder)
        joined = measure([*quotex, str(one)])
        separate = measure([*quotex, str(folder)])
        rows.append(
            {
                "articles": size,
                "characters": one.stat().st_size,
                "one_file_seconds": joined.cpu_seconds,
                "separate_files_seconds": separate.cpu_seconds,
                "one_over_parts": joined.cpu_seconds / separate.cpu_seconds,
            }
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print the figures (and write them as JSON if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", help="another quotex command to compare with")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS)
    parser.add_argument(
        "--long",
        default="100,200,400",
        help="article counts for the long-document runs; empty to skip",
    )
    parser.add_argument("--json", type=Path, metavar="PATH")
    args = parser.parse_args(argv)
    texts = read_corpus(args.corpus)
    report: dict[str, object] = {"corpus": str(args.corpus), "docs": len(texts)}
    with tempfile.TemporaryDirectory(prefix="quotex-compare-") as tmp:
        root = Path(tmp)
        if args.baseline:
            report["baseline"] = compare(texts, args.baseline, args.rounds, root / "d")
        sizes = [int(n) for n in args.long.split(",") if n]
        if sizes:
            report["long_documents"] = long_documents(texts, sizes, root)
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    if args.json is not None:
        save_json(report, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
