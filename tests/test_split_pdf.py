"""Rules of the PDF-text splitter, each on a small page made up for the test."""

from __future__ import annotations

from split_helpers import P1, P2, P3, Q1, Q2, R1, R2, articles, pdf, split_rules, wrap

from reader.split.lines import join_wrapped


def test_hard_wraps_rejoin_without_spaces_between_cjk() -> None:
    page = pdf(wrap(P1), wrap(P2), "（王小明）", "图书馆开设夜间自习区")
    (art,) = articles(page)
    assert art.paragraphs[:2] == [P1, P2]


def test_space_kept_only_where_latin_meets_latin() -> None:
    assert join_wrapped("通过手机", "App预约") == "通过手机App预约"
    assert join_wrapped("支持 NFC", "card 借阅") == "支持 NFC card 借阅"
    assert join_wrapped("组织3", "2.5万名干部") == "组织32.5万名干部"
    assert join_wrapped("第5", "G网络") == "第5G网络"
    assert join_wrapped("新冠病毒COVID", "19") == "新冠病毒COVID19"
    assert join_wrapped("第12", "届") == "第12届"
    page = pdf(
        "读者可以用手机里的 NFC\ncard 借阅图书，也可以扫码。\n方便快捷，十分实用好用啊。",
        "（王小明）",
        "借书更方便",
    )
    assert "NFC card 借阅" in articles(page)[0].body


def test_column_break_in_mid_sentence_is_rejoined() -> None:
    half = len(P2) // 2
    page = pdf(wrap(P1), wrap(P2[:half]), wrap(P2[half:]), "（王小明）", "图书馆开设夜间自习区")
    (art,) = articles(page)
    assert P2 in art.paragraphs


def test_byline_on_its_own_line_closes_the_article() -> None:
    page = pdf(
        wrap(P1),
        wrap(P2),
        "（赵一 钱二）",
        "图书馆开设夜间自习区",
        wrap(Q1),
        wrap(Q2),
        "（孙三）",
        "社区新建口袋公园",
    )
    a, b = articles(page)
    assert (a.title, a.byline) == ("图书馆开设夜间自习区", "赵一 钱二")
    assert (b.title, b.byline) == ("社区新建口袋公园", "孙三")
    assert b.body.startswith(Q1)


def test_byline_at_the_end_of_the_last_line() -> None:
    page = pdf(
        wrap(P1),
        wrap(P2 + "（李华）"),
        "图书馆开设夜间自习区",
        wrap(Q1),
        wrap(Q2 + " （周四 吴五）"),
        "社区新建口袋公园",
    )
    a, b = articles(page)
    assert a.byline == "李华" and b.byline == "周四 吴五"
    assert a.body.endswith("（李华）")  # every printed line stays in the output


def test_headline_after_body_with_a_subtitle() -> None:
    page = pdf(
        wrap(P1),
        wrap(P2),
        "（王小明）",
        "图书馆开设夜间自习区",
        "延长开放时间 满足学习需求",
        wrap(Q1),
        "（孙三）",
        "社区新建口袋公园",
    )
    a, b = articles(page)
    assert (a.title, a.subtitle) == ("图书馆开设夜间自习区", "延长开放时间 满足学习需求")
    assert b.title == "社区新建口袋公园" and b.body.startswith(Q1)


def test_subtitle_in_the_same_block_as_the_next_body() -> None:
    q = wrap(Q1)
    page = pdf(
        wrap(P1),
        "（王小明）",
        "图书馆开设夜间自习区",
        "延长开放时间 满足学习需求\n" + q,
        "（孙三）",
        "社区新建口袋公园",
    )
    a, b = articles(page)
    assert a.subtitle == "延长开放时间 满足学习需求"
    assert b.paragraphs == [Q1, "（孙三）"]


def test_two_line_subhead_inside_an_article() -> None:
    page = pdf(
        wrap(P1), "服务时间延长\n学习空间扩大", wrap(P2), wrap(P3), "（王小明）", "图书馆开设夜间自习区"
    )
    (art,) = articles(page)
    assert art.subheads == ("服务时间延长 学习空间扩大",)
    assert art.paragraphs == [P1, "服务时间延长 学习空间扩大", P2, P3, "（王小明）"]


def test_kicker_ending_with_a_dash_then_title() -> None:
    page = pdf(wrap(P1), wrap(P2), "（王小明）", "延长时间、扩大空间、方便预约，市图书馆——", "开设夜间自习区")
    (art,) = articles(page)
    assert art.kicker == "延长时间、扩大空间、方便预约，市图书馆——"
    assert art.title == "开设夜间自习区"


def test_photo_caption_with_a_credit() -> None:
    page = pdf(
        wrap(P1),
        "（王小明）",
        "图书馆开设夜间自习区",
        "读者在自习区学习 郑六 摄",
        wrap(Q1),
        "（孙三）",
        "社区新建口袋公园",
    )
    items = split_rules(page).items
    photos = [i for i in items if i.kind == "photo"]
    assert [(p.caption, p.credit) for p in photos] == [("读者在自习区学习", "郑六 摄")]
    assert len(articles(page)) == 2


def test_caption_paragraphs_ending_with_a_credit() -> None:
    page = pdf(
        wrap(P1),
        "（王小明）",
        "图书馆开设夜间自习区",
        wrap(Q1),
        wrap(Q2 + " 冯七 摄"),
        wrap(R1),
        "（孙三）",
        "全市启动春季植树",
    )
    items = split_rules(page).items
    (photo,) = [i for i in items if i.kind == "photo"]
    assert photo.caption.startswith(Q1) and photo.caption.endswith(Q2)
    assert photo.credit == "冯七 摄"
    assert [a.title for a in articles(page)] == ["图书馆开设夜间自习区", "全市启动春季植树"]


def test_graphic_labels_are_furniture() -> None:
    page = pdf(
        wrap(P1),
        "（王小明）",
        "图书馆开设夜间自习区",
        "步骤二 步骤三",
        "步骤一",
        wrap(Q1),
        "（孙三）",
        "社区新建口袋公园",
    )
    labels = [i.text for i in split_rules(page).items if i.kind == "furniture" and i.role == "label"]
    assert labels == ["步骤二 步骤三", "步骤一"]


def test_page_name_between_two_pages() -> None:
    page = pdf(
        wrap(P1),
        "（王小明）",
        "图书馆开设夜间自习区",
        "郑州·新闻",
        "全市春季植树活动全面启动，各界群众踊跃参与，城乡绿化面积不断扩大，生态环境持续改善",
        wrap("本报讯（记者 陈八 通讯员 褚九）" + R1),
        wrap(R2),
    )
    sp = split_rules(page)
    assert sp.page_name == "郑州·新闻"
    names = [i for i in sp.items if i.role == "page-name"]
    assert [n.text for n in names] == ["郑州·新闻"]
    a, b = articles(page)
    assert a.title == "图书馆开设夜间自习区"
    assert b.kicker.startswith("全市春季植树活动") and b.byline == "记者 陈八 通讯员 褚九"
    assert b.body.startswith("本报讯（记者")


def test_dateline_lead_gives_the_byline() -> None:
    page = pdf("植树造林 绿化家园", wrap("新华社北京3月12日电（记者 卫十）" + R1), wrap(R2))
    (art,) = articles(page)
    assert art.title == "植树造林 绿化家园"
    assert art.byline.replace(" ", "") == "记者卫十"


def test_numbered_parts_printed_out_of_order() -> None:
    lead = "一年来，全市上下齐心协力，各项工作取得新进展，群众获得感不断增强。"
    page = (
        " 全市推进基层治理现代化，构建共建共治共享格局，成效明显\n\n"
        "基层治理的新答卷\n\n" + wrap(R1, 20) + "\n" + wrap(R2, 20) + "\n" + " " + wrap(lead, 10) + "\n\n"
        "持续用力\n绿化城乡面貌3\n\n" + wrap(P1, 20) + "\n\n" + wrap(P2, 20) + "\n\n"
        "创新服务\n方便群众学习1\n\n" + wrap(Q1, 16) + "\n\n" + wrap(Q2, 16) + "\n\n"
        "改善环境\n建设宜居社区2\n"
    )
    arts = {a.part or "main": a for a in articles(page)}
    assert set(arts) == {"main", "1", "2", "3"}
    assert arts["main"].title == "基层治理的新答卷" and arts["main"].body == lead
    assert arts["3"].title == "持续用力 绿化城乡面貌" and arts["3"].body.startswith(R1)
    assert arts["1"].title == "创新服务 方便群众学习" and arts["1"].body.startswith(P1)
    assert arts["2"].body.startswith(Q1)
    assert arts["3"].to_json()["part"] == "3"
    assert [a.part for a in articles(page) if a.part] == ["1", "2", "3"]  # read in number order


def test_list_headline_takes_its_announced_items() -> None:
    def item(name: str) -> str:
        return f"●{name}\n亮点：每天晚上七点，在中心广场举办\n\n活动，欢迎市民参加。"

    page = pdf(
        "全市启动夏夜消费季活动，丰富市民夜间生活，促进消费",
        wrap("本报讯（记者 陈八）" + R1),
        wrap(R2),
        "两大活动精彩纷呈",
        "夏夜消费季\n启动仪式举行",
        wrap("●消费季：整合全市商家资源，推出优惠活动，打造夏夜消费新场景。"),
        "制图 某某",
        item("广场音乐会"),
        item("露天电影"),
        item("美食市集"),
        item("灯光夜游"),
        "两个街区点亮夜经济",
    )
    arts = {a.title: a for a in articles(page)}
    assert arts["两大活动精彩纷呈"].body.startswith("●广场音乐会")
    assert "●露天电影" in arts["两大活动精彩纷呈"].body
    assert arts["两个街区点亮夜经济"].body.startswith("●美食市集")
    assert arts["夏夜消费季 启动仪式举行"].body.startswith("●消费季")
    assert any(i.role == "credit" for i in split_rules(page).items)


def test_bracketed_note_is_furniture_not_a_byline() -> None:
    page = pdf(wrap(P1), "（王小明）", "图书馆开设夜间自习区", "（本版照片均由主办方提供）")
    notes = [i for i in split_rules(page).items if i.kind == "furniture"]
    assert [n.role for n in notes] == ["note"]


def test_picture_reference_is_not_a_byline() -> None:
    page = pdf(
        wrap("开学第一天，学生们有序进入校园。（上图）"), wrap(P2), "（王小明）", "图书馆开设夜间自习区"
    )
    (art,) = articles(page)
    assert art.byline == "王小明"


def test_headlines_inside_blocks_without_blank_lines() -> None:
    page = (
        "市图书馆夜间自习受欢迎\n"
        + wrap(P1, 18)
        + "\n"
        + wrap(P2, 18)
        + "\n城东社区新建口袋公园\n"
        + wrap(Q1, 18)
        + "\n"
    )
    arts = articles(page)
    assert [a.title for a in arts] == ["市图书馆夜间自习受欢迎", "城东社区新建口袋公园"]
    assert arts[0].body.startswith(P1) and arts[1].body == Q1


def test_headline_before_body_pages_without_bylines() -> None:
    page = pdf(
        "图书馆开设夜间自习区", wrap(P1), wrap(P2), "一、延长开放时间", wrap(P3), "社区新建口袋公园", wrap(Q1)
    )
    arts = articles(page)
    assert [a.title for a in arts] == ["图书馆开设夜间自习区", "社区新建口袋公园"]
    assert arts[0].subheads == ("一、延长开放时间",)


def test_byline_line_under_headline_date_and_editor_lines() -> None:
    page = pdf(
        "2024年5月17日 星期五",
        "全市夏粮收购全面展开",
        "——各地加强服务保障",
        "本报记者 韩一 通讯员 杨二",
        wrap("本报讯 " + R1),
        "收储企业开足马力收购新麦 张三 摄",
        "市民在公园里晨练（李四 摄）",
        "责任编辑：王五 美术编辑：赵六",
    )
    sp = split_rules(page)
    (art,) = [i for i in sp.items if i.kind == "article"]
    assert (art.title, art.subtitle) == ("全市夏粮收购全面展开", "——各地加强服务保障")
    assert art.byline == "本报记者 韩一 通讯员 杨二"
    assert art.body.startswith("本报讯")
    photos = [(i.caption, i.credit) for i in sp.items if i.kind == "photo"]
    assert photos == [("收储企业开足马力收购新麦", "张三 摄"), ("市民在公园里晨练", "（李四 摄）")]
    roles = [i.role for i in sp.items if i.kind == "furniture"]
    assert roles == ["date", "editors"]


def test_headline_before_body_with_datelines_and_caption_marks() -> None:
    page = (
        "全市夏粮收购全面展开\n各地加强服务保障\n"
        + wrap("本报讯（记者 韩一）" + R1, 18)
        + "\n\n"
        + wrap(R2, 18)
        + "\n\n▲收储企业工作人员正在检验新麦。\n\n城东社区新建口袋公园\n\n"
        + wrap(Q1, 18)
        + "\n\n图为居民在口袋公园健身\n\n"
        + wrap(Q2, 18)
        + "\n"
    )
    sp = split_rules(page)
    arts = [i for i in sp.items if i.kind == "article"]
    assert [(a.kicker, a.title) for a in arts] == [
        ("全市夏粮收购全面展开", "各地加强服务保障"),
        ("", "城东社区新建口袋公园"),
    ]
    assert arts[0].byline == "记者 韩一" and arts[0].paragraphs[1] == R2
    assert arts[1].paragraphs == [Q1, Q2]
    assert [i.caption for i in sp.items if i.kind == "photo"] == [
        "▲收储企业工作人员正在检验新麦。",
        "图为居民在口袋公园健身",
    ]


def test_second_headline_takes_the_last_body_when_nothing_else_would() -> None:
    page = pdf(wrap(P1, 18), "（王小明）", "图书馆开设夜间自习区", "城东社区新建口袋公园", wrap(Q1, 18))
    a, b = articles(page)
    assert (a.title, a.subtitle) == ("图书馆开设夜间自习区", "")
    assert b.title == "城东社区新建口袋公园" and b.body == Q1


def test_headline_after_body_on_a_page_without_bylines() -> None:
    page = pdf(
        wrap(P1, 18),
        "图书馆开设夜间自习区",
        wrap(Q1, 18),
        "服务居民\n健身休闲两不误",
        wrap(Q2, 18),
        "城东社区新建口袋公园",
    )
    a, b = articles(page)
    assert a.title == "图书馆开设夜间自习区" and a.body == P1
    assert b.title == "城东社区新建口袋公园" and b.subheads == ("服务居民 健身休闲两不误",)


def test_headlines_after_bylines_with_no_blank_lines_at_all() -> None:
    page = "\n".join(
        [
            wrap(P1, 18),
            "（王小明）",
            "图书馆开设夜间自习区",
            wrap(Q1 + "（孙三）", 18),
            "城东社区新建口袋公园",
        ]
    )
    a, b = articles(page)
    assert (a.title, a.byline) == ("图书馆开设夜间自习区", "王小明")
    assert (b.title, b.byline) == ("城东社区新建口袋公园", "孙三")
    assert b.body.startswith(Q1)


def test_kicker_title_subtitle_byline_blocks_marked_subheads_and_end_mark() -> None:
    page = pdf(
        "聚焦高质量发展",
        "全市重点项目建设跑出加速度",
        "——一季度完成投资同比增长12%",
        "本报记者 韩一",
        wrap("本报讯 " + R1, 18),
        "■强化要素保障",
        wrap(R2, 18),
        "■优化营商环境",
        wrap(P1 + "（完）", 18),
        "城东社区新建口袋公园",
        wrap(Q1, 18),
    )
    a, b = articles(page)
    assert (a.kicker, a.title, a.subtitle) == (
        "聚焦高质量发展",
        "全市重点项目建设跑出加速度",
        "——一季度完成投资同比增长12%",
    )
    assert a.byline == "本报记者 韩一"
    assert a.subheads == ("■强化要素保障", "■优化营商环境")
    assert a.body.endswith("（完）")
    assert b.title == "城东社区新建口袋公园" and b.body == Q1


def test_kicker_after_body_then_a_two_line_title() -> None:
    page = pdf(wrap(P1), wrap(P2), "（王小明）", "延长时间、扩大空间，市图书馆——", "开设夜间自习区\n方便读者")
    (art,) = articles(page)
    assert (art.kicker, art.title) == ("延长时间、扩大空间，市图书馆——", "开设夜间自习区 方便读者")
