"""Learned decisions: linear models over sparse features, loaded once per process.

The models are trained by ``kg train`` (:mod:`kg.learn`) with scikit-learn, and saved as
plain JSON weights, so that extraction needs no pickle (a pickle runs code when it is
loaded) and no training library, and a model file can be read and diffed. A multinomial
logistic regression is a weighted sum and a softmax, which is all :class:`LinearModel`
does.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import ExtractionError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
NONE = "NONE"
DECISIONS = ("entities", "relations", "sentences", "commitments", "kinds")


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression: one weight per feature and class."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    threshold: float = 0.5  # the probability a decision needs to be taken

    def scores(self, features: dict[str, float]) -> list[float]:
        z = list(self.bias)
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    z[k] += wk * value
        return z

    def proba(self, features: dict[str, float]) -> dict[str, float]:
        """Class probabilities.

        >>> m = LinearModel(("NONE", "Event"), {"head=forum": (0.0, 2.0)}, (0.0, 0.0))
        >>> round(m.proba({"head=forum": 1.0})["Event"], 3)
        0.881
        """
        z = self.scores(features)
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {c: v / total for c, v in zip(self.classes, e, strict=True)}

    def to_json(self) -> dict:
        return {
            "threshold": self.threshold,
            "classes": list(self.classes),
            "bias": [round(b, 5) for b in self.bias],
            "weights": {k: [round(x, 5) for x in v] for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(
            tuple(data["classes"]),
            {k: tuple(v) for k, v in data["weights"].items()},
            tuple(data["bias"]),
            float(data.get("threshold", 0.5)),
        )


@dataclass(frozen=True)
class Models:
    """The learned decisions of extraction."""

    entities: LinearModel
    relations: LinearModel
    sentences: LinearModel  # does a sentence commit anyone?
    commitments: LinearModel  # … and is this actor the one committing?
    kinds: LinearModel

    def save(self, directory: Path) -> list[Path]:
        """Write one JSON file per decision, each through a temporary file and a rename."""
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for name in DECISIONS:
            path = directory / f"{name}.json"
            tmp = path.with_suffix(".json.tmp")
            tmp.write_text(
                json.dumps(getattr(self, name).to_json(), ensure_ascii=False, separators=(",", ":"))
                + "\n",
                encoding="utf-8",
            )
            tmp.replace(path)
            paths.append(path)
        return paths

    @classmethod
    def load(cls, directory: Path) -> Models:
        parts = {}
        for name in DECISIONS:
            path = directory / f"{name}.json"
            try:
                parts[name] = LinearModel.from_json(json.loads(path.read_text(encoding="utf-8")))
            except FileNotFoundError as exc:
                raise ExtractionError(
                    f"{path}: model file missing; run `kg train` to make it"
                ) from exc
            except (ValueError, KeyError, TypeError) as exc:
                raise ExtractionError(f"{path}: not a kg model file ({exc})") from exc
        return cls(**parts)


@cache
def load_models(directory: str | None = None) -> Models:
    """The models shipped in the package (or in ``directory``), read once per process."""
    return Models.load(Path(directory) if directory else MODEL_DIR)
