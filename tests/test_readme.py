"""The README's examples do what it says: recipes, the lexicon, the gold format."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter

import pytest
from conftest import ROOT
from test_e2e import quotex_command

import quotex
from quotex.gold import GoldDocument, GoldQuote, parse_gold_line

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The text of the README section with this title, up to the next one."""
    start = README.index(f"\n{title}\n")
    following = re.compile(r"^#{2,3} ", re.M).search(README, start + len(title) + 2)
    return README[start : following.start() if following else len(README)]


def code_after(text: str, words: str) -> str:
    """The first code block after ``words`` in ``text``."""
    start = text.index(words)
    return re.search(r"```\w*\n(.*?)```", text[start:], re.S)[1]


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("bash", "jq", "find", "comm", "sort")),
    reason="the recipe needs bash, jq, find, comm and sort",
)
def test_recipe_for_articles_without_quotes_lists_exactly_those(tmp_path):
    """Files with no quote are listed; quoted ones and hidden ones are not."""
    news = tmp_path / "news"
    (news / "sport").mkdir(parents=True)
    (news / "quoted.txt").write_text('Vote\n\n"We won," Ann Lee said.\n')
    (news / "sport" / "silent.txt").write_text("Vote\n\nThe council met.\n")
    (news / "none.txt").write_text("Nothing was said.\n")
    (news / ".draft.txt").write_text("Hidden.\n")
    recipe = code_after(README, "Articles with no quotes at all")
    # The command as installed beside this Python, whatever PATH says.
    script = "quotex() { " + " ".join(quotex_command()) + ' "$@"; }\n' + recipe

    result = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LC_ALL": "C"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["news/none.txt", "news/sport/silent.txt"]


def test_lexicon_example_adds_a_verb_quotex_does_not_know_yet(tmp_path):
    """The verb added is not in the shipped list, and the copy makes it a cue."""
    example = code_after(section("## Language resources"), "copy the folder")
    [verb] = re.findall(r'echo "(\w+)" >> my-lexicon/reporting_verbs\.txt', example)
    shipped = (ROOT / "models" / "reporting_verbs.txt").read_text(encoding="utf-8")
    lemmas = {line.split()[0] for line in shipped.splitlines() if line[:1].isalpha()}
    lexicon = tmp_path / "my-lexicon"
    shutil.copytree(ROOT / "models", lexicon)
    with (lexicon / "reporting_verbs.txt").open("a", encoding="utf-8") as verbs:
        verbs.write(f"{verb}\n")
    text = f'Town news\n\n"We waited long enough," Tom Hale {verb}ed.\n'

    [found] = quotex.extract(text, lexicon=str(lexicon))

    assert verb not in lemmas
    assert (found.speaker, found.cue and found.cue.text) == ("Tom Hale", f"{verb}ed")


def test_explain_example_is_what_explain_prints_for_the_example_article():
    """The README's `quotex explain` excerpt is the command's real output."""
    excerpt = code_after(section("## Why this speaker: `quotex explain`"), "```text")
    result = subprocess.run(
        [*quotex_command(), "explain", "examples/article.txt", "--features", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
    )

    assert result.returncode == 0, result.stderr
    assert excerpt.strip() in result.stdout


def test_gold_example_reads_as_gold_and_every_field_is_described():
    """The example line parses, and the table names every field of a gold quote."""
    gold = section("### Gold data")
    example = json.loads(code_after(gold, "one annotated document a line"))

    document = parse_gold_line(json.dumps(example), 1)

    assert isinstance(document, GoldDocument), document
    [quote] = document.quotes
    assert (quote.text, quote.speaker_name, quote.type) == (
        "We will build it,",
        "Helena Vosk",
        "full",
    )
    described = set(re.findall(r"^\| `(\w+)`(?:, `(\w+)`)?", gold, re.M))
    names = {name for pair in described for name in pair if name}
    assert {field.name for field in dataclasses.fields(GoldQuote)} <= names
    assert {"id", "text", "quotes"} <= names


def test_tests_section_says_what_needs_shared_data_and_how_to_skip_slow_ones():
    """The README names the folders some tests need and the quick loop."""
    tests = section("## Tests and checks")

    for words in ("../shared/data", "../shared/seeds", 'pytest -m "not slow"'):
        assert words in tests
    assert '"slow:' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_ci_runs_the_quick_start_the_linters_and_the_type_checker():
    """.ci/run installs as the README says, checks the code, then runs its tests."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    blocks = re.findall(r"```sh\n(.*?)\n```", section("## Quick start"), re.S)
    installs = [block for block in blocks if block.startswith("pip install")]

    assert len(installs) == 2
    for command in [
        *installs,
        "ruff check src tests",
        "ruff format --check src tests",
        "mypy --strict src",
    ]:
        assert command in ci


def test_large_archives_who_is_quoted_most_runs_on_a_parquet_export(tmp_path):
    """The pandas one-liner counts the speakers of an export written as shown."""
    article = ROOT / "examples" / "article.txt"
    export = tmp_path / "quotes.parquet"
    subprocess.run(
        [*quotex_command(), "extract", str(article), "-o", str(export)], check=True
    )
    one_liner = next(
        line
        for line in code_after(
            README, "Who is quoted most, from the export"
        ).splitlines()
        if line.startswith("python -c")
    )
    code = re.fullmatch(r'python -c "(.*)"', one_liner)[1]

    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True
    )

    assert shown.returncode == 0, shown.stderr
    quotes = quotex.extract(article.read_text(encoding="utf-8"))
    [(top, count)] = Counter(q.speaker for q in quotes if q.speaker).most_common(1)
    assert re.search(rf"^{re.escape(top)}\s+{count}$", shown.stdout, re.M)
