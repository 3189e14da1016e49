"""Score candidates with weights fitted on annotated news: a dot product and a lookup.

The weights live in ``models/attribution.json``, a reviewable file written by
``quotex train`` (see ``models/README.md``). Each *chooser* is a conditional
logit model: a candidate's score is the dot product of its features with the
chooser's weights, and the candidates of one decision share a softmax, so
their probabilities sum to one. A calibration curve, fitted on held-out
documents, turns the probability of a whole attribution into a confidence
that is right that often. No fitting library is needed at run time.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotex.errors import ResourceError

MODEL_FILE = "attribution.json"
_PAIR_RE = re.compile(r"\[\s+(-?[0-9.e+-]+),\s+(-?[0-9.e+-]+)\s+\]")
MODEL_VERSION = 1
#: The decisions quotex learns, each with its own weights.
CHOOSERS = (
    # whether a quoted span is speech (against a term, a title, a teaser line)
    "speech",
    # which of a quote's candidates attributes it
    "quote",
    # which earlier person "he"/"she" means
    "person_pronoun",
    # which person or organisation "they", "it" or "we" means
    "group_pronoun",
    # which person "the minister" or "the statement" stands for
    "description",
    # whose words a quote with no attribution of its own continues
    "no_mention",
)


@dataclass(frozen=True, slots=True)
class Chooser:
    """One decision's weights: feature name -> weight."""

    weights: Mapping[str, float]

    def score(self, features: Mapping[str, float]) -> float:
        """Return the candidate's score: the dot product with the weights."""
        weights = self.weights
        return sum(weights.get(name, 0.0) * value for name, value in features.items())

    def probabilities(self, candidates: Sequence[Mapping[str, float]]) -> list[float]:
        """Return each candidate's probability of being the right one."""
        return softmax([self.score(features) for features in candidates])


def softmax(scores: Sequence[float]) -> list[float]:
    """Turn scores into probabilities that sum to one."""
    if not scores:
        return []
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return [value / total for value in exps]


@dataclass(frozen=True, slots=True)
class Calibration:
    """A monotone curve from raw probability to how often it is right.

    Points ``(x, y)`` fitted by isotonic regression on held-out documents;
    between points the curve is linear, beyond them flat.
    """

    x: tuple[float, ...] = (0.0, 1.0)
    y: tuple[float, ...] = (0.0, 1.0)

    def __call__(self, raw: float) -> float:
        """Return the calibrated probability for ``raw``."""
        x, y = self.x, self.y
        if raw <= x[0]:
            return y[0]
        if raw >= x[-1]:
            return y[-1]
        right = bisect.bisect_right(x, raw)
        x0, x1, y0, y1 = x[right - 1], x[right], y[right - 1], y[right]
        return y0 + (y1 - y0) * (raw - x0) / (x1 - x0) if x1 > x0 else y1


@dataclass(frozen=True, slots=True)
class AttributionModel:
    """Every chooser's weights and the calibration, as loaded from a file."""

    choosers: Mapping[str, Chooser]
    calibration: Calibration = Calibration()
    #: what the file says about its training: data, folds, figures
    about: Mapping[str, Any] = field(default_factory=dict)
    #: the probability of speech from which a quoted span counts as speech
    speech_threshold: float = 0.5

    def speech_probability(self, features: Mapping[str, float]) -> float:
        """Return how likely a quoted span with ``features`` is speech."""
        score = self.chooser("speech").score(features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def chooser(self, name: str) -> Chooser:
        """Return the weights of decision ``name`` (empty weights if unknown)."""
        return self.choosers.get(name) or Chooser({})

    def to_json(self) -> str:
        """Return the model as the JSON text ``quotex train`` writes.

        Keys sorted and floats rounded, so the same weights give the same bytes.
        """
        data = {
            "model": "attribution",
            "version": MODEL_VERSION,
            "choosers": {
                name: {k: round(v, 6) for k, v in sorted(c.weights.items()) if v}
                for name, c in sorted(self.choosers.items())
            },
            "speech_threshold": round(self.speech_threshold, 6),
            # (raw probability, how often right) points of the curve
            "calibration": [
                [round(x, 6), round(y, 6)]
                for x, y in zip(self.calibration.x, self.calibration.y, strict=True)
            ],
            **dict(self.about),
        }
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
        # One calibration point a line, not one number a line.
        return _PAIR_RE.sub(r"[\1, \2]", text) + "\n"


def parse_model(data: Any, source: str) -> AttributionModel:
    """Build a model from the parsed JSON of a weights file.

    Raises:
        ResourceError: the data is not an attribution model quotex can read.
    """
    if not isinstance(data, dict) or data.get("model") != "attribution":
        raise ResourceError(f"{source}: not an attribution model")
    if data.get("version") != MODEL_VERSION:
        raise ResourceError(
            f"{source}: model version {data.get('version')!r}, "
            f"this quotex reads version {MODEL_VERSION}"
        )
    try:
        choosers = {
            name: Chooser({str(k): float(v) for k, v in weights.items()})
            for name, weights in data["choosers"].items()
        }
        points = data.get("calibration") or [[0.0, 0.0], [1.0, 1.0]]
        calibration = Calibration(
            tuple(float(x) for x, _ in points), tuple(float(y) for _, y in points)
        )
        threshold = float(data.get("speech_threshold", 0.5))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ResourceError(f"{source}: malformed model ({error})") from None
    if len(calibration.x) < 2:
        raise ResourceError(f"{source}: calibration needs two points or more")
    if not 0.0 <= threshold <= 1.0:
        raise ResourceError(f"{source}: speech_threshold must be between 0 and 1")
    fields = ("model", "version", "choosers", "calibration", "speech_threshold")
    about = {k: v for k, v in data.items() if k not in fields}
    return AttributionModel(choosers, calibration, about, threshold)


@functools.cache
def load_model(directory: str) -> AttributionModel:
    """Load ``attribution.json`` from a models folder, once per process.

    Raises:
        ResourceError: the file is missing, unreadable or malformed.
    """
    path = Path(directory) / MODEL_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ResourceError(f"{path}: cannot read ({error.strerror})") from None
    except json.JSONDecodeError as error:
        raise ResourceError(f"{path}: not JSON ({error.msg})") from None
    return parse_model(data, str(path))
