"""The verdict model's file (check/model.py) and the two floors it carries, by behaviour: a
model that always gives the same probabilities stands in for the trained one, so each test
shows what a floor lets through and what it holds back."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from claimcheck.check import check_all
from claimcheck.check import verdict as verdict_module
from claimcheck.check.features import FEATURES
from claimcheck.check.model import WEIGHTS_FILE, Layer, Model, from_json, load
from claimcheck.config import Config
from claimcheck.models import Snippet, Verdict
from claimcheck.references.index import build_index

from .helpers import claim


def shipped() -> dict[str, Any]:
    text = resources.files("claimcheck.check").joinpath("data", WEIGHTS_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def constant(probabilities: tuple[float, float, float], **floors: float) -> Model:
    """A model that gives every pair these (supported, contradicted, no_evidence) odds."""
    width = len(FEATURES)
    layer = Layer(np.zeros((width, 3)), np.log(np.asarray(probabilities)), "identity")
    return replace(Model(FEATURES, np.zeros(width), np.ones(width), ((layer,),)), **floors)


def judged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, model: Model, text: str,
           ref: str) -> Verdict:
    monkeypatch.setattr(verdict_module, "load", lambda expected: model)
    asked = claim(text)
    check_all([asked], build_index([Snippet("r0", ref, "ref0.md")], tmp_path / "index"),
              Config())
    assert asked.verdict is not None
    return asked.verdict


def test_the_shipped_file_carries_both_floors_as_probabilities() -> None:
    model = load(FEATURES)
    for floor in (model.unnamed_contradiction, model.names_only_support):
        assert 0.0 <= floor <= 2.0


def test_a_file_without_floors_never_lets_either_through() -> None:
    data = {k: v for k, v in shipped().items()
            if k not in ("unnamed_contradiction", "names_only_support")}
    model = from_json(data)
    assert (model.unnamed_contradiction, model.names_only_support) == (2.0, 2.0)


@pytest.mark.parametrize("bad", [-0.1, 2.5, "0.8", True, None])
def test_a_floor_that_is_no_probability_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="floor"):
        from_json({**shipped(), "unnamed_contradiction": bad})


SAME = "The bridge over the river opened to traffic in the spring."


def test_an_unnamed_contradiction_needs_the_models_floor(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    sure = (0.05, 0.9, 0.05)
    held = judged(monkeypatch, tmp_path, constant(sure), SAME, SAME)
    assert held.label == "no_evidence"
    let = judged(monkeypatch, tmp_path, constant(sure, unnamed_contradiction=0.8), SAME, SAME)
    assert let.label == "contradicted"
    assert let.differences == []
    assert "no single differing number, date, name or word was found" in let.reason
    below = judged(monkeypatch, tmp_path, constant(sure, unnamed_contradiction=0.95), SAME,
                   SAME)
    assert below.label == "no_evidence"


def test_a_named_difference_needs_no_floor(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    verdict = judged(monkeypatch, tmp_path, constant((0.05, 0.9, 0.05)),
                     SAME.replace("spring", "spring of 2019"),
                     SAME.replace("spring", "spring of 2021"))
    assert verdict.label == "contradicted"
    assert [(d.kind, d.claim, d.evidence) for d in verdict.differences] == [
        ("date", "2019", "2021")]


def test_support_by_a_passage_sharing_only_names_needs_the_models_floor(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text, ref = "Max Schneider lived in Woodstock.", "Max Schneider was raised in Woodstock."
    sure = (0.95, 0.02, 0.03)
    held = judged(monkeypatch, tmp_path, constant(sure), text, ref)
    assert held.label == "no_evidence"
    assert held.reason.startswith("the closest reference shares only names with this claim")
    let = judged(monkeypatch, tmp_path, constant(sure, names_only_support=0.9), text, ref)
    assert let.label == "supported"
    below = judged(monkeypatch, tmp_path, constant((0.85, 0.05, 0.1), names_only_support=0.9),
                   text, ref)
    assert below.label == "no_evidence"


def _network(rng: np.random.Generator, hidden: int) -> tuple[Layer, Layer]:
    width = len(FEATURES)
    return (Layer(rng.normal(size=(width, hidden)), rng.normal(size=hidden), "tanh"),
            Layer(rng.normal(size=(hidden, 3)), rng.normal(size=3), "identity"))


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def _logits(network: tuple[Layer, Layer], rows: np.ndarray) -> np.ndarray:
    hidden, out = network
    return np.asarray(np.tanh(rows @ hidden.weights + hidden.bias) @ out.weights + out.bias)


def test_an_ensemble_averages_its_networks_logits() -> None:
    rng = np.random.default_rng(5)
    networks = [_network(rng, 4), _network(rng, 4), _network(rng, 4)]
    data = {**shipped(), "mean": [0.0] * len(FEATURES), "scale": [1.0] * len(FEATURES),
            "networks": [{"layers": [{"activation": layer.activation,
                                      "weights": layer.weights.tolist(),
                                      "bias": layer.bias.tolist()} for layer in network]}
                         for network in networks]}
    rows = rng.normal(size=(7, len(FEATURES)))
    expected = _softmax(sum(_logits(n, rows) for n in networks) / 3)
    got = from_json(data).probabilities(rows)
    assert np.allclose(got, expected, atol=1e-12)
    # each network alone gives other odds: the average is not one member's
    assert not np.allclose(got, _softmax(_logits(networks[0], rows)), atol=1e-3)


def test_a_file_with_one_networks_layers_reads_as_an_ensemble_of_one() -> None:
    data = shipped()
    one = {k: v for k, v in data.items() if k != "networks"}
    one["layers"] = data["networks"][0]["layers"]
    alone = {**data, "networks": data["networks"][:1]}
    rows = np.random.default_rng(1).normal(size=(5, len(FEATURES)))
    assert np.array_equal(from_json(one).probabilities(rows),
                          from_json(alone).probabilities(rows))
