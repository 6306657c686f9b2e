"""What a committee wrote in Markdown, as document blocks: paragraphs, lists and headings with their runs.

The text goes through deliberation's own renderer first (Markdown, then nh3's allow-list), so a document
shows exactly what the deliverable page shows and nothing the sanitiser removed; the safe HTML is then read
back into the tree. Inline styles kept: strong, emphasis, links (text and address). Nested lists are
flattened into their parent list, each item on its own.
"""

from __future__ import annotations

import re

import lxml.html

from case_documents.tree import Block, Heading, ItemList, Paragraph, Run
from deliberation.markdown import render_markdown

SPACE = re.compile(r"\s+")
LIST_TAGS = ("ul", "ol")


def blocks_from_markdown(text: str, *, lang: str = "") -> tuple[Block, ...]:
    html = str(render_markdown(text)).strip()
    if not html:
        return ()
    blocks: list[Block] = []
    for element in lxml.html.fragments_fromstring(html, no_leading_text=False):
        if isinstance(element, str):  # text outside any element: Markdown keeps none, but be safe
            if element.strip():
                blocks.append(Paragraph(runs=_tidy([Run(element)]), lang=lang))
            continue
        blocks.extend(_blocks(element, lang))
    return tuple(blocks)


def _blocks(element, lang: str, quote: bool = False) -> list[Block]:
    tag = element.tag
    if tag in ("h3", "h4"):
        return [Heading(text=SPACE.sub(" ", element.text_content()).strip(), lang=lang)]
    if tag in LIST_TAGS:
        return [ItemList(items=tuple(_items(element)), ordered=tag == "ol", lang=lang)]
    if tag == "blockquote":
        return [block for child in element for block in _blocks(child, lang, quote=True)]
    if tag == "hr":
        return []
    if tag == "pre":  # code keeps its lines
        lines = element.text_content().splitlines()
        return [Paragraph(runs=(Run(line),), lang=lang, quote=quote) for line in lines if line.strip()]
    runs = _tidy(_runs(element))
    return [Paragraph(runs=runs, lang=lang, quote=quote)] if runs else []


def _items(list_element) -> list[tuple[Run, ...]]:
    items = []
    for item in list_element.iterchildren("li"):
        own = [child for child in item if child.tag not in LIST_TAGS]
        runs = _tidy(_runs(item, skip=LIST_TAGS))
        if runs or not own:
            items.append(runs)
        for nested in item.iterchildren(*LIST_TAGS):
            items.extend(_items(nested))
    return [item for item in items if item]


def _runs(element, strong=False, emphasis=False, href="", skip=()) -> list[Run]:
    """The element's text as runs, its children's styles applied."""
    runs = [Run(element.text, strong, emphasis, href=href)] if element.text else []
    for child in element:
        if child.tag in skip:
            pass
        elif child.tag == "br":
            runs.append(Run("\n", strong, emphasis, href=href))
        else:
            runs.extend(
                _runs(
                    child,
                    strong=strong or child.tag in ("strong", "b"),
                    emphasis=emphasis or child.tag in ("em", "i"),
                    href=child.get("href", href) if child.tag == "a" else href,
                )
            )
        if child.tail:
            runs.append(Run(child.tail, strong, emphasis, href=href))
    return runs


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Whitespace as a browser shows it: runs of it made one space, none at the ends or around a break;
    neighbouring runs of one style joined."""
    out: list[Run] = []
    for run in runs:
        text = run.text if run.text == "\n" else SPACE.sub(" ", run.text)
        if out and (out[-1].text.endswith((" ", "\n")) or text == "\n") and text.startswith(" "):
            text = text[1:]
        if text == "\n" and out and out[-1].text.endswith(" "):
            out[-1] = out[-1].with_text(out[-1].text[:-1])
        if not text:
            continue
        if out and out[-1].style == run.style and "\n" not in (text, out[-1].text):
            out[-1] = out[-1].with_text(out[-1].text + text)
        else:
            out.append(run.with_text(text))
    if out and out[0].text.startswith(" "):
        out[0] = out[0].with_text(out[0].text.lstrip())
    if out and out[-1].text.endswith(" "):
        out[-1] = out[-1].with_text(out[-1].text.rstrip())
    while out and out[-1].text in ("", "\n"):
        out.pop()
    return tuple(run for run in out if run.text)


def plain(runs: tuple[Run, ...]) -> str:
    return "".join(run.text for run in runs)
