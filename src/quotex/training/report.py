"""Figures of a training run: what cross-validation and transfer measured.

Kept apart from the fitting so the command can print them and the model file
can carry a summary of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quotex.training.run import HeldOut, score


def figures(held_out: Sequence[HeldOut]) -> dict[str, Any]:
    """Summarise held-out attributions: the figures ``quotex eval`` reports."""
    report = score(held_out).to_dict()
    return {
        "documents": report["documents"],
        "quote_precision": report["quote_precision"],
        "quote_recall": report["quote_recall"],
        "quote_f1": report["quote_f1"],
        "attribution_accuracy": report["attribution_accuracy"],
        "speaker_accuracy": report["speaker_accuracy"],
        "speaker_judged": report["counts"]["speaker_judged"],
        "unnamed_left_unnamed": report["unnamed_left_unnamed"],
        "speaker_by_mention": {
            kind: row["accuracy"]
            for kind, row in report["speaker_by_mention"].items()
            if row["judged"]
        },
        "calibration": [
            {
                "band": row["band"],
                "judged": row["judged"],
                "accuracy": row["accuracy"],
                "mean_confidence": row["mean_confidence"],
            }
            for row in report["speaker_by_confidence"]
        ],
    }


def by_corpus(held_out: Sequence[HeldOut]) -> dict[str, dict[str, Any]]:
    """Figures for each corpus the held-out articles come from."""
    corpora = sorted({result.item.corpus for result in held_out})
    return {
        corpus: figures([r for r in held_out if r.item.corpus == corpus])
        for corpus in corpora
    }
