"""Make page text safe to show: control bytes become visible, never sent to the terminal.

Page text is data. Before any of it reaches a terminal (the app, ``split``, ``search``, ``stats``)
it goes through :func:`visible`, and it is always wrapped in ``rich.text.Text`` (never parsed as
markup). The store keeps the text exactly as it came.
"""

from __future__ import annotations

import re

# C0 controls except \n and \t, DEL, C1 controls, and the bidi / zero-width controls that can
# reorder or hide what a reader sees.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def _picture(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ for ESC, ␇ for BEL ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """Return ``text`` with every control character replaced by a visible stand-in."""
    return _CONTROL.sub(_picture, text)


def visible_line(text: str) -> str:
    """Like :func:`visible`, and newlines and tabs become spaces (for one-line labels)."""
    return visible(text).replace("\n", " ").replace("\t", " ")
