"""Stores and helpers the app tests share (no tests here)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from reader.ingest import build_sample_store, import_paths
from reader.ingest.meta import Meta
from reader.store import Store
from reader.widgets._data import StoreAccess

HOSTILE_TITLE = "标题\x1b]0;PWNED\x07测试[bold]x[/]"
HOSTILE_BODY = "正文\x1b[31m红色\x1b[0m文字，\u202e反向\u202c控制字符[red]markup[/red]。"

PAGES = {
    "测试日报/2024-05-02/01-要闻.md": (
        "## 洛阳牡丹文化节开幕\n\n本报记者 张三\n\n"
        "本报讯 4月1日，第四十一届中国洛阳牡丹文化节开幕。来自各地的游客纷至沓来，赏花观景。牡丹花开时节，"
        "洛阳城里处处是看花的人，街头巷尾都在说牡丹。\n\n"
        "## 花开满城\n\n王城公园、隋唐城遗址植物园等赏花点游人如织。牡丹花开，洛阳城里一片繁华景象。"
        "有人一早就来排队，只为拍下第一缕阳光下的牡丹。\n\n"
        "## 文旅融合\n\n洛阳推出多条文旅线路，带动消费增长。游客说：“洛阳的牡丹真好看！”"
        "夜游洛邑古城的人也比往年多了许多。\n\n"
        "## 黄河生态保护持续推进\n\n本报讯 记者李四报道：今年以来，我市持续推进黄河流域生态保护和高质量发展，"
        "沿黄生态廊道建设取得新进展。\n"
    ),
    "测试日报/2024-05-02/02-经济.md": (
        "## 制造业投资稳步增长\n\n本报讯 一季度，全市制造业投资同比增长12.5%，高于全部投资增速。\n\n"
        "## 小微企业贷款更便利\n\n本报讯 多家银行推出线上贷款产品，小微企业申请更便利。\n"
    ),
    "测试日报/2024-05-01/01-要闻.md": "## 春耕生产忙\n\n本报讯 田间地头，农民们正忙着春耕。牡丹也快开了。\n",
    "测试日报/2024-05-01/02-杂谈.md": f"## {HOSTILE_TITLE}\n\n{HOSTILE_BODY}\n",
}


def make_pages(root: Path) -> Path:
    """Write the made-up pages under ``root`` in the import folder convention."""
    for rel, text in PAGES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def made_store(tmp: Path) -> StoreAccess:
    """A small store of made-up pages: two dates, four pages, subheads, a hostile article."""
    pages = make_pages(tmp / "pages")
    path = tmp / "made.db"
    with Store.open(path) as store:
        # Made-up pages written for the hand-written rules; these tests are about the app.
        report = import_paths(store, [pages / "测试日报"], Meta(split="rules"))
    assert not report.error, report.error
    return StoreAccess(path)


def sample_store(tmp: Path) -> StoreAccess:
    """The bundled sample, imported by the real importer."""
    path = tmp / "sample.db"
    build_sample_store(path)
    return StoreAccess(path)


def _quiet(app: App[object]) -> bool:
    """No worker running and no message waiting in the app or any widget of any screen."""
    if app.workers:
        return False
    nodes = [app, *(node for screen in app.screen_stack for node in screen.walk_children(with_self=True))]
    return all(node.message_queue_size == 0 for node in nodes)


async def settle(pilot: Pilot[object]) -> None:
    """Let workers finish and their messages land (tree loads, article loads, searches).

    Returns after two pauses in a row find the app quiet (no worker, no message queued): a worker's
    message may start another (a tree load opens an article), and a thread worker can post its
    message and be gone before the pump has read it, so one empty look is not enough.
    """
    quiet = 0
    for _ in range(40):
        await pilot.pause()
        if _quiet(pilot.app):
            quiet += 1
            if quiet == 2:
                return
            continue
        quiet = 0
        if pilot.app.workers:
            await pilot.app.workers.wait_for_complete()
    raise AssertionError("workers kept starting workers: the app never settled")


async def press(pilot: Pilot[object], *keys: str) -> None:
    """Press keys one by one, settling after each (each may start a worker)."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def notifications(app: App[object]) -> list[str]:
    """The messages ``app.notify`` is given from now on (widgets and screens notify through it)."""
    notes: list[str] = []
    real = app.notify

    def record(message: str, **kw: Any) -> None:
        notes.append(str(message))
        real(message, **kw)

    app.notify = record  # type: ignore[method-assign]
    return notes


def screen_text(app: object) -> str:
    """What the screen shows, as plain text lines."""
    # Textual has no public call for the composed screen as text (export_screenshot is SVG).
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


async def wait_until(
    pilot: Pilot[object], predicate: Callable[[], bool], timeout: float = 30.0, *, then_settle: bool = True
) -> None:
    """Pause until ``predicate()`` holds (a loaded machine can be slow), failing after ``timeout``.

    ``then_settle=False`` returns at once, for a test that holds a worker back on purpose.
    """
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the app did not get there in time")
        await pilot.pause(0.02)
    if then_settle:
        await settle(pilot)
