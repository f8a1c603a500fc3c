"""Train the line labeller from renderings of ../shared/corpus and print its scores on held-out pages.

    python -m reader.split.train [--out reader/split/model.crfsuite] [--out2 reader/split/model2.crfsuite] [--quick]

Two models: the first pass labels each page from its lines' own cues; the second
(``reader.split.second``) labels it again with the first pass's labels and the page's headline
typography as more cues. The second model's training pages get their first-pass labels from a
model fitted on the other half of the pages, so that it learns from first-pass labels as good as
those of pages the first pass never saw.

Deterministic: a fixed seed draws the renderings; crfsuite's L-BFGS is deterministic. Pages are
divided by date: 2020-05 and every page of ../shared/dev are never trained on. The scores printed
at the end are on held-out dates rendered in held-out families (renderings whose parameters no
training family uses) and on ../shared/dev, with the shared scorer's own matching rules.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from reader.split import crf, render
from reader.split.aside import byline_line, kept_units
from reader.split.features import page_features
from reader.split.units import Unit, measured, normalise, units

HELD_OUT_MONTH = "2020-05"


def unit_labels(rendered: render.Rendered) -> list[str]:
    """The CRF label of each unit of a rendered page, from its gold lines."""
    photos = {k for k, a in enumerate(rendered.gold["articles"]) if a.get("accept_photo")}
    labels: list[str] = []
    seen_body: set[int] = set()
    for gl in rendered.lines:
        if gl.label == "furniture":
            labels.append("F")
        elif gl.label == "caption":
            labels.append("C")  # a picture's caption printed among a story's paragraphs or over it
        elif gl.label in ("kicker", "title", "subtitle"):
            labels.append({"kicker": "K", "title": "T", "subtitle": "S"}[gl.label])
        elif gl.article in photos:
            labels.append("C")
        elif gl.article not in seen_body:
            labels.append("N")
        else:
            # A paragraph's first line (Q, not the story's) has a label of its own, read as P after
            # tagging (crf.FOLDED): the step from one paragraph to the next, where a story may end,
            # is then learnt apart from the step from one line of a paragraph to the next, where
            # none does.
            labels.append("Q" if gl.para_start else "P")
        if gl.label in ("body", "continuation"):
            seen_body.add(gl.article)
    return labels


def as_labelled(us: list[Unit], labels: list[str]) -> tuple[list[Unit], list[str]]:
    """The units and labels of a rendered page as the labeller reads it: its byline lines
    (本报记者 某某) set aside (``aside.set_aside`` does so on every page it labels) and the story
    opened at the line under each."""
    bylines = {i for i, u in enumerate(us) if byline_line(u.text)}
    if not bylines:
        return us, labels
    labels = list(labels)
    for i in sorted(bylines):
        j = next((k for k in range(i + 1, len(us)) if k not in bylines), None)
        if labels[i] == "N" and j is not None and labels[j] in "PQ":
            labels[j] = "N"
    kept = kept_units(us, bylines, bylines)
    return kept, [lab for i, lab in enumerate(labels) if i not in bylines]


def page_key(articles: list[dict[str, Any]]) -> tuple[str, int]:
    """(date, page) of a corpus page."""
    return articles[0]["date"], int(articles[0]["page"])


def dev_keys(shared: Path) -> set[tuple[str, int]]:
    """The (date, page) of every page in ../shared/dev: never trained on."""
    keys: set[tuple[str, int]] = set()
    for f in (shared / "dev" / "paragraphs").glob("*.txt"):
        d, p = f.stem.split("-")
        keys.add((f"{d[:4]}-{d[4:6]}-{d[6:]}", int(p)))
    return keys


def divide(pages: list[list[dict[str, Any]]], shared: Path) -> tuple[list[Any], list[Any]]:
    """(training pages, held-out pages): held out are 2020-05 and every dev page."""
    dev = dev_keys(shared)
    train: list[Any] = []
    held: list[Any] = []
    for p in pages:
        k = page_key(p)
        (held if k[0].startswith(HELD_OUT_MONTH) or k in dev else train).append(p)
    return train, held


def sequences(
    pages: list[Any], families: tuple[str, ...], per_page: int, seed: int
) -> list[tuple[list[list[str]], list[str], render.Rendered]]:
    """Render each page in ``per_page`` families drawn at random and extract features and labels."""
    rng = random.Random(seed)
    out = []
    for p in pages:
        for fam in rng.sample(list(families), min(per_page, len(families))):
            r = render.render_page(p, render.random_style(rng, fam), rng)
            us = measured(units(normalise(r.text)))
            labels = unit_labels(r)
            if len(us) != len(labels):
                raise SystemExit(
                    f"renderer and units disagree on {page_key(p)} ({fam}): {len(us)} vs {len(labels)}"
                )
            us, labels = as_labelled(us, labels)
            out.append((page_features(us), labels, r))
    return out


def _scorer(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score_split", shared / "eval" / "score_split.py")
    if spec is None or spec.loader is None:
        raise SystemExit("the shared scorer is missing")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score(rows: list[tuple[dict[str, Any], list[dict[str, Any]], str]], scorer: Any) -> dict[str, float]:
    """Article F1 (and strict) over (gold page, predicted items, page text) with the shared scorer's rules."""
    gold = matched = strict = predicted = 0
    for g, items, text in rows:
        r = scorer.score_page(g, items, text)
        gold += len(r["rows"])
        matched += sum(x["matched"] for x in r["rows"])
        strict += sum(x["strict"] for x in r["rows"])
        predicted += r["predicted"]
    p, rc = matched / max(predicted, 1), matched / max(gold, 1)
    sp, sr = strict / max(predicted, 1), strict / max(gold, 1)
    return {
        "f1": round(2 * p * rc / max(p + rc, 1e-9), 3),
        "strict": round(2 * sp * sr / max(sp + sr, 1e-9), 3),
        "pages": len(rows),
    }


def evaluate_rendered(seqs: list[Any], scorer: Any) -> dict[str, float]:
    """Split each rendered page with the current model and score it against its gold."""
    from reader.split.staged import split_staged

    rows = []
    for _, _, r in seqs:
        items = [i.to_json() for i in split_staged(r.text).items]
        rows.append((r.gold, items, r.text))
    return score(rows, scorer)


def evaluate_dev(shared: Path, scorer: Any) -> dict[str, dict[str, float]]:
    """Scores on each layout of ../shared/dev and on the seeds."""
    from reader.split.staged import split_staged

    out = {}
    sets = [
        (f"dev {layout}", shared / "dev" / f"gold-{layout}.json", shared / "dev" / layout)
        for layout in ("paragraphs", "markdown", "wrapped")
    ]
    sets.append(("seeds", shared / "gold" / "seeds.json", shared / "seeds"))
    for label, gold_file, folder in sets:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        rows = []
        for name, g in gold["pages"].items():
            text = (folder / name).read_text(encoding="utf-8")
            rows.append((g, [i.to_json() for i in split_staged(text).items], text))
        out[label] = score(rows, scorer)
    return out


def train(seqs: list[Any], out: Path, c1: float, c2: float, iterations: int) -> None:
    """Fit the CRF on (features, labels) sequences and write the model file."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels, _ in seqs:
        trainer.append(feats, labels)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 2,
        }
    )
    tmp = out.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(out)


_JOBS: list[Any] = []  # (sequences, model file) to fit, read by forked workers


def _fit(k: int, c1: float, c2: float, iterations: int) -> float:
    seqs, out = _JOBS[k]
    t = time.time()
    train(seqs, out, c1, c2, iterations)
    return time.time() - t


def fit_all(jobs: list[tuple[list[Any], Path]], c1: float, c2: float, iterations: int) -> list[float]:
    """Fit one model per (sequences, model file), two at a time where processes can fork (each
    fit is deterministic, so the files are the same either way); each fit's seconds."""
    import multiprocessing as mp

    _JOBS[:] = jobs
    try:
        if "fork" in mp.get_all_start_methods() and len(jobs) > 1:
            with mp.get_context("fork").Pool(2) as pool:
                return pool.starmap(_fit, [(k, c1, c2, iterations) for k in range(len(jobs))])
        return [_fit(k, c1, c2, iterations) for k in range(len(jobs))]
    finally:
        _JOBS.clear()


def second_sequences(seqs: list[Any], halves: tuple[Path, Path], per_page: int) -> list[Any]:
    """The training sequences with the second pass's features added: each page's first-pass labels
    come from the model fitted on the other half of the pages (never on the page itself), as the
    shipped first pass labels pages it was not trained on."""
    import pycrfsuite

    from reader.split import second
    from reader.split.features import local_widths

    taggers = []
    for path in halves:
        t = pycrfsuite.Tagger()
        t.open(str(path))
        taggers.append(t)
    fold_of = [crf.folds(t) for t in taggers]
    out = []
    for k, (feats, labels, r) in enumerate(seqs):
        h = 1 - (k // per_page) % 2
        t, fold = taggers[h], fold_of[h]
        t.set(feats)
        raw = list(t.tag())
        first = [crf.FOLDED.get(y, y) for y in raw]
        # As the second pass reads the first at run time (crf.first_probs): a Q line's own
        # probability, not P's and Q's together.
        probs = crf.own_probs(t, fold, raw)
        heads = [sum(t.marginal(y, i) for y in "KTS") for i in range(len(feats))]
        us, _ = as_labelled(measured(units(normalise(r.text))), unit_labels(r))
        more = second.features(us, local_widths(us), first, probs, heads)
        out.append(([f + m for f, m in zip(feats, more, strict=True)], labels, r))
    return out


def main(argv: list[str] | None = None) -> int:
    """Render, train, write the models, print held-out scores."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=crf.MODEL, help="the first pass's model file")
    ap.add_argument("--out2", type=Path, default=crf.MODEL2, help="the second pass's model file")
    ap.add_argument("--shared", type=Path, default=render.shared_dir())
    # Every family on every page: seven of the thirteen drawn at random read the held-out
    # renderings and the user's pages worse (BENCHMARKS, thirty-eighth session).
    ap.add_argument(
        "--per-page",
        type=int,
        default=len(render.FAMILIES_TRAIN),
        help="renderings of each training page, each in a training family drawn at random (default: every one)",
    )
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--quick", action="store_true", help="a small run to check the pipeline")
    ap.add_argument("--no-train", action="store_true", help="only score the installed models")
    a = ap.parse_args(argv)
    t0 = time.time()
    pages = render.load_corpus(a.shared / "corpus" / "people-daily.jsonl.gz")
    train_pages, held_pages = divide(pages, a.shared)
    if a.quick:
        train_pages, held_pages = train_pages[::8], held_pages[::4]
    print(f"corpus: {len(pages)} pages; training on {len(train_pages)}, holding out {len(held_pages)}")
    # The scores below are the models just written (or --out's and --out2's, with --no-train).
    crf.MODEL, crf.MODEL2 = a.out, a.out2
    crf.reset()
    if not a.no_train:
        seqs = sequences(train_pages, render.FAMILIES_TRAIN, a.per_page, a.seed)
        n_units = sum(len(s[1]) for s in seqs)
        print(f"rendered {len(seqs)} training pages ({n_units} units) in {time.time() - t0:.1f} s")
        with tempfile.TemporaryDirectory() as tmp:
            halves = (Path(tmp) / "half0.crfsuite", Path(tmp) / "half1.crfsuite")
            # The first pass on every page, and on each half of the pages for the second's features.
            jobs = [(seqs, a.out)] + [
                ([s for k, s in enumerate(seqs) if (k // a.per_page) % 2 == h], halves[h]) for h in (0, 1)
            ]
            secs = fit_all(jobs, a.c1, a.c2, a.iterations)
            print(
                f"first pass trained in {secs[0]:.1f} s (halves {secs[1]:.1f} s, {secs[2]:.1f} s); "
                f"model {a.out} {a.out.stat().st_size / 1024:.0f} KiB"
            )
            t1 = time.time()
            seqs2 = second_sequences(seqs, halves, a.per_page)
        train(seqs2, a.out2, a.c1, a.c2, a.iterations)
        print(
            f"second pass trained in {time.time() - t1:.1f} s; model {a.out2} {a.out2.stat().st_size / 1024:.0f} KiB"
        )
        crf.reset()
    scorer = _scorer(a.shared)
    held_dates = [p for p in held_pages if page_key(p)[0].startswith(HELD_OUT_MONTH)]
    for fam in render.FAMILIES_HELDOUT:
        seqs = sequences(held_dates, (fam,), 1, a.seed + 1)
        print(f"held-out dates, held-out family {fam}: {evaluate_rendered(seqs, scorer)}")
    seqs = sequences(held_dates, render.FAMILIES_TRAIN, 1, a.seed + 2)
    print(f"held-out dates, training families: {evaluate_rendered(seqs, scorer)}")
    for layout, s in evaluate_dev(a.shared, scorer).items():
        print(f"../shared/{layout}: {s}")
    print(f"total {time.time() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
