"""The decision on each organization candidate: a logistic regression over its evidence.

The model file (``data/org_model.json``) holds the feature names, their means and scales and
the coefficients of a logistic regression fit by ``make train-orgs`` (``train.py``) on
candidates labelled by gold sets written by others and by us (GUM's named organization
mentions, MEANTIME's organizations, the dev and blind sets). Scoring is plain arithmetic: no
learning library is needed at run time, and the same features give the same confidence on
every machine. The file's sha256 enters the settings' config_hash.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from extractor.entities.orgs.evidence import EVIDENCE_KINDS, OrgCandidate

MODEL_FILE = "org_model.json"
# Features named after the ner's vector components: ner_v0, ner_v1, ...
VECTOR_PREFIX = "ner_v"
# Evidence kinds named in a mention's record: those whose features pushed hardest toward the
# decision, at most this many.
EVIDENCE_SHOWN = 3


@dataclass(frozen=True)
class OrgModel:
    """A fitted logistic regression over standardized features."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    sha256: str
    # The mention model: a logistic regression over a mention's indicators (its words and the
    # words around it, org_evidence.mention_context).
    mention_weights: dict[str, float] = field(default_factory=dict)
    mention_intercept: float = 0.0

    def mention_probability(self, context: Sequence[str]) -> float:
        z = self.mention_intercept + sum(self.mention_weights.get(f, 0.0) for f in context)
        return _sigmoid(z)

    def mention_features(self, contexts: Sequence[Sequence[str]]) -> dict[str, float]:
        """The candidate's features from its mentions' probabilities of naming a body."""
        probabilities = [self.mention_probability(c) for c in contexts] or [0.0]
        return {
            "mention_org_mean": sum(probabilities) / len(probabilities),
            "mention_org_max": max(probabilities),
        }

    def contributions(self, features: dict[str, float]) -> list[float]:
        """Each feature's push toward an organization; a feature the candidate lacks (no ner
        vectors from a model that keeps none) pushes neither way."""
        return [
            w * (features.get(name, m) - m) / s
            for name, m, s, w in zip(self.features, self.mean, self.scale, self.coef, strict=True)
        ]

    def confidence(self, features: dict[str, float]) -> float:
        return _sigmoid(self.intercept + sum(self.contributions(features)))

    @functools.cached_property
    def kinds(self) -> tuple[str, ...]:
        """The kind of evidence of each feature, in the model's order."""
        return tuple(kind_of(name) for name in self.features)

    def evidence(self, contributions: Sequence[float], kept: bool) -> list[str]:
        """The kinds of evidence that decided, strongest first: for a kept candidate the ones
        for it, for a dropped one those against it."""
        sign = 1.0 if kept else -1.0
        strength: dict[str, float] = {}
        for kind, value in zip(self.kinds, contributions, strict=True):
            if value * sign > 0:
                strength[kind] = strength.get(kind, 0.0) + value * sign
        ranked = sorted(strength.items(), key=lambda kv: (-kv[1], kv[0]))
        return [kind for kind, _ in ranked[:EVIDENCE_SHOWN]]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


@dataclass(frozen=True)
class Decision:
    """A candidate's confidence, whether it is kept, and the evidence that decided."""

    confidence: float
    kept: bool
    evidence: tuple[str, ...]


def all_features(candidate: OrgCandidate, model: OrgModel) -> dict[str, float]:
    """The page's evidence, the mention model's view, and the ner's vector as features."""
    vector = {f"{VECTOR_PREFIX}{i}": v for i, v in enumerate(candidate.vector)}
    return {**candidate.features, **model.mention_features(candidate.contexts), **vector}


def kind_of(feature: str) -> str:
    return "model_vector" if feature.startswith(VECTOR_PREFIX) else EVIDENCE_KINDS[feature]


def decide(candidate: OrgCandidate, model: OrgModel, threshold: float) -> Decision:
    contributions = model.contributions(all_features(candidate, model))
    confidence = round(_sigmoid(model.intercept + sum(contributions)), 4)
    kept = confidence >= threshold
    return Decision(confidence, kept, tuple(model.evidence(contributions, kept)))


def model_from_json(text: str) -> OrgModel:
    data = json.loads(text)
    missing = {
        f for f in data["features"] if f not in EVIDENCE_KINDS and not f.startswith(VECTOR_PREFIX)
    }
    if missing:
        raise ValueError(f"the organization model reads unknown features: {sorted(missing)}")
    return OrgModel(
        features=tuple(data["features"]),
        mean=tuple(data["mean"]),
        scale=tuple(data["scale"]),
        coef=tuple(data["coef"]),
        intercept=float(data["intercept"]),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        mention_weights=dict(data.get("mention", {}).get("weights", {})),
        mention_intercept=float(data.get("mention", {}).get("intercept", 0.0)),
    )


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None) -> OrgModel:
    """The shipped model, or the one at `path`."""
    if path is None:
        text = resources.files("extractor").joinpath("data", MODEL_FILE).read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return model_from_json(text)
