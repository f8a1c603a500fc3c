"""Dates as people type them to go to an issue: 2020-05-02, 2020-05, 5-2, today, -1, +7."""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import timedelta

_FULL = re.compile(r"(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?")
_SHORT = re.compile(r"(\d{1,2})[-/.月](\d{1,2})日?")
_RELATIVE = re.compile(r"([+-])(\d{1,5})")


def parse_day(text: str, current: str | None, today: Date) -> str | None:
    """The day ``text`` names (YYYY-MM-DD), or None. ``current`` (the open issue's date) anchors
    ``5-2`` (its year) and ``-1`` / ``+7`` (days from it); a month alone means its first day."""
    text = text.strip().lower()
    base = _date(current) or today
    try:
        if text in ("today", "今天"):
            return today.isoformat()
        if m := _RELATIVE.fullmatch(text):
            days = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
            return (base + timedelta(days=days)).isoformat()
        if m := _FULL.fullmatch(text):
            return Date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)).isoformat()
        if m := _SHORT.fullmatch(text):
            return Date(base.year, int(m.group(1)), int(m.group(2))).isoformat()
    except (ValueError, OverflowError):
        return None
    return None


def _date(text: str | None) -> Date | None:
    try:
        return Date.fromisoformat(text) if text else None
    except ValueError:
        return None
