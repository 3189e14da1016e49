"""Measure how many quotes survive reading a web page instead of its text.

For each saved page in ``../shared/data/html/`` (gzipped), ``ground-truth.jsonl``
gives the article text as a person extracted it by hand. quotex runs on that
text and on the page itself (read the way ``quotex extract page.html.gz``
reads it); a quote found in the hand-made text counts as kept when the page
gives the same quoted words (spaces aside) with the same speaker. The figure
is kept / found over all pages.

    python bench/html_agreement.py [--data DIR] [--json PATH] [--verbose]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import quotex
from quotex.webpage import article_text

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "html"

Key = tuple[str, str | None]


@dataclass(slots=True)
class PageResult:
    """One page: quotes found in the hand-made text and how many the page kept."""

    file: str
    in_text: int
    kept: int
    missed: list[Key] = field(default_factory=list)


@dataclass(slots=True)
class Agreement:
    """All pages: the share of the text's quotes that the pages kept."""

    pages: list[PageResult]
    read_seconds: float

    @property
    def in_text(self) -> int:
        return sum(page.in_text for page in self.pages)

    @property
    def kept(self) -> int:
        return sum(page.kept for page in self.pages)

    @property
    def share(self) -> float:
        return self.kept / self.in_text if self.in_text else 0.0


def _keys(text: str) -> Counter[Key]:
    return Counter((" ".join(q.text.split()), q.speaker) for q in quotex.extract(text))


def measure(data: Path = DEFAULT_DATA) -> Agreement:
    """Compare every page in ``data`` with its hand-made text.

    Raises:
        FileNotFoundError: ``data`` has no ``ground-truth.jsonl``.
    """
    truths = [
        json.loads(line)
        for line in (data / "ground-truth.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    pages = []
    read_seconds = 0.0
    for truth in truths:
        started = time.perf_counter()
        with gzip.open(data / truth["file"], "rb") as stream:
            text = article_text(stream.read())
        read_seconds += time.perf_counter() - started
        expected, got = _keys(truth["text"]), _keys(text)
        kept = expected & got
        missed = sorted((expected - kept).elements(), key=str)
        pages.append(
            PageResult(
                truth["file"], sum(expected.values()), sum(kept.values()), missed
            )
        )
    return Agreement(pages, read_seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, help="also save the figures here")
    parser.add_argument("--verbose", action="store_true", help="list missed quotes")
    args = parser.parse_args(argv)
    result = measure(args.data)
    for page in result.pages:
        print(f"{page.file}  {page.kept}/{page.in_text}")  # noqa: T201
        for quote, speaker in page.missed if args.verbose else ():
            print(f"    missed: {quote!r} ({speaker})")  # noqa: T201
    print(  # noqa: T201
        f"kept {result.kept} of {result.in_text} quotes ({result.share:.1%}) "
        f"over {len(result.pages)} pages; reading the pages took "
        f"{result.read_seconds:.2f} s"
    )
    if args.json:
        figures = {
            "kept": result.kept,
            "in_text": result.in_text,
            "share": round(result.share, 4),
            "read_seconds": round(result.read_seconds, 3),
            "pages": [asdict(page) for page in result.pages],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
