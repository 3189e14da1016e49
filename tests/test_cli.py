"""Tests for the quotex command line, run in-process with Typer's CliRunner."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from quotex import cli_run, formats, output
from quotex.cli import app
from quotex.quote import FIELDS, Quote, TextSpan
from quotex.runner import Batch, DocumentResult, load_extractor
from quotex.speakers import SpeakerTally

runner = CliRunner()

# Speakers named where they speak: these tests are about the command line,
# not about how far attribution reaches.
ARTICLE = (
    "Town votes on the bridge\n\n"
    "The meeting opened on Monday.\n\n"
    '"We will build it this year," Helena Vosk said.\n\n'
    '"The money is not there," Tomas Brennick said.\n\n'
    '"It never is," Brennick added.\n'
)


def invoke(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_writes_json_lines_under_a_runner(article):
    """auto is JSON Lines when stdout is not a terminal, every field in order."""
    result = invoke("extract", str(article))

    assert result.exit_code == 0, result.stderr
    records = jsonl(result.stdout)
    assert [list(r) for r in records] == [list(FIELDS)] * len(records)
    assert [r["speaker"] for r in records] == [
        "Helena Vosk",
        "Tomas Brennick",
        "Tomas Brennick",
    ]
    assert {r["file"] for r in records} == {str(article)}


def test_missing_file_exits_1_and_stdout_still_holds_the_good_files(article):
    """An unreadable input is named on stderr; the others are still written."""
    missing = article.parent / "nope.txt"

    result = invoke("extract", str(missing), str(article))

    assert result.exit_code == 1
    assert len(jsonl(result.stdout)) == 3
    assert f"{missing}: no such file or directory" in result.stderr


def test_standard_input_is_read_when_piped_and_named_dash():
    """Piped text with no path is read; its records say file -."""
    result = invoke("extract", stdin=ARTICLE)

    assert result.exit_code == 0, result.stderr
    assert {r["file"] for r in jsonl(result.stdout)} == {"-"}


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "x.txt", "--min-confidence", "1.5"],
        ["extract", "x.txt", "--format", "xml"],
        ["extract", "x.txt", "--type", "quip"],
        ["extract", "x.txt", "--jobs", "-1"],
        ["extract", "x.txt", "-o", "quotes.txt"],
        ["extract", "x.txt", "--speaker", " "],
        ["extract", "x.txt", "--lexicon", "no-such-folder"],
        ["speakers", "x.txt", "--input-format", "xml"],
        ["extract", "x.txt", "--no-such-option"],
    ],
)
def test_usage_errors_exit_2(args, tmp_path, monkeypatch):
    """Bad options are usage errors: exit 2, nothing on stdout."""
    monkeypatch.chdir(tmp_path)

    result = invoke(*args)

    assert (result.exit_code, result.stdout) == (2, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["extract", "x.txt", "--type", "quip"],
            "Invalid value for '--type': "
            "'quip' is not one of 'full', 'partial', 'headline'",
        ),
        (
            ["speakers", "x.txt", "-f", "xml"],
            "Invalid value for '--format' / '-f': 'xml' is not one of 'auto', "
            "'table', 'jsonl', 'json', 'csv', 'tsv'",
        ),
        (
            ["extract", "x.txt", "--input-format", "xml"],
            "Invalid value for '--input-format': 'xml' is not one of",
        ),
        (
            ["eval", "gold.jsonl", "--format", "csv"],
            "Invalid value for '--format' / '-f': 'csv' is not one of 'table', 'json'",
        ),
        (
            ["extract", "x.txt", "--speaker", " "],
            "Invalid value for '--speaker': give a name",
        ),
        (
            ["explain", "x.txt", "-f", "xml"],
            "Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json'",
        ),
    ],
)
def test_bad_values_are_named_without_a_stray_prefix(args, message):
    """A bad choice says which option, what was given and what is allowed."""
    result = invoke(*args)

    assert result.exit_code == 2
    assert message in result.stderr
    assert "Value error" not in result.stderr


def test_unknown_export_extension_is_fine_with_a_format(article, tmp_path):
    """--format decides when the extension says nothing."""
    target = tmp_path / "quotes.txt"

    result = invoke("extract", str(article), "-o", str(target), "-f", "csv")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert next(csv.reader(io.StringIO(target.read_text()))) == list(FIELDS)


@pytest.mark.parametrize(
    ("suffix", "check"),
    [
        (".jsonl", lambda text: len(jsonl(text)) == 3),
        (".json", lambda text: len(json.loads(text)) == 3),
        (".csv", lambda text: len(list(csv.reader(io.StringIO(text)))) == 4),
        (".tsv", lambda text: len(text.splitlines()) == 4),
    ],
)
def test_export_format_comes_from_the_extension(article, tmp_path, suffix, check):
    """-o picks the writer from the file's extension."""
    target = tmp_path / f"quotes{suffix}"

    result = invoke("extract", str(article), "-o", str(target))

    assert result.exit_code == 0, result.stderr
    assert check(target.read_text(encoding="utf-8"))


def test_export_with_a_failed_input_keeps_the_good_records(article, tmp_path):
    """Some inputs failing: the export still holds the others, exit 1."""
    target = tmp_path / "quotes.jsonl"

    result = invoke(
        "extract", str(article), str(tmp_path / "gone.txt"), "-o", str(target)
    )

    assert result.exit_code == 1
    assert len(jsonl(target.read_text())) == 3


def test_interrupted_export_keeps_the_previous_file(tmp_path, monkeypatch):
    """Ctrl-C during a run with -o: exit 130, the old export untouched."""
    target = tmp_path / "quotes.jsonl"
    target.write_text("previous\n")

    class InterruptedBatch:
        def held_back(self):
            return 0

        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            pass

        def __iter__(self):
            yield DocumentResult("a.txt")
            raise KeyboardInterrupt

    monkeypatch.setattr(cli_run, "Batch", InterruptedBatch)

    result = invoke("extract", str(tmp_path), "-o", str(target))

    assert result.exit_code == 130
    assert target.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.jsonl"]
    assert "interrupted" in result.stderr


def test_interrupted_json_array_on_stdout_is_still_closed(monkeypatch, tmp_path):
    """After Ctrl-C the JSON array printed so far is complete and parses."""

    class InterruptedBatch:
        def held_back(self):
            return 0

        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            pass

        def __iter__(self):
            yield DocumentResult("a.txt")
            raise KeyboardInterrupt

    monkeypatch.setattr(cli_run, "Batch", InterruptedBatch)

    result = invoke("extract", str(tmp_path), "-f", "json")

    assert result.exit_code == 130
    assert json.loads(result.stdout) == []


def test_failed_write_to_an_export_keeps_the_previous_file(
    article, tmp_path, monkeypatch
):
    """A disk that fills up mid-run: one line, exit 1, the old export intact."""
    target = tmp_path / "quotes.jsonl"
    target.write_text("previous\n")

    def full(self, records):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(formats.JsonLinesWriter, "write", full)

    result = invoke("extract", str(article), "-o", str(target))

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: cannot write {target}: no space left on device"
    ]
    assert target.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bridge.txt", "quotes.jsonl"]


def test_failed_rename_of_an_export_is_one_line(article, tmp_path, monkeypatch):
    """An export that can't be put in place says so; no temporary file is left."""
    target = tmp_path / "quotes.jsonl"
    target.write_text("previous\n")

    def refuse(source, destination):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(output.os, "replace", refuse)

    result = invoke("extract", str(article), "-o", str(target))

    assert result.exit_code == 1
    assert f"error: cannot write {target}: permission denied" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text() == "previous\n"
    # The document done is kept to resume from once the folder is writable.
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bridge.txt",
        "quotes.jsonl",
        "quotes.jsonl.partial",
    ]


def test_run_that_cannot_start_keeps_the_previous_export(article, tmp_path):
    """A missing model writes nothing over an earlier export."""
    target = tmp_path / "quotes.csv"
    target.write_text("previous\n")

    result = invoke(
        "extract", str(article), "-o", str(target), "--model", "no_such_pipeline_xyz"
    )

    assert result.exit_code == 1
    assert target.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bridge.txt", "quotes.csv"]


def test_each_document_is_out_before_the_next_is_read(tmp_path, monkeypatch):
    """Records of a finished document are flushed before the next input opens."""
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    flushed_before: list[list[str]] = []
    real = cli_run.read_inputs

    def watched(*args, **kwargs):
        for item in real(*args, **kwargs):
            flushed = sys.stdout.buffer.getvalue().decode("utf-8")
            flushed_before.append([r["file"] for r in jsonl(flushed)])
            yield item

    monkeypatch.setattr(cli_run, "read_inputs", watched)

    result = invoke("extract", str(tmp_path), "--jobs", "1")

    assert result.exit_code == 0, result.stderr
    a, b = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    assert flushed_before == [[], [a] * 3, [a] * 3 + [b] * 3]


def test_file_removed_during_the_run_fails_alone(tmp_path, monkeypatch):
    """A file deleted while an earlier one is extracted is named; the rest runs."""
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    victim = tmp_path / "b.txt"

    def removing(settings):
        extract = load_extractor(settings)

        def run(text):
            victim.unlink(missing_ok=True)
            return extract(text)

        return run

    class RemovingBatch(Batch):
        def __init__(self, items, settings=None, *, jobs=1):
            super().__init__(items, settings, jobs=jobs, extractor=removing)

    monkeypatch.setattr(cli_run, "Batch", RemovingBatch)

    result = invoke("extract", str(tmp_path))

    assert result.exit_code == 1
    assert f"{victim}: no such file or directory" in result.stderr.splitlines()
    files = {r["file"] for r in jsonl(result.stdout)}
    assert files == {str(tmp_path / "a.txt"), str(tmp_path / "c.txt")}


@pytest.mark.parametrize("output_format", ["csv", "tsv"])
def test_csv_guard_is_on_by_default_and_can_be_turned_off(output_format):
    """A quote that looks like a formula is defused unless --no-csv-guard."""
    text = 'Budget news\n\n"=HYPERLINK(1) is fine," Ann Lee said.\n'

    guarded = invoke("extract", "-", "-f", output_format, stdin=text)
    raw = invoke("extract", "-", "-f", output_format, "--no-csv-guard", stdin=text)

    delimiter = "," if output_format == "csv" else "\t"
    rows = [
        dict(zip(FIELDS, row, strict=True))
        for row in csv.reader(io.StringIO(guarded.stdout), delimiter=delimiter)
    ][1:]
    raw_rows = list(csv.reader(io.StringIO(raw.stdout), delimiter=delimiter))[1:]
    assert [(r["file"], r["quote"]) for r in rows] == [("-", "'=HYPERLINK(1) is fine,")]
    assert raw_rows[0][FIELDS.index("quote")] == "=HYPERLINK(1) is fine,"


def test_ctrl_c_while_counting_inputs_still_gives_a_summary(article, monkeypatch):
    """An interrupt before the first document: exit 130 and the summary line."""

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_run, "_reporter", interrupted)

    result = invoke("extract", str(article), "-f", "json")

    assert (result.exit_code, json.loads(result.stdout)) == (130, [])
    assert result.stderr.startswith("interrupted: 0 files, 0 quotes, 0 failed")


def test_file_name_that_is_not_utf8_is_shown_with_escapes(tmp_path):
    """A name with a latin-1 byte can still be written to a UTF-8 export."""
    odd = tmp_path / os.fsdecode(b"caf\xe9.txt")
    odd.write_text(ARTICLE, encoding="utf-8")
    broken = tmp_path / os.fsdecode(b"bin\xe9.txt")
    broken.write_bytes(b"\x00\x01")
    target = tmp_path / "quotes.jsonl"

    result = invoke("extract", str(tmp_path), "-o", str(target))

    assert result.exit_code == 1
    assert f"{tmp_path}/bin\\xe9.txt: not a text file" in result.stderr.splitlines()
    files = {r["file"] for r in jsonl(target.read_text(encoding="utf-8"))}
    assert files == {f"{tmp_path}/caf\\xe9.txt"}


def test_filters_speaker_confidence_and_type(article):
    """--speaker takes a surname in any case; filters combine."""
    by_surname = jsonl(invoke("extract", str(article), "--speaker", "BRENNICK").stdout)
    confident = jsonl(invoke("extract", str(article), "--min-confidence", "0.9").stdout)
    headlines = jsonl(invoke("extract", str(article), "--type", "headline").stdout)

    assert {r["speaker"] for r in by_surname} == {"Tomas Brennick"}
    assert len(by_surname) == 2
    assert all(r["confidence"] >= 0.9 for r in confident)
    assert headlines == []


def test_speakers_counts_quotes_and_files(article, tmp_path):
    """One row per speaker, most quoted first, files counted once each."""
    second = tmp_path / "second.txt"
    second.write_text(
        "Bridge, day two\n\n"
        '"Enough," Helena Vosk said.\n\n'
        '"Truly enough," Helena Vosk said again.\n'
    )

    result = invoke("speakers", str(article), str(second), "-f", "json")

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"speaker": "Helena Vosk", "quotes": 3, "files": 2},
        {"speaker": "Tomas Brennick", "quotes": 2, "files": 1},
    ]


def test_speakers_joins_a_surname_alone_to_the_one_full_name_it_means(tmp_path):
    """An article that only says "Vosk" counts for Helena Vosk, the only
    speaker of that surname; "Clinton" stays apart from two Clintons."""
    (tmp_path / "a.txt").write_text('"We will build it," Mayor Helena Vosk said.\n')
    (tmp_path / "b.txt").write_text('The council met.\n\n"Not yet," Vosk said.\n')
    (tmp_path / "c.txt").write_text(
        '"Yes," Bill Clinton said.\n\n"No," Hillary Clinton said.\n'
    )
    (tmp_path / "d.txt").write_text('The vote came.\n\n"Maybe," Clinton said.\n')

    result = invoke("speakers", str(tmp_path), "-f", "json")

    assert result.exit_code == 0, result.stderr
    rows = {row["speaker"]: row for row in json.loads(result.stdout)}
    assert rows["Helena Vosk"] == {"speaker": "Helena Vosk", "quotes": 2, "files": 2}
    assert "Vosk" not in rows
    assert rows["Clinton"]["quotes"] == 1


def test_a_document_naming_someone_both_ways_counts_once_for_them():
    """Joining "Vosk" to "Helena Vosk" never counts one file twice."""

    def quote(speaker: str) -> Quote:
        return Quote(TextSpan(0, 1, "x"), 1, "full", speaker)

    tally = SpeakerTally()
    tally.add([quote("Helena Vosk"), quote("Vosk")])
    tally.add([quote("Vosk")])

    assert tally.rows() == [{"speaker": "Helena Vosk", "quotes": 3, "files": 2}]


def test_speakers_counts_unattributed_quotes_last(tmp_path):
    """Quotes with no speaker are one row with speaker null, at the end."""
    path = tmp_path / "scare.txt"
    path.write_text(
        "Bridge news\n\nThe council met on Monday.\n\n"
        '"Nobody knows what happens next."\n\n"Yes," Ann Lee said.\n'
    )

    result = invoke("speakers", str(path), "-f", "csv", "--no-csv-guard")

    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [
        ["speaker", "quotes", "files"],
        ["Ann Lee", "1", "1"],
        ["", "1", "1"],
    ]


def test_table_format_shows_speaker_quote_cue_and_place(article):
    """The people's view has the four columns, the file and a summary line."""
    result = invoke("extract", str(article), "-f", "table")

    assert result.exit_code == 0
    for word in ("speaker", "quote", "cue", "line", "Helena Vosk", "said"):
        assert word in result.stdout
    assert f"{article}  3 quotes" in result.stdout.replace("\n", "")
    assert "1 file, 3 quotes, 0 failed" in result.stdout


def test_jsonl_input_names_records_by_id_and_reports_bad_lines(tmp_path):
    """Each JSON line is an article; a broken line is named with its number."""
    source = tmp_path / "articles.jsonl"
    good = json.dumps({"url": "https://example.test/1", "body": ARTICLE})
    source.write_text(good + "\n{not json\n")

    result = invoke(
        "extract",
        str(source),
        "--input-format",
        "jsonl",
        "--text-field",
        "body",
        "--id-field",
        "url",
    )

    assert result.exit_code == 1
    assert {r["file"] for r in jsonl(result.stdout)} == {"https://example.test/1"}
    assert f"{source}:2: not valid JSON" in result.stderr


JSON_LINES_HINT = "; give --input-format jsonl to read one article per line"


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_json_lines_files_are_read_as_json_lines_without_being_told(tmp_path, suffix):
    """articles.jsonl is one article per line, not prose full of JSON."""
    source = tmp_path / f"articles{suffix}"
    record = {"url": "https://example.test/1", "text": ARTICLE}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")

    result = invoke("extract", str(source), "--id-field", "url")

    assert (result.exit_code, result.stderr.splitlines()[:-1]) == (0, [])
    found = jsonl(result.stdout)
    assert {r["file"] for r in found} == {"https://example.test/1"}
    assert [r["speaker"] for r in found] == [
        "Helena Vosk",
        "Tomas Brennick",
        "Tomas Brennick",
    ]
    assert "1 document," in result.stderr


def test_input_format_overrides_the_name_and_a_misread_is_named(tmp_path):
    """--input-format text reads JSON Lines as prose, and says it looks wrong."""
    source = tmp_path / "articles.jsonl"
    source.write_text(json.dumps({"url": "u", "text": ARTICLE}) + "\n")

    result = invoke("extract", str(source), "--input-format", "text")

    assert result.stderr.splitlines()[0] == (
        f"{source}: looks like JSON Lines but was read as text" + JSON_LINES_HINT
    )
    assert {r["file"] for r in jsonl(result.stdout)} <= {str(source)}


@pytest.mark.parametrize(
    ("content", "warning"),
    [
        (
            '{"url": "u", "body": "x"}\n',
            "JSON Lines but was read as text" + JSON_LINES_HINT,
        ),
        ('[\n {"url": "u"}\n]\n', "JSON but was read as text"),
        (
            "<p>\u201cYes,\u201d Ann Lee said.</p>\n",
            "HTML but was read as text, tags and all; "
            "give --input-format html to read a web page's article",
        ),
    ],
    ids=["JSON Lines", "JSON", "HTML fragment"],
)
def test_a_text_file_that_is_not_prose_gets_one_warning(tmp_path, content, warning):
    """One stderr line names the file and what it looks like; --quiet hides it.

    (A whole page, <!DOCTYPE html> or <html> first, is read as one instead.)
    """
    notes = tmp_path / "notes.txt"
    notes.write_text(content)
    prose = tmp_path / "prose.txt"
    prose.write_text(ARTICLE)

    loud = invoke("extract", str(notes), str(prose))
    quiet = invoke("extract", str(notes), str(prose), "-q")

    assert loud.exit_code == 0
    warnings = [line for line in loud.stderr.splitlines() if "looks like" in line]
    assert warnings == [f"{notes}: looks like {warning}"]
    assert quiet.stderr == ""


def test_input_format_text_reads_even_a_web_page_as_text(tmp_path):
    """--input-format text wins over the .html name, and the misread is named."""
    page = tmp_path / "story.html"
    page.write_text("<!DOCTYPE html>\n<html><body><p>Hi.</p></body></html>\n")

    result = invoke("extract", str(page), "--input-format", "text")

    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"{page}: looks like HTML but was read as text")


def test_a_progress_bar_walks_each_folder_once(tmp_path, monkeypatch):
    """The total for the bar comes from the walk that reads the files."""
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    scanned: list[str] = []
    real_scandir = os.scandir

    def scandir(path):
        scanned.append(os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # stderr counts as a terminal

    result = invoke("extract", str(tmp_path))

    assert result.exit_code == 0, result.stderr
    assert len(jsonl(result.stdout)) == 6
    assert sorted(scanned) == [str(tmp_path), str(tmp_path / "sub")]


def test_missing_model_is_one_line_with_the_install_hint(article):
    """A pipeline that isn't installed: exit 1, a one-line error, no traceback."""
    result = invoke("extract", str(article), "--model", "no_such_pipeline_xyz")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert "error: spaCy pipeline 'no_such_pipeline_xyz' is not installed" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (
            "en_core_web_md",
            "error: spaCy pipeline 'en_core_web_md' is not installed; "
            "install it with: python -m spacy download en_core_web_md",
        ),
        ("my-pipeline/", "error: spaCy pipeline folder 'my-pipeline/' does not exist"),
        ("bridge.txt", "error: 'bridge.txt' is a file, not a spaCy pipeline folder"),
        (
            "some.module",
            "error: spaCy pipeline 'some.module' is not installed; install the "
            "package that provides it (pip install PACKAGE), or give the path of "
            "a pipeline folder",
        ),
    ],
)
def test_a_missing_model_gets_a_command_or_names_the_missing_folder(
    article, monkeypatch, model, message
):
    """The hint is a command that works, and a folder is never 'installed'."""
    monkeypatch.chdir(article.parent)

    result = invoke("extract", str(article), "--model", model)

    assert (result.exit_code, result.stderr) == (1, message + "\n")


def test_empty_file_gives_no_records_and_no_error(tmp_path):
    """An empty input is a document without quotes, not a failure."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")

    result = invoke("extract", str(empty))

    assert (result.exit_code, result.stdout) == (0, "")


def test_quiet_hides_summary_and_warnings_but_not_failures(tmp_path):
    """--quiet leaves stderr for failures only."""
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(b"\x93Caf\xe9 is open,\x94 Mayor Ann Lee said.\n")
    missing = tmp_path / "missing.txt"

    loud = invoke("extract", str(legacy), str(missing))
    quiet = invoke("extract", str(legacy), str(missing), "-q")

    assert f"{legacy}: decoded as cp1252" in loud.stderr
    assert "2 files" not in loud.stderr  # one read, one failed
    assert "1 file, 1 quote, 1 failed" in loud.stderr
    assert quiet.stderr.strip() == f"{missing}: no such file or directory"


COMMANDS = ("extract", "speakers", "eval")


@pytest.mark.parametrize("command", [*COMMANDS, "show", "report", "explain", "train"])
def test_every_option_of_every_command_has_an_example(command):
    """Each command answers --help, and each of its parameters shows an example."""
    params = typer.main.get_command(app).commands[command].params

    result = invoke(command, "--help")

    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert [p.name for p in params if "Example" not in (p.help or "")] == []


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_examples_of_its_own_command_only(command):
    """speakers --help does not show how to run extract, nor the other way round."""
    result = invoke(command, "--help")

    others = [f"quotex {other}" for other in COMMANDS if other != command]
    assert [other for other in others if other in result.stdout] == []


def test_version():
    """--version prints the package version."""
    from quotex import __version__

    result = invoke("--version")

    assert (result.exit_code, result.stdout) == (0, f"quotex {__version__}\n")


def test_importing_the_cli_does_not_import_spacy():
    """quotex --help must stay fast: no spaCy (nor charset detection) on import."""
    code = (
        "import sys, quotex.cli; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('spacy', 'thinc', 'charset_normalizer')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert found.stdout.strip() == "[]"
