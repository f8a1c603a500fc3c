"""Rules that carry the PDF-text splitter beyond the seed pages, each on a small made-up page."""

from __future__ import annotations

from split_helpers import P1, P2, P3, Q1, Q2, R1, R2, articles, pdf, split_rules, wrap


def test_headline_before_a_new_text_frame_closes_the_article_before_it() -> None:
    # No byline ends the first story; its headline follows it, then an indented first line opens a
    # new text frame: the headline is the first story's title, not a subhead.
    page = pdf(
        " " + wrap(P1),
        wrap(P2),
        "夜间自习受欢迎",
        " " + wrap(Q1),
        wrap(Q2),
        "（赵小红）",
        "口袋公园进社区",
    )
    first, second = articles(page)
    assert first.title == "夜间自习受欢迎"
    assert not first.subheads
    assert first.paragraphs == [P1, P2]
    assert second.title == "口袋公园进社区"
    assert second.paragraphs[0] == Q1


def test_headline_before_a_dateline_closes_the_article_before_it() -> None:
    q = "本报电（记者 赵小红）" + Q1
    page = pdf(wrap(P1), wrap(P2), "夜间自习受欢迎", wrap(q), wrap(Q2), "口袋公园进社区")
    first, second = articles(page)
    assert first.title == "夜间自习受欢迎"
    assert second.paragraphs[0].startswith("本报电")


def test_two_short_equal_headline_lines_are_one_title() -> None:
    # Two four-character lines are one title wrapped in a narrow column, not a kicker over a title.
    page = pdf(wrap(P1), wrap(P2), "（赵小红）", "夜间自习\n广受好评")
    (art,) = articles(page)
    assert art.kicker == ""
    assert art.title.replace(" ", "") == "夜间自习广受好评"


def test_two_equal_clause_lines_stay_kicker_and_title() -> None:
    page = pdf(wrap(P1), wrap(P2), "（赵小红）", "馆舍延时开放惠读者\n夜间自习广受好评")
    (art,) = articles(page)
    assert art.kicker == "馆舍延时开放惠读者"
    assert art.title == "夜间自习广受好评"


def _paragraph_page(*middle: str) -> str:
    head = ["城东区建设口袋公园", "本报记者 赵小红", P1, "规划先行 科学布局", P2]
    return "\n\n".join([*head, *middle, P3 + R1 + R2]) + "\n"


def test_line_unlike_the_articles_subheads_is_a_caption() -> None:
    sp = split_rules(_paragraph_page("多方参与 共建共享", Q1, "居民在公园里散步", Q2))
    assert sp.layout == "paragraphs"
    (art,) = [i for i in sp.items if i.kind == "article"]
    assert art.subheads == ("规划先行 科学布局", "多方参与 共建共享")
    assert [i.caption for i in sp.items if i.kind == "photo"] == ["居民在公园里散步"]


def test_subheads_of_one_shape_without_gaps_all_stay_subheads() -> None:
    sp = split_rules(_paragraph_page("居民在公园里散步", Q1 + Q2))
    (art,) = [i for i in sp.items if i.kind == "article"]
    assert art.subheads == ("规划先行 科学布局", "居民在公园里散步")
    assert not [i for i in sp.items if i.kind == "photo"]


def test_agency_prefix_of_a_photo_credit_stays_in_the_credit() -> None:
    page = pdf(wrap(P1), wrap(P2), "（赵小红）", "夜间自习受欢迎", "读者在自习区看书 本报记者 钱小平 摄")
    (photo,) = [i for i in split_rules(page).items if i.kind == "photo"]
    assert photo.caption == "读者在自习区看书"
    assert photo.credit == "本报记者 钱小平 摄"
