"""The quotex command line: arguments in, library calls, exit codes out.

Exit codes: 0 every input was processed (even with no quote); 1 some inputs
failed (the others are still written), or quotex could not run at all (e.g.
the model is missing), or the reader closed the pipe early; 2 usage error;
130, 143 and 129 stopped by SIGINT (Ctrl-C), SIGTERM or SIGHUP (documents
already done are written whole).

Importing this module must stay cheap: spaCy is imported only when a
document is about to be extracted.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotex.eval_cli import eval_command
from quotex.formats import OutputFormat

if TYPE_CHECKING:
    from quotex.cli_run import Request

app = typer.Typer(
    name="quotex",
    help="Find every direct quote in news text and say who said it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: Rich-rendered help costs more to import than the rest of
    # the command line, and `quotex --help` must answer at once.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class InputFormat(StrEnum):
    """How input files are read."""

    TEXT = "text"
    JSONL = "jsonl"


class QuoteTypeChoice(StrEnum):
    """Values of ``--type``: the ``type`` field of a record."""

    FULL = "full"
    PARTIAL = "partial"
    HEADLINE = "headline"


PATHS_HELP = (
    "Files, folders (read recursively) or - for standard input; with no path, "
    "piped standard input is read. Example: quotex extract news/ extra.txt"
)
GLOB_HELP = (
    "Which files to read inside folders (hidden ones are always skipped); "
    "files named on the command line are always read. "
    "Example: quotex extract news/ --glob '*.md'"
)
INPUT_FORMAT_HELP = (
    "text: each file is one article; jsonl: each line is a JSON object holding "
    "one article (bad lines are reported and skipped). "
    "Example: quotex extract articles.jsonl --input-format jsonl"
)
TEXT_FIELD_HELP = (
    "With --input-format jsonl: the field holding the article text. "
    "Example: --text-field body"
)
ID_FIELD_HELP = (
    "With --input-format jsonl: the field that fills the record's file "
    "(default: FILE:LINE). Example: --id-field url"
)
FORMAT_HELP = (
    "auto: a table on a terminal, JSON Lines otherwise (or the format of the "
    "--output extension); table: for people; jsonl, json, csv, tsv: for "
    "programs, fields in the documented order. "
    "Example: quotex extract article.txt -f csv > quotes.csv"
)
OUTPUT_HELP = (
    "Write to this file instead of standard output; the format comes from "
    "its extension (.jsonl .json .csv .tsv) unless --format says otherwise. "
    "The file is replaced only when the run ends, never left half-written; "
    "if some inputs fail it still holds every quote of the others (exit 1). "
    "Example: quotex extract news/ -o quotes.csv"
)
SPEAKER_HELP = (
    "Keep quotes by this speaker: full name or surname, any case. "
    "Example: --speaker vosk"
)
MIN_CONFIDENCE_HELP = (
    "Keep quotes whose speaker confidence is at least X, between 0 and 1 "
    "(unattributed quotes have 0). Example: --min-confidence 0.8"
)
TYPE_HELP = (
    "Keep quotes of this type: full (a whole sentence or more), partial "
    "(words woven into the reporter's sentence) or headline; repeat to keep "
    "several. Example: --type full --type partial"
)
MODEL_HELP = (
    "spaCy pipeline to parse with: an installed package name or a pipeline "
    "folder (default: en_core_web_sm). Example: --model en_core_web_md"
)
LEXICON_HELP = (
    "Folder with quotex's word lists (reporting verbs, titles, ...) to use "
    "instead of the shipped ones; start from a copy of models/. "
    "Example: --lexicon my-lexicon/"
)
FULL_PIPELINE_HELP = (
    "Parse every paragraph, not only those around quotes (slower). "
    "Example: --full-pipeline"
)
JOBS_HELP = (
    "Worker processes for big batches; 0 means one per CPU core. Output "
    "order is the same as with 1. Example: -j 4"
)
QUIET_HELP = (
    "Hide the progress bar, warnings and the summary; failures are still "
    "reported. Example: quotex extract news/ -q > quotes.jsonl"
)
CSV_GUARD_HELP = (
    "Write csv and tsv text cells exactly as they are. By default a text cell "
    "starting with = + - @, tab or carriage return gets a leading ' so "
    "spreadsheets show it instead of running it as a formula (numbers are "
    "never changed). Example: quotex extract news/ -f csv --no-csv-guard"
)

Paths = Annotated[
    list[Path] | None,
    typer.Argument(help=PATHS_HELP, metavar="PATHS", show_default=False),
]
GlobOption = Annotated[str, typer.Option("--glob", metavar="PATTERN", help=GLOB_HELP)]
InputFormatOption = Annotated[
    InputFormat,
    typer.Option("--input-format", metavar="text|jsonl", help=INPUT_FORMAT_HELP),
]
TextFieldOption = Annotated[
    str, typer.Option("--text-field", metavar="NAME", help=TEXT_FIELD_HELP)
]
IdFieldOption = Annotated[
    str, typer.Option("--id-field", metavar="NAME", help=ID_FIELD_HELP)
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", metavar="FORMAT", help=FORMAT_HELP)
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="PATH", dir_okay=False, help=OUTPUT_HELP),
]
SpeakerOption = Annotated[
    str | None, typer.Option("--speaker", metavar="NAME", help=SPEAKER_HELP)
]
MinConfidenceOption = Annotated[
    float,
    typer.Option(
        "--min-confidence", min=0.0, max=1.0, metavar="X", help=MIN_CONFIDENCE_HELP
    ),
]
TypeOption = Annotated[
    list[QuoteTypeChoice] | None,
    typer.Option("--type", metavar="TYPE", help=TYPE_HELP, show_default=False),
]
ModelOption = Annotated[
    str | None, typer.Option("--model", metavar="NAME|PATH", help=MODEL_HELP)
]
LexiconOption = Annotated[
    Path | None,
    typer.Option(
        "--lexicon",
        metavar="DIR",
        exists=True,
        file_okay=False,
        help=LEXICON_HELP,
    ),
]
FullPipelineOption = Annotated[
    bool, typer.Option("--full-pipeline", help=FULL_PIPELINE_HELP)
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=0, metavar="N", help=JOBS_HELP)
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)]
NoCsvGuardOption = Annotated[bool, typer.Option("--no-csv-guard", help=CSV_GUARD_HELP)]


def _print_version(value: bool) -> None:
    if value:
        from quotex import __version__

        typer.echo(f"quotex {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print quotex's version and exit. Example: quotex --version",
        ),
    ] = False,
) -> None:
    """Find every direct quote in news text and say who said it.

    Example: quotex extract article.txt
    """


@app.command("extract")
def extract_command(
    paths: Paths = None,
    glob: GlobOption = "*.txt",
    input_format: InputFormatOption = InputFormat.TEXT,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    output_format: FormatOption = OutputFormat.AUTO,
    output: OutputOption = None,
    speaker: SpeakerOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    quote_types: TypeOption = None,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    full_pipeline: FullPipelineOption = False,
    jobs: JobsOption = 1,
    quiet: QuietOption = False,
    no_csv_guard: NoCsvGuardOption = False,
) -> None:
    """Find the quotes in files, folders or standard input, with their speakers.

    One record per quote: where it is (file, line, character offsets), the
    quoted words, the speaker's canonical name, the words naming the speaker
    and the reporting verb, the quote type and a confidence. Records come out
    in input order, each document's as soon as it is done.

    Examples:

      quotex extract article.txt

      quotex extract news/ | jq -r .speaker | sort | uniq -c | sort -rn

      quotex extract news/ -j 0 -o quotes.csv
    """
    from quotex.cli_run import run_request  # the batch machinery: not for --help

    run_request(
        _request(
            "quotes",
            paths=paths,
            glob=glob,
            input_format=input_format,
            text_field=text_field,
            id_field=id_field,
            output_format=output_format,
            output=output,
            speaker=speaker,
            min_confidence=min_confidence,
            quote_types=quote_types,
            model=model,
            lexicon=lexicon,
            full_pipeline=full_pipeline,
            jobs=jobs,
            quiet=quiet,
            csv_guard=not no_csv_guard,
        )
    )


@app.command("speakers")
def speakers_command(
    paths: Paths = None,
    glob: GlobOption = "*.txt",
    input_format: InputFormatOption = InputFormat.TEXT,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    output_format: FormatOption = OutputFormat.AUTO,
    output: OutputOption = None,
    speaker: SpeakerOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    quote_types: TypeOption = None,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    full_pipeline: FullPipelineOption = False,
    jobs: JobsOption = 1,
    quiet: QuietOption = False,
    no_csv_guard: NoCsvGuardOption = False,
) -> None:
    """Count who is quoted: quotes and files per speaker, most quoted first.

    One row per speaker (canonical name) with the number of quotes and of
    files quoting them, sorted by quotes then name. Quotes nobody could be
    named for are counted last, in a row whose speaker is empty (null in
    JSON, "(unattributed)" in the table). The filters apply before counting.

    Examples:

      quotex speakers news/

      quotex speakers news/ --min-confidence 0.8 -o speakers.csv
    """
    from quotex.cli_run import run_request  # the batch machinery: not for --help

    run_request(
        _request(
            "speakers",
            paths=paths,
            glob=glob,
            input_format=input_format,
            text_field=text_field,
            id_field=id_field,
            output_format=output_format,
            output=output,
            speaker=speaker,
            min_confidence=min_confidence,
            quote_types=quote_types,
            model=model,
            lexicon=lexicon,
            full_pipeline=full_pipeline,
            jobs=jobs,
            quiet=quiet,
            csv_guard=not no_csv_guard,
        )
    )


app.command("eval")(eval_command)


def _request(
    kind: str,
    *,
    paths: list[Path] | None,
    glob: str,
    input_format: InputFormat,
    text_field: str,
    id_field: str,
    output_format: OutputFormat,
    output: Path | None,
    speaker: str | None,
    min_confidence: float,
    quote_types: list[QuoteTypeChoice] | None,
    model: str | None,
    lexicon: Path | None,
    full_pipeline: bool,
    jobs: int,
    quiet: bool,
    csv_guard: bool,
) -> Request:
    """Check what the options can't check alone, and gather them."""
    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            raise typer.BadParameter(
                "give a file, a folder or - (standard input is a terminal)",
                param_hint="PATHS",
            )
        paths = [Path("-")]
    if speaker is not None and not speaker.strip():
        raise typer.BadParameter("give a name", param_hint="'--speaker'")
    from quotex.cli_run import Request

    return Request(
        kind=kind,
        paths=paths,
        glob=glob,
        input_format=input_format.value,
        text_field=text_field,
        id_field=id_field,
        output_format=output_format,
        output=output,
        speaker=speaker,
        min_confidence=min_confidence,
        quote_types=frozenset(t.value for t in quote_types or ()),
        model=model,
        lexicon=str(lexicon) if lexicon is not None else None,
        full_pipeline=full_pipeline,
        jobs=jobs,
        quiet=quiet,
        csv_guard=csv_guard,
    )
