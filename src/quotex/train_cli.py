"""The ``quotex train`` command: fit the attribution weights on gold articles.

Thin layer over :mod:`quotex.training`; needs the ``train`` extra. The main
CLI module registers it with ``app.command("train")(train_command)``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quotex.cli_options import LexiconOption, ModelOption
from quotex.training import DEFAULT_FOLDS, DEFAULT_L2, DEFAULT_ROUNDS

if TYPE_CHECKING:
    from rich.console import Console

    from quotex.training.examples import GoldAnalysis

GOLD_HELP = (
    "Gold JSON Lines files (the format `quotex eval` reads). Each file is a "
    "corpus: figures are given for each. Example: quotex train a.jsonl b.jsonl"
)
OUTPUT_HELP = (
    "Folder to write attribution.json to: a copy of quotex's models/ folder, "
    "used afterwards with --lexicon. Example: --output my-models/"
)
FOLDS_HELP = "Folds of the cross-validation, by document. Example: --folds 10"
ROUNDS_HELP = (
    "Rounds of decoding and refitting (later rounds see the speakers earlier "
    "rounds chose). Example: --rounds 3"
)
L2_HELP = "L2 penalty on the weights. Example: --l2 0.5"
REPORT_HELP = (
    "Also write every figure measured (cross-validation, transfer between "
    "corpora, calibration) as JSON. Example: --report figures.json"
)
_INSTALL_HINT = "quotex train needs the train extra: pip install 'quotex[train]'"


def train_command(
    gold: Annotated[
        list[Path], typer.Argument(help=GOLD_HELP, metavar="GOLD", show_default=False)
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help=OUTPUT_HELP)
    ] = Path("models"),
    folds: Annotated[
        int, typer.Option("--folds", min=2, metavar="N", help=FOLDS_HELP)
    ] = DEFAULT_FOLDS,
    rounds: Annotated[
        int, typer.Option("--rounds", min=1, metavar="N", help=ROUNDS_HELP)
    ] = DEFAULT_ROUNDS,
    l2: Annotated[float, typer.Option("--l2", min=0.0, help=L2_HELP)] = DEFAULT_L2,
    report: Annotated[
        Path | None, typer.Option("--report", metavar="PATH", help=REPORT_HELP)
    ] = None,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Fit the attribution weights on gold-annotated articles.

    Parses every article once, cross-validates by document (each article is
    attributed by weights fitted without it), fits the calibration curve on
    those held-out attributions, measures transfer between the corpora given
    (fitted on the others, tested on each), then fits the weights on
    everything and writes OUTPUT/attribution.json. The same gold files give
    the same bytes.

    Example: quotex train gold/polnear.dev.jsonl gold/ggt.dev.jsonl -o models/
    """
    from rich.console import Console

    from quotex.errors import QuotexError

    stderr = Console(stderr=True, highlight=False)
    try:
        from quotex.training import run
        from quotex.training.report import by_corpus, figures
    except ImportError:
        stderr.print(f"error: {_INSTALL_HINT}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    if not output.is_dir():
        raise typer.BadParameter(f"{output} is not a folder", param_hint="'--output'")
    try:
        items = _analyse(gold, model, str(lexicon) if lexicon else None, stderr)
    except QuotexError as error:
        stderr.print(f"error: {error}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    if not items:
        stderr.print("error: no usable gold article", markup=False)
        raise typer.Exit(1)
    settings = run.Settings(rounds=rounds, l2=l2)
    _say(stderr, f"cross-validating over {folds} folds by document …")
    validation = run.cross_validate(items, folds, settings)
    threshold = run.tune_threshold(validation)
    held_out = validation.held_out(threshold)
    calibration = run.calibrate(held_out)
    calibrated = run.recalibrated(held_out, calibration)
    cv = by_corpus(calibrated)
    transfer: dict[str, Any] = {}
    corpora = sorted({item.corpus for item in items})
    if len(corpora) > 1:
        for corpus in corpora:
            _say(stderr, f"fitting without {corpus} to test on it …")
            training = [i for i in items if i.corpus != corpus]
            testing = [i for i in items if i.corpus == corpus]
            tested = run.recalibrated(
                run.transfer(training, testing, settings, threshold), calibration
            )
            transfer[corpus] = by_corpus(tested)[corpus]
    _say(stderr, "fitting on every article …")
    fitted = run.train(items, settings)
    about = {
        "trained_on": {c: sum(i.corpus == c for i in items) for c in corpora},
        "settings": {"folds": folds, "rounds": rounds, "l2": l2},
        "cv": {c: _summary(f) for c, f in cv.items()},
        "transfer": {c: _summary(f) for c, f in transfer.items()},
        # Held-out speaker accuracy by confidence band, all corpora together,
        # each fold calibrated by a curve fitted on the other folds.
        "cv_calibration": figures(run.cross_calibrated(held_out, folds))["calibration"],
    }
    from quotex.attribution.scorer import MODEL_FILE, AttributionModel

    final = AttributionModel(fitted.choosers, calibration, about, threshold)
    _write(output / MODEL_FILE, final.to_json())
    if report is not None:
        full = {"cv": cv, "transfer": transfer}
        _write(report, json.dumps(full, indent=2, sort_keys=True) + "\n")
    _print_figures(cv, transfer, Console(file=sys.stdout, highlight=False))
    _say(stderr, f"wrote {output / MODEL_FILE}")


def _analyse(
    paths: list[Path], model: str | None, lexicon: str | None, stderr: Console
) -> list[GoldAnalysis]:
    """Parse every gold article once, named bad lines reported and skipped."""
    from rich.progress import Progress

    from quotex.gold import BadGoldLine, read_gold
    from quotex.pipeline import get_engine
    from quotex.training.examples import GoldAnalysis

    engine = get_engine(model, lexicon=lexicon)
    items: list[GoldAnalysis] = []
    with Progress(
        console=stderr, transient=True, disable=not stderr.is_terminal
    ) as bar:
        for path in paths:
            corpus = path.name.removesuffix(".jsonl")
            task = bar.add_task(f"reading {corpus}", total=None)
            for document in read_gold(path):
                if isinstance(document, BadGoldLine):
                    _say(stderr, f"{path}:{document.line}: {document.reason}")
                    continue
                analysis = engine.analyze(document.text)
                items.append(GoldAnalysis.build(corpus, document, analysis))
                bar.advance(task)
    return items


def _summary(measured: dict[str, Any]) -> dict[str, Any]:
    """The figures a model file keeps: accuracy overall and by mention."""
    keep = ("documents", "quote_precision", "quote_recall", "quote_f1")
    return {
        **{name: measured[name] for name in keep},
        "speaker_accuracy": measured["speaker_accuracy"],
        "speaker_by_mention": measured["speaker_by_mention"],
        "unnamed_left_unnamed": measured["unnamed_left_unnamed"],
    }


def _print_figures(
    cv: dict[str, Any], transfer: dict[str, Any], console: Console
) -> None:
    from rich.table import Table

    table = Table(title="Speaker accuracy on held-out articles", title_justify="left")
    for column in ("Corpus", "How", "Speaker", "Name", "Pronoun", "Description"):
        table.add_column(
            column, justify="left" if column in ("Corpus", "How") else "right"
        )
    rows = [("cross-validated", cv), ("fitted on the others", transfer)]
    for how, results in rows:
        for corpus, figures in results.items():
            kinds = figures["speaker_by_mention"]
            table.add_row(
                corpus,
                how,
                _pct(figures["speaker_accuracy"]),
                _pct(kinds.get("name")),
                _pct(kinds.get("pronoun")),
                _pct(kinds.get("description")),
            )
    console.print(table)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all."""
    from quotex.output import AtomicOutput

    with AtomicOutput(path) as out:
        out.stream.write(text)
        out.commit()


def _say(console: Console, message: str) -> None:
    console.print(message, markup=False, soft_wrap=True)
