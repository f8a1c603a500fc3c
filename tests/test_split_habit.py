"""The second pass's page-habit features (reader.split.habit) on tiny made-up pages."""

from __future__ import annotations

from reader.split.features import full_lines, page_features
from reader.split.habit import habit_features, headline_habit, signature
from reader.split.units import units


def test_headline_habit_reads_which_way_headlines_face() -> None:
    assert headline_habit(list("TNPPTNPP")) == "before"  # each block opens the page or follows a start
    assert headline_habit(list("NPPTNPPT")) == "after"
    assert headline_habit(list("TNPPNPPT")) == "mixed"
    assert headline_habit(list("FTNPPF")) == "before"  # furniture at either end is passed over
    assert headline_habit(list("NPPP")) == "none"


def test_signature_is_the_look_not_the_words() -> None:
    a, b, c = units("　　甲乙丙丁\n\n　　戊己庚辛\n\n子丑寅卯。\n")
    assert signature(a, False) == signature(b, False)  # same indent, blanks and ending
    assert signature(a, False) != signature(c, False)  # no indent, ends a sentence


def test_likeness_leaves_the_line_itself_out() -> None:
    us = units("标题甲\n\n正文一句。\n\n标题乙\n\n正文两句。\n")
    feats = page_features(us)
    labels = ["T", "N", "T", "N"]
    out = habit_features(us, feats, labels, [0.9] * 4, full_lines(us))
    assert out[0][: len(feats[0])] == feats[0]  # the first pass's features are kept
    # The one other title looks just like it; a body line looks like neither title.
    assert "likeT=4" in out[0] and "likeT=4" in out[2]
    assert "likeT=0" in out[1]
    assert "hab=before" in out[0] and "p1ctx=^TN" in out[0]


def test_a_page_with_one_title_has_no_other_to_compare() -> None:
    us = units("标题\n\n正文。\n")
    out = habit_features(us, page_features(us), ["T", "N"], [1.0, 1.0], full_lines(us))
    assert "likeT=none" in out[0]
