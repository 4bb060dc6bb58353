"""The verdict model: a small ensemble of neural networks (one hidden layer each) over the
signals of one claim/passage pair, giving the probabilities of supported, contradicted and not
enough information. The networks are fitted alike from different seeds; their logits are
averaged (the geometric mean of their probabilities, renormalised), so no one seed's draw
decides a verdict.

Weights live in data/verdict_model.json, written by scripts/train_verdict.py (fitted with
scikit-learn on the training part of CLIMATE-FEVER dev and VitaminC dev plus mutations of their
sentences, its class priors then set for macro F1 on a validation fold of that part; the
held-out part is never read). Only numpy runs here. The file also carries two floors,
chosen on that validation fold: the probability a contradiction needs when no detector names a
difference (`unnamed_contradiction`), and the probability of support a passage that shares only
names with the claim needs (`names_only_support`); a file without them never lets either
through. Features are listed in the file, so a
weights file that does not match the code's features fails loudly instead of scoring garbage.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

LABELS = ("supported", "contradicted", "no_evidence")
WEIGHTS_FILE = "verdict_model.json"
_ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "relu": lambda x: np.maximum(x, 0.0), "tanh": np.tanh, "identity": lambda x: x}


@dataclass(frozen=True)
class Layer:
    weights: np.ndarray  # (inputs, outputs)
    bias: np.ndarray  # (outputs,)
    activation: str


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    networks: tuple[tuple[Layer, ...], ...]  # each one's last layer gives a logit per label
    # probability of `contradicted` from which the model's own contradiction counts when no
    # detector names a difference (above 1: never)
    unnamed_contradiction: float = 2.0
    # probability of `supported` from which a passage sharing only names (and no number or
    # date) with the claim supports it (above 1: never)
    names_only_support: float = 2.0

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """One row of LABELS probabilities per feature row."""
        standard = (rows - self.mean) / self.scale
        total = np.zeros((rows.shape[0], len(LABELS)))
        for layers in self.networks:
            x = standard
            for layer in layers:
                x = _ACTIVATIONS[layer.activation](x @ layer.weights + layer.bias)
            total += x
        x = total / len(self.networks)
        x = x - x.max(axis=1, keepdims=True)
        p = np.exp(x)
        return np.asarray(p / p.sum(axis=1, keepdims=True))


def _network(specs: object, inputs: int) -> tuple[Layer, ...]:
    layers = []
    width = inputs
    for spec in specs:  # type: ignore[attr-defined]
        weights = np.asarray(spec["weights"], dtype=np.float64)
        bias = np.asarray(spec["bias"], dtype=np.float64)
        if weights.ndim != 2 or weights.shape[0] != width or bias.shape != (weights.shape[1],) or (
                spec["activation"] not in _ACTIVATIONS):
            raise ValueError(f"{WEIGHTS_FILE}: a layer does not fit the one before it")
        layers.append(Layer(weights, bias, str(spec["activation"])))
        width = weights.shape[1]
    if not layers or width != len(LABELS):
        raise ValueError(f"{WEIGHTS_FILE}: weights do not match its feature list")
    return tuple(layers)


def _merged(networks: tuple[tuple[Layer, ...], ...]) -> tuple[tuple[Layer, ...], ...]:
    """Networks of one hidden layer each, as the one wide network their averaged logits are:
    the hidden layers side by side, each output layer divided by their count, stacked. One
    matrix product instead of one per network (an ensemble of five costs about one network's
    time); anything else is left as it is."""
    if len(networks) < 2 or any(len(n) != 2 or n[0].activation != networks[0][0].activation
                                or n[1].activation != "identity" for n in networks):
        return networks
    count = len(networks)
    hidden = Layer(np.hstack([n[0].weights for n in networks]),
                   np.concatenate([n[0].bias for n in networks]), networks[0][0].activation)
    out = Layer(np.vstack([n[1].weights for n in networks]) / count,
                np.mean([n[1].bias for n in networks], axis=0), "identity")
    return ((hidden, out),)


def from_json(data: dict[str, object]) -> Model:
    """A model from its file: `networks` (a list of {"layers": [...]}, averaged), or a single
    network's `layers` as files before the ensemble had them."""
    features = tuple(str(f) for f in data["features"])  # type: ignore[attr-defined]
    mean = np.asarray(data["mean"], dtype=np.float64)
    scale = np.asarray(data["scale"], dtype=np.float64)
    specs = ([n["layers"] for n in data["networks"]]  # type: ignore[attr-defined]
             if "networks" in data else [data["layers"]])
    networks = _merged(tuple(_network(spec, len(features)) for spec in specs))
    if not networks or mean.shape != scale.shape or mean.shape != (len(features),):
        raise ValueError(f"{WEIGHTS_FILE}: weights do not match its feature list")
    floors = [data.get(key, 2.0) for key in ("unnamed_contradiction", "names_only_support")]
    for floor in floors:
        if not isinstance(floor, int | float) or isinstance(floor, bool) or not (
                0.0 <= floor <= 2.0):
            raise ValueError(f"{WEIGHTS_FILE}: a floor must be a number in [0, 2]")
    return Model(features, mean, np.where(scale > 0, scale, 1.0), networks,
                 *(float(f) for f in floors))  # type: ignore[arg-type]


@cache
def load(expected: tuple[str, ...]) -> Model:
    """The shipped model; its features must be `expected`, in order."""
    text = resources.files(__package__).joinpath("data", WEIGHTS_FILE).read_text("utf-8")
    model = from_json(json.loads(text))
    if model.features != expected:
        raise ValueError(f"{WEIGHTS_FILE} was trained on features {model.features}, the code "
                         f"computes {expected}: run scripts/train_verdict.py")
    return model
