"""The training command's pieces (reader.split.train) are deterministic: the same pages and
settings write the same model file, byte for byte, whether fitted alone or beside another."""

from __future__ import annotations

from pathlib import Path

from conftest import corpus_pages
from test_split_learned import needs_shared

from reader.split import crf, render, train


@needs_shared
def test_the_same_pages_render_and_fit_to_the_same_model_file(tmp_path: Path) -> None:
    pages, _ = train.divide(corpus_pages(), render.shared_dir())
    few = pages[::150]
    first = train.sequences(few, render.FAMILIES_TRAIN, 2, seed=5)
    again = train.sequences(few, render.FAMILIES_TRAIN, 2, seed=5)
    assert [(f, lab) for f, lab, _ in first] == [(f, lab) for f, lab, _ in again]
    assert {lab for _, labels, _ in first for lab in labels} >= {"T", "N", "P"}

    a, b, c = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite", tmp_path / "c.crfsuite"
    train.train(first, a, 0.05, 0.05, 30)
    # Two fits side by side, as the training command runs the first pass and its halves.
    train.fit_all([(again, b), (first[::2], c)], 0.05, 0.05, 30)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    # Another seed draws other renderings and so another model.
    other = tmp_path / "other.crfsuite"
    train.train(train.sequences(few, render.FAMILIES_TRAIN, 2, seed=6), other, 0.05, 0.05, 30)
    assert other.read_bytes() != a.read_bytes()

    # The model labels the pages it was fitted on mostly as they were drawn.
    feats, labels, _ = first[0]
    got, _ = crf.tag(feats, a)
    assert sum(x == y for x, y in zip(got, labels, strict=True)) >= 0.8 * len(labels)


def test_a_paragraph_s_first_line_has_a_label_of_its_own() -> None:
    import random

    from reader.split.render_styles import Style

    arts = [
        {
            "title": "全县春耕生产全面铺开",
            "paragraphs": ["一" * 30 + "。", "二" * 10 + "。", "三" * 25 + "。"],
        },
        {"title": "另一篇的标题", "paragraphs": ["四" * 12 + "。", "五" * 24 + "。"]},
    ]
    style = Style(layout="wrapped", width_lo=10, width_hi=10)
    r = render.render_page(arts, style, random.Random(1))
    labels = train.unit_labels(r)
    assert len(labels) == len(r.lines)
    # Wrapped at 10: a story's first line N, its other paragraphs' first lines Q, the rest P.
    body = [(gl.text, lab) for gl, lab in zip(r.lines, labels, strict=True) if gl.label == "body"]
    assert [lab for _, lab in body] == list("NPPP" + "QP" + "QPP" + "NP" + "QPP")
    # A page of one paragraph a line: every paragraph but a story's first is Q.
    r = render.render_page(arts, Style(layout="paragraphs"), random.Random(1))
    assert [lab for gl, lab in zip(r.lines, train.unit_labels(r), strict=True) if gl.label == "body"] == list(
        "NQQNQ"
    )
