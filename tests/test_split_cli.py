"""The ``split`` command through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from split_helpers import P1, P2, pdf, wrap

from reader.cli import cli

PAGE = pdf(wrap(P1), wrap(P2), "（王小明）", "图书馆开设夜间自习区")


def _write(tmp_path: Path, text: str, name: str = "page.txt") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_jsonl_prints_one_object_per_item(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["split", str(_write(tmp_path, PAGE)), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines() if line.strip()]
    assert rows[0]["kind"] == "article" and rows[0]["title"] == "图书馆开设夜间自习区"
    assert "图书馆" in r.output  # ensure_ascii=False: the text is readable


def test_text_view_shows_title_byline_and_body(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["split", str(_write(tmp_path, PAGE))])
    assert r.exit_code == 0, r.output
    assert "图书馆开设夜间自习区" in r.output and "王小明" in r.output
    r2 = CliRunner().invoke(cli, ["split", str(_write(tmp_path, PAGE)), "--format", "text"])
    assert r2.output == r.output


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["split", str(tmp_path / "nope.txt")])
    assert r.exit_code != 0
    lines = [x for x in r.output.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("paper-reader: error:")
    assert "Traceback" not in r.output


def test_binary_file_and_folder_are_refused(tmp_path: Path) -> None:
    pdf_file = tmp_path / "x.pdf"
    pdf_file.write_bytes(b"%PDF-1.4 binary")
    for target in (pdf_file, tmp_path):
        r = CliRunner().invoke(cli, ["split", str(target)])
        assert r.exit_code != 0
        assert r.output.strip().startswith("paper-reader: error:")
        assert len(r.output.strip().splitlines()) == 1


def test_markup_is_shown_literally(tmp_path: Path) -> None:
    page = pdf(wrap("[bold]x[/] 这是正文里的方括号，不是样式标记。"), "（王小明）", "[red]标题[/red]")
    r = CliRunner().invoke(cli, ["split", str(_write(tmp_path, page))])
    assert r.exit_code == 0, r.output
    assert "[bold]x[/]" in r.output and "[red]标题[/red]" in r.output


def test_escape_bytes_never_reach_the_terminal(tmp_path: Path) -> None:
    page = pdf(wrap("正文\x1b[2J里有控制字符\x07，要显示出来。" + P1 * 20), "（王小明）", "标题\x1b]0;x\x07")
    for fmt in ("text", "jsonl"):
        r = CliRunner().invoke(cli, ["split", str(_write(tmp_path, page)), "--format", fmt])
        assert r.exit_code == 0, r.output
        assert "\x1b" not in r.output and "\x07" not in r.output


def test_help_has_examples() -> None:
    r = CliRunner().invoke(cli, ["split", "--help"])
    assert r.exit_code == 0 and "Examples" in r.output and "--format" in r.output


def test_explain_names_each_line_its_label_and_cues(tmp_path: Path) -> None:
    page = "## 标题一\n\n本报讯 今天天气很好。\n\n---\n\n## 标题二\n\n本报讯 县里开会。\n"
    r = CliRunner().invoke(cli, ["split", str(_write(tmp_path, page)), "--explain"])
    assert r.exit_code == 0, r.output
    rows = [ln.split() for ln in r.output.splitlines() if ln[:4].strip().isdigit()]
    heads = {"kicker", "title", "subtitle"}
    assert [row[0] for row in rows] == ["1", "3", "5", "7", "9"]
    assert rows[0][1] in heads and rows[3][1] in heads
    assert rows[1][1:3] == rows[4][1:3] == ["new", "body"] and rows[2][1] == "furniture"
    assert "dateline +" in r.output  # the 电头 is named among the cues of the first body lines
    assert "a separator line" in r.output
    # A page of a few lines is labelled once (reader.split.second.MIN_UNITS); a longer one twice,
    # and the output says so once.
    assert "labelled in two passes" not in r.output
    said = "本报讯 今天天气很好，县里开会，研究春耕生产和农田水利建设的各项工作。"
    long_page = "## 标题一\n\n" + "\n\n".join(said[: 12 + (k * 7) % 24] + "。" for k in range(25)) + "\n"
    r = CliRunner().invoke(cli, ["split", str(_write(tmp_path, long_page)), "--explain"])
    assert r.exit_code == 0, r.output
    assert r.output.count("labelled in two passes") == 1


def test_explain_names_the_rule_that_overrode_the_model(tmp_path: Path) -> None:
    page = (
        "市区新建三座口袋公园\n\n本报讯 今年以来，市区新建三座口袋公园，周边居民散步健身有了好去处。\n\n"
        "公园管理员（右二）向居民介绍口袋公园的健身设施\n\n"
        "口袋公园面积不大，却配齐了健身设施和休息座椅，居民下楼就能到。\n"
    )
    r = CliRunner().invoke(cli, ["split", str(_write(tmp_path, page)), "--explain"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    (k,) = [n for n, ln in enumerate(lines) if "（右二）" in ln]
    assert lines[k].split()[1] == "caption"
    assert lines[k + 1].split() == [
        "rule:",
        "a",
        "caption:",
        "says",
        "where",
        "a",
        "person",
        "stands",
        "in",
        "the",
        "picture",
    ]
    assert lines[k + 2].split()[0] == "model:"


def test_explain_says_when_a_page_is_read_closed_up(tmp_path: Path) -> None:
    said = [
        "国 务院近日 印发《关于进一步做好稳 就业工作的意见》，提出 多项举措，各 地抓紧落 实。",
        "意见指出，要加 大对企业稳岗的 支持力度，鼓励 企业不裁员或少 裁员，稳 定就业。",
        "各地要结 合实际，抓紧制定 具体办法，确保 政策落地见效，惠 及广大群众。",
        "人力资 源社会保障部门要 加强统筹协调，做好 政策宣传解读和 服务工作。",
    ]
    page = "## 稳就业意见印发\n\n" + "\n\n".join(said) + "\n"
    r = CliRunner().invoke(cli, ["split", str(_write(tmp_path, page)), "--explain"])
    assert r.exit_code == 0, r.output
    assert r.output.count("closed up") == 1
    assert "国 务院近日" in r.output  # each line is shown as the page has it
    plain = "## 稳就业意见印发\n\n" + "\n\n".join(s.replace(" ", "") for s in said) + "\n"
    r = CliRunner().invoke(cli, ["split", str(_write(tmp_path, plain)), "--explain"])
    assert r.exit_code == 0 and "closed up" not in r.output
