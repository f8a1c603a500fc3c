"""The article as set lines: indent, subheads, captions, hits, hostile text, widths."""

from __future__ import annotations

from rich.cells import cell_len

from reader.models import Article
from reader.text.labels import citation
from reader.text.styled import styled
from reader.widgets.article_text import (
    INDENT,
    STYLE_CURRENT_HIT,
    STYLE_HIT,
    STYLE_SUBHEAD,
    render_article,
)


def article(**kw: object) -> Article:
    base: dict[str, object] = dict(
        id=1,
        page_id=1,
        position=0,
        kind="article",
        kicker="",
        title="标题",
        subtitle="",
        byline="记者 甲",
        subheads=("小标题",),
        body="第一段，说牡丹。\n小标题\n第二段，也说牡丹和黄河。",
        paper="测试日报",
        date="2024-05-02",
        page_number=1,
        section="要闻",
    )
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def plain(lines: list) -> list[str]:  # type: ignore[type-arg]
    return [line.plain for line in lines]


def test_head_meta_and_indented_paragraphs() -> None:
    out = plain(render_article(article(kicker="引题", subtitle="副题"), 60).lines)
    assert out[:4] == ["引题", "标题", "副题", "测试日报 · 2024-05-02 · 第1版 要闻 · 记者 甲"]
    assert out[4] == ""
    assert out[5] == INDENT + "第一段，说牡丹。"
    assert "小标题" in out and INDENT + "小标题" not in out


def test_subheads_are_styled_and_located() -> None:
    rendered = render_article(article(), 60)
    (line,) = rendered.subhead_lines
    assert rendered.lines[line].plain == "小标题"
    assert (
        any(str(span.style) == STYLE_SUBHEAD for span in rendered.lines[line].spans)
        or rendered.lines[line].style == STYLE_SUBHEAD
    )


def test_every_line_fits_the_measure_and_wide_panes_are_capped() -> None:
    long = article(body="这是一段很长的文字，" * 40)
    for width in (20, 37, 52, 78):
        assert all(cell_len(line.plain) <= width for line in render_article(long, width).lines)
    wide = render_article(long, 200)
    assert wide.width == 80 and max(cell_len(line.plain) for line in wide.lines) <= 80


def test_hits_are_highlighted_and_their_lines_known() -> None:
    def find(text: str) -> list[tuple[int, int]]:
        spans, start = [], text.find("牡丹")
        while start >= 0:
            spans.append((start, start + 2))
            start = text.find("牡丹", start + 1)
        return spans

    rendered = render_article(article(), 60, highlighter=find, current_hit=1)
    assert len(rendered.hit_lines) == 2
    styles = [
        str(s.style) for line in rendered.lines for s in line.spans if line.plain[s.start : s.end] == "牡丹"
    ]
    assert styles == [STYLE_HIT, STYLE_CURRENT_HIT]
    assert "牡丹" in rendered.lines[rendered.hit_lines[1]].plain


def test_highlights_survive_control_characters_before_them() -> None:
    body = "\x1b[31m红色\x1b[0m牡丹"
    text = styled(body, [(body.index("牡丹"), body.index("牡丹") + 2)], STYLE_HIT)
    assert text.plain == "␛[31m红色␛[0m牡丹"
    (span,) = text.spans
    assert text.plain[span.start : span.end] == "牡丹"


def test_hostile_text_is_made_visible_and_never_markup() -> None:
    hostile = article(title="\x1b]0;PWNED\x07[bold]x[/]", body="\u202e反向[red]r[/red]", subheads=())
    out = "\n".join(plain(render_article(hostile, 60).lines))
    assert "␛]0;PWNED␇[bold]x[/]" in out and "<U+202E>反向[red]r[/red]" in out
    assert "\x1b" not in out and "\x07" not in out


def test_photos_show_their_caption_and_credit() -> None:
    photo = article(kind="photo", title="", body="", subheads=(), caption="游客赏花", credit="记者 乙 摄")
    out = plain(render_article(photo, 60).lines)
    assert out[0] == "［图］游客赏花" and out[1] == "记者 乙 摄"


def test_citation_names_paper_date_page_title() -> None:
    assert citation(article()) == "测试日报 · 2024-05-02 · 第1版 要闻 · 标题"
    assert (
        citation(article(date=None, page_number=None, section=None))
        == "测试日报 · 日期不详 · 版次不详 #1 · 标题"
    )


def test_a_page_without_a_number_has_one_clear_stable_label() -> None:
    from reader.text.labels import page_label

    assert page_label(3, "要闻") == "第3版 要闻"
    assert page_label(None, "洛阳·县区") == "洛阳·县区"  # the 版名 alone names it
    assert page_label(None, None, page_id=12) == "版次不详 #12"  # the id `paper-reader raw 12` takes
    assert page_label(None, None, page_id=12) != page_label(None, None, page_id=13)
