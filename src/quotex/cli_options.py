"""The command-line options quotex's commands share, each declared once.

``extract`` and ``speakers`` take the same parameters (one list, in
:mod:`quotex.cli`); ``eval`` takes the model options from here too. Help texts
give examples without a command name, so each command's ``--help`` reads
right. Choices are parsed here rather than by Typer, whose message for a bad
choice starts with a stray "Value error,".

Importing this module must stay cheap: ``quotex --help`` imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from quotex.formats import OutputFormat
from quotex.inputs import InputFormat

Choice = TypeVar("Choice", bound=StrEnum)


class QuoteTypeChoice(StrEnum):
    """Values of ``--type``: the ``type`` field of a record."""

    FULL = "full"
    PARTIAL = "partial"
    HEADLINE = "headline"
    TERM = "term"


def choice(enum: type[Choice]) -> Callable[[str], Choice]:
    """Return a parser that accepts exactly the values of ``enum``.

    Raises (from the parser):
        typer.BadParameter: ``'xml' is not one of 'auto', 'table', ...``.
    """

    def parse(value: str) -> Choice:
        try:
            return enum(value)
        except ValueError:
            known = ", ".join(repr(member.value) for member in enum)
            raise typer.BadParameter(f"{value!r} is not one of {known}") from None

    return parse


def choice_option(
    enum: type[StrEnum], *names: str, help: str, metavar: str | None = None
) -> Any:
    """Return a ``typer.Option`` that takes one of ``enum``'s values.

    The metavar lists the values (``table|json``) unless one is given.
    """
    return typer.Option(
        *names,
        metavar=metavar or "|".join(member.value for member in enum),
        parser=choice(enum),
        help=help,
    )


def name(value: str) -> str:
    """Accept a speaker's name: anything but blanks."""
    if not value.strip():
        raise typer.BadParameter("give a name")
    return value


PATHS_HELP = (
    "Files, folders (read recursively) or - for standard input; with no path, "
    "piped standard input is read. Example: news/ extra.txt"
)
GLOB_HELP = (
    "Which files to read inside folders (hidden ones are always skipped); "
    "files named on the command line are always read. Example: --glob '*.md'"
)
INPUT_FORMAT_HELP = (
    "auto: .jsonl and .ndjson files are JSON Lines, .html, .htm and .xhtml "
    "files (also .gz) web pages, anything else (standard input too) text, "
    "unless it starts like a web page; text: each file is one article; jsonl: "
    "each line is a JSON object holding one article (bad lines are reported "
    "and skipped); html: each file is a web page, of which the article's text "
    "is read (needs quotex[html]); jsonl-html: JSON Lines whose --text-field "
    "holds a page's HTML; parquet: each row of a Parquet file (.parquet) holds "
    "one article (needs quotex[parquet]). Example: --input-format jsonl"
)
TEXT_FIELD_HELP = (
    "In JSON Lines or Parquet input: the field (column) holding the article "
    "text (or page, with jsonl-html). Example: --text-field body"
)
ID_FIELD_HELP = (
    "In JSON Lines or Parquet input: the field (column) that fills the "
    "record's file (default: FILE:LINE, or FILE:ROW). Example: --id-field url"
)
FORMAT_HELP = (
    "auto: a table on a terminal, JSON Lines otherwise (or the format of the "
    "--output extension); table: for people; html: a report to open in a "
    "browser (see quotex report); jsonl, json, csv, tsv: for programs, fields "
    "in the documented order; parquet: typed columns for data tools, to a "
    "file only (needs quotex[parquet]). Example: -f csv > out.csv"
)
OUTPUT_HELP = (
    "Write to this file instead of standard output; the format comes from "
    "its extension (.jsonl .json .csv .tsv .html .parquet) unless --format says "
    "otherwise. "
    "The file is replaced only when the run ends, never left half-written; "
    "if some inputs fail it still holds every quote of the others (exit 1). "
    "Until then the documents done are kept in PATH.partial (see --resume). "
    "Example: -o quotes.csv"
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
    "(words woven into the reporter's sentence), headline, or term (quoted "
    "words that are not speech: scare quotes, titles, nicknames; left out "
    "unless asked for); repeat to keep several. Example: --type full --type partial"
)
ALL_QUOTED_HELP = (
    "Also keep quoted words that are not speech (type term: scare quotes, "
    "words cited as words, titles of works, nicknames). "
    "Example: --all-quoted"
)
MODEL_HELP = (
    "spaCy pipeline to parse with: an installed package name or a pipeline "
    "folder (default: en_core_web_sm). Example: --model en_core_web_md"
)
LEXICON_HELP = (
    "Folder with quotex's word lists (reporting verbs, titles, ...) and "
    "fitted weights to use instead of the shipped ones; start from a copy of "
    "models/. Example: --lexicon my-lexicon/"
)
FULL_PIPELINE_HELP = (
    "Parse every paragraph, not only those around quotes (slower; to compare "
    "the two modes). Example: --full-pipeline"
)
JOBS_HELP = (
    "Worker processes for big batches; 0 means one per CPU core. Output "
    "order is the same as with 1. Example: -j 4"
)
QUIET_HELP = (
    "Hide the progress bar, warnings and the summary; failures are still "
    "reported. Example: -q > quotes.jsonl"
)
CSV_GUARD_HELP = (
    "Write csv and tsv text cells exactly as they are. By default a text cell "
    "starting with = + - @, tab or carriage return gets a leading ' so "
    "spreadsheets show it instead of running it as a formula (numbers are "
    "never changed). Example: -f csv --no-csv-guard"
)

DASK_HELP = (
    "Run the batch on a Dask cluster: a scheduler's address, or local to start "
    "one here with --jobs worker processes (one per core without --jobs). "
    "Same output, order, progress and exit codes as --jobs; needs "
    "quotex[dask], and quotex on every worker. Example: --dask tcp://10.0.0.5:8786"
)
RESUME_HELP = (
    "Finish the run that was writing the --output file when it was stopped: "
    "the documents it finished (kept in PATH.partial beside the export) are "
    "not extracted again, and the export comes out as if the run had never "
    "stopped. Example: -o quotes.csv --resume"
)

Paths = Annotated[
    list[Path] | None,
    typer.Argument(help=PATHS_HELP, metavar="PATHS", show_default=False),
]
GlobOption = Annotated[str, typer.Option("--glob", metavar="PATTERN", help=GLOB_HELP)]
InputFormatOption = Annotated[
    InputFormat, choice_option(InputFormat, "--input-format", help=INPUT_FORMAT_HELP)
]
TextFieldOption = Annotated[
    str, typer.Option("--text-field", metavar="NAME", help=TEXT_FIELD_HELP)
]
IdFieldOption = Annotated[
    str, typer.Option("--id-field", metavar="NAME", help=ID_FIELD_HELP)
]
FormatOption = Annotated[
    OutputFormat,
    choice_option(OutputFormat, "--format", "-f", metavar="FORMAT", help=FORMAT_HELP),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="PATH", dir_okay=False, help=OUTPUT_HELP),
]
SpeakerOption = Annotated[
    str | None,
    typer.Option("--speaker", metavar="NAME", parser=name, help=SPEAKER_HELP),
]
MinConfidenceOption = Annotated[
    float,
    typer.Option(
        "--min-confidence", min=0.0, max=1.0, metavar="X", help=MIN_CONFIDENCE_HELP
    ),
]
TypeOption = Annotated[
    list[QuoteTypeChoice] | None,
    typer.Option(
        "--type",
        metavar="TYPE",
        parser=choice(QuoteTypeChoice),
        help=TYPE_HELP,
        show_default=False,
    ),
]
AllQuotedOption = Annotated[bool, typer.Option("--all-quoted", help=ALL_QUOTED_HELP)]
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
DaskOption = Annotated[
    str | None, typer.Option("--dask", metavar="ADDRESS", help=DASK_HELP)
]
ResumeOption = Annotated[bool, typer.Option("--resume", help=RESUME_HELP)]
NoCsvGuardOption = Annotated[bool, typer.Option("--no-csv-guard", help=CSV_GUARD_HELP)]
