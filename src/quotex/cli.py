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
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from quotex.cli_options import (
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
    SpeakerOption,
    TextFieldOption,
    TypeOption,
)
from quotex.eval_cli import eval_command
from quotex.formats import OutputFormat
from quotex.inputs import InputFormat

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
        model: ModelOption = None,
        lexicon: LexiconOption = None,
        full_pipeline: FullPipelineOption = False,
        jobs: JobsOption = 1,
        quiet: QuietOption = False,
        no_csv_guard: NoCsvGuardOption = False,
    ) -> None:
        # The batch machinery imports Rich and more: not for --help.
        from quotex.cli_run import Request, run_request

        run_request(
            Request(
                kind=kind,
                paths=paths or _standard_input(),
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
                csv_guard=not no_csv_guard,
            )
        )

    return command


def _standard_input() -> list[Path]:
    """Read piped standard input when no path is given; never wait on a terminal."""
    if sys.stdin is None or sys.stdin.isatty():
        raise typer.BadParameter(
            "give a file, a folder or - (standard input is a terminal)",
            param_hint="PATHS",
        )
    return [Path("-")]


extract_command = app.command("extract", help=EXTRACT_HELP)(batch_command("quotes"))
speakers_command = app.command("speakers", help=SPEAKERS_HELP)(
    batch_command("speakers")
)
app.command("eval")(eval_command)
