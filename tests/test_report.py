"""Tests for the HTML report, checked from its DOM in a real headless Chromium."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from browser import launched, open_page
from test_e2e import run
from typer.testing import CliRunner

import quotex
from quotex.cli import app
from quotex.html_report import report
from quotex.marking import SpeakerKeys, marked_text
from quotex.quote import Quote, TextSpan

runner = CliRunner()

HOSTILE = (
    "Council <b>row</b> over the bridge\n\n"
    "The page said <script>window.pwned = 1</script> and nothing more.\n\n"
    '"We will not pay for \\"><img src=x onerror="window.pwned=2"> this," '
    "Helena Vosk said.\n\n"
    "\u201cIt is </mark></div><script>window.pwned=3</script> a trap,\u201d "
    "Tomas Brennick said.\n"
)
HOSTILE_NAME = '"><img src=x onerror=window.pwned=4>.txt'


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, example_article) -> list[Path]:
    folder = tmp_path_factory.mktemp("report")
    hostile = folder / HOSTILE_NAME
    hostile.write_text(HOSTILE, encoding="utf-8")
    return [example_article, hostile]


@pytest.fixture(scope="module")
def records(inputs) -> list[dict]:
    """What quotex extract says about the same inputs."""
    result = run("extract", *map(str, inputs))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def report_file(inputs, tmp_path_factory) -> Path:
    """The report the installed command writes for the inputs."""
    path = tmp_path_factory.mktemp("out") / "report.html"
    result = run("report", *map(str, inputs), "-o", str(path))
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def browser():
    with launched() as running:
        yield running


def test_report_has_a_mark_per_record_and_every_speaker(browser, report_file, records):
    """As many highlighted quotations as records; every speaker in the legend."""
    page, log = open_page(browser, report_file)

    marks = page.eval_on_selector_all("mark.q", "ms => ms.map(m => m.textContent)")
    assert [r["quote"] for r in records] == marks
    legend = page.eval_on_selector_all(
        "table.speakers button.only", "bs => bs.map(b => b.textContent)"
    )
    speakers = {r["speaker"] for r in records if r["speaker"]}
    assert speakers <= set(legend)
    counts = Counter(r["speaker"] for r in records)
    rows = page.eval_on_selector_all(
        "table.speakers tbody tr",
        "rs => rs.map(r => [r.querySelector('button').textContent,"
        " Number(r.cells[0].textContent), r.querySelectorAll('li a').length])",
    )
    for name, _, links in rows:
        key = None if name == "(unattributed)" else name
        assert counts[key] == links
    assert page.inner_text("#count-quotes") == str(len(records))
    assert page.inner_text("#count-documents") == "2"
    assert log.errors == []
    assert [m for m in log.console if m[0] in ("error", "warning")] == []


def test_input_is_shown_as_text_and_runs_nothing(browser, report_file):
    """<script> and onerror attributes from an article stay text."""
    page, log = open_page(browser, report_file)

    assert page.evaluate("window.pwned") is None
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1  # the report's own
    shown = page.evaluate(
        """() => {
            const text = document.querySelector("#d1 .text").cloneNode(true);
            text.querySelectorAll(".who").forEach((badge) => badge.remove());
            return text.textContent;
        }"""
    )
    assert shown == HOSTILE
    assert f"/{HOSTILE_NAME} 2 quotes" in page.inner_text("#d1-name")
    assert log.errors == []
    # Nothing was fetched: the page is the only thing loaded.
    assert [report_file.resolve().as_uri()] == log.requests


def test_hover_or_focus_shows_cue_mention_and_confidence(browser, report_file, records):
    """Focusing a quotation (keyboard) shows its details beside it."""
    page, _ = open_page(browser, report_file)
    first = next(i for i, r in enumerate(records) if r["cue"] and r["speaker_mention"])
    record = records[first]
    mark = page.locator("mark.q").nth(first)

    mark.focus()
    shown = mark.evaluate("m => getComputedStyle(m, '::after').content")

    assert f"cue: “{record['cue']}”" in shown
    assert f"mention: “{record['speaker_mention']}”" in shown
    # The record's confidence is itself rounded: compare as numbers.
    confidence = re.search(r"confidence (\d\.\d\d)", shown)
    assert confidence is not None
    assert abs(float(confidence.group(1)) - record["confidence"]) <= 0.0051
    badge = mark.evaluate("m => m.parentElement.querySelector('#' + m.id + ' ~ .who')")
    assert badge is not None


def test_filtering_by_speaker_keeps_that_speakers_quotes(browser, report_file, records):
    """Choosing a speaker marks only their quotes and hides other documents."""
    page, log = open_page(browser, report_file)
    files = {}
    for record in records:
        files.setdefault(record["speaker"], set()).add(record["file"])
    # A speaker quoted in one of the two documents only.
    wanted = sorted(s for s, found in files.items() if s and len(found) == 1)[0]
    expected = sum(1 for r in records if r["speaker"] == wanted)

    page.select_option("#speaker-filter", label=f"{wanted} ({expected})")

    hits = page.eval_on_selector_all("mark.q.hit", "ms => ms.length")
    assert expected == hits
    assert page.locator("article.doc:not([hidden])").count() == 1
    quotes = f"{expected} quote" + ("" if expected == 1 else "s")
    assert page.inner_text("#filter-status") == f"{quotes} in 1 document"
    page.select_option("#speaker-filter", value="")
    assert page.locator("article.doc:not([hidden])").count() == 2
    assert log.errors == []


def test_extract_format_html_and_html_extension_give_the_report(
    tmp_path, example_article
):
    """--format html and an -o ending in .html write the same kind of page."""
    out = tmp_path / "quotes.html"

    by_format = runner.invoke(app, ["extract", str(example_article), "-f", "html"])
    by_name = runner.invoke(app, ["extract", str(example_article), "-o", str(out)])

    assert by_format.exit_code == 0, by_format.stderr
    assert by_name.exit_code == 0, by_name.stderr
    assert by_format.stdout.startswith("<!DOCTYPE html>")
    quotes = quotex.extract(example_article.read_text("utf-8"))
    assert out.read_text("utf-8").count('<mark class="q ') == len(quotes)


def test_speakers_refuse_the_html_format(example_article):
    """The html format shows quotes in text; speakers has none to show."""
    result = runner.invoke(app, ["speakers", str(example_article), "-f", "html"])

    assert result.exit_code == 2
    assert "quotex report" in result.stderr


def test_library_report_takes_name_text_quotes_tuples():
    """quotex's report() works from Python with plain tuples."""
    text = '"Yes," Ann Li said.'
    quote = Quote(TextSpan(1, 5, "Yes,"), 1, "full", "Ann Li")
    out = io.StringIO()

    report([("note.txt", text, [quote])], out, title="Notes")

    page = out.getvalue()
    assert "<title>Notes</title>" in page
    assert ">Yes,</mark>" in page


def test_marks_nest_when_a_cue_lies_inside_a_quote():
    """A cue or mention overlapping a quotation still gives well-nested HTML."""
    text = '"I said no," she said.'
    quote = Quote(
        TextSpan(1, 11, "I said no,"),
        1,
        "full",
        None,
        mention=TextSpan(13, 16, "she"),
        cue=TextSpan(3, 7, "said"),
    )

    html = marked_text(text, [quote], ["q0"], SpeakerKeys(12))

    assert html.startswith('&#34;<mark class="q cx" id="q0"')
    assert '<span class="cue">said</span> no,</mark>&#34;' in html
    assert '<span class="who unnamed">she?</span>' in html
