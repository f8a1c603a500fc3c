"""The learned line labeller: a linear-chain CRF (python-crfsuite) over each page's units.

The model files ship in the package (``model.crfsuite``, the first pass, and ``model2.crfsuite``,
the second: ``reader.split.second``; both made by ``python -m reader.split.train``) and are opened
once, lazily, on first use: splitting never trains and never downloads.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from pathlib import Path
from typing import Any

MODEL = Path(__file__).with_name("model.crfsuite")  # the first pass
MODEL2 = Path(__file__).with_name("model2.crfsuite")  # the second pass (reader.split.second)
LABELS = ("K", "T", "S", "N", "P", "C", "F")
# Labels a model learns that are read as another after tagging, their probabilities added to its
# (``train.unit_labels``): Q, a body paragraph's first line other than its story's, is read as P.
FOLDED = {"Q": "P"}
Folds = dict[str, tuple[str, ...]]  # a label -> the labels of one model read as it


def folds(t: Any) -> Folds:
    """What tagger ``t``'s model reads as each label: the label itself, if the model has it, and
    the model's labels of :data:`FOLDED` read as it."""
    own = list(t.labels())
    return {y: tuple(q for q in own if q == y or FOLDED.get(q) == y) for y in LABELS}


def folded_marginal(t: Any, fold: Folds, y: str, i: int) -> float:
    """Unit ``i``'s probability of label ``y`` by tagger ``t`` (whose :func:`folds` are ``fold``),
    the labels read as ``y`` included."""
    return sum(t.marginal(q, i) for q in fold[y])


def own_probs(t: Any, fold: Folds, raw: list[str]) -> list[float]:
    """Each unit's probability of its label ``raw`` as tagger ``t`` gave it: a label of
    :data:`FOLDED` its own (a paragraph's first line as such), any other with the labels read as it.
    What the second pass reads of the first (``reader.split.second``), in training and at run time."""
    return [t.marginal(y, i) if y in FOLDED else folded_marginal(t, fold, y, i) for i, y in enumerate(raw)]


_lock = threading.Lock()
_taggers: dict[tuple[int, str], Any] = {}
_folds: dict[str, Folds] = {}  # each model file's folds, read once
# Each thread's tagger of its last page, the page's length, the tagger's folds and its labels as
# the model gave them (before folding).
_last: dict[int, tuple[Any, int, Folds, list[str]]] = {}


def _tagger(model: Path | None = None) -> Any:
    """This thread's tagger of ``model`` (the first pass's by default); a crfsuite Tagger is not
    safe to share between threads."""
    path = str(model or MODEL)
    key = (threading.get_ident(), path)
    t = _taggers.get(key)
    if t is None:
        import pycrfsuite

        with _lock:
            t = pycrfsuite.Tagger()
            t.open(path)
            _taggers[key] = t
            if path not in _folds:
                _folds[path] = folds(t)
    return t


def _fold_of(model: Path | None) -> Folds:
    """The folds of ``model`` (the first pass's by default), once its tagger is open."""
    return _folds[str(model or MODEL)]


def reset() -> None:
    """Forget opened models (after MODEL or MODEL2 is pointed at other files)."""
    _taggers.clear()
    _folds.clear()
    _last.clear()
    _state.clear()


def available() -> bool:
    """True when the model file is installed."""
    return MODEL.exists()


def tag(features: list[list[str]], model: Path | None = None) -> tuple[list[str], list[float]]:
    """The most likely label of each unit (Viterbi) and that label's marginal probability, by
    ``model`` (the first pass's by default)."""
    if not features:
        return [], []
    t = _tagger(model)
    t.set(features)
    fold = _fold_of(model)
    raw = list(t.tag())
    labels = [FOLDED.get(y, y) for y in raw]
    _last[threading.get_ident()] = (t, len(labels), fold, raw)
    probs = [folded_marginal(t, fold, y, i) for i, y in enumerate(labels)]
    return labels, probs


def first_probs() -> list[float]:
    """:func:`own_probs` of the page just tagged."""
    t, _, fold, raw = _last[threading.get_ident()]
    return own_probs(t, fold, raw)


def marginals(labels: str) -> list[float]:
    """Each unit's probability of being one of ``labels`` (the sum of their marginals), for the
    page just tagged."""
    t, n, fold, _ = _last[threading.get_ident()]
    return [sum(folded_marginal(t, fold, y, i) for y in labels) for i in range(n)]


def marginal_at(i: int, labels: str) -> float:
    """Unit ``i``'s probability of being one of ``labels``, for the page just tagged."""
    t, _, fold, _ = _last[threading.get_ident()]
    return sum(folded_marginal(t, fold, y, i) for y in labels)


def best_other(i: int, exclude: Collection[str]) -> tuple[str, float]:
    """For unit ``i`` of the page just tagged: its most likely label not in ``exclude``, and that
    label's marginal probability (by the model that tagged the page)."""
    t, _, fold, _ = _last[threading.get_ident()]
    return max(((y, folded_marginal(t, fold, y, i)) for y in LABELS if y not in exclude), key=lambda x: x[1])


# How much of a unit's probability the headline roles must hold together for a unit the best
# sequence reads as body to be read as a headline (and more than the body roles hold).
HEAD_CLASS = 0.6


def headline_by_class(labels: list[str], probs: list[float], alone: list[bool]) -> list[int]:
    """Units of the page just tagged, each ``alone`` (blank lines before and after it), that the
    best label sequence reads as body (N, P) though the model gives the headline roles (K, T, S)
    together more than :data:`HEAD_CLASS` of their probability, and more than the body roles: each
    takes its likeliest headline role, in place. Returns their indices.

    The best sequence can run through body while the probability at a line is spread over several
    headline readings (a kicker, a title, a subtitle), none alone likelier than body: on pages
    unlike the training pages, a title under a story's closing byline. Only a line standing alone:
    the middle lines of a headline wrapped over several, taken one by one, broke the stack the
    sequence had read as body (held-out wrapped headlines 0.823 -> 0.798 on the test's sample).
    Training-date renders and ../shared/dev score as without it (BENCHMARKS.md).
    """
    t, _, fold, _ = _last[threading.get_ident()]

    def m(y: str, i: int) -> float:
        return folded_marginal(t, fold, y, i)

    out = []
    for i, y in enumerate(labels):
        # Most body lines hold nearly all their probability: with 1 - HEAD_CLASS or more on their
        # own role, the headline roles cannot hold more than HEAD_CLASS (one lookup, not five).
        if y not in "NP" or not alone[i] or m(y, i) >= 1 - HEAD_CLASS:
            continue
        head = {h: m(h, i) for h in "KTS"}
        total = sum(head.values())
        if total > HEAD_CLASS and total > m("N", i) + m("P", i):
            labels[i] = max(head, key=lambda h: head[h])
            probs[i] = head[labels[i]]
            out.append(i)
    return out


def explain(
    features: list[str], label: str, top: int = 3, model: Path | None = None
) -> list[tuple[str, float]]:
    """The unit's features that weigh most for ``label`` in ``model``: (feature, weight), strongest
    first."""
    weights = state_weights(model)
    # Of the model's labels read as ``label``, the one the features weigh most for.
    own = _fold_of(model).get(label) or (label,)  # state_weights opened the model
    label = max(own, key=lambda q: sum(weights.get((f, q), 0.0) for f in features))
    scored = [(f, weights.get((f, label), 0.0)) for f in features]
    scored = [x for x in scored if x[1] > 0]
    scored.sort(key=lambda x: -x[1])
    return scored[:top]


_state: dict[str, dict[tuple[str, str], float]] = {}


def state_weights(model: Path | None = None) -> dict[tuple[str, str], float]:
    """The model's (feature, label) weights, read once."""
    path = str(model or MODEL)
    if path not in _state:
        _state[path] = dict(_tagger(model).info().state_features)
    return _state[path]
