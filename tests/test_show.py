"""Tests for ``quotex show``: quotations marked by speaker, colours, paging."""

from __future__ import annotations

import io
import os

import pytest
from rich.console import Console
from terminal import run_on_terminal
from test_e2e import run
from test_webpage import PAGE
from typer.testing import CliRunner

import quotex
from quotex.cli import app
from quotex.highlight import highlight, show, speaker_colours
from quotex.quote import Quote, TextSpan

runner = CliRunner()

TEXT = '"We will build it," Helena Vosk said. "Not now," she added.\n'


def span(words: str, after: int = 0) -> TextSpan:
    start = TEXT.index(words, after)
    return TextSpan(start, start + len(words), words)


QUOTES = [
    Quote(
        span("We will build it,"),
        1,
        "full",
        "Helena Vosk",
        mention=span("Helena Vosk"),
        cue=span("said"),
        confidence=0.92,
    ),
    Quote(span("Not now,"), 1, "full", None, mention=span("she"), cue=span("added")),
]


def test_plain_marks_bracket_quotes_and_name_speakers():
    """Without colour: [quote], then <speaker> or <mention?> after the mark."""
    marked = highlight(TEXT, QUOTES, plain=True)

    assert marked.plain == (
        '"[We will build it,]" <Helena Vosk> Helena Vosk said. '
        '"[Not now,]" <she?> she added.\n'
    )


def test_colours_mark_the_quote_the_speaker_and_underline_the_cue():
    """In colour, the quote takes its speaker's colour and the cue is underlined."""
    colour = speaker_colours(QUOTES)["Helena Vosk"]

    marked = highlight(TEXT, QUOTES)

    styles = {(s.start, s.end): str(s.style) for s in marked.spans}
    assert styles[(1, 18)] == colour
    cue = marked.plain.index("said")
    assert styles[(cue, cue + 4)] == "underline"
    label = marked.plain.index(" Helena Vosk ")
    assert f"bold reverse {colour}" in {
        str(s.style) for s in marked.spans if s.start == label
    }
    assert "[" not in marked.plain


def test_show_prints_the_text_then_a_legend_with_counts():
    """The legend lists every speaker with their quote count."""
    out = io.StringIO()

    show(TEXT, QUOTES, name="bridge.txt", console=Console(file=out, width=80))

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("bridge.txt  2 quotes")
    legend = lines[lines.index("Speakers") + 1 :]
    assert [line.split() for line in legend if line.strip()] == [
        ["Helena", "Vosk", "1"],
        ["(unattributed)", "1"],
    ]


def test_show_command_marks_every_quote_of_the_example(example_article):
    """Piped, show prints plain marks: one [ per quote, no pager, exit 0."""
    text = example_article.read_text("utf-8")
    found = quotex.extract(text)

    result = runner.invoke(app, ["show", str(example_article)])

    assert result.exit_code == 0, result.stderr
    assert len(found) == result.stdout.count("[")
    assert "\x1b[" not in result.stdout
    shown = " ".join(result.stdout.split())  # a label may wrap at the line end
    for name in {q.speaker for q in found if q.speaker}:
        assert f"<{name}>" in shown


def test_show_takes_the_filters_of_extract(example_article):
    """--speaker keeps only that speaker's quotations marked."""
    result = runner.invoke(app, ["show", str(example_article), "--speaker", "costel"])

    assert result.exit_code == 0, result.stderr
    shown = " ".join(result.stdout.split())  # a label may wrap at the line end
    assert shown.count("<Amira Costel>") == shown.count("[") == 2


def test_show_reads_a_web_page_as_its_article(tmp_path):
    """A page is shown as the text quotex read from it, title first."""
    page = tmp_path / "story.html"
    page.write_text(PAGE, encoding="utf-8")

    result = runner.invoke(app, ["show", str(page)])

    assert result.exit_code == 0, result.stderr
    body = result.stdout.splitlines()[1:]
    assert body[0] == "Marrowby votes on the bridge"
    assert "“[We will build it this year,]” <Marieke Vries> Marieke Vries" in (
        result.stdout
    )
    assert "<p>" not in result.stdout


def test_show_names_a_missing_file_and_goes_on(tmp_path, example_article):
    """A missing input is one stderr line; the others are shown; exit 1."""
    missing = tmp_path / "gone.txt"

    result = runner.invoke(app, ["show", str(missing), str(example_article)])

    assert result.exit_code == 1
    assert f"{missing}: no such file or directory" in result.stderr
    assert "Helena Vosk" in result.stdout


def test_on_a_terminal_show_pages_in_colour(tmp_path, example_article):
    """On a terminal the text goes through the pager, with colours."""
    paged = tmp_path / "paged.txt"

    terminal = run_on_terminal(
        "show", str(example_article), env={"QUOTEX_PAGER": f"cat > {paged}"}
    )

    assert terminal.returncode == 0, terminal.screen
    shown = paged.read_text("utf-8")
    assert "\x1b[" in shown  # colours reached the pager
    assert "Helena Vosk" in shown
    assert "[We have waited" not in shown  # colour marks, not brackets
    assert not [line for line in terminal.screen if "Marrowby" in line]


def test_no_color_on_a_terminal_marks_with_brackets(example_article):
    """NO_COLOR: no colour codes, quotations in brackets."""
    terminal = run_on_terminal(
        "show", str(example_article), "--no-pager", env={"NO_COLOR": "1"}
    )

    assert terminal.returncode == 0, terminal.screen
    assert b"\x1b[3" not in terminal.output  # no foreground colour
    assert any("[We have waited long enough,]" in line for line in terminal.screen)


def test_never_pages_when_stdout_is_not_a_terminal(tmp_path, example_article):
    """Redirected output goes straight out; the pager is not even started."""
    marker = tmp_path / "pager-ran"

    result = run(
        "show",
        str(example_article),
        env={**os.environ, "QUOTEX_PAGER": f"touch {marker}; cat"},
    )

    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert "[We have waited long enough,]" in result.stdout


@pytest.mark.parametrize("value", ["", "cat"])
def test_empty_or_cat_pager_means_no_pager(value):
    """PAGER='' or PAGER=cat turns paging off, as in git."""
    from quotex.paging import pager_command

    assert pager_command({"PAGER": value}) is None
    assert pager_command({"QUOTEX_PAGER": "most", "PAGER": "less"}) == "most"
