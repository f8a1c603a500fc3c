"""The staged splitter: label every unit with the learned model, group labels into items.

Stage 1 (``reader.split.crf``) gives each unit a role and a probability. Stage 2
(``reader.split.group``) cuts bodies and attaches headline blocks. This module turns the result
into :class:`reader.models.Item` objects: headline roles, body paragraphs re-joined from hard
wraps, subheads, bylines and photo credits, page furniture — and each item's confidence and the
raw lines it came from. Every unit's text lands in exactly one item, so no line is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reader.models import Item, SplitPage
from reader.split import indents, justified, second, subheads, unattached, unwrap
from reader.split import patterns as pt
from reader.split.apart import set_apart
from reader.split.aside import byline_line, page_header, set_aside
from reader.split.build import byline_at_end, clean, dateline_byline, is_subhead
from reader.split.captions import credit_closes, is_caption, lift_captions, over_credit, under_credit
from reader.split.cohesion import bigrams
from reader.split.features import local_widths, page_features, page_kind
from reader.split.group import HEAD, Segment, attach, segments
from reader.split.leads import reread_leads
from reader.split.lines import join_wrapped
from reader.split.printed import by_page
from reader.split.reading import as_is, in_own, needs_reading, read_unit, reading_form, spaced_out
from reader.split.settle import settle
from reader.split.share import sharer, split_shared, story_opens
from reader.split.turns import closing_note, story_ends
from reader.split.unattached import fold_orphans, join_untitled, stack_roles
from reader.split.units import Labelled, Unit, measured, normalise, spaced, units

_NOT_BODY = frozenset("KTSFC")  # what a sentence under a 电头 is not: a headline line, furniture, a caption


def label_page(text: str) -> Labelled:
    """Stage 1: units and their most likely labels (Viterbi) with marginal probabilities.

    The labeller reads the page in the conventions its cues were learned in (simplified characters,
    full-width punctuation: :func:`reading_form`, one character for one), a page that sets spaces
    between characters inside its sentences closed up (:func:`spaced_out`); the units handed on keep
    the page's own characters.
    """
    plain = spaced(units(normalise(text)))
    closed, reading = spaced_out(plain), needs_reading(text)
    read = [read_unit(u, closed, reading) for u in plain] if closed or reading else plain
    # Measured as read: a page wrapped by characters shows it in the full-width marks it is read
    # in (with ASCII marks, or spaces, its lines all look about full in cells too); paragraph starts
    # of a page that lost its indents measured full (reader.split.indents), the lines of a justified
    # column at its width (reader.split.justified).
    us = measured(read)
    back = indents.restore(us)
    seen = justified.even(back)
    lab = replace(_label(seen), flush_starts=indents.lost(us, back))
    if all(a is b for a, b in zip(read, plain, strict=True)):
        return lab
    # The units keep their text, with the widths the labeller measured (the build joins and parts
    # lines by them).
    own = [u if u.width == s.width else replace(u, width=s.width) for u, s in zip(plain, seen, strict=True)]
    return replace(lab, units=own, seen=[u.text for u in seen])


def _label(us: list[Unit]) -> Labelled:
    return subheads.reread(us, _label_as_set(us), _label_as_set)  # reader.split.subheads


def _label_as_set(us: list[Unit]) -> Labelled:
    grams = [bigrams(u.text) for u in us]
    rules = [i for i, u in enumerate(us) if pt.RULE.match(u.text)]
    bylines = [i for i, u in enumerate(us) if byline_line(u.text)]
    # A page is read as if it began under its header (reader.split.aside.page_header); a page of
    # paragraphs only when no blank line parts it from the first headline (else read as a kicker).
    header = page_header(us)
    widths = local_widths(us) if header else None
    if widths is not None and page_kind(us, widths) == "p" and us[header[-1]].blank_after:
        header = []
    if rules or bylines or header:
        labels, probs, feats, widths = set_aside(us, rules, bylines, grams, _tag, header)
        return Labelled(us, labels, probs, feats, widths, grams)
    if widths is None:
        widths = local_widths(us)
    labels, probs, feats = _tag(us, page_features(us, widths, grams), grams, widths)
    return Labelled(us, labels, probs, feats, widths, grams)


def _tag(
    us: list[Unit], feats: list[list[str]], grams: list[set[str]], widths: list[float] | None = None
) -> tuple[list[str], list[float], list[list[str]]]:
    """Label the units of a file, each page printed in it on its own (reader.split.printed)."""
    return by_page(us, feats, grams, widths, _tag_page)


def _tag_page(
    us: list[Unit], feats: list[list[str]], grams: list[set[str]], widths: list[float] | None = None
) -> tuple[list[str], list[float], list[list[str]]]:
    """Label the units of one page, with the cues the model cannot learn from single training pages; the
    features returned are those each label was decided on (for ``--explain``); ``grams``: the
    units' bigrams; ``widths``: their local wrap widths, when the caller has them."""
    from reader.split import crf

    labels, probs = crf.tag(feats)
    if widths is None:
        widths = local_widths(us)
    if len(us) >= second.MIN_UNITS and page_kind(us, widths) == "p" and crf.MODEL2.exists():
        # The second pass reads the first's labels and the page's own headline typography
        # (reader.split.second), on pages of paragraphs. Hard-wrapped pages keep the first pass's
        # labels: on them the second pass gained nothing on the training pages and lost on
        # ../shared/dev. So do markdown pages: where `## ` marks subheads as it marks headlines,
        # the headlines' typography made subheads titles (dev pages so marked 0.777 -> 0.719).
        # So do pages of a few lines, whose typography is no evidence of a habit.
        more = second.features(us, widths, labels, crf.first_probs(), crf.marginals("KTS"))
        feats = [f + m for f, m in zip(feats, more, strict=True)]
        labels, probs = crf.tag(feats, crf.MODEL2)
        feats = [[*f, second.MARK] for f in feats]
    else:
        second.centred(us, labels, probs, feats)
    for i in crf.headline_by_class(labels, probs, [u.blank_before > 0 and u.blank_after > 0 for u in us]):
        feats[i] = [*feats[i], "rule=its headline roles together are likelier than body"]
    set_apart(us, labels, probs, feats, widths)  # reader.split.apart
    for i, u in enumerate(us):
        # Each rule that overrides the model leaves its reason among the unit's cues (``rule=``).
        # Headlines take no full stop: of 10,780 headline lines in the corpus 3 end with 。 (long
        # sentences, each after a comma). A sentence the model read as a headline (it happens on
        # tiny pages with little context) takes its most likely other role.
        if labels[i] in HEAD and u.text.endswith("。"):
            labels[i], probs[i] = crf.best_other(i, HEAD)
            feats[i] = [*feats[i], "rule=a headline takes no full stop"]
        # Captions the model cannot tell from a headline or a paragraph (reader.split.captions).
        why = is_caption(us, labels, i) if labels[i] in "KTSNP" else ""
        if why:
            labels[i], probs[i] = crf.best_other(i, "KTSNPF")  # the model's own C probability
            feats[i] = [*feats[i], f"rule=a caption: {why}"]
        # Nor is a sentence under a 电头 (本报讯 …。) the page's furniture, or a caption (none of the
        # corpus's 96 photo captions opens with one).
        if labels[i] in "FC" and pt.DATELINE.match(u.text) and pt.ends_sentence(u.text):
            labels[i], probs[i] = crf.best_other(i, _NOT_BODY)
            feats[i] = [*feats[i], "rule=a sentence under a 电头 is no furniture or caption"]
    for i in range(len(us)):
        # A photographer's credit closes a caption, whatever the model read it as.
        why = credit_closes(us, labels, i)
        if why:
            labels[i], probs[i] = crf.best_other(i, "KTSNPF")
            feats[i] = [*feats[i], f"rule=a caption: {why}"]
        for j in over_credit(us, labels, i):
            labels[j], probs[j] = crf.best_other(j, "KTSNPF")
            feats[j] = [*feats[j], "rule=a caption: a line set close over a photographer's credit"]
        for j in under_credit(us, labels, i):
            labels[j], probs[j] = crf.best_other(j, "KTSCF")
            feats[j] = [*feats[j], "rule=a caption ends at its credit: a sentence under it is the story's"]
    texts = [u.text for u in us]

    reread_leads(us, texts, labels, probs, feats)  # reader.split.leads
    # What ends the story above it is its text, never a headline: a turn line (reader.split.turns)
    # with what the model read as headline lines over it, then a closing note or credit line.
    ends_rules = (
        (story_ends, "rule=a turn line (下转…版) ends the story above it"),
        (closing_note, "rule=a note in brackets (作者为…, …电) or a credit line ends the story above it"),
    )
    for rule, reason in ends_rules:
        for i in range(len(us)):
            ends = rule(texts, labels, i)
            if ends:
                body = crf.marginals("NP")
                for j in ends:
                    labels[j], probs[j] = "P", body[j]
                    feats[j] = [*feats[j], reason]
    for i in range(len(us) - 1):
        # A page name (郑州·新闻, 第3版) standing over a headline is the page's, not the headline's.
        if labels[i] in HEAD and labels[i + 1] in HEAD and pt.PAGE_NAME.match(us[i].text):
            labels[i] = "F"
    return labels, probs, feats


def _join_lines(texts: list[str], widths: list[float], local: list[float]) -> str:
    """Join a headline role's lines: no space after a line wrapped at the column width."""
    out = ""
    for k, t in enumerate(texts):
        if not out:
            out = t
        elif local[k - 1] and widths[k - 1] >= local[k - 1] - 1.0:
            out = join_wrapped(out, t)
        else:
            out = out + " " + t
    return clean(out)


def _paragraphs(
    us: list[Unit], idx: list[int], local: list[float], kind: str, indented: bool
) -> list[list[int]]:
    """Group a body's units into paragraphs (lists of unit indexes)."""
    paras: list[list[int]] = []
    for i in idx:
        u = us[i]
        if not paras:
            paras.append([i])
            continue
        p = us[paras[-1][-1]]
        joined = (
            kind == "w"
            and u.blank_before == 0
            and p.n == u.n - 1
            and not (indented and u.indent)
            and local[paras[-1][-1]] >= 6
            and max(p.widths) >= local[paras[-1][-1]] - 1.5
        )
        if joined:
            paras[-1].append(i)
        else:
            paras.append([i])
    return paras


def group(
    lab: Labelled, weights: dict[str, float] | None = None
) -> tuple[list[Segment], list[Segment], list[float]]:
    """Stage 2's grouping: (segments, captions lifted out, each segment's attachment certainty).
    Bodies are cut at labels and captions, headline blocks attached, a body two headlines share
    cut in two (``reader.split.share``), and what no body or headline took is joined to a
    neighbour (``reader.split.unattached``)."""
    us, labels = lab.units, lab.labels
    texts = lab.seen or [u.text for u in us]  # cohesion and cues read the text as the labeller did
    segs, lifted = lift_captions(
        segments(labels, texts, [u.blank_before for u in us]), labels, lab.grams, texts
    )
    grams = lab.grams if lab.grams is not None else [bigrams(t) for t in texts]
    opens = story_opens(labels, lab.probs)
    certainty = attach(segs, texts, weights, grams, sharer(us, texts, grams, lab.widths, opens))
    segs, certainty = split_shared(segs, certainty, us, texts, grams, lab.widths, opens)
    segs, certainty = join_untitled(segs, certainty, labels)
    segs, certainty = fold_orphans(segs, certainty, texts)
    segs, certainty = unattached.fold_labels(segs, certainty)
    return segs, lifted, certainty


def build_items(lab: Labelled, weights: dict[str, float] | None = None) -> SplitPage:
    """Stage 2: group the labelled units and assemble the page's items in reading order."""
    us, labels, probs = lab.units, lab.labels, lab.probs
    if not us:
        return SplitPage(items=(), layout="")
    local = lab.widths
    # A page whose reading form is itself has no part whose reading form differs.
    read: Callable[[str], str] = reading_form if lab.seen is not None else as_is
    kind = page_kind(us, local)
    segs, lifted, certainty = group(lab, weights)
    body_idx = [i for i, lab_ in enumerate(labels) if lab_ not in HEAD and lab_ != "F"]
    indented = bool(body_idx) and sum(1 for i in body_idx if us[i].indent) * 10 <= len(body_idx) * 7
    out: list[tuple[int, Item]] = []
    page_name = ""
    used_heads: set[int] = set()
    for seg in segs:
        if seg.kind != "body":
            continue
        head = segs[seg.attached] if seg.attached >= 0 else None
        if head is not None:
            used_heads.add(seg.attached)
        out.append(
            _article(us, labels, probs, local, kind, indented, seg, head, certainty, seg.attached, read)
        )
    for seg in lifted:
        out.append(_article(us, labels, probs, local, kind, indented, seg, None, certainty, -1, read))
    for k, seg in enumerate(segs):
        if seg.kind == "head" and k not in used_heads:
            out.append(_article(us, labels, probs, local, kind, indented, None, seg, certainty, k, read))
    for i, lab_ in enumerate(labels):
        if lab_ == "F":
            t = us[i].shown
            role = ""
            if pt.PAGE_NAME.match(read(t)):
                role = "page-name"
                page_name = page_name or t
            out.append(
                (
                    us[i].n,
                    Item(
                        kind="furniture",
                        text=t,
                        role=role,
                        confidence=round(probs[i], 3),
                        lines=(us[i].n, us[i].n),
                    ),
                )
            )
    out.sort(key=lambda x: x[0])
    layout = {"m": "markdown", "w": "pdf-text", "p": "paragraphs"}[kind]
    return SplitPage(items=tuple(item for _, item in out), layout=layout, page_name=page_name)


def _article(
    us: list[Unit],
    labels: list[str],
    probs: list[float],
    local: list[float],
    kind: str,
    indented: bool,
    body: Segment | None,
    head: Segment | None,
    certainty: list[float],
    head_at: int,
    read: Callable[[str], str],
) -> tuple[int, Item]:
    """One story (or picture) item from a body segment and its headline segment ``head``, which is
    ``segs[head_at]`` of the page's segments (``certainty[head_at]``: its boundary's certainty)."""
    roles: dict[str, list[int]] = {"K": [], "T": [], "S": []}
    if head is not None:
        for i, role in zip(head.idx, stack_roles(head, labels, us), strict=True):
            roles[role].append(i)

    def role_text(r: str) -> str:
        ix = roles[r]
        return _join_lines([us[i].shown for i in ix], [us[i].width for i in ix], [local[i] for i in ix])

    kicker, title, subtitle = role_text("K"), role_text("T"), role_text("S")
    if not title and (kicker or subtitle):
        # A stack with no title line: its longest line is the title.
        if subtitle and (not kicker or len(subtitle) >= len(kicker)):
            title, subtitle = subtitle, ""
        else:
            title, kicker = kicker, ""
    idx = (body.idx if body else []) + (head.idx if head else [])
    lines = (min(us[i].n for i in idx), max(us[i].n for i in idx))
    conf_parts = [probs[i] for i in idx]
    if head is not None:
        conf_parts.append(certainty[head_at])
    conf_parts += unattached.made_certainty(body, head)
    confidence = round(min(conf_parts), 3) if conf_parts else 1.0
    first_line = us[body.idx[0]].n if body else us[head.idx[0]].n if head else 0
    if body is None:
        return first_line, Item(
            kind="article", kicker=kicker, title=title, subtitle=subtitle, confidence=confidence, lines=lines
        )
    paras_idx = _paragraphs(us, body.idx, local, kind, indented)
    paras = [_join_para([us[i].shown for i in p]) for p in paras_idx]
    caption = all(labels[i] == "C" for i in body.idx)
    if caption and head is None:
        text = "\n".join(paras)
        tail = text[-60:]
        m = pt.PHOTO_CREDIT.search(read(tail))  # read as the labeller reads; the text keeps its own marks
        credit = tail[m.start() : m.end()].strip() if m else ""
        cap = text[: len(text) - len(credit)].rstrip() if credit and text.endswith(credit) else text
        return first_line, Item(kind="photo", caption=cap, credit=credit, confidence=confidence, lines=lines)
    byline = ""
    if len(paras) > 1 and head is not None and byline_line(read(paras[0])):
        byline, paras = clean(paras[0]), paras[1:]  # a byline line under the headline (aside.set_aside)
    elif paras:
        last, first = read(paras[-1]), read(paras[0])
        byline = in_own(byline_at_end(last), last, paras[-1]) or in_own(
            dateline_byline(first), first, paras[0]
        )
    subheads = tuple(p for n, p in enumerate(paras) if 0 < n < len(paras) - 1 and is_subhead(read(p)))
    item = Item(
        kind="article",
        kicker=kicker,
        title=title,
        subtitle=subtitle,
        byline=byline,
        subheads=subheads,
        body="\n".join(paras),
        confidence=confidence,
        lines=lines,
    )
    return first_line, item


def _join_para(pieces: list[str]) -> str:
    out = ""
    for p in pieces:
        out = join_wrapped(out, p) if out else p
    return out


def split_staged(text: str) -> SplitPage:
    """Split one page with the learned labeller and the grouping stage."""
    return reading(text)[0].page


def reading(text: str) -> tuple[unwrap.Reading, unwrap.Reading | None]:
    """The reading of the page the split keeps, and the one it set aside (None: read once). A
    hard-wrapped page is also read with its paragraphs joined (a reading with the raw lines of each
    of its lines: ``spans``), and :func:`reader.split.unwrap.prefer_joined` picks one."""
    lab = label_page(text)
    printed = unwrap.Reading(lab, build_items(lab))
    other = unwrap.second(lab, text)
    if other is None:
        return settle(printed, build_items), None  # reader.split.settle
    lab2 = label_page(other[0])
    joined = unwrap.Reading(lab2, unwrap.on_raw_lines(build_items(lab2), other[1]), other[1])
    kept, aside = (joined, printed) if unwrap.prefer_joined(printed, joined) else (printed, joined)
    return settle(kept, build_items), aside


def with_confidence(page: SplitPage, value: float) -> SplitPage:
    """The page with every item's confidence capped at ``value``."""
    return replace(page, items=tuple(replace(i, confidence=min(i.confidence, value)) for i in page.items))
