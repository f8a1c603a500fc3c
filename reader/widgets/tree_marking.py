"""``m`` in the tree: the node under the cursor (an article, a page, a date) read or unread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.widgets.tree import TreeNode

    from reader.widgets.tree_nodes import NodeData

MARKABLE = ("article", "subhead", "page", "edition")


class TreeMarking:
    """Mixed into the section tree: ``m`` asks for the cursor's node to be marked (the screen holds
    the marks); on a node with nothing to mark (a paper) the key goes on to the open article's ``m``."""

    cursor_node: TreeNode[NodeData] | None

    class MarkWanted(Message, namespace="section_tree"):
        """Toggle the read mark of what ``data`` stands for (an article, or every article of a page or date)."""

        def __init__(self, data: NodeData) -> None:
            super().__init__()
            self.data = data

    def _marked_node(self) -> NodeData | None:
        """What ``m`` marks: the cursor's node (a subhead's article), or None on a paper."""
        node = self.cursor_node
        if node is None or node.data is None or node.data.kind not in MARKABLE:
            return None
        if node.data.kind == "subhead" and node.parent is not None and node.parent.data is not None:
            return node.parent.data
        return node.data

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``m`` only on a node it can mark (else the open article's ``m`` takes the key)."""
        if action == "mark_cursor":
            return self._marked_node() is not None
        return True

    def action_mark_cursor(self) -> None:
        """``m``: the node under the cursor read or unread."""
        data = self._marked_node()
        if data is not None:
            self.post_message(self.MarkWanted(data))  # type: ignore[attr-defined]
