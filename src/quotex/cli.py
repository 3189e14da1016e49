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

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quotex.cli_options import (
    AllQuotedOption,
    DaskOption,
    FormatOption,
    FullPipelineOption,
    GlobOption,
    IdFieldOption,
    InputFormatOption,
    JobsOption,
    LexiconOption,
    MinConfidenceOption,
    ModelOption,
    NoCsvGuardOption,
    OutputOption,
    Paths,
    QuietOption,
    ResumeOption,
    SpeakerOption,
    TextFieldOption,
    TypeOption,
)
from quotex.eval_cli import eval_command
from quotex.explain_cli import explain_command
from quotex.formats import OutputFormat
from quotex.inputs import InputFormat
from quotex.train_cli import train_command

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


EXTRACT_HELP = """\
Find the quotes in files, folders or standard input, with their speakers.

One record per quote: where it is (file, line, character offsets), the
quoted words, the speaker's canonical name, the words naming the speaker
and the reporting verb, the quote type and a confidence. Records come out
in input order, each document's as soon as it is done.

Examples:

  quotex extract article.txt

  quotex extract news/ | jq -r .speaker | sort | uniq -c | sort -rn

  quotex extract news/ -j 0 -o quotes.csv

  quotex extract archive.parquet --dask local -o quotes.parquet
"""

SPEAKERS_HELP = """\
Count who is quoted: quotes and files per speaker, most quoted first.

One row per speaker (canonical name) with the number of quotes and of
files quoting them, sorted by quotes then name. Quotes nobody could be
named for are counted last, in a row whose speaker is empty (null in
JSON, "(unattributed)" in the table). The filters apply before counting.

Examples:

  quotex speakers news/

  quotex speakers news/ --min-confidence 0.8 -o speakers.csv
"""


def batch_command(kind: str) -> Callable[..., None]:
    """Return the command that runs a batch for ``kind`` ("quotes" or "speakers").

    ``extract`` and ``speakers`` take the same options: this is their one list.
    """

    def command(
        paths: Paths = None,
        glob: GlobOption = "*.txt",
        input_format: InputFormatOption = InputFormat.AUTO,
        text_field: TextFieldOption = "text",
        id_field: IdFieldOption = "id",
        output_format: FormatOption = OutputFormat.AUTO,
        output: OutputOption = None,
        speaker: SpeakerOption = None,
        min_confidence: MinConfidenceOption = 0.0,
        quote_types: TypeOption = None,
        all_quoted: AllQuotedOption = False,
        model: ModelOption = None,
        lexicon: LexiconOption = None,
        full_pipeline: FullPipelineOption = False,
        jobs: JobsOption = 1,
        dask: DaskOption = None,
        quiet: QuietOption = False,
        no_csv_guard: NoCsvGuardOption = False,
        resume: ResumeOption = False,
    ) -> None:
        # The batch machinery imports Rich and more: not for --help.
        from quotex.cli_run import run_request

        run_request(_request(kind, locals()))

    return command


extract_command = app.command("extract", help=EXTRACT_HELP)(batch_command("quotes"))
speakers_command = app.command("speakers", help=SPEAKERS_HELP)(
    batch_command("speakers")
)


SHOW_PATHS_HELP = (
    "The articles to show: files, folders (read recursively) or - for "
    "standard input; with no path, piped standard input is read. "
    "Example: quotex show story.html"
)
NO_PAGER_HELP = (
    "Print straight to the terminal instead of through the pager "
    "($QUOTEX_PAGER, $PAGER or less). Example: quotex show story.txt --no-pager"
)
REPORT_OUTPUT_HELP = (
    "The HTML file to write, replaced only when the run ends; without it the "
    "page goes to standard output unless that is a terminal. "
    "Example: -o report.html"
)


@app.command("show")
def show_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help=SHOW_PATHS_HELP, metavar="PATHS", show_default=False),
    ] = None,
    glob: GlobOption = "*.txt",
    input_format: InputFormatOption = InputFormat.AUTO,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    speaker: SpeakerOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    quote_types: TypeOption = None,
    all_quoted: AllQuotedOption = False,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    full_pipeline: FullPipelineOption = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help=NO_PAGER_HELP)] = False,
) -> None:
    """Show an article with every quotation marked by who said it.

    Each quotation is coloured in its speaker's colour and followed by the
    speaker's name (or, dimmed, the words pointing at someone nobody could
    name); the reporting verb is underlined; a legend counts each speaker's
    quotes. With NO_COLOR set, or output that is not a terminal, quotations
    are marked [like this] and speakers <like this>. Long texts go through
    a pager on a terminal, as with git log.

    Examples:

      quotex show examples/article.txt

      quotex show story.html --speaker vosk

      quotex show story.txt | less -R
    """
    request = _request("quotes", locals())
    from quotex.cli_show import run_show  # imports spaCy: not for --help

    run_show(request, pager=not no_pager)


@app.command("report")
def report_command(
    paths: Paths = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="PATH", dir_okay=False, help=REPORT_OUTPUT_HELP
        ),
    ] = None,
    glob: GlobOption = "*.txt",
    input_format: InputFormatOption = InputFormat.AUTO,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    speaker: SpeakerOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    quote_types: TypeOption = None,
    all_quoted: AllQuotedOption = False,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    full_pipeline: FullPipelineOption = False,
    jobs: JobsOption = 1,
    quiet: QuietOption = False,
    resume: ResumeOption = False,
) -> None:
    """Write an HTML report to open in a browser: who said what, where.

    One self-contained page (it fetches nothing): counts and a chart of the
    most quoted speakers, a table of speakers linking to each of their
    quotations, and every article with its quotations highlighted by
    speaker; hover or focus a quotation for its cue, mention and
    confidence. Filter by speaker in the page. The same as
    quotex extract --format html.

    Examples:

      quotex report news/ -o report.html

      quotex report saved-pages/ --glob '*.html' -o report.html
    """
    if output is None and sys.stdout.isatty():
        raise typer.BadParameter(
            "give the file to write, e.g. -o report.html", param_hint="'--output'"
        )
    from quotex.cli_run import run_request  # the batch machinery: not for --help

    run_request(_request("quotes", locals(), output_format=OutputFormat.HTML))


app.command("eval")(eval_command)
app.command("train")(train_command)
app.command("explain")(explain_command)


def _request(kind: str, options: dict[str, Any], **fixed: Any) -> Request:
    """Gather a command's option values (its ``locals()``) into a run request.

    Options are named as the batch commands' parameters; what a command has
    no option for keeps the default a :class:`~quotex.cli_run.Request` has.
    """
    from quotex.cli_run import Request

    given = {**options, **fixed}
    # locals() of a batch command holds its closure's kind too: set below.
    known = {field.name for field in dataclasses.fields(Request)} - {"kind"}
    values = {name: value for name, value in given.items() if name in known}
    values["paths"] = given["paths"] or _standard_input()
    values["input_format"] = str(given.get("input_format", InputFormat.AUTO))
    values["quote_types"] = frozenset(t.value for t in given["quote_types"] or ())
    lexicon = given.get("lexicon")
    values["lexicon"] = str(lexicon) if lexicon is not None else None
    values["csv_guard"] = not given.get("no_csv_guard", False)
    return Request(kind=kind, **values)


def _standard_input() -> list[Path]:
    """Read piped standard input when no path is given; never wait on a terminal."""
    if sys.stdin is None or sys.stdin.isatty():
        raise typer.BadParameter(
            "give a file, a folder or - (standard input is a terminal)",
            param_hint="PATHS",
        )
    return [Path("-")]
