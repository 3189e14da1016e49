"""Tests for the journal of finished documents and ``--resume``."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from quotex import __version__
from quotex.cli import app
from quotex.inputs import Document, InputFailure
from quotex.journal import (
    FinishedDocument,
    Journal,
    JournalError,
    JournalHeader,
    Resumption,
    journal_path,
    read_journal,
    text_digest,
)
from quotex.quote import Quote, TextSpan
from quotex.runner import Finished

runner = CliRunner()
HEADER = JournalHeader(__version__, None, None, False)
QUOTE = Quote(
    TextSpan(1, 9, "We will"),
    3,
    "full",
    "Helena Vosk",
    TextSpan(12, 17, "Vosk"),
    TextSpan(18, 22, "said"),
    0.87654321,
)


def started(path):
    journal = Journal(path, HEADER)
    journal.start()
    return journal


def test_a_journal_gives_back_the_quotes_it_was_given(tmp_path):
    """Every field survives, the confidence unrounded; names keep odd bytes."""
    path = tmp_path / "q.csv.partial"
    journal = started(path)
    journal.add("caf\udce9.txt", "text one", [QUOTE])
    journal.add("b.txt", "text two", [])
    journal.close()

    documents = read_journal(path, HEADER).documents

    assert [
        FinishedDocument("caf\udce9.txt", text_digest("text one"), (QUOTE,)),
        FinishedDocument("b.txt", text_digest("text two"), ()),
    ] == documents


def test_a_last_line_cut_short_by_a_crash_is_left_out_and_cut_off(tmp_path):
    """A killed run can leave half a line: that document is simply done again."""
    path = tmp_path / "q.csv.partial"
    journal = started(path)
    journal.add("a.txt", "text one", [QUOTE])
    journal.close()
    with path.open("a", encoding="utf-8") as stream:
        stream.write('{"name":"b.txt","digest":"12')

    earlier = read_journal(path, HEADER)

    assert [document.name for document in earlier.documents] == ["a.txt"]
    resumed = Journal(path, HEADER)
    resumed.start(earlier)  # goes on after the last whole line
    resumed.add("c.txt", "text three", [])
    resumed.close()
    again = read_journal(path, HEADER).documents
    assert [document.name for document in again] == ["a.txt", "c.txt"]


def test_a_journal_made_with_other_settings_is_refused(tmp_path):
    """Quotes from another model can't stand in for this run's: say which setting."""
    path = tmp_path / "q.csv.partial"
    started(path).close()
    now = JournalHeader(__version__, "en_core_web_md", None, False)

    with pytest.raises(JournalError, match="model: None then, 'en_core_web_md' now"):
        read_journal(path, now)


def test_a_file_that_is_no_journal_is_refused(tmp_path):
    path = tmp_path / "q.csv.partial"
    path.write_text("id,text\n", encoding="utf-8")

    with pytest.raises(JournalError, match="is not a quotex journal"):
        read_journal(path, HEADER)


def test_resumption_matches_name_and_text_once_each():
    """An edited document is extracted again; a repeated one takes one entry each."""
    finished = [
        FinishedDocument("a.txt", text_digest("same"), (QUOTE,)),
        FinishedDocument("b.txt", text_digest("old text"), ()),
    ]
    inputs = [
        Document("a.txt", "same"),
        Document("b.txt", "new text"),
        InputFailure("c.txt", "no such file or directory"),
        Document("a.txt", "same"),
    ]

    items = list(Resumption(finished).replace(inputs))

    assert isinstance(items[0], Finished)
    assert (items[0].result.quotes, items[0].result.resumed) == ((QUOTE,), True)
    assert inputs[1:] == items[1:]


def test_resume_needs_an_export():
    result = runner.invoke(app, ["extract", "-", "--resume"], input="x")

    assert result.exit_code == 2
    assert "resuming needs the export" in result.stderr


def test_resume_from_standard_input_takes_the_noted_quotes(tmp_path):
    """Piped in again, the same text is not extracted: its noted quotes are used."""
    text = "Nobody is quoted here.\n"
    out = tmp_path / "q.jsonl"
    journal = started(journal_path(out))
    journal.add("<stdin>", text, [QUOTE])
    journal.close()

    result = runner.invoke(
        app, ["extract", "-", "-o", str(out), "--resume"], input=text
    )

    assert result.exit_code == 0, result.stderr
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert (
        record["file"],
        record["quote"],
        record["confidence"],
    ) == ("-", "We will", 0.877)
    assert "1 file (1 resumed)" in result.stderr
    assert not journal_path(out).exists()  # the export is written: no longer needed


def test_resume_with_another_model_is_a_usage_error_and_keeps_the_journal(tmp_path):
    out = tmp_path / "q.jsonl"
    journal = started(journal_path(out))
    journal.add("<stdin>", "text", [])
    journal.close()

    result = runner.invoke(
        app,
        ["extract", "-", "-o", str(out), "--resume", "--full-pipeline"],
        input="text",
    )

    assert result.exit_code == 2
    assert "full_pipeline: False then, True now" in result.stderr
    assert len(journal_path(out).read_text().splitlines()) == 2


# Short articles, a few quotes each: the batch is long enough to stop half way.
ARTICLE = (
    "Council {n} meets\n\n"
    '"We will open line {n} in spring," Mayor Ada Lind said on Monday.\n\n'
    "The council voted after a long debate about the budget.\n\n"
    '"It is too expensive," said Tom Berg, who leads the opposition.\n\n'
    '"We have waited long enough," Lind told reporters.\n'
)


def quotex(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotex", *args]


def timed_run(*args: str) -> float:
    started_at = time.monotonic()
    subprocess.run(quotex(*args), check=True, capture_output=True)
    return time.monotonic() - started_at


def test_an_interrupted_run_resumes_to_the_same_bytes_in_less_time(tmp_path):
    """Ctrl-C half way, then --resume: the export equals a clean run's, sooner."""
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(400):
        (folder / f"{n:03}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    out = tmp_path / "quotes.csv"
    out.write_text("previous export\n", encoding="utf-8")
    journal = journal_path(out)

    stopped = subprocess.Popen(
        quotex("extract", str(folder), "-o", str(out)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while _lines(journal) < 201 and time.monotonic() < deadline:
        time.sleep(0.05)
    stopped.send_signal(signal.SIGINT)
    _, stderr = stopped.communicate(timeout=60)
    assert stopped.returncode == 130, stderr
    assert out.read_text(encoding="utf-8") == "previous export\n"
    noted = _lines(journal) - 1
    assert 200 <= noted < 400

    resumed_time = timed_run("extract", str(folder), "-o", str(out), "--resume")
    clean = tmp_path / "clean.csv"
    clean_time = timed_run("extract", str(folder), "-o", str(clean))

    assert clean.read_bytes() == out.read_bytes()
    assert not journal.exists()
    assert resumed_time < 0.85 * clean_time, (resumed_time, clean_time)


def _lines(path) -> int:
    try:
        with open(path, "rb") as stream:
            return sum(1 for line in stream if line.endswith(b"\n"))
    except FileNotFoundError:
        return 0
