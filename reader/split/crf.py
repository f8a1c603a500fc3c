"""The learned line labeller: a linear-chain CRF (python-crfsuite) over each page's units.

The model file ships in the package (``model.crfsuite``, made by ``python -m reader.split.train``)
and is opened once, lazily, on first use: splitting never trains and never downloads.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from pathlib import Path
from typing import Any

MODEL = Path(__file__).with_name("model.crfsuite")
LABELS = ("K", "T", "S", "N", "P", "C", "F")
_lock = threading.Lock()
_taggers: dict[int, Any] = {}


def _tagger() -> Any:
    """This thread's tagger (a crfsuite Tagger is not safe to share between threads)."""
    key = threading.get_ident()
    t = _taggers.get(key)
    if t is None:
        import pycrfsuite

        with _lock:
            t = pycrfsuite.Tagger()
            t.open(str(MODEL))
            _taggers[key] = t
    return t


def available() -> bool:
    """True when the model file is installed."""
    return MODEL.exists()


def tag(features: list[list[str]]) -> tuple[list[str], list[float]]:
    """The most likely label of each unit (Viterbi) and that label's marginal probability."""
    if not features:
        return [], []
    t = _tagger()
    t.set(features)
    labels = list(t.tag())
    probs = [t.marginal(y, i) for i, y in enumerate(labels)]
    return labels, probs


def best_other(i: int, exclude: Collection[str]) -> tuple[str, float]:
    """For unit ``i`` of the page just tagged: its most likely label not in ``exclude``, and that
    label's marginal probability."""
    t = _tagger()
    return max(((y, t.marginal(y, i)) for y in LABELS if y not in exclude), key=lambda x: x[1])


def explain(features: list[str], label: str, top: int = 3) -> list[tuple[str, float]]:
    """The unit's features that weigh most for ``label``: (feature, weight), strongest first."""
    weights = state_weights()
    scored = [(f, weights.get((f, label), 0.0)) for f in features]
    scored = [x for x in scored if x[1] > 0]
    scored.sort(key=lambda x: -x[1])
    return scored[:top]


_state: dict[tuple[str, str], float] | None = None


def state_weights() -> dict[tuple[str, str], float]:
    """The model's (feature, label) weights, read once."""
    global _state
    if _state is None:
        info = _tagger().info()
        _state = dict(info.state_features)
    return _state
