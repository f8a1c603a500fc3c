"""Hold Ctrl-C and SIGTERM over a page's write and its count, so the two never disagree.

An import stops on Ctrl-C (or SIGTERM, which the command turns into the same): the pages written so
far are committed and the report says how many. A signal that lands between a page's write and the
line that counts it would leave a page kept but not counted ("interrupted: 14 pages kept" with 15 in
the store). Inside :func:`held_signals` a signal is noted, not acted on; it is delivered as soon as
the block ends, at a page boundary.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from typing import Any

_SIGNALS: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Run the block whole: Ctrl-C or SIGTERM arriving inside is delivered when it ends.

    Only the main thread receives signals; elsewhere (an import in the app's worker thread) this
    does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def note(signum: int, _frame: Any) -> None:
        caught.append(signum)

    previous: dict[int, Any] = {}
    try:
        for s in _SIGNALS:
            previous[s] = signal.signal(s, note)
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    for s in dict.fromkeys(caught):  # each signal once, in the order they came
        _deliver(s, previous.get(s))


def _deliver(signum: int, handler: Any) -> None:
    if callable(handler):
        handler(signum, None)
    elif handler == signal.SIG_DFL:
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        os.kill(os.getpid(), signum)  # the default action, now that the default handler is back
    # SIG_IGN (or None, a handler not set from Python): the signal was to be ignored
