"""Measure the HTML report on a big batch: its size and how fast a browser shows it.

Builds a batch of ``--articles`` articles (the dev set's texts, cycled, when
``../shared/data/polnear.dev.jsonl`` is there, else ``examples/article.txt``
with its names varied), writes the report with the installed command, then
opens it in headless Chromium (Debian's, through Playwright) and reads the
browser's own timings: when the page was parsed (DOMContentLoaded), fully
loaded, first painted, and how long filtering by the top speaker takes.

    python bench/report_scale.py [--articles 1000] [--json PATH]
    python bench/report_scale.py --screenshot docs/report.png

With ``--screenshot``, only writes a screenshot of the report of the
example article (for the README) and measures nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT.parent / "shared" / "data" / "polnear.dev.jsonl"
# The same Chromium, flags and command as the tests use.
sys.path.insert(0, str(ROOT / "tests"))
from browser import launched  # noqa: E402
from test_e2e import quotex_command  # noqa: E402


def write_batch(path: Path, articles: int) -> str:
    """Write ``articles`` JSON Lines articles; say where their texts came from."""
    if DEV_SET.exists():
        texts = [
            json.loads(line)["text"]
            for line in DEV_SET.read_text("utf-8").splitlines()
            if line.strip()
        ]
        source = f"{DEV_SET.name} ({len(texts)} texts, cycled)"
    else:
        texts = [(ROOT / "examples" / "article.txt").read_text("utf-8")]
        source = "examples/article.txt, repeated"
    with path.open("w", encoding="utf-8") as out:
        for i in range(articles):
            record = {"id": f"article-{i:05d}", "text": texts[i % len(texts)]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return source


def browse(report: Path, *, screenshot: Path | None = None) -> dict[str, Any]:
    with launched() as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 1300})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        started = time.perf_counter()
        page.goto(report.resolve().as_uri(), wait_until="load", timeout=600_000)
        wall = time.perf_counter() - started
        if screenshot is not None:
            page.locator("mark.q").nth(6).focus()
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(screenshot))
            return {}
        timings = page.evaluate(
            """() => {
                const nav = performance.getEntriesByType("navigation")[0];
                const paint = performance.getEntriesByName("first-contentful-paint")[0];
                const select = document.getElementById("speaker-filter");
                const started = performance.now();
                select.value = select.options[1].value;
                select.dispatchEvent(new Event("change"));
                const filtered = performance.now() - started;
                return {
                    dom_content_loaded_ms: nav.domContentLoadedEventEnd,
                    load_ms: nav.loadEventEnd,
                    first_paint_ms: paint ? paint.startTime : null,
                    filter_ms: filtered,
                    marks: document.querySelectorAll("mark.q").length,
                };
            }"""
        )
    return timings | {"open_seconds": round(wall, 2), "script_errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="also save the figures here")
    parser.add_argument("--screenshot", type=Path, help="only write a screenshot")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        if args.screenshot is not None:
            example = "examples/article.txt"  # named as a user would, from ROOT
            subprocess.run(
                [*quotex_command(), "report", example, "-o", str(report), "-q"],
                check=True,
                cwd=ROOT,
            )
            browse(report, screenshot=args.screenshot)
            print(f"wrote {args.screenshot}")  # noqa: T201
            return 0
        batch = Path(folder) / "batch.jsonl"
        source = write_batch(batch, args.articles)
        started = time.perf_counter()
        subprocess.run(
            [
                *(*quotex_command(), "report", str(batch)),
                *("--input-format", "jsonl", "-o", str(report), "-q"),
            ],
            check=True,
        )
        written = time.perf_counter() - started
        figures = {
            "articles": args.articles,
            "texts": source,
            "report_seconds": round(written, 1),
            "report_megabytes": round(report.stat().st_size / 1e6, 2),
        } | browse(report)
    print(json.dumps(figures, indent=2))  # noqa: T201
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
