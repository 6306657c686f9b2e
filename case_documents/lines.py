"""Breaking a text into numbered lines, the way an agenda's recommendation is printed for the Council.

The lines are broken here, by a count of characters, not by the PDF or the word processor: the PDF keeps
each line on one line (it never wraps them again), and the DOCX puts a line break after each and lets Word
number the lines, so "line 12" is the same words in both files. WIDTH is chosen so that a line of ordinary
prose fits the text column of either with room to spare.
"""

from __future__ import annotations

import re

from case_documents.tree import (
    Heading,
    ItemList,
    Line,
    NumberedList,
    NumberedParagraph,
    NumberedText,
    Paragraph,
    Run,
)

WIDTH = 80  # characters per line; list items lose INDENT of it to their marker
INDENT = 4
TOKEN = re.compile(r"\n|[^\S\n]+|[^\s]+")


def numbered_text(blocks, *, first: int = 1, lang: str = "") -> tuple[NumberedText, int]:
    """The blocks as one numbered text starting at line `first`, and the number its next line would get.

    Headings keep no number; paragraphs and list items get one on every line.
    """
    parts: list[NumberedParagraph | NumberedList | Heading] = []
    number = first
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(block)
        elif isinstance(block, ItemList):
            items = []
            for item in block.items:
                lines = wrap(item, WIDTH - INDENT)
                items.append(NumberedParagraph(lines=_numbered(lines, number)))
                number += len(lines)
            parts.append(NumberedList(items=tuple(items), ordered=block.ordered))
        elif isinstance(block, Paragraph):
            lines = wrap(block.runs, WIDTH)
            parts.append(NumberedParagraph(lines=_numbered(lines, number)))
            number += len(lines)
    return NumberedText(parts=tuple(parts), lang=lang), number


def _numbered(lines: list[tuple[Run, ...]], first: int) -> tuple[Line, ...]:
    return tuple(Line(number=first + n, runs=runs) for n, runs in enumerate(lines))


def wrap(runs: tuple[Run, ...], width: int) -> list[tuple[Run, ...]]:
    """Greedy line breaking at spaces; a word longer than a line is cut; a break in the text is kept."""
    lines: list[list[Run]] = [[]]
    length = 0
    for run in runs:
        for token in TOKEN.findall(run.text):
            if token == "\n":
                lines.append([])
                length = 0
            elif token.isspace():
                if length:
                    lines[-1].append(run.with_text(" "))
                    length += 1
            else:
                while token:
                    if length and length + len(token) > width:
                        _drop_trailing_space(lines[-1])
                        lines.append([])
                        length = 0
                    piece, token = token[:width], token[width:]
                    lines[-1].append(run.with_text(piece))
                    length += len(piece)
    for line in lines:
        _drop_trailing_space(line)
    return [_joined(line) for line in lines if line]


def _drop_trailing_space(line: list[Run]) -> None:
    while line and line[-1].text == " ":
        line.pop()


def _joined(line: list[Run]) -> tuple[Run, ...]:
    out: list[Run] = []
    for run in line:
        last = out[-1] if out else None
        if last and last.style == run.style:
            out[-1] = last.with_text(last.text + run.text)
        else:
            out.append(run)
    return tuple(out)
