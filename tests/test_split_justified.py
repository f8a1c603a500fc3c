"""A hard-wrapped page set as a justified column and read back as characters: its lines run a cell
or two long by turns, and are measured at their column's width (reader.split.justified)."""

from __future__ import annotations

from split_helpers import P1, P2, P3, Q1, Q2, R1, R2

from reader.split import justified
from reader.split.features import local_widths, page_kind
from reader.split.units import Unit, measured, normalise, units

PARAS = [P1 + Q1, P2 + R1, P3 + Q2, R2 + P1, Q1 + P2]


def _wrapped(limits: tuple[int, ...], hang: bool = False) -> str:
    """Each paragraph cut into lines of ``limits`` characters by turns; with ``hang``, a line that
    would open with a comma or stop takes it at its end instead (hanging punctuation)."""
    blocks = []
    for p in PARAS:
        lines, at, k = [], 0, 0
        while at < len(p):
            n = limits[k % len(limits)]
            if hang and p[at + n : at + n + 1] in ("，", "。"):
                n += 1
            lines.append(p[at : at + n])
            at, k = at + n, k + 1
        blocks.append("\n".join(lines))
    return "\n\n".join(["夜读有了好去处", *blocks]) + "\n"


def _units(text: str) -> list[Unit]:
    return measured(units(normalise(text)))


def test_a_justified_column_is_measured_at_its_width() -> None:
    # One line in two or three holds a character or two more, as a justified column read back does.
    us = _units(_wrapped((14, 15, 16, 14)))
    even = justified.even(us)
    assert even is not us
    assert [e.text for e in even] == [u.text for u in us]  # the page's own characters
    inner = [i for i in range(len(us) - 1) if not us[i + 1].blank_before]
    # Lines 14 to 16 wide inside paragraphs now lie within a cell of each other (each at the median
    # of its neighbours).
    assert max(us[i].width for i in inner) - min(us[i].width for i in inner) == 2
    assert max(even[i].width for i in inner) - min(even[i].width for i in inner) <= 1
    for i, (u, e) in enumerate(zip(us, even, strict=True)):
        if i not in inner:
            assert e == u  # the headline and each paragraph's last line as they were

    # As the labeller measures a full line (within a cell of the local wrap width): read as it came,
    # a line two cells long was no full line; evened, every line inside a paragraph is one.
    def full(xs: list[Unit]) -> int:
        ws = local_widths(xs)
        return sum(1 for i in inner if abs(xs[i].width - ws[i]) <= 1.0)

    assert full(us) < len(inner) == full(even)
    assert page_kind(even, local_widths(even)) == "w"


def test_columns_cut_at_a_count_are_left_as_they_are() -> None:
    for page in (_wrapped((14,)), _wrapped((14,), hang=True)):
        us = _units(page)
        assert justified.even(us) is us


def test_a_page_of_paragraphs_is_left_as_it_is() -> None:
    page = "\n".join(["夜读有了好去处", *PARAS, *[p[:20] + "。" for p in PARAS], *PARAS]) + "\n"
    us = _units(page)
    assert justified.even(us) is us


def test_a_short_page_is_not_judged() -> None:
    page = "\n".join(["夜读有了好去处", P1[:14], P1[14:29], P1[29:], "", R1[:16], R1[16:]]) + "\n"
    us = _units(page)
    assert justified.even(us) is us
