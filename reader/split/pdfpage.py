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
    return items, asm.page_name
