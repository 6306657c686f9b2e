"""Passages of a section as people read them, and where they are in the Markdown the committee wrote.

A politician amends what the page shows: a selection of the rendered section (offsets into its text, as a
browser counts them) or one of its paragraphs. The agreed text is Markdown, so the passage is found in the
source: the shown characters are followed through the source, skipping what Markdown does not show (link
addresses, list and heading markers, emphasis marks, escapes), and the result is checked by rendering the
source with the passage replaced. A passage that cuts across formatting widens to take the marks with it;
one that still does not map is refused, never guessed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from deliberation.markdown import render_markdown

BLOCKS = {"p", "li", "ul", "ol", "blockquote", "h3", "h4", "pre", "hr", "br"}
# What Markdown shows nothing of: link addresses, reference definitions, tags, line-start markers, rules.
HIDDEN = [
    re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)"),
    re.compile(r"^[ \t]*\[[^\]\n]+\]:.*$", re.M),
    re.compile(r"<[^<>\n]+>"),
    re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-+*][ \t]+|\d+[.)][ \t]+|#{1,6}[ \t]+)?", re.M),
    re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M),
]
ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
MARKS = "*_`~\\"  # emphasis, code and escape marks that may stand just outside a passage
PLACEHOLDER = "\ue000"


class PassageError(ValueError):
    """The passage is not in the section as shown, or cannot be told apart in its source."""


@dataclass(frozen=True)
class Shown:
    """A section's body as the page shows it: its text (a browser's textContent) and its blocks."""

    text: str
    blocks: list[tuple[int, int]]  # [start, end) of each paragraph, list item, heading … in `text`


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[tuple[int, int]] = []
        self._start = 0

    def _break(self) -> None:
        if self.length > self._start:
            self.blocks.append((self._start, self.length))
        self._start = self.length

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self._break()

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self._break()

    def handle_data(self, data):
        self.parts.append(data)
        self.length += len(data)


def shown(body: str) -> Shown:
    parser = _Text()
    parser.feed(str(render_markdown(body)))
    parser.close()
    parser._break()
    text = "".join(parser.parts)
    blocks = [(a, b) for a, b in parser.blocks if text[a:b].strip()]
    return Shown(text=text, blocks=[_trimmed(text, a, b) for a, b in blocks])


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(body: str) -> list[str]:
    """The section's blocks as shown, in order: what a politician picks from."""
    seen = shown(body)
    return [seen.text[a:b] for a, b in seen.blocks]


def _visible(source: str) -> list[str | None]:
    """For each source character, the character it shows as, or None."""
    chars: list[str | None] = list(source)
    for pattern in HIDDEN:
        for match in pattern.finditer(source):
            chars[match.start() : match.end()] = [None] * (match.end() - match.start())
    for match in ENTITY.finditer(source):
        if chars[match.start()] is not None:
            decoded = html.unescape(match.group(0))
            chars[match.start() : match.end()] = [decoded[:1]] + [None] * (match.end() - match.start() - 1)
    return chars


def _follow(source: str, text: str) -> list[int | None]:
    """For each character of `text`, the source position it comes from (None for spaces)."""
    visible = _visible(source)
    positions: list[int | None] = []
    at = 0
    for char in text:
        if char.isspace():
            positions.append(None)
            continue
        while at < len(source) and visible[at] != char:
            at += 1
        if at == len(source):
            raise PassageError("not found")
        positions.append(at)
        at += 1
    return positions


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _replaces_cleanly(source: str, span: tuple[int, int], seen: str, start: int, end: int) -> bool:
    """Replacing the span shows the page's text with exactly the passage replaced."""
    changed = source[: span[0]] + PLACEHOLDER + source[span[1] :]
    expected = seen[:start] + PLACEHOLDER + seen[end:]
    return _squeezed(shown(changed).text) == _squeezed(expected)


def source_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the shown text's passage `start:end`, as positions in the Markdown `body`."""
    seen = shown(body).text
    start, end = _trimmed(seen, max(0, start), min(len(seen), end))
    if start >= end:
        raise PassageError("empty")
    positions = _follow(body, seen)
    inside = [p for p in positions[start:end] if p is not None]
    first, last = inside[0], inside[-1] + 1
    visible = _visible(body)

    def outward(at: int, step: int, links: bool) -> int:
        # Over emphasis and code marks; with `links`, over a link's opening bracket on the left and its
        # "](address)" on the right (hidden characters, short of the line's end).
        while 0 <= (index := at - 1 if step < 0 else at) < len(body):
            char = body[index]
            link = char == "[" if step < 0 else visible[index] is None and char != "\n"
            if not (char in MARKS or (links and link)):
                break
            at += step
        return at

    candidates = [(first, last)]
    for links in (False, True):
        wide_first, wide_last = outward(first, -1, links), outward(last, 1, links)
        candidates += [(wide_first, last), (first, wide_last), (wide_first, wide_last)]
    for span in dict.fromkeys(candidates):
        if _replaces_cleanly(body, span, seen, start, end):
            return span
    raise PassageError("crosses formatting")


def locate(body: str, *, start: int, end: int, quoted: str) -> tuple[int, int]:
    """The shown passage `quoted`, which the browser said runs from `start` to `end`, as a source span.

    If the offsets do not fit the text (the page was older), the quoted text is looked for, once."""
    seen = shown(body).text
    if _squeezed(seen[start:end]) != _squeezed(quoted):
        found = seen.find(quoted.strip())
        if found < 0 or seen.find(quoted.strip(), found + 1) >= 0:
            raise PassageError("not in the section")
        start, end = found, found + len(quoted.strip())
    return source_span(body, start, end)


def block_span(body: str, number: int) -> tuple[int, int]:
    """The source span of the section's `number`-th block (from 0) as shown."""
    blocks = shown(body).blocks
    if not 0 <= number < len(blocks):
        raise PassageError("no such paragraph")
    return source_span(body, *blocks[number])


MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]>])")


def as_markdown(text: str) -> str:
    """A politician's plain words, to stand in Markdown as they were typed: marks are escaped."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", text).replace("<", "&lt;")
