"""The agreed text with what the accepted amendments changed marked in it, word by word.

The agreed text is the one the Council's decision keeps (`CouncilDecision.agreed_sections`); it is compared
with the submitted version section by section, so the marks show exactly what the decision changed, whether
an amendment replaced a passage or the whole section. Changed paragraphs keep their words but not their bold
or italics; unchanged ones keep everything.
"""

from __future__ import annotations

import difflib
import re

from case_documents.markdown_blocks import blocks_from_markdown, plain
from case_documents.tree import DELETED, INSERTED, Block, Heading, ItemList, Paragraph, Run

WORDS = re.compile(r"\s+|\w+|[^\w\s]")  # words, spaces and each mark of punctuation


def marked_blocks(before: str, after: str, *, lang: str = "") -> tuple[Block, ...]:
    """`after` (Markdown) as blocks, with the words added since `before` inserted and those gone deleted."""
    old, new = blocks_from_markdown(before, lang=lang), blocks_from_markdown(after, lang=lang)
    matcher = difflib.SequenceMatcher(a=[_text(b) for b in old], b=[_text(b) for b in new], autojunk=False)
    result: list[Block] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            result.extend(new[b1:b2])
            continue
        pairs = list(zip(old[a1:a2], new[b1:b2], strict=False))
        for was, now in pairs:
            result.extend(_compared(was, now))
        result.extend(_whole(block, DELETED) for block in old[a1 + len(pairs) : a2])
        result.extend(_whole(block, INSERTED) for block in new[b1 + len(pairs) : b2])
    return tuple(result)


def has_changes(blocks: tuple[Block, ...]) -> bool:
    return any(run.change for block in blocks for runs in _units(block) for run in runs)


def _text(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" + block.text
    return "\n".join(plain(runs) for runs in _units(block))


def _units(block: Block) -> tuple[tuple[Run, ...], ...]:
    if isinstance(block, ItemList):
        return block.items
    if isinstance(block, Paragraph):
        return (block.runs,)
    return ()


def _compared(was: Block, now: Block) -> list[Block]:
    if isinstance(was, Paragraph) and isinstance(now, Paragraph):
        return [
            Paragraph(runs=words_marked(plain(was.runs), plain(now.runs)), lang=now.lang, quote=now.quote)
        ]
    if isinstance(was, ItemList) and isinstance(now, ItemList):
        return [ItemList(items=_items_marked(was.items, now.items), ordered=now.ordered, lang=now.lang)]
    return [_whole(was, DELETED), _whole(now, INSERTED)]


def _items_marked(old, new) -> tuple[tuple[Run, ...], ...]:
    matcher = difflib.SequenceMatcher(a=[plain(i) for i in old], b=[plain(i) for i in new], autojunk=False)
    items: list[tuple[Run, ...]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            items.extend(new[b1:b2])
            continue
        pairs = list(zip(old[a1:a2], new[b1:b2], strict=False))
        items.extend(words_marked(plain(was), plain(now)) for was, now in pairs)
        items.extend(_runs_marked(item, DELETED) for item in old[a1 + len(pairs) : a2])
        items.extend(_runs_marked(item, INSERTED) for item in new[b1 + len(pairs) : b2])
    return tuple(items)


def words_marked(before: str, after: str) -> tuple[Run, ...]:
    """`after` as runs, with the words of `before` it lost (deleted) before the words it gained (inserted)."""
    old, new = WORDS.findall(before), WORDS.findall(after)
    runs: list[Run] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(Run("".join(new[b1:b2])))
            continue
        if a2 > a1:
            runs.extend(_marked("".join(old[a1:a2]), DELETED, keep_space=False))
        if a2 > a1 and b2 > b1:
            runs.append(Run(" "))  # "[removed: a] [added: b]", the two marks apart
        if b2 > b1:
            runs.extend(_marked("".join(new[b1:b2]), INSERTED, keep_space=True))
    return tuple(run for run in runs if run.text)


def _marked(text: str, change: str, *, keep_space: bool) -> list[Run]:
    """The changed words marked, the spaces around them not: "ventetid [added: inden for en uge]".

    The spaces of deleted words are dropped (the text reads on without them); those of inserted words
    stay, outside the mark."""
    words = text.strip()
    if not words:
        return [Run(text)] if keep_space else []
    before, after = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    if not keep_space:
        return [Run(words, change=change)]
    return [Run(before), Run(words, change=change), Run(after)]


def _runs_marked(runs: tuple[Run, ...], change: str) -> tuple[Run, ...]:
    return tuple(Run(run.text, run.strong, run.emphasis, change, run.href) for run in runs)


def _whole(block: Block, change: str) -> Block:
    if isinstance(block, ItemList):
        items = tuple(_runs_marked(item, change) for item in block.items)
        return ItemList(items=items, ordered=block.ordered, lang=block.lang)
    if isinstance(block, Paragraph):
        return Paragraph(runs=_runs_marked(block.runs, change), lang=block.lang, quote=block.quote)
    # A heading has no runs to mark: it becomes a paragraph that can carry the mark.
    return Paragraph(runs=(Run(block.text, strong=True, change=change),), lang=block.lang)
