"""The fitting: conditional logit choosers and an isotonic calibration curve.

A decision is a *group* of options, one or more of them right. The chooser's
weights maximise the probability the softmax over each group gives to its
right options, with an L2 penalty; SciPy's L-BFGS finds them. Deterministic:
the same groups give the same weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from sklearn.isotonic import IsotonicRegression

from quotex.training import DEFAULT_L2

#: Fewest attributions one point of the calibration curve is measured on.
MIN_POOL = 100


@dataclass(frozen=True, slots=True)
class Group:
    """One decision seen in the gold: its options' features and which are right."""

    options: Sequence[Mapping[str, float]]
    right: Sequence[bool]
    #: how much the decision counts in the fit (corpora can be balanced)
    weight: float = 1.0


def fit_chooser(groups: Sequence[Group], l2: float = DEFAULT_L2) -> dict[str, float]:
    """Fit weights over ``groups``; groups with no right option teach nothing.

    Returns the weights by feature name, zero weights left out.
    """
    usable = [g for g in groups if any(g.right) and len(g.options) > 1]
    names = sorted({name for g in usable for o in g.options for name in o})
    if not usable or not names:
        return {}
    column = {name: k for k, name in enumerate(names)}
    rows, right, starts = [], [], [0]
    for group in usable:
        for options, is_right in zip(group.options, group.right, strict=True):
            row = np.zeros(len(names))
            for name, value in options.items():
                row[column[name]] = value
            rows.append(row)
            right.append(is_right)
        starts.append(len(rows))
    matrix = np.array(rows)
    positive = np.array(right, dtype=bool)
    bounds = np.array(starts)
    segment = np.repeat(np.arange(len(usable)), np.diff(bounds))
    weights_of_groups = np.array([g.weight for g in usable])

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        scores = matrix @ weights
        top = np.maximum.reduceat(scores, bounds[:-1])
        exps = np.exp(scores - top[segment])
        total = np.add.reduceat(exps, bounds[:-1])
        right_total = np.add.reduceat(np.where(positive, exps, 0.0), bounds[:-1])
        value = -np.sum(weights_of_groups * (np.log(right_total) - np.log(total)))
        # d/dw: expected features under the softmax minus under the right ones
        all_share = exps / total[segment]
        right_share = np.where(positive, exps, 0.0) / right_total[segment]
        gradient = matrix.T @ ((all_share - right_share) * weights_of_groups[segment])
        value += 0.5 * l2 * float(weights @ weights)
        return float(value), gradient + l2 * weights

    result = minimize(
        loss,
        np.zeros(len(names)),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 2000},
    )
    return {name: float(w) for name, w in zip(names, result.x, strict=True) if w}


def fit_calibration(
    raw: Sequence[float], right: Sequence[bool]
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Fit a monotone curve from raw probability to observed accuracy.

    Returns the curve's points ``(x, y)``, as :class:`Calibration` takes them.
    """
    if len(raw) < 2:
        return (0.0, 1.0), (0.0, 1.0)
    order = np.argsort(np.asarray(raw, dtype=float), kind="stable")
    x = np.asarray(raw, dtype=float)[order]
    y = np.asarray(right, dtype=float)[order]
    model = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    fitted = model.fit_transform(x, y)
    # Isotonic regression alone steps at every few attributions, and a step
    # fitted on a dozen of them does not carry to new articles. Its runs of
    # equal value are pooled, neighbours together, until each holds enough
    # attributions to measure; each pool becomes one point (its mean raw
    # probability, its accuracy) and the curve runs straight between them.
    # Pooling neighbours keeps the curve monotone.
    pools: list[list[int]] = []
    start = 0
    for end in range(1, len(x) + 1):
        if end < len(x) and fitted[end] == fitted[start]:
            continue
        if pools and len(pools[-1]) < MIN_POOL:
            pools[-1].extend(range(start, end))
        else:
            pools.append(list(range(start, end)))
        start = end
    if len(pools) > 1 and len(pools[-1]) < MIN_POOL:
        pools[-2].extend(pools.pop())
    xs = tuple(round(float(x[pool].mean()), 6) for pool in pools)
    ys = tuple(round(float(y[pool].mean()), 6) for pool in pools)
    if len(xs) == 1:
        return (0.0, 1.0), (ys[0], ys[0])
    return xs, ys
