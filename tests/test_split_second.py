"""The labeller's second pass (reader.split.second): the first pass's labels and the page's own
headline typography as features, and when the second pass runs."""

from __future__ import annotations

from reader.split import crf, second
from reader.split.features import local_widths, page_kind
from reader.split.staged import label_page
from reader.split.units import units

BODY = "　　本报讯 连日来，全县春耕生产全面铺开，田间地头一派繁忙景象，农户抢抓农时。"
BODY2 = "　　农业部门组织技术人员深入田间，指导农户做好春耕备耕工作。"


def _features(
    text: str, labels: list[str], probs: list[float] | None = None, heads: list[float] | None = None
) -> list[list[str]]:
    us = units(text)
    assert len(us) == len(labels)
    probs = probs or [0.95] * len(labels)
    heads = heads or [0.95 if lab in "KTS" else 0.03 for lab in labels]
    return second.features(us, local_widths(us), labels, probs, heads)


def _get(feats: list[str], prefix: str) -> str:
    (value,) = [f[len(prefix) :] for f in feats if f.startswith(prefix)]
    return value


def test_a_line_set_like_the_pages_headlines_is_marked_so() -> None:
    # Headlines centred (a deep indent), paragraphs indented by 　　: the third centred line, which
    # the first pass read as body, looks like the headlines.
    page = "\n".join(
        [
            "          全县春耕生产全面铺开",
            BODY,
            BODY2,
            "          市图书馆新馆开馆",
            BODY,
            "          春播时节访农家",
            BODY2,
        ]
    )
    labels = ["T", "N", "P", "T", "N", "P", "P"]
    feats = _features(page, labels)
    assert _get(feats[5], "ty_ind=") == "h"  # the centred line the first pass missed
    assert [_get(feats[i], "ty_ind=") for i in (1, 2, 4, 6)] == ["b"] * 4
    assert _get(feats[5], "s1=") == "Ph" and _get(feats[5], "s1pn=") == "NPP"


def test_unsure_headlines_set_no_typography() -> None:
    page = "\n".join(["          全县春耕生产全面铺开", BODY, BODY2])
    labels = ["T", "N", "P"]
    # A headline read with 0.5: below second.SURE, not the page's evidence.
    assert all("ty=none" in f for f in _features(page, labels, [0.5, 0.95, 0.95]))
    assert any(f.startswith("ty_ind=") for f in _features(page, labels)[0])


def test_headlines_set_as_the_bodies_are_tell_nothing() -> None:
    page = "\n".join(["　　全县春耕生产全面铺开", BODY, BODY2])
    feats = _features(page, ["T", "N", "P"])
    assert not any(f.startswith("ty_ind=") for fs in feats for f in fs)


def test_short_lines_standing_alone_are_counted_in_their_story() -> None:
    page = "\n\n".join(
        ["全县春耕生产全面铺开", BODY, "抢抓农时", BODY2, "科技助力", BODY, "市图书馆新馆开馆", BODY]
    )
    labels = ["T", "N", "P", "P", "P", "P", "T", "N"]
    feats = _features(page, labels)
    assert [_get(feats[i], "art_subs=") for i in (1, 2, 3, 4, 5)] == ["0", "0", "1", "1", "2"]
    assert not any(f.startswith("art_subs=") for f in feats[6])  # a headline starts the count again
    assert _get(feats[7], "art_subs=") == "0" and _get(feats[7], "art_chars=") == "0"
    assert _get(feats[3], "art_chars=") == "s"


def test_lengths_are_compared_with_the_pages_sure_titles() -> None:
    page = "\n\n".join(
        ["全县春耕生产全面铺开", BODY + BODY2, "市图书馆新馆开馆迎读者", BODY2, "抢抓农时", BODY]
    )
    feats = _features(page, ["T", "N", "T", "N", "P", "P"])
    assert _get(feats[4], "tlen=") == "out"  # 4 characters; the titles have 10 and 11
    assert _get(feats[2], "tlen=") == "in"
    assert not any(f.startswith("tlen=") for f in feats[1])  # a long line is no title's length


def test_pages_in_lines_get_the_second_pass_and_hard_wrapped_pages_the_first_only() -> None:
    said = BODY.strip() + BODY2.strip()
    page = (
        "全县春耕生产全面铺开\n\n" + "\n\n".join(said[: 14 + (k * 7) % 40] + "。" for k in range(24)) + "\n"
    )
    lab = label_page(page)
    assert len(lab.units) >= second.MIN_UNITS
    assert all(second.MARK in f for f in lab.features)
    assert lab.labels[0] == "T" and lab.labels[1] == "N"
    short = "全县春耕生产全面铺开\n\n" + "\n\n".join([BODY.strip(), BODY2.strip()] * 3) + "\n"
    lab = label_page(short)  # a few lines show no habit of the page's: the first pass only
    assert not any(second.MARK in f for f in lab.features)
    text = (BODY.strip() + BODY2.strip()) * 6
    wrapped = "全县春耕生产全面铺开\n\n" + "\n".join(text[k : k + 16] for k in range(0, len(text), 16)) + "\n"
    us = units(wrapped)
    assert page_kind(us, local_widths(us)) == "w"
    lab = label_page(wrapped)
    assert not any(second.MARK in f for f in lab.features)
    assert lab.labels[0] == "T"


def test_marginals_and_other_labels_come_from_the_model_that_tagged_the_page() -> None:
    from reader.split.features import page_features

    us = units("全县春耕生产全面铺开\n\n" + BODY + "\n\n" + BODY2 + "\n")
    widths = local_widths(us)
    feats = page_features(us, widths)
    labels, probs = crf.tag(feats)
    heads = crf.marginals("KTS")
    more = second.features(us, widths, labels, probs, heads)
    for model, page in ((None, feats), (crf.MODEL2, [f + m for f, m in zip(feats, more, strict=True)])):
        labels, probs = crf.tag(page, model)
        every = {y: crf.marginals(y) for y in crf.LABELS}
        assert [every[y][i] for i, y in enumerate(labels)] == probs
        assert all(abs(sum(every[y][i] for y in crf.LABELS) - 1.0) < 1e-6 for i in range(len(us)))
        assert crf.marginals("KTS") == [every["K"][i] + every["T"][i] + every["S"][i] for i in range(len(us))]
        other, p = crf.best_other(0, labels[0])
        assert other != labels[0] and p == every[other][0]


def test_the_second_model_weighs_the_first_pass_labels() -> None:
    weights = crf.state_weights(crf.MODEL2)
    assert any(f.startswith("s1=") for f, _ in weights)
    assert not any(f.startswith("s1=") for f, _ in crf.state_weights())


def test_the_page_start_is_no_headline_typography() -> None:
    # The page's first line counts 3 blank lines before it: a line set off by two blank lines
    # further down does not look like that headline for it.
    page = "全县春耕生产全面铺开\n\n" + BODY + "\n\n" + BODY2 + "\n\n\n抢抓农时\n\n" + BODY + "\n"
    feats = _features(page, ["T", "N", "P", "P", "P"])
    assert not any("ty_bb=h" in fs for fs in feats[1:])


def test_a_page_edge_is_no_habit_of_the_page() -> None:
    # No blank line anywhere: the one sure headline opens the page, so its "blank lines before" are
    # the page's edge, not a habit. Read as one, every line under it (the next story's headline
    # too) was marked as set like the bodies (ty_bb=b), and the second pass read them all as body.
    page = "\n".join(["全县春耕生产全面铺开", BODY, BODY2, "市图书馆新馆开馆", BODY, BODY2])
    feats = _features(page, ["T", "N", "P", "P", "P", "P"])
    assert not any(f.startswith(("ty_bb=", "ty_ba=")) for fs in feats for f in fs)
    # A habit the page does have is still read: blank lines after its headlines, none elsewhere.
    page = "\n".join(["全县春耕生产全面铺开", "", BODY, BODY2, "市图书馆新馆开馆", "", BODY, BODY2])
    feats = _features(page, ["T", "N", "P", "T", "N", "P"])
    assert [_get(fs, "ty_ba=") for fs in feats] == ["h", "b", "b", "h", "b", "o"]


def _wrapped_features() -> list[list[str]]:
    """The first pass's cues of a headline over three paragraphs hard-wrapped at 14 characters."""
    from reader.split.features import page_features

    page = "全县春耕生产全面铺开\n\n" + "\n\n".join(
        "\n".join(p[k : k + 14] for k in range(0, len(p), 14)) for p in (BODY, BODY2, BODY + BODY2)
    )
    us = units(page + "\n")
    return page_features(us, local_widths(us))


def test_a_paragraph_s_first_line_is_read_as_body() -> None:
    # The shipped model learns a paragraph's first line (Q) apart from its other lines
    # (train.unit_labels); the labeller reads it as body (P).
    t = crf._tagger()
    assert set(crf.folds(t)["P"]) == {"P", "Q"}
    feats = _wrapped_features()
    labels, probs = crf.tag(feats)
    t.set(feats)
    raw = list(t.tag())
    assert "Q" in set(raw) and set(labels) <= set(crf.LABELS)
    for i, y in enumerate(raw):
        if y == "Q":
            assert labels[i] == "P"
            assert abs(probs[i] - (t.marginal("P", i) + t.marginal("Q", i))) < 1e-9
    # --explain names the cues of the reading (P or Q) the unit's features weigh most for.
    weights = crf.state_weights()

    def best(fs: list[str]) -> str:
        return max("PQ", key=lambda q: sum(weights.get((f, q), 0.0) for f in fs))

    read = [i for i, y in enumerate(labels) if y == "P" and best(feats[i]) != "P"]
    assert read
    for i in read:
        q = best(feats[i])
        cues = sorted(((f, w) for f in feats[i] if (w := weights.get((f, q), 0.0)) > 0), key=lambda x: -x[1])
        assert crf.explain(feats[i], "P") == cues[:3]


def test_the_second_pass_reads_a_paragraph_s_first_line_by_its_own_probability() -> None:
    # At run time as in training (train.second_sequences): the second pass is given a Q line's
    # own first-pass probability, not P's and Q's together as the labeller's output gives it.
    feats = _wrapped_features()
    labels, probs = crf.tag(feats)
    first = crf.first_probs()
    t = crf._tagger()
    t.set(feats)
    raw = list(t.tag())
    assert "Q" in raw
    for i, y in enumerate(raw):
        own = t.marginal(y, i) if y == "Q" else probs[i]
        assert abs(first[i] - own) < 1e-9
    q = [i for i, y in enumerate(raw) if y == "Q"]
    assert any(first[i] < probs[i] for i in q)  # P's share is left out
