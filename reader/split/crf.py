"""The learned line labeller: a linear-chain CRF (python-crfsuite) over each page's units.

Two model files ship in the package, both made by ``python -m reader.split.train``:
``model.crfsuite`` labels each line from its own cues (the first pass) and ``model-habit.crfsuite``
labels it again with what the first pass found about the page's habits (``reader.split.habit``).
Each is opened once per thread, lazily, on first use: splitting never trains and never downloads.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

MODEL = Path(__file__).with_name("model.crfsuite")
LABELS = ("K", "T", "S", "N", "P", "C", "F")
_lock = threading.Lock()
_taggers: dict[tuple[int, int], Any] = {}


def habit_model(first: Path) -> Path:
    """The second-pass model that goes with the first-pass model file ``first``."""
    return first.with_name(first.stem + "-habit" + first.suffix)


def use(first: Path) -> None:
    """Split with the models at ``first`` (and its habit model) from now on: for training and scoring."""
    global MODEL, _state
    with _lock:
        MODEL = first
        _taggers.clear()
        _state = None


def _tagger(stage: int = 1) -> Any:
    """This thread's tagger for ``stage`` (a crfsuite Tagger is not safe to share between threads)."""
    key = (threading.get_ident(), stage)
    t = _taggers.get(key)
    if t is None:
        import pycrfsuite

        with _lock:
            t = pycrfsuite.Tagger()
            t.open(str(MODEL if stage == 1 else habit_model(MODEL)))
            _taggers[key] = t
    return t


def available() -> bool:
    """True when the first-pass model file is installed."""
    return MODEL.exists()


def has_habit() -> bool:
    """True when the second-pass (page habit) model is installed."""
    return habit_model(MODEL).exists()


def tag(features: list[list[str]], stage: int = 1) -> tuple[list[str], list[float]]:
    """The most likely label of each unit (Viterbi) and that label's marginal probability."""
    if not features:
        return [], []
    t = _tagger(stage)
    t.set(features)
    labels = list(t.tag())
    probs = [t.marginal(y, i) for i, y in enumerate(labels)]
    return labels, probs


def explain(features: list[str], label: str, top: int = 3, stage: int = 1) -> list[tuple[str, float]]:
    """The unit's features that weigh most for ``label``: (feature, weight), strongest first."""
    weights = state_weights(stage)
    scored = [(f, weights.get((f, label), 0.0)) for f in features]
    scored = [x for x in scored if x[1] > 0]
    scored.sort(key=lambda x: -x[1])
    return scored[:top]


_state: dict[int, dict[tuple[str, str], float]] | None = None


def state_weights(stage: int = 1) -> dict[tuple[str, str], float]:
    """The ``stage`` model's (feature, label) weights, read once."""
    global _state
    if _state is None:
        _state = {}
    if stage not in _state:
        _state[stage] = dict(_tagger(stage).info().state_features)
    return _state[stage]
