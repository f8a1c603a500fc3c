"""The archive form readers on small made-up files: form 1 (crawler .txt), 2 and 3 (markdown), records."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from reader.ingest.forms import (
    ARTICLE_MD,
    ARTICLE_MD_HEADINGS,
    ARTICLE_TEXT,
    PAGE,
    ArticleIn,
    Bad,
    classify,
    name_meta,
    parse_mapping,
    read_articles,
)
from reader.ingest.forms.base import BadValue, any_date, any_number, stacked_title


def _read(path: Path, form: str, mapping: dict[str, str] | None = None) -> list[ArticleIn | Bad]:
    return list(read_articles(path, form, str(path), mapping or {}))


def _one(path: Path, form: str) -> ArticleIn:
    (got,) = _read(path, form)
    assert isinstance(got, ArticleIn), got
    return got


# Form 1 -----------------------------------------------------------------------------------------


def test_crawler_text_crlf_with_empty_kicker_and_subtitle(tmp_path: Path) -> None:
    f = tmp_path / "20190206-04-02.txt"
    f.write_bytes("\r\n春风又绿江南岸\r\n\r\n　　第一段文字。\r\n\r\n　　第二段文字。\r\n".encode())
    a = _one(f, ARTICLE_TEXT)
    assert (a.kicker, a.title, a.subtitle) == ("", "春风又绿江南岸", "")
    assert a.body == "第一段文字。\n第二段文字。"
    assert "\r" not in a.body


def test_crawler_text_bom_gb18030_and_full_headline(tmp_path: Path) -> None:
    f = tmp_path / "20200105-01-03.txt"
    f.write_bytes("引题在此\n主标题在此\n——副标题在此\n　　正文一段。\n".encode("gb18030"))
    a = _one(f, ARTICLE_TEXT)
    assert (a.kicker, a.title, a.subtitle, a.body) == ("引题在此", "主标题在此", "——副标题在此", "正文一段。")
    g = tmp_path / "20200105-01-04.txt"
    g.write_bytes(b"\xef\xbb\xbf\n" + "带BOM的标题\n\n　　正文。".encode())
    assert _one(g, ARTICLE_TEXT).title == "带BOM的标题"


def test_crawler_text_photo_with_title_only_and_empty_file(tmp_path: Path) -> None:
    f = tmp_path / "20200105-02-01.txt"
    f.write_text("\n图片报道\n\n", encoding="utf-8")
    a = _one(f, ARTICLE_TEXT)
    assert a.title == "图片报道" and a.body == ""
    blank = tmp_path / "20200105-02-02.txt"
    blank.write_text("\n\n\n   \n", encoding="utf-8")
    (bad,) = _read(blank, ARTICLE_TEXT)
    assert isinstance(bad, Bad) and bad.source == str(blank)


def test_crawler_names_and_folders(tmp_path: Path) -> None:
    f = tmp_path / "人民日报" / "2019年2月" / "20190206" / "20190206-04-02.txt"
    m = name_meta(f, tmp_path)
    assert (m.paper, m.date, m.page, m.position) == ("人民日报", "2019-02-06", 4, 2)
    loose = name_meta(tmp_path / "20190231-04-02.txt", None)  # not a real date: unknown, not invented
    assert loose.date is None and loose.page == 4 and loose.paper is None
    md = name_meta(tmp_path / "晚报" / "20200502" / "第03版(国际)" / "02_标题.md", tmp_path)
    assert (md.paper, md.date, md.page, md.section, md.position) == ("晚报", "2020-05-02", 3, "国际", 2)


# Forms 2 and 3 -------------------------------------------------------------------------------------


HEADER_MD = """### 坚持学习 推进改革　——记某地的一年
本报记者 张三
2020-05-02
第3版(要闻)
专栏：人民时评

　　第一段。
  第二段。
"""


def test_header_markdown(tmp_path: Path) -> None:
    f = tmp_path / "2020-05-02_坚持学习.md"
    f.write_text(HEADER_MD, encoding="utf-8")
    assert classify(f) == ARTICLE_MD
    a = _one(f, ARTICLE_MD)
    assert (a.kicker, a.title, a.subtitle) == ("", "坚持学习 推进改革", "——记某地的一年")
    assert (a.author, a.date, a.page, a.section, a.column) == (
        "本报记者 张三",
        "2020-05-02",
        3,
        "要闻",
        "人民时评",
    )
    assert a.body == "第一段。\n第二段。"
    assert name_meta(f, None).date == "2020-05-02"


def test_markdown_articles_lose_their_web_markup(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(
        "### 春风&middot;<b>江南</b>\n第12版\n\n第一段&nbsp;文字。<br>第二段。\n\n&ldquo;第三段&rdquo;。\n"
    )
    a = _one(f, ARTICLE_MD)
    assert (a.title, a.body) == ("春风·江南", "第一段\xa0文字。\n第二段。\n“第三段”。")
    g = tmp_path / "b.md"
    g.write_text("# 主&amp;标题\n\n<p>正文一段。</p><p>正文二段。</p>\n")
    b = _one(g, ARTICLE_MD_HEADINGS)
    assert (b.title, b.body) == ("主&标题", "正文一段。\n正文二段。")


def test_header_markdown_missing_fields_and_bad_date(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("### 只有标题\n第12版\n\n正文。\n", encoding="utf-8")
    a = _one(f, ARTICLE_MD)
    assert (a.title, a.author, a.date, a.page, a.section) == ("只有标题", "", None, 12, None)
    bad = tmp_path / "b.md"
    bad.write_text("### 标题\n2020-02-30\n第1版\n\n正文。\n", encoding="utf-8")
    (b,) = _read(bad, ARTICLE_MD)
    assert isinstance(b, Bad) and b.line == 2 and "not a date" in b.reason


def test_stacked_titles() -> None:
    assert stacked_title("引题　主标题　副标题") == ("引题", "主标题", "副标题")
    assert stacked_title("主标题  ——副标题") == ("", "主标题", "——副标题")
    assert stacked_title("引题  主标题") == ("引题", "主标题", "")
    # One ASCII space is a printed line break inside one title, not a second part.
    assert stacked_title("三措并举保进度 凝心聚力促发展") == ("", "三措并举保进度 凝心聚力促发展", "")


def test_headings_markdown(tmp_path: Path) -> None:
    f = tmp_path / "标题.md"
    f.write_text("### 引题\n\n# 主标题\n## 副标题\n\n正文一。\n\n## 小标题\n\n正文二。\n", encoding="utf-8")
    assert classify(f) == ARTICLE_MD_HEADINGS
    a = _one(f, ARTICLE_MD_HEADINGS)
    assert (a.kicker, a.title, a.subtitle) == ("引题", "主标题", "副标题")
    assert a.body == "正文一。\n小标题\n正文二。"
    no_kicker = tmp_path / "b.md"
    no_kicker.write_text("# 只有主标题\n正文。\n", encoding="utf-8")
    assert (_one(no_kicker, ARTICLE_MD_HEADINGS).kicker, _one(no_kicker, ARTICLE_MD_HEADINGS).title) == (
        "",
        "只有主标题",
    )


def test_a_markdown_page_stays_a_page(tmp_path: Path) -> None:
    page = tmp_path / "03-国际.md"
    page.write_text("## 第一篇\n\n正文。\n\n## 第二篇\n\n正文。\n", encoding="utf-8")
    assert classify(page) == PAGE
    two = tmp_path / "04.md"
    two.write_text("# 第一篇\n\n正文。\n\n# 第二篇\n\n正文。\n", encoding="utf-8")
    assert classify(two) == PAGE
    assert classify(two, "article") == ARTICLE_MD_HEADINGS
    assert classify(tmp_path / "20200502-01-01.txt") == ARTICLE_TEXT
    assert classify(tmp_path / "20200502-01-01.txt", "page") == PAGE
    assert classify(tmp_path / "01-要闻.txt") == PAGE


def test_classify_reads_a_markdown_page_by_its_first_bytes_and_agrees_with_the_whole_read(
    tmp_path: Path,
) -> None:
    """classify answers "page" from a markdown file's first bytes when they show no article form,
    and in every encoding and line-end habit the answer equals the one from the whole file."""
    from reader.ingest.forms import _surely_page

    header = "### 标题\n作者\n2020-05-02\n\n正文。\n"
    headings = "### 引题\n# 主标题\n\n正文。\n"
    cases = {
        "page.md": ("正文第一段。\n\n" * 400 + "\n\n## 小标题\n\n正文。\n", "utf-8", PAGE, True),
        "gb.md": (header, "gb18030", ARTICLE_MD, False),
        "u16.md": (header, "utf-16", ARTICLE_MD, False),
        "bom.md": (headings, "utf-8-sig", ARTICLE_MD_HEADINGS, False),
        "indent.md": ("\u3000\u3000" + header, "utf-8", ARTICLE_MD, False),
        "crlf.md": ("\r\n\r\n" + headings.replace("\n", "\r\n"), "utf-8", ARTICLE_MD_HEADINGS, False),
        "cr.md": ("正文。\r# 主标题\r正文。\r", "utf-8", PAGE, True),
        "gbpage.md": ("　　正文。\n## 标题\n", "gb18030", PAGE, False),
        "long-line.md": ("正" * 3000 + "\n", "utf-8", PAGE, False),
        "md-page.md": (
            "## 第一篇\n\n" + "正文。" * 300 + "\n\n## 第二篇\n\n正文。\n" * 300,
            "utf-8",
            PAGE,
            True,
        ),
        "short-md-page.md": ("## 第一篇\n\n正文。\n\n## 第二篇\n\n正文。\n", "utf-8", PAGE, True),
        "levels.md": ("### 引题\n\n# 主标题\n\n" + "正文。\n\n" * 900 + "# 又一篇\n", "utf-8", PAGE, False),
        "long-levels.md": (
            "### 引题\n\n# 主标题\n\n" + "正文。\n\n" * 900,
            "utf-8",
            ARTICLE_MD_HEADINGS,
            False,
        ),
    }
    for name, (text, enc, form, quick) in cases.items():
        f = tmp_path / name
        f.write_bytes(text.encode(enc))
        assert classify(f) == form, name
        assert _surely_page(f) is quick, name


# Records -------------------------------------------------------------------------------------------


def test_crawled_bodies_and_titles_lose_their_web_markup(tmp_path: Path) -> None:
    body = (
        "<p>　　本报讯&nbsp;今年以来，全市投资<strong>平稳增长</strong>。</p><p>　　其中&ldquo;民间投\u200b资&rdquo;"
        "继续回升。<br/>新的一行。</p><script>var x = 1;</script><p>&#8220;数字&#x201D;引号 A&amp;B</p>"
    )
    rec = {
        "title": "全市投资&ldquo;稳&rdquo;<b>增长</b>",
        "author": "<span>王小\u200b明</span>",
        "content": body,
    }
    f = tmp_path / "crawl.jsonl"
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    a = _one(f, "jsonl")
    assert (a.title, a.author) == ("全市投资“稳”增长", "王小明")
    assert a.body.split("\n") == [
        "本报讯\xa0今年以来，全市投资平稳增长。",
        "其中“民间投资”继续回升。",
        "新的一行。",
        "“数字”引号 A&B",
    ]
    # A list of paragraphs, each with markup; and text with none (AT&T, a<b) is kept as it is.
    g = tmp_path / "list.jsonl"
    g.write_text(json.dumps({"title": "AT&T 与 a<b", "content": ["<p>一</p>", "二&nbsp;三"]}) + "\n")
    b = _one(g, "jsonl")
    assert (b.title, b.body) == ("AT&T 与 a<b", "一\n二\xa0三")
    # A crawler's text file (form 1) whose body kept the page's paragraphs.
    t = tmp_path / "20200105-01-03.txt"
    t.write_text("\n标题&mdash;在此\n\n<p>　　正文一段。</p><p>　　正文二段。</p>\n", encoding="utf-8")
    c = _one(t, ARTICLE_TEXT)
    assert (c.title, c.body) == ("标题—在此", "正文一段。\n正文二段。")


def test_jsonl_common_names_bad_lines_and_gzip(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "title": "甲",
                "leadtitle": "引",
                "publish_date": "2020/5/2",
                "section_no": "第04版",
                "article_number": 2,
                "layout_name": "国际",
                "content": "段一\n　　段二",
                "views": 9,
            },
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps({"title": "", "content": ""}),
        json.dumps({"title": "乙", "date": "2020-13-01"}, ensure_ascii=False),
        "",
        json.dumps({"title": "丙", "page": "A3"}, ensure_ascii=False),
        json.dumps(["a list"]),
        json.dumps({"title": "丁", "paragraphs": ["一", "二"], "date": "20200502"}, ensure_ascii=False),
    ]
    f = tmp_path / "a.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    got = _read(f, "jsonl")
    ok = [g for g in got if isinstance(g, ArticleIn)]
    bad = [g for g in got if isinstance(g, Bad)]
    assert [a.title for a in ok] == ["甲", "丁"]
    a = ok[0]
    assert (a.kicker, a.date, a.page, a.position, a.section, a.body) == (
        "引",
        "2020-05-02",
        4,
        2,
        "国际",
        "段一\n段二",
    )
    assert ok[1].body == "一\n二" and ok[1].date == "2020-05-02"
    assert [b.line for b in bad] == [2, 3, 4, 6, 7]
    assert all(b.where.startswith(f"{f}:") for b in bad)
    assert "not JSON" in bad[0].reason and "no title and no body" in bad[1].reason
    assert "not a date" in bad[2].reason and "not a number" in bad[3].reason


def test_csv_mapping_wrong_field_count_and_gb18030(tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_bytes(
        '头,版,正文,日期\n标题一,3,正文一,2020-05-02\n标题二,3,正文二\n"标题三",4,"多\n行",2020-05-02\n'.encode(
            "gb18030"
        )
    )
    got = _read(f, "csv", parse_mapping(["title=头", "page=版"]))
    assert [(g.title, g.page, g.body) for g in got if isinstance(g, ArticleIn)] == [
        ("标题一", 3, "正文一"),
        ("标题三", 4, "多\n行"),
    ]
    (bad,) = [g for g in got if isinstance(g, Bad)]
    assert bad.line == 3 and "3 fields" in bad.reason


def test_json_array_and_object(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(
        json.dumps({"data": [{"title": "甲", "text": "正文"}, {"x": 1}]}, ensure_ascii=False),
        encoding="utf-8-sig",
    )
    got = _read(f, "json")
    assert isinstance(got[0], ArticleIn) and got[0].body == "正文"
    assert isinstance(got[1], Bad) and "record 2" in got[1].reason
    broken = tmp_path / "b.json"
    broken.write_text("[{", encoding="utf-8")
    (b,) = _read(broken, "json")
    assert isinstance(b, Bad) and "not JSON" in b.reason


def test_mapping_and_values() -> None:
    assert parse_mapping(["page=layout_number", "body = content"]) == {
        "page": "layout_number",
        "body": "content",
    }
    for wrong in (["page"], ["nosuch=x"], ["page="]):
        with pytest.raises(ValueError):
            parse_mapping(wrong)
    assert any_date("2019年2月6日") == "2019-02-06" and any_date("2019-02-06T08:00:00") == "2019-02-06"
    assert any_date("") is None
    with pytest.raises(BadValue):
        any_date("yesterday")
    assert (
        any_number("第04版(要闻)", "page") == 4
        and any_number(7.0, "page") == 7
        and any_number("", "page") is None
    )
    with pytest.raises(BadValue):
        any_number(-1, "page")
