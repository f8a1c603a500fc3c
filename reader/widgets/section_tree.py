"""The section tree: paper → edition date → page → article → the article's subheads, loaded lazily.

Children are read from the store in a worker when a node is first expanded, so a store of 100k
articles opens as fast as the sample. Unread marks and counts come from the per-user state.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode
from textual.worker import Worker

from reader.messages import ReadChanged
from reader.models import Article, Edition, Page, Paper
from reader.safe import visible_line
from reader.state import State
from reader.store.nav import PartLinks, part_links
from reader.store.tree_filter import TreeFilter, filter_children
from reader.text.continued import link_mark
from reader.text.labels import date_label
from reader.widgets._data import StoreAccess, edition_of, report_worker_error
from reader.widgets.tree_filtering import TreeFiltering
from reader.widgets.tree_marking import TreeMarking
from reader.widgets.tree_nodes import YEAR_GROUPING, NodeData, article_name, by_year, label, page_name


class SectionTree(TreeMarking, TreeFiltering, Tree[NodeData]):
    """Papers, dates, pages, articles and subheads; Enter on an article opens it."""

    DEFAULT_CSS = """
    SectionTree { scrollbar-size-vertical: 1; overflow-x: hidden; }
    SectionTree > .tree--guides { color: $foreground 45%; }
    SectionTree.-filtered { border-top: solid $foreground 50%; border-title-style: bold; }
    SectionTree > .tree--cursor, SectionTree:focus > .tree--cursor {
        background: transparent; color: $foreground; text-style: reverse bold;
    }
    """

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="tree_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="tree_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="tree_top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="tree_bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="tree_page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="tree_page_up"),
        Binding("h,left", "close_or_parent", "Close / parent", show=False, id="tree_parent"),
        Binding("l,right", "expand", "Expand", show=False, id="tree_expand"),
        Binding("enter", "select_cursor", "Open", id="tree_open"),
        Binding("m", "mark_cursor", "Read/unread", id="tree_mark"),
        Binding("f", "filter", "Filter", show=False, id="tree_filter"),
    ]

    class Loaded(Message):
        """Children of ``node`` were read from the store (posted by the loading worker)."""

        def __init__(
            self, node: TreeNode[NodeData], children: list[Any], fresh: bool, links: PartLinks | None = None
        ) -> None:
            super().__init__()
            self.node = node
            self.children = children
            self.fresh = fresh  # a refresh: replace what is there
            self.links = links or {}  # a page's articles printed across pages (转版)

    class Revealed(Message):
        """The path down to an article was read from the store (posted by the reveal worker)."""

        def __init__(self, article: Article, path: list[tuple[int, list[Any]]], links: PartLinks) -> None:
            super().__init__()
            self.article = article
            self.path = path
            self.links = links

    def __init__(self, access: StoreAccess, state: State, *, id: str | None = None) -> None:
        super().__init__("papers", data=NodeData("root", 0), id=id)
        self.access = access
        self.state = state
        self.show_root = False
        self.guide_depth = 2
        self.article_nodes: dict[int, TreeNode[NodeData]] = {}
        self.page_nodes: dict[int, TreeNode[NodeData]] = {}
        self.edition_nodes: dict[int, TreeNode[NodeData]] = {}
        self._want_cursor: tuple[str, int, int] | None = None
        self._open_keys: set[tuple[str, int]] = set()
        self.edition_year: dict[int, TreeNode[NodeData]] = {}
        self.part_links: PartLinks = {}  # article id -> its 转版 lines, for the tree's marks
        self.tree_filter = TreeFilter()  # what ``f`` narrowed the tree to

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A store read failed: one line to the user, never a silent stall."""
        report_worker_error(self, event)

    def on_mount(self) -> None:
        """Read the papers."""
        self._load(self.root)

    def reload(self) -> None:
        """Read the tree again from the store (new pages imported meanwhile appear), keeping what was open."""
        cursor = self.cursor_node
        if cursor is not None and cursor.data is not None:
            self._want_cursor = (cursor.data.kind, cursor.data.id, cursor.data.subhead)
        # Every level is rebuilt, so what was open is remembered by kind and id, not by node.
        self._open_keys = set()
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.is_expanded and node.data is not None:
                self._open_keys.add((node.data.kind, node.data.id))
                stack.extend(node.children)
        self._load(self.root, fresh=True)

    @work(thread=True, exit_on_error=False, group="tree")
    def _load(self, node: TreeNode[NodeData], fresh: bool = False) -> None:
        data = node.data
        assert data is not None
        links: PartLinks = {}
        with self.access.connect() as store:
            children: list[Any]
            if data.kind == "root":
                children = store.papers()
            elif data.kind == "paper":
                children = store.editions(data.id)
            elif data.kind == "edition":
                children = store.pages(data.id)
            elif data.kind == "page":
                children = store.articles(data.id)
                links = part_links(store, data.id)
            else:
                children = []
            children = filter_children(store, self.tree_filter, data.kind, data.id, children)
        self.post_message(self.Loaded(node, children, fresh, links))

    def on_section_tree_loaded(self, message: Loaded) -> None:
        """Put the children in place (the UI side of ``_load``)."""
        message.stop()
        self.part_links.update(message.links)
        data = message.node.data
        if data is not None and data.loaded and not message.fresh:
            return  # a reveal filled this level meanwhile; reading it again would close what it opened
        if data is not None and data.kind == "root" and not message.children and not self.tree_filter.empty:
            self.notify(
                f"Nothing matches the filter {self.tree_filter.text} (f, then empty, clears it).",
                markup=False,
            )
        self._populate(message.node, message.children, fresh=message.fresh)

    def _populate(self, node: TreeNode[NodeData], children: list[Any], fresh: bool = False) -> None:
        """Replace ``node``'s children by nodes for these store rows, keeping expanded ones open."""
        data = node.data
        assert data is not None
        was_open: set[tuple[str, int]] = {
            (c.data.kind, c.data.id) for c in node.children if c.data is not None and c.is_expanded
        }
        if fresh:
            was_open |= self._open_keys
        self._forget(node)
        node.remove_children()
        data.loaded = True
        if data.kind == "root":
            for paper in children:
                self._add_paper(node, paper)
            if self.cursor_line < 0 and node.children:
                self.move_cursor(node.children[0])
        elif data.kind == "year":
            reads = self.state.read_count_by_edition([e.id for e in children])
            for edition in children:
                self._add_edition(node, edition, reads.get(edition.id, 0))
        elif data.kind == "paper":
            reads = self.state.read_count_by_edition([e.id for e in children])
            if len(children) > YEAR_GROUPING:
                self._add_years(node, children, reads)
            else:
                for edition in children:
                    self._add_edition(node, edition, reads.get(edition.id, 0))
        elif data.kind == "edition":
            reads = self.state.read_count_by_page([p.id for p in children])
            for page in children:
                self._add_page(node, page, reads.get(page.id, 0))
        elif data.kind == "page":
            read = self.state.read_ids([a.id for a in children])
            for article in children:
                self._add_article(node, article, article.id in read)
        added = [
            *node.children,
            *(g for c in node.children if c.data and c.data.kind == "year" for g in c.children),
        ]
        for child in added:
            if child.data is not None and (child.data.kind, child.data.id) in was_open:
                child.expand()  # posts NodeExpanded, which reads its children again
                if fresh and child.data.kind in ("paper", "edition", "page"):
                    self._load(child, fresh=True)
                    child.data.loaded = True  # so the NodeExpanded handler does not read it twice
            if (
                self._want_cursor
                and child.data is not None
                and (child.data.kind, child.data.id, child.data.subhead) == self._want_cursor
            ):
                self._want_cursor = None
                self.call_after_refresh(self._move_to, child)

    def _forget(self, node: TreeNode[NodeData]) -> None:
        """Drop the lookups of the nodes under ``node`` (about to be replaced)."""
        stack = list(node.children)
        while stack:
            child = stack.pop()
            stack.extend(child.children)
            if child.data is None:
                continue
            for kind, lookup in (
                ("article", self.article_nodes),
                ("page", self.page_nodes),
                ("edition", self.edition_nodes),
            ):
                if child.data.kind == kind and lookup.get(child.data.id) is child:
                    del lookup[child.data.id]
            if child.data.kind == "year":
                for edition in child.data.extra.get("editions", []):
                    if self.edition_year.get(edition.id) is child:
                        del self.edition_year[edition.id]

    def _add_paper(self, parent: TreeNode[NodeData], paper: Paper) -> None:
        data = NodeData("paper", paper.id, visible_line(paper.name))
        parent.add(label(data), data=data)

    def _add_years(self, parent: TreeNode[NodeData], editions: list[Edition], reads: dict[int, int]) -> None:
        """Dates under one node per year (newest first); unknown dates stay directly under the paper."""
        years, undated = by_year(editions)
        for year, group in years.items():
            data = NodeData(
                "year",
                int(year),
                f"{year}年",
                total=sum(e.articles for e in group),
                read=sum(reads.get(e.id, 0) for e in group),
            )
            # The year's dates become nodes when it is opened: thousands of dates cost nothing until then.
            data.extra["editions"] = group
            node = parent.add(label(data), data=data)
            for edition in group:
                self.edition_year[edition.id] = node
        for edition in undated:
            self._add_edition(parent, edition, reads.get(edition.id, 0))

    def get_label_width(self, node: TreeNode[NodeData]) -> int:
        """A label's width from its plain text (Tree renders every label to measure it otherwise,
        which is what makes a node of thousands of children slow to open)."""
        label = node.label
        return cell_len(label.plain if isinstance(label, Text) else label)

    def _add_edition(self, parent: TreeNode[NodeData], edition: Edition, read: int) -> None:
        data = NodeData("edition", edition.id, date_label(edition.date), total=edition.articles, read=read)
        data.extra["date"] = edition.date
        self.edition_nodes[edition.id] = parent.add(label(data), data=data)

    def _add_page(self, parent: TreeNode[NodeData], page: Page, read: int) -> None:
        data = NodeData(
            "page", page.id, page_name(page), total=page.articles, read=read, edition_id=page.edition_id
        )
        self.page_nodes[page.id] = parent.add(label(data), data=data)

    def _add_article(self, parent: TreeNode[NodeData], article: Article, read: bool) -> None:
        page = parent.data
        data = NodeData(
            "article",
            article.id,
            article_name(article),
            read=int(read),
            total=1,
            photo=article.kind == "photo",
            page_id=article.page_id,
            edition_id=page.edition_id if page else None,
        )
        data.extra["links"] = link_mark(self.part_links.get(article.id, []))
        if article.subheads:
            node = parent.add(label(data), data=data)
            for index, subhead in enumerate(article.subheads):
                sub = NodeData("subhead", article.id, visible_line(subhead), subhead=index)
                node.add_leaf(label(sub), data=sub)
        else:
            node = parent.add_leaf(label(data), data=data)
        self.article_nodes[article.id] = node

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        """Read a node's children the first time it is opened."""
        data = event.node.data
        if data is None or data.loaded:
            return
        if data.kind == "year":
            # Its dates are in memory already; after a refresh, dates that were open open again.
            self._populate(event.node, data.extra["editions"], fresh=bool(self._open_keys))
        elif data.kind in ("paper", "edition", "page"):
            self._load(event.node)

    def action_close_or_parent(self) -> None:
        """Close the node under the cursor; on a closed node or a leaf, go to its parent."""
        node = self.cursor_node
        if node is not None and node.allow_expand and node.is_expanded:
            node.collapse()
        else:
            self.action_cursor_parent()

    def action_expand(self) -> None:
        """Open the node under the cursor."""
        node = self.cursor_node
        if node is not None and node.allow_expand and not node.is_expanded:
            node.expand()

    def mark_read(self, change: ReadChanged) -> None:
        """An article's read mark changed: update its mark and its page's and date's unread counts.

        The page and date are found by id, so the counts follow even when the article's page has
        not been opened in the tree.
        """
        delta = 1 if change.read else -1
        node = self.article_nodes.get(change.article_id)
        if node is not None and node.data is not None:
            node.data.read = int(change.read)
            node.set_label(label(node.data))
        if not change.counted:
            return  # photos are not in the page and date counts
        for nodes, key in ((self.page_nodes, change.page_id), (self.edition_nodes, change.edition_id)):
            target = nodes.get(key) if key is not None else None
            if target is None and nodes is self.edition_nodes and key is not None:
                target = self.edition_year.get(key)  # a year not opened yet: only its count
            while (
                target is not None
                and target.data is not None
                and target.data.kind in ("page", "edition", "year")
            ):
                target.data.read = max(0, min(target.data.total, target.data.read + delta))
                target.set_label(label(target.data))
                # A date's count rolls up into its year's; a page's stops at the page.
                target = target.parent if target.data.kind == "edition" else None

    def reveal(self, article_id: int) -> None:
        """Open the tree down to an article and put the cursor on it (reads the path in a worker)."""
        self._reveal(article_id)

    @work(thread=True, exit_on_error=False, group="tree")
    def _reveal(self, article_id: int) -> None:
        with self.access.connect() as store:
            article = store.article(article_id)
            if article is None:
                return
            paper = next((p for p in store.papers() if p.name == article.paper), None)
            if paper is None:
                return
            editions = store.editions(paper.id)
            path: list[tuple[int, list[Any]]] = [(0, store.papers()), (paper.id, editions)]
            # The page names its edition: no need to read every edition's pages.
            edition_id = edition_of(store, article.page_id)
            links = part_links(store, article.page_id)
            edition = next((e for e in editions if e.id == edition_id), None)
            if edition is not None:
                path.append((edition.id, store.pages(edition.id)))
                path.append((article.page_id, store.articles(article.page_id)))
        self.post_message(self.Revealed(article, path, links))

    def on_section_tree_revealed(self, message: Revealed) -> None:
        """Open each level of the path and move the cursor to the article."""
        message.stop()
        self.part_links.update(message.links)
        (_, papers), (paper_id, editions), *rest = message.path
        self._open(self.root, papers)
        paper = next((c for c in self.root.children if c.data is not None and c.data.id == paper_id), None)
        self._open(paper, editions)
        # The rest of the path is the edition, then the page (ids of the two can coincide).
        for (node_id, children), nodes in zip(rest, (self.edition_nodes, self.page_nodes), strict=False):
            year = self.edition_year.get(node_id) if nodes is self.edition_nodes else None
            if year is not None and year.data is not None:
                self._open(year, year.data.extra["editions"])
            self._open(nodes.get(node_id), children)
        target = self.article_nodes.get(message.article.id)
        if target is not None:
            self.call_after_refresh(self._move_to, target)

    def _open(self, node: TreeNode[NodeData] | None, children: list[Any]) -> None:
        """Fill ``node`` from a reveal if it was never read (reading it again would close what is open)."""
        if node is None or node.data is None:
            return
        if not node.data.loaded:
            self._populate(node, children)
        node.expand()

    def _move_to(self, node: TreeNode[NodeData]) -> None:
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)
