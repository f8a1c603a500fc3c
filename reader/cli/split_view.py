"""The readable view of ``paper-reader split``: page text only ever as rich Text, made visible."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from reader.models import Item, SplitPage
from reader.safe import visible


def _t(s: str, style: str = "") -> Text:
    return Text(visible(s), style=style)


def item_text(item: Item) -> Text:
    """One item as styled text: headline, byline, body paragraphs with subheads set off."""
    out = Text()
    if item.kind == "photo":
        out.append_text(_t("[photo] ", "dim"))
        out.append_text(_t(item.caption, "italic"))
        if item.credit:
            out.append_text(_t("  " + item.credit, "dim"))
        return out
    if item.kind == "furniture":
        out.append_text(_t(f"[{item.role or 'furniture'}] ", "dim"))
        out.append_text(_t(item.text, "dim"))
        return out
    if item.kicker:
        out.append_text(_t(item.kicker + "\n", "italic cyan"))
    title = item.title or "(untitled)"
    if item.part:
        title = f"{title}  ({item.part})"
    out.append_text(_t(title + "\n", "bold"))
    if item.subtitle:
        out.append_text(_t(item.subtitle + "\n", "cyan"))
    if item.byline:
        out.append_text(_t(item.byline + "\n", "green"))
    subheads = set(item.subheads)
    for para in item.paragraphs:
        if para in subheads:
            out.append_text(_t("\n" + para + "\n", "bold magenta"))
        else:
            out.append_text(_t("  " + para + "\n"))
    return out


def render(page: SplitPage, console: Console | None = None) -> None:
    """Print every item of ``page``, separated by rules."""
    console = console or Console(highlight=False, soft_wrap=False)
    articles = sum(1 for i in page.items if i.kind == "article")
    photos = sum(1 for i in page.items if i.kind == "photo")
    head = f"{page.layout or 'page'}: {articles} articles, {photos} photos"
    if page.page_name:
        head += f", page name {page.page_name}"
    console.print(_t(head, "dim"))
    for item in page.items:
        console.rule(style="dim")
        console.print(item_text(item))


ROLE_NAMES = {
    "K": "kicker",
    "T": "title",
    "S": "subtitle",
    "N": "new body",
    "P": "body",
    "C": "caption",
    "F": "furniture",
}


def explain_page(text: str, console: Console | None = None) -> None:
    """Print each line of the page with its label, its probability and the cues that weighed most."""
    from reader.split import crf, second, unwrap
    from reader.split.staged import group, reading

    console = console or Console(highlight=False, soft_wrap=False)
    kept, aside = reading(text)
    lab, spans = kept.lab, kept.spans
    # Where the grouping, not a label, starts a story (a body two headlines share, cut in two) or
    # goes on with one (a body no headline took, joined to the story above or to the one below; a
    # headline no body took, joined to the headline or the body below).
    cuts: dict[int, str] = {}
    for seg in group(lab)[0] if lab.units else []:
        if seg.why:
            cuts[seg.idx[0]] = seg.why
        for i in seg.joins:
            cuts[i] = "no headline takes the body opened here: it goes on the story above"
        for i in seg.joined_below:
            cuts[i] = "the body above takes no headline: it is this story's first part"
        for i in seg.folded:
            cuts[i] = "the headline block above takes no body: it is this headline's first lines"
        for i in seg.labels_in:
            cuts[i] = "the headline block above takes no body: it is this story's first lines"
    if lab.features and second.MARK in lab.features[0]:
        console.print(
            _t(
                "labelled in two passes (the second reads the page's headline typography)",
                "dim",
            )
        )
    if lab.seen is not None and any(len(a) != len(u.text) for a, u in zip(lab.seen, lab.units, strict=True)):
        # Only closed_up changes a line's length (reading_form maps one character for one).
        console.print(_t("read with the spaces between its characters closed up (OCR-style spacing)", "dim"))
    printed_lab = aside.lab if aside is not None and spans is not None else lab
    if printed_lab.flush_starts:
        console.print(
            _t(
                f"its paragraph indents were lost (PDF text): {printed_lab.flush_starts} paragraph "
                "starts short of their column read as the full lines of a page set flush",
                "dim",
            )
        )
    if aside is not None:
        printed, joined = (aside, kept) if spans is not None else (kept, aside)
        settled = unwrap.unsettled(printed.page) != unwrap.unsettled(joined.page)
        why = (
            "it leaves fewer stories with no title or no body"
            if settled
            else "it leaves as many stories with no title or no body, and the labeller is surer of it"
        )
        console.print(
            _t(
                f"read with its wrapped paragraphs joined, one a line: {why}"
                if spans is not None
                else "also read with its wrapped paragraphs joined, one a line, and kept as printed",
                "dim",
            )
        )
        console.print(
            _t(
                "  stories left with no title or no body: "
                f"joined {unwrap.unsettled(joined.page)}, as printed {unwrap.unsettled(printed.page)}",
                "dim",
            )
        )
        console.print(
            _t(
                "  mean log probability per line of the page: "
                f"joined {unwrap.sureness(joined.lab, joined.spans):.3f}, "
                f"as printed {unwrap.sureness(printed.lab):.3f}",
                "dim",
            )
        )
    console.print(_t("line  label      conf  text\n                      strongest cues (weight)", "dim"))
    for k, (u, label, p, feats) in enumerate(
        zip(lab.units, lab.labels, lab.probs, lab.features, strict=True)
    ):
        model = crf.MODEL2 if second.MARK in feats else None  # the pass that gave the label
        cues = ", ".join(f"{f} {w:+.1f}" for f, w in crf.explain(feats, label, model=model))
        if feats == ["rule"]:
            cues = "a separator line: the page's, read as a gap between stories"
        rules = [f[len("rule=") :] for f in feats if f.startswith("rule=")]
        if k in cuts:
            rules.append("grouping: " + cuts[k])
        # The line itself on one row, cut to the terminal's width (CJK counted as two cells);
        # its cues indented on the row below, so a long line never pushes them out of sight.
        row = Text(
            f"{u.n if spans is None else spans[u.n - 1][0]:>4}  {ROLE_NAMES.get(label, label):<9} {p:5.2f}  ",
            no_wrap=True,
            overflow="ellipsis",
        )
        row.append_text(_t(u.text, "bold" if label in "KTS" else ""))
        console.print(row, no_wrap=True, overflow="ellipsis")
        if rules:  # a rule overrode the model: say which, then what the model weighed
            console.print(
                _t(" " * 22 + "rule: " + "; ".join(rules), "dim"), no_wrap=True, overflow="ellipsis"
            )
            cues = "model: " + cues if cues else ""
        console.print(_t(" " * 22 + cues, "dim"))
