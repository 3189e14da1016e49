"""The ``quotex eval`` command: score quotex against gold-annotated articles.

The command is a thin layer over :mod:`quotex.evaluation`; the main CLI module
registers it with ``app.command("eval")(eval_command)``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quotex.cli_options import (
    AllQuotedOption,
    FullPipelineOption,
    ModelOption,
    choice_option,
)
from quotex.errors import QuotexError

# Rich and the scorer load when the command runs: `quotex --help` imports
# this module and must stay fast.
if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from quotex.evaluation import EvaluationReport, PredictMany
    from quotex.gold import GoldDocument


class Layout(StrEnum):
    """How ``quotex eval --layout`` lays the gold texts out before scoring."""

    ORIGINAL = "original"
    JOINED = "joined"
    WRAPPED = "wrapped"


class EvalFormat(StrEnum):
    """How ``quotex eval`` prints its report."""

    TABLE = "table"
    JSON = "json"


GOLD_HELP = (
    "Gold JSON Lines file: one article a line, with its text and annotated quotes. "
    "Example: quotex eval gold.jsonl"
)
ERRORS_HELP = (
    "Also list every missed, spurious and misattributed quote with its context. "
    "Example: quotex eval gold.jsonl --errors | less"
)
FORMAT_HELP = (
    "table: tables for people; json: one JSON object for scripts. "
    "Example: quotex eval gold.jsonl --format json | jq .quote_f1"
)
LIMIT_HELP = (
    "Score only the first N documents, for a quick run. "
    "Example: quotex eval gold.jsonl --limit 50"
)
LAYOUT_HELP = (
    "Score the texts laid out another way, offsets unchanged: joined puts "
    "each article on one line (line breaks become spaces), wrapped breaks "
    "each paragraph into lines of 72 columns (spaces become line breaks). "
    "Example: quotex eval gold.jsonl --layout wrapped"
)


def eval_command(
    gold: Annotated[
        Path, typer.Argument(help=GOLD_HELP, metavar="GOLD", show_default=False)
    ],
    model: ModelOption = None,
    errors: Annotated[bool, typer.Option("--errors", help=ERRORS_HELP)] = False,
    output_format: Annotated[
        EvalFormat, choice_option(EvalFormat, "--format", "-f", help=FORMAT_HELP)
    ] = EvalFormat.TABLE,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, metavar="N", help=LIMIT_HELP)
    ] = None,
    full_pipeline: FullPipelineOption = False,
    all_quoted: AllQuotedOption = False,
    layout: Annotated[
        Layout, choice_option(Layout, "--layout", help=LAYOUT_HELP)
    ] = Layout.ORIGINAL,
) -> None:
    """Score quotex against gold-annotated articles.

    Runs quotex on the text of every article in GOLD and compares its quotes
    with the annotated ones. Quote precision, recall and F1: a quote is found
    when the spans overlap by at least half of the longer one. Attribution
    accuracy: the speaker mention overlaps the gold one, or the speaker has
    the gold speaker's name or surname. Name accuracy: on gold speakers given
    by name, the speaker has that name or surname. Breakdowns by quote type,
    gold speaker type and confidence band help choose a --min-confidence.

    Malformed gold lines and documents quotex fails on are reported on stderr
    and skipped; the exit status is then 1.

    Example: quotex eval gold.jsonl --format json | jq .quote_f1
    """
    from rich.console import Console

    from quotex.gold import BadGoldLine, read_gold, relayout

    stderr = Console(stderr=True, highlight=False)
    try:
        lines = read_gold(gold)
    except QuotexError as error:  # e.g. the gold file does not exist
        _say(stderr, f"error: {error}")
        raise typer.Exit(1) from None
    bad_lines = 0

    def documents() -> Iterator[GoldDocument]:
        nonlocal bad_lines
        for item in lines:
            if isinstance(item, BadGoldLine):
                bad_lines += 1
                _say(stderr, f"{gold}:{item.line}: {item.reason}")
            else:
                yield item

    # Read up front: the progress bar needs a total, and gold files are small.
    gold_documents = [
        relayout(document, layout.value) for document in islice(documents(), limit)
    ]
    try:
        predict = _engine_predictor(model, full_pipeline, all_quoted)
        report = _run(gold_documents, predict, stderr)
    except QuotexError as error:  # e.g. the model is not installed
        _say(stderr, f"error: {error}")
        raise typer.Exit(1) from None
    for failure in report.failures:
        where = f"{gold}:{failure.line}: {failure.document}"
        _say(stderr, f"{where}: quotex failed: {failure.error}")
    data = report.to_dict(include_errors=errors)
    if output_format is EvalFormat.JSON:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        print_report(data, Console(highlight=False))
    if bad_lines or report.failures:
        raise typer.Exit(1)


def _engine_predictor(
    model: str | None, full_pipeline: bool, all_quoted: bool
) -> PredictMany:
    from quotex.pipeline import extract_many  # imports spaCy: keep --help fast

    def predict(texts: Any) -> Any:
        return extract_many(
            texts, model=model, full_pipeline=full_pipeline, all_quoted=all_quoted
        )

    return predict


def _run(
    documents: list[GoldDocument], predict: PredictMany, stderr: Console
) -> EvaluationReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from quotex.evaluation import evaluate

    if not stderr.is_terminal:
        return evaluate(documents, predict)
    columns = (TextColumn("scoring"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task("scoring", total=len(documents))
        return evaluate(
            documents, predict, on_document=lambda _: progress.advance(task)
        )


def print_report(data: dict[str, Any], console: Console) -> None:
    """Print a report, as made by ``EvaluationReport.to_dict``, as Rich tables."""
    counts = data["counts"]
    overall = _table("quotex against the gold", "Figure", "Value", "Count")
    tp, gold, predicted = (
        counts["true_positives"],
        counts["gold_quotes"],
        counts["predicted_quotes"],
    )
    overall.add_row(
        "Quote precision", _pct(data["quote_precision"]), f"{tp}/{predicted}"
    )
    overall.add_row("Quote recall", _pct(data["quote_recall"]), f"{tp}/{gold}")
    overall.add_row("Quote F1", _pct(data["quote_f1"]), "")
    overall.add_row(
        "Attribution accuracy",
        _pct(data["attribution_accuracy"]),
        f"{counts['attribution_right']}/{counts['attribution_judged']}",
    )
    overall.add_row(
        "Name accuracy",
        _pct(data["name_accuracy"]),
        f"{counts['name_right']}/{counts['name_judged']}",
    )
    overall.add_row(
        "Speaker accuracy",
        _pct(data["speaker_accuracy"]),
        f"{counts['speaker_right']}/{counts['speaker_judged']}",
    )
    overall.add_row(
        "Unnamed speakers left unnamed",
        _pct(data["unnamed_left_unnamed"]),
        f"{counts['unnamed_left_unnamed']}/{counts['unnamed_judged']}",
    )
    overall.add_row(
        "Predictions without speaker",
        _pct(counts["predicted_speaker_none_fraction"]),
        f"{counts['predicted_speaker_none']}/{predicted}",
    )
    overall.add_row(
        "Matched with the gold type",
        _pct(counts["same_type_fraction"]),
        f"{counts['same_type']}/{tp}",
    )
    overall.add_row(
        "Gold quotes without speaker",
        "",
        f"{counts['null_speaker_gold']} ({counts['null_speaker_matched']} matched)",
    )
    failed = data["documents_failed"]
    overall.add_row("Documents", "", f"{data['documents'] - failed} scored")
    overall.add_row("Documents failed", "", str(failed))
    console.print(overall)

    by_type = _table(
        "By quote type (recall by gold type, precision by predicted type)",
        "Type",
        "Gold",
        "Recall",
        "Predicted",
        "Precision",
        "F1",
    )
    for kind, row in data["by_quote_type"].items():
        by_type.add_row(
            kind,
            str(row["gold"]),
            _pct(row["recall"], row["recalled"], row["gold"]),
            str(row["predicted"]),
            _pct(row["precision"], row["correct"], row["predicted"]),
            _pct(row["f1"]),
        )
    console.print(by_type)

    by_speaker = _table(
        "Attribution by gold speaker type", "Type", "Gold", "Judged", "Accuracy"
    )
    for kind, row in data["by_speaker_type"].items():
        accuracy = "not judged" if kind == "none" else _pct(row["accuracy"])
        by_speaker.add_row(kind, str(row["gold"]), str(row["judged"]), accuracy)
    console.print(by_speaker)

    by_mention = _table(
        "Speaker accuracy by how the gold attributes the quote",
        "Mention",
        "Judged",
        "Accuracy",
    )
    for kind, row in data["speaker_by_mention"].items():
        by_mention.add_row(
            kind.replace("_", " "),
            str(row["judged"]),
            _pct(row["accuracy"], row["right"], row["judged"]),
        )
    console.print(by_mention)

    calibration = _table(
        "Speaker accuracy by predicted confidence (calibrated: the two agree)",
        "Band",
        "Judged",
        "Accuracy",
        "Mean confidence",
    )
    for row in data["speaker_by_confidence"]:
        mean = row["mean_confidence"]
        calibration.add_row(
            row["band"],
            str(row["judged"]),
            _pct(row["accuracy"], row["right"], row["judged"]),
            "n/a" if mean is None else f"{mean:.3f}",
        )
    console.print(calibration)

    by_band = _table(
        "Attribution by predicted confidence (at or above: what a "
        "--min-confidence at the band's floor keeps)",
        "Band",
        "Quotes",
        "Accuracy",
        "Kept",
        "Accuracy kept",
    )
    for row in data["by_confidence"]:
        above = row["at_or_above"]
        by_band.add_row(
            row["band"],
            str(row["predictions"]),
            _pct(row["accuracy"], row["right"], row["judged"]),
            str(above["predictions"]),
            _pct(above["accuracy"], above["right"], above["judged"]),
        )
    console.print(by_band)
    if "errors" in data:
        print_errors(data["errors"], console)


def print_errors(errors: list[dict[str, Any]], console: Console) -> None:
    """Print mismatches one or two lines each: kind, document, offsets, context."""
    console.print(f"\n{len(errors)} errors", style="bold")
    for error in errors:
        where = (
            f"{error['kind']:<13} {error['document']} {error['start']}-{error['end']}"
        )
        console.print(f"{where}  {error['context']}", markup=False, soft_wrap=True)
        if error["kind"] in ("wrong_speaker", "wrong_name", "wrong_person"):
            gold = f"{error['gold_speaker']} ({error['gold_speaker_type']})"
            said = error["predicted_speaker"] or "(nobody)"
            if error["predicted_mention"] is not None:
                said += f" via {error['predicted_mention']!r}"
            line = f"gold: {gold}; predicted: {said}, confidence {error['confidence']}"
            console.print(f"{'':13} {line}", markup=False, soft_wrap=True)


def _say(console: Console, message: str) -> None:
    # One message, one line: scripts grep stderr, so never wrap or style it.
    console.print(message, markup=False, soft_wrap=True)


def _table(title: str, *columns: str) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i == 0 else "right")
    return table


def _pct(ratio: float | None, part: int | None = None, whole: int | None = None) -> str:
    """Format a ratio as a percentage, with its counts when given."""
    shown = "n/a" if ratio is None else f"{ratio:.1%}"
    return shown if part is None else f"{shown} ({part}/{whole})"
