"""The ``quotex explain`` command: why each quote got its speaker.

The main CLI module registers it with ``app.command("explain")(explain_command)``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotex.cli_options import LexiconOption, ModelOption, choice_option

if TYPE_CHECKING:
    from rich.console import Console

    from quotex.attribution.scorer import AttributionModel
    from quotex.attribution.trace import QuoteDecision, ScoredOption
    from quotex.quote import Quote


class ExplainFormat(StrEnum):
    """How ``quotex explain`` prints its decisions."""

    TEXT = "text"
    JSON = "json"


PATH_HELP = "An article: a file, or - for standard input. Example: story.txt"
FORMAT_HELP = (
    "text: for people; json: one JSON object per quote and line, with its "
    "record and the whole decision. Example: -f json | jq .decision.options"
)
FEATURES_HELP = (
    "How many of each candidate's features to show in text, largest "
    "contribution first. Example: --features 12"
)


def explain_command(
    path: Annotated[
        Path, typer.Argument(help=PATH_HELP, metavar="PATH", show_default=False)
    ],
    output_format: Annotated[
        ExplainFormat, choice_option(ExplainFormat, "--format", "-f", help=FORMAT_HELP)
    ] = ExplainFormat.TEXT,
    features: Annotated[
        int, typer.Option("--features", min=0, metavar="N", help=FEATURES_HELP)
    ] = 6,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Show why each quote got its speaker: every candidate, scored.

    For each quote: the candidates the rules proposed (a mention and a cue,
    or the speaker of the quote before, or none), their features and the
    probability the fitted weights give each, the one chosen; then, for a
    pronoun, a description or a quote with no attribution of its own, the
    people it could mean, scored the same way.

    Examples:

      quotex explain examples/article.txt

      quotex explain story.txt -f json | jq '.decision.person'
    """
    from rich.console import Console

    from quotex.errors import QuotexError
    from quotex.sources import Document, InputFailure, iter_documents

    stderr = Console(stderr=True, highlight=False)
    [item] = list(iter_documents([path]))
    if isinstance(item, InputFailure):
        _say(stderr, f"{item.name}: {item.reason}")
        raise typer.Exit(1)
    if not isinstance(item, Document):
        _say(stderr, f"{item.name}: too large to explain; extract it instead")
        raise typer.Exit(1)
    from quotex.pipeline import explain

    try:
        explained = explain(
            item.text, model=model, lexicon=str(lexicon) if lexicon else None
        )
    except QuotexError as error:
        _say(stderr, f"error: {error}")
        raise typer.Exit(1) from None
    if output_format is ExplainFormat.JSON:
        for quote, decision in explained:
            record = {
                "record": quote.to_record(item.name),
                "decision": decision.to_dict() if decision else None,
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    from quotex.pipeline import get_engine

    weights = get_engine(model, lexicon=str(lexicon) if lexicon else None).model
    console = Console(highlight=False)
    for number, (quote, decision) in enumerate(explained, start=1):
        print_decision(console, number, quote, decision, features, weights)


def print_decision(
    console: Console,
    number: int,
    quote: Quote,
    decision: QuoteDecision | None,
    features: int,
    model: AttributionModel,
) -> None:
    """Print one quote's decision for people: candidates, then the person.

    Each option shows the features that weigh most in its score, with their
    contribution (weight times value).
    """
    text = quote.text if len(quote.text) <= 70 else quote.text[:67] + "…"
    speaker = quote.speaker or "(nobody)"
    console.print(
        f"\n[bold]{number}. line {quote.line}[/] “{_escape(text)}” → "
        f"[bold]{_escape(speaker)}[/] (confidence {quote.confidence:.2f})"
    )
    if decision is None:
        return
    console.print("   which words attribute it:")
    weights = model.chooser("quote").weights
    _print_options(console, decision.options, decision.chosen, features, weights)
    if decision.person is not None:
        choice = decision.person
        mention = choice.mention or "(no mention: the thread of the text)"
        console.print(f"   who {_escape(repr(mention))} is ({choice.chooser}):")
        weights = model.chooser(choice.chooser).weights
        _print_options(console, choice.options, choice.chosen, features, weights)
    console.print(f"   path: {_escape(' → '.join(decision.path))}", style="dim")


def _print_options(
    console: Console,
    options: list[ScoredOption],
    chosen: int,
    features: int,
    weights: Mapping[str, float],
) -> None:
    ranked = sorted(range(len(options)), key=lambda k: -options[k].probability)
    for k in ranked:
        option = options[k]
        mark = "→" if k == chosen else " "
        console.print(
            f"   {mark} {option.probability:6.1%}  {_escape(option.label)}",
            style="bold" if k == chosen else None,
        )
        shown = _top_features(option.features, weights, features)
        if shown:
            console.print(f"              {_escape(shown)}", style="dim")


def _top_features(
    values: dict[str, float], weights: Mapping[str, float], count: int
) -> str:
    contributions = {name: weights.get(name, 0.0) * v for name, v in values.items()}
    items = sorted(contributions.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
    return ", ".join(f"{name} {value:+.2f}" for name, value in items[:count] if value)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _say(console: Console, message: str) -> None:
    console.print(message, markup=False, soft_wrap=True)
