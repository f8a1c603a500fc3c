"""Keys in the order they came: a burst of keys (key repeat, SSH batching) is handled one at a time.

Textual forwards each key to the focused widget's queue as it arrives, so keys of one burst can
all reach a widget before the first has had its effect: ten ``j`` scroll from the same place, and
a key typed after Enter lands in the input the Enter was leaving. Here the app holds each key
until everything the previous one set off (bubbling, bindings, focus changes, messages) is done.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

# Workers a key may start whose answer the next key acts on (opening an article, a step, the tree).
_WAIT_GROUPS = frozenset({"article", "step", "tree", "nav"})
_WORKER_WAIT = 2.0  # seconds at most: a slow store must not freeze the keyboard


class OrderedKeys:
    """Mixed into the App before ``App``: keys are delivered one by one, each after the last settled."""

    _held_keys: deque[events.Key]
    _key_task: asyncio.Task[None] | None = None

    async def on_event(self, event: events.Event) -> None:
        """Hold a key from the terminal until the keys before it are handled."""
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and not getattr(event, "_in_order", False)
        ):
            if not hasattr(self, "_held_keys"):
                self._held_keys = deque()
            self._held_keys.append(event)
            if self._key_task is None or self._key_task.done():
                self._key_task = asyncio.create_task(self._deliver_keys())
            return
        await super().on_event(event)  # type: ignore[misc]

    async def _deliver_keys(self) -> None:
        app: App[Any] = self  # type: ignore[assignment]
        while self._held_keys:
            event = self._held_keys.popleft()
            event._in_order = True  # type: ignore[attr-defined]
            app.post_message(event)
            await _settled(app)


async def _settled(app: App[Any]) -> None:
    """Return once every message pump of the screen has drained twice in a row and chosen workers ended."""
    quiet = 0
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _WORKER_WAIT
    while quiet < 2:
        if app._closing or app._closed:
            return
        pumps: list[MessagePump] = [app]
        try:
            pumps.extend(app.screen.walk_children(with_self=True))
        except Exception:
            return
        await _round(pumps)
        busy = any(not p._message_queue.empty() for p in pumps) or (
            loop.time() < deadline and any(w.group in _WAIT_GROUPS and not w.is_finished for w in app.workers)
        )
        if busy:
            quiet = 0
            await asyncio.sleep(0.005 if not any(not p._message_queue.empty() for p in pumps) else 0)
        else:
            quiet += 1


async def _round(pumps: list[MessagePump]) -> None:
    """Wait until each pump has handled what was in its queue when this was called."""
    remaining = 0
    done = asyncio.Event()

    def tick() -> None:
        nonlocal remaining
        remaining -= 1
        if remaining == 0:
            done.set()

    for pump in pumps:
        if pump.call_later(tick):
            remaining += 1
    if remaining:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(done.wait(), timeout=5)
