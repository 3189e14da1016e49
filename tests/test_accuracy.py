"""Accuracy of quotex on the shared gold sets: regression floors and targets.

Two kinds of figures:

- **Held-out figures** are what ``quotex train`` measured by cross-validation
  (every article attributed by weights fitted without it) and wrote into
  ``models/attribution.json``. They are the honest ones; the project's
  targets are checked on them.
- **In-sample figures** are the shipped weights scored on the data they were
  fitted on; higher than the held-out ones, they guard against a change in
  the code that loses accuracy (the floors are the figures measured when
  they were set, minus about one point).

The gold files live beside the checkout and are not part of the project;
without them the in-sample tests are skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import quotex
from quotex.evaluation import BadGoldLine, evaluate, read_gold

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MODEL = Path(__file__).resolve().parents[1] / "models" / "attribution.json"

# In-sample floors: (measure, floor), measured value in the comment.
FLOORS = {
    "polnear": {
        "quote_f1": 0.945,  # 0.9579
        "attribution_accuracy": 0.93,  # 0.9436
        "speaker_accuracy": 0.90,  # 0.9306
    },
    "ggt": {
        "quote_f1": 0.935,  # 0.9578
        "attribution_accuracy": 0.935,  # 0.9548
        "speaker_accuracy": 0.875,  # 0.9116
    },
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["polnear", "ggt"])
def corpus(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    """A shared gold set and the report of the shipped weights on it."""
    name = request.param
    path = DATA / f"{name}.dev.jsonl"
    if not path.is_file():
        pytest.skip(f"gold data not found at {path}")
    documents = [d for d in read_gold(path) if not isinstance(d, BadGoldLine)]
    assert len(documents) > 50
    report = evaluate(documents, lambda texts: quotex.extract_many(texts))
    return name, report.to_dict()


@pytest.fixture(scope="module")
def trained() -> dict[str, Any]:
    """What ``quotex train`` measured and wrote beside the weights."""
    data: dict[str, Any] = json.loads(MODEL.read_text(encoding="utf-8"))
    return data


def test_no_document_fails(corpus):
    """Every gold document goes through extraction without an error."""
    _, figures = corpus

    assert (figures["documents_failed"], figures["failures"]) == (0, [])


@pytest.mark.parametrize(
    "measure", ["quote_f1", "attribution_accuracy", "speaker_accuracy"]
)
def test_in_sample_floors(corpus, measure):
    """The shipped weights keep each figure within a point of the level last
    measured on the data they were fitted on."""
    name, figures = corpus

    assert figures[measure] >= FLOORS[name][measure]


def test_confidence_ranks_attributions(corpus):
    """Speakers in the top confidence band are right more often than the bottom."""
    _, figures = corpus
    bands = [row for row in figures["speaker_by_confidence"] if row["judged"]]

    assert bands[-1]["accuracy"] > bands[0]["accuracy"]


# -- held-out figures, recorded by `quotex train` ------------------------------


def held_out(trained: dict[str, Any], corpus: str) -> dict[str, Any]:
    figures: dict[str, Any] = trained["cv"][f"{corpus}.dev"]
    return figures


def test_the_weights_were_fitted_on_both_shared_sets(trained):
    """The shipped weights come from the shared data, cross-validated."""
    assert trained["trained_on"] == {"ggt.dev": 53, "polnear.dev": 496}
    assert trained["settings"]["folds"] >= 5


def test_held_out_speaker_accuracy_on_polnear(trained):
    """Speaker accuracy on PolNeAR dev, held out, reaches 0.90, with names at
    0.95 and pronouns at 0.85."""
    figures = held_out(trained, "polnear")

    assert figures["speaker_accuracy"] >= 0.90
    assert figures["speaker_by_mention"]["name"] >= 0.95
    assert figures["speaker_by_mention"]["pronoun"] >= 0.85


def test_held_out_description_accuracy_on_polnear(trained):
    """Speakers named by a description are resolved 60% of the time."""
    assert held_out(trained, "polnear")["speaker_by_mention"]["description"] >= 0.60


def test_held_out_speaker_accuracy_on_ggt(trained):
    """Speaker accuracy on the Canadian set, held out, reaches 0.86."""
    assert held_out(trained, "ggt")["speaker_accuracy"] >= 0.86


def test_weights_fitted_on_polnear_alone_transfer_to_ggt(trained):
    """Fitted on PolNeAR alone, the weights name 82% of GGT's speakers."""
    assert trained["transfer"]["ggt.dev"]["speaker_accuracy"] >= 0.82


def test_confidence_is_calibrated_on_held_out_articles(trained):
    """In every band with at least 30 held-out quotes, the speaker is right as
    often as the band's mean confidence says, within 0.05."""
    bands = [row for row in trained["cv_calibration"] if row["judged"] >= 30]

    assert len(bands) >= 3
    for row in bands:
        assert abs(row["accuracy"] - row["mean_confidence"]) <= 0.05, row
