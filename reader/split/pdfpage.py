"""The PDF-text layout end to end: units, assembly, orphan placement, items."""

from __future__ import annotations

from reader.models import Item
from reader.split.assemble import Assembler
from reader.split.build import Draft
from reader.split.fixups import place_orphans
from reader.split.pdftext import units


def split_pdf(text: str) -> tuple[list[Item], str]:
    """Split a PDF-extracted page; returns its items and the page name it prints (or "")."""
    asm = Assembler(units(text))
    entries = place_orphans(asm.run())
    items = [e.item() if isinstance(e, Draft) else e for e in entries]
    return in_part_order(items), asm.page_name


def in_part_order(items: list[Item]) -> list[Item]:
    """Put a feature's numbered parts together in the order of their numbers, where the first stood.

    Parts are printed out of order on the page; a reader reads part 1, then 2, then 3.
    """
    slots = [n for n, i in enumerate(items) if i.kind == "article" and i.part.isdigit()]
    if len(slots) < 2:
        return items
    parts = sorted((items[n] for n in slots), key=lambda i: int(i.part))
    rest = [i for n, i in enumerate(items) if n not in set(slots)]
    return rest[: slots[0]] + parts + rest[slots[0] :]
