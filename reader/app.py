"""The Textual app: global keys, the user's keymap and theme, jieba warmed in the background."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker

from reader.config import Config
from reader.messages import PageCorrected, ReadChanged
from reader.screens._key_order import OrderedKeys
from reader.screens.main import MainScreen
from reader.state import State
from reader.widgets._data import StoreAccess, report_worker_error


class ReaderApp(OrderedKeys, App[None]):
    """paper-reader: the section tree, the article pane and search, all on the keyboard."""

    # Absolute, so subclasses defined elsewhere (tests, the bench) find it too.
    CSS_PATH = str(Path(__file__).with_name("reader.tcss"))
    TITLE = "paper-reader"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+p", "command_palette", "palette", show=False, id="palette"),
    ]

    def __init__(
        self,
        access: StoreAccess,
        config: Config | None = None,
        *,
        state: State | None = None,
        warm_tokens: bool = True,
        save_every: float = 3.0,
    ) -> None:
        super().__init__()
        self.access = access
        self.config = config or Config()
        self.state = state or State(access.key)
        self.warm_tokens = warm_tokens
        # Over SSH every animation frame is bytes on the wire: none by default.
        self.animation_level = "none"
        self.main = MainScreen(access, self.state, save_every=save_every)

    def get_default_screen(self) -> MainScreen:
        """The main screen is the bottom of the stack."""
        return self.main

    def on_mount(self) -> None:
        """Apply the user's keymap and theme; start loading jieba so the first frame does not wait."""
        if self.config.theme:
            try:
                self.theme = self.config.theme
            except Exception:
                self.notify(
                    f"Unknown theme {self.config.theme!r} in config.toml", severity="warning", markup=False
                )
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
            known = {
                b.id
                for _, owner in binding_sections()
                for b in owner.__dict__.get("BINDINGS", [])
                if isinstance(b, Binding)
            }
            unknown = sorted(set(self.config.keymap) - known)
            if unknown:
                self.notify(
                    f"config.toml [keymap]: no binding has the id {', '.join(unknown)} (see ? for ids)",
                    severity="warning",
                    markup=False,
                    timeout=10,
                )
        if self.warm_tokens:
            self._warm()

    @work(thread=True, exit_on_error=False, group="tokens")
    def _warm(self) -> None:
        from reader.screens.search import ensure_tokens

        ensure_tokens()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette (ctrl+p) offers help and the current screen's actions, named as in the footer
        with their keys as typed (Textual's own "Keys" panel is left out: ``?`` shows every key)."""
        from reader.screens.help import key_names

        yield SystemCommand("Help: every key", "key: ?  (id help)", self.action_help)
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys",):
                yield command
        owned: list[tuple[DOMNode, object]] = [(screen, b) for b in type(screen).__dict__.get("BINDINGS", [])]
        widget_bindings = getattr(screen, "widget_bindings", None)
        if widget_bindings is not None:
            owned += widget_bindings()  # a widget's keys the screen offers (the article view's m, B, y)
        offers = getattr(screen, "palette_offers", None)
        for node, binding in owned:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            name, _, _ = binding.action.partition("(")
            if node.check_action(name, ()) is False or (offers is not None and not offers(name)):
                continue
            yield SystemCommand(
                binding.description,
                f"key: {key_names(binding.key)}  (id {binding.id})",
                partial(self.run_action, binding.action, node),
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Loading jieba failed: say so (searches will say it again)."""
        report_worker_error(self, event)

    def on_read_changed(self, message: ReadChanged) -> None:
        """A screen above the main one marked an article: on to the main screen (its tree follows)."""
        self.main.post_message(message.again())

    def on_page_corrected(self, message: PageCorrected) -> None:
        """A page's articles were replaced in the page view: the tree reads them again."""
        self.main.section_tree.reload()

    def action_help(self) -> None:
        """``?``: every key, from the bindings' own declarations."""
        from reader.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(binding_sections(), dict(self.config.keymap)))

    async def action_quit(self) -> None:
        """``q``: remember where the reader was, then quit (a screen with unsaved changes asks first)."""
        confirm_leave = getattr(self.screen, "confirm_leave", None)
        if confirm_leave is not None and confirm_leave(self._quit_now):
            return
        self._quit_now()

    def _quit_now(self) -> None:
        self.main.save_position()
        self.exit()


def binding_sections() -> list[tuple[str, type]]:
    """Where keys apply, and the class that declares them: the help screen and keymap checks read these."""
    from reader.screens.bookmarks import BookmarksScreen
    from reader.screens.calendar import CalendarScreen
    from reader.screens.check_list import CheckListScreen
    from reader.screens.concordance import ConcordanceScreen
    from reader.screens.confirm_leave import ConfirmLeave
    from reader.screens.facets import FacetScreen
    from reader.screens.help import HelpScreen
    from reader.screens.page_view import PageViewScreen
    from reader.screens.printed import PrintedPageScreen
    from reader.screens.read import ReadScreen
    from reader.screens.role_picker import RolePicker
    from reader.screens.search import SearchScreen
    from reader.screens.trend import TrendScreen
    from reader.widgets.article_view import ArticleView
    from reader.widgets.calendar_grid import CalendarGrid
    from reader.widgets.history_input import HistoryInput
    from reader.widgets.page_lines import PageLines
    from reader.widgets.printed_page import PrintedPage
    from reader.widgets.result_list import ResultList
    from reader.widgets.section_tree import SectionTree

    return [
        ("Everywhere", ReaderApp),
        ("Main screen", MainScreen),
        ("Tree", SectionTree),
        ("Article", ArticleView),
        ("Page as printed", PrintedPageScreen),
        ("Page as printed (scrolling)", PrintedPage),
        ("Calendar", CalendarScreen),
        ("Calendar (the month)", CalendarGrid),
        ("Search", SearchScreen),
        ("Search input", HistoryInput),
        ("Results", ResultList),
        ("Article from search", ReadScreen),
        ("Concordance (K)", ConcordanceScreen),
        ("Trend chart (T)", TrendScreen),
        ("Facets (F)", FacetScreen),
        ("Bookmarks", BookmarksScreen),
        ("Page view", PageViewScreen),
        ("Page view lines", PageLines),
        ("Page view role", RolePicker),
        ("Unsaved changes (leaving the page view)", ConfirmLeave),
        ("Pages to check", CheckListScreen),
        ("Help", HelpScreen),
    ]
