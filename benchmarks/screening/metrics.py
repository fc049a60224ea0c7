"""Ranking and decision metrics computed here (numpy only): ROC-AUC, PR-AUC, F1 at a threshold,
the threshold with the best F1, recall at an alert budget.

- ROC-AUC: the probability that a match scores above a non-match, ties counting one half
  (the Mann-Whitney statistic, from average ranks).
- PR-AUC: average precision, Σ (recallₖ - recallₖ₋₁) x precisionₖ over the distinct scores
  taken as thresholds from the highest down (what scikit-learn calls average precision).
- Recall at an alert budget: the share of the matches among the ``budget`` best-scored pairs
  (ties at the cut broken by the pairs' order, which is seeded).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


def _ranks(values: NDArray[np.float64]) -> NDArray[np.float64]:
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    sorted_values = values[order]
    start = 0
    while start < len(values):
        stop = start
        while stop + 1 < len(values) and sorted_values[stop + 1] == sorted_values[start]:
            stop += 1
        ranks[order[start : stop + 1]] = (start + stop) / 2 + 1
        start = stop + 1
    return ranks


def roc_auc(scores: NDArray[np.float64], labels: NDArray[np.bool_]) -> float:
    positives = int(labels.sum())
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    ranks = _ranks(scores)
    return float((ranks[labels].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def pr_auc(scores: NDArray[np.float64], labels: NDArray[np.bool_]) -> float:
    positives = int(labels.sum())
    if not positives:
        return float("nan")
    order = np.argsort(-scores, kind="mergesort")
    s, y = scores[order], labels[order]
    hits = np.cumsum(y)
    seen = np.arange(1, len(y) + 1)
    last = np.r_[s[1:] != s[:-1], True]  # the last pair of each distinct score
    precision = hits[last] / seen[last]
    recall = hits[last] / positives
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


@dataclass(frozen=True)
class Decision:
    threshold: float
    precision: float
    recall: float
    f1: float


def at_threshold(
    scores: NDArray[np.float64], labels: NDArray[np.bool_], threshold: float
) -> Decision:
    flagged = scores >= threshold
    tp = int((flagged & labels).sum())
    fp = int((flagged & ~labels).sum())
    fn = int((~flagged & labels).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Decision(threshold, precision, recall, f1)


def best_threshold(scores: NDArray[np.float64], labels: NDArray[np.bool_]) -> Decision:
    """The threshold (one of the scores) with the best F1 on these pairs, the lowest on a tie."""
    best = Decision(1.0, 0.0, 0.0, 0.0)
    for threshold in np.unique(scores):
        found = at_threshold(scores, labels, float(threshold))
        if found.f1 > best.f1:
            best = found
    return best


def recall_at_budget(scores: NDArray[np.float64], labels: NDArray[np.bool_], budget: int) -> float:
    positives = int(labels.sum())
    if not positives:
        return float("nan")
    order = np.argsort(-scores, kind="mergesort")
    return float(labels[order[:budget]].sum() / positives)
