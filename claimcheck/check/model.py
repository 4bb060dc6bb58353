"""The verdict model: a multinomial logistic regression over the signals of one claim/passage
pair, giving the probabilities of supported, contradicted and not enough information.

Weights live in data/verdict_model.json, written by scripts/train_verdict.py (trained on the
training part of CLIMATE-FEVER dev and VitaminC dev plus mutations of their sentences; the
held-out part is never read). Only numpy runs here. Features are listed in the file, so a
weights file that does not match the code's features fails loudly instead of scoring garbage.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

LABELS = ("supported", "contradicted", "no_evidence")
WEIGHTS_FILE = "verdict_model.json"


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (len(features) + 1, len(LABELS)): the last row is the intercept

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """One row of LABELS probabilities per feature row."""
        x = (rows - self.mean) / self.scale
        logits = x @ self.weights[:-1] + self.weights[-1]
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return np.asarray(p / p.sum(axis=1, keepdims=True))


def from_json(data: dict[str, object]) -> Model:
    features = tuple(str(f) for f in data["features"])  # type: ignore[attr-defined]
    weights = np.asarray(data["weights"], dtype=np.float64)
    mean = np.asarray(data["mean"], dtype=np.float64)
    scale = np.asarray(data["scale"], dtype=np.float64)
    if weights.shape != (len(features) + 1, len(LABELS)) or mean.shape != scale.shape or (
            mean.shape != (len(features),)):
        raise ValueError(f"{WEIGHTS_FILE}: weights do not match its feature list")
    return Model(features, mean, np.where(scale > 0, scale, 1.0), weights)


@cache
def load(expected: tuple[str, ...]) -> Model:
    """The shipped model; its features must be `expected`, in order."""
    text = resources.files(__package__).joinpath("data", WEIGHTS_FILE).read_text("utf-8")
    model = from_json(json.loads(text))
    if model.features != expected:
        raise ValueError(f"{WEIGHTS_FILE} was trained on features {model.features}, the code "
                         f"computes {expected}: run scripts/train_verdict.py")
    return model
