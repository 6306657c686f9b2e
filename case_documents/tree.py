"""A document as a tree of plain values: what the case document and the mandate say, apart from how.

The composers (compose_*.py) build it from the other apps' selectors; the renderers make a PDF
(render_pdf.py, through an HTML template) and a DOCX (render_docx.py) from the same tree, so both formats
hold the same text. Every value is immutable and made of strings, numbers and tuples: its repr() is a
stable fingerprint of the content, which is what the cache is keyed on (generate.py).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field, replace
from typing import ClassVar


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style. `change` marks an accepted amendment's work in the agreed text."""

    text: str
    strong: bool = False
    emphasis: bool = False
    change: str = ""  # "", INSERTED or DELETED
    href: str = ""

    @property
    def style(self) -> tuple[bool, bool, str, str]:
        return (self.strong, self.emphasis, self.change, self.href)

    def with_text(self, text: str) -> Run:
        return replace(self, text=text)


INSERTED = "inserted"
DELETED = "deleted"


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    runs: tuple[Run, ...]
    lang: str = ""  # set when the text is in another language than the document's
    quote: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading inside a text the committee wrote (Markdown's ### and ####); one level below its section."""

    kind: ClassVar[str] = "heading"
    text: str
    lang: str = ""


@dataclass(frozen=True)
class ItemList:
    kind: ClassVar[str] = "list"
    items: tuple[tuple[Run, ...], ...]
    ordered: bool = False
    lang: str = ""


@dataclass(frozen=True)
class Facts:
    """Label and value pairs (a definition list)."""

    kind: ClassVar[str] = "facts"
    rows: tuple[tuple[str, str], ...]
    lang: str = ""  # of the values


@dataclass(frozen=True)
class Table:
    """A table with a caption and column headers; the first cell of each row heads its row."""

    kind: ClassVar[str] = "table"
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns aligned right
    lang: str = ""  # of the cells


@dataclass(frozen=True)
class Line:
    number: int
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class NumberedParagraph:
    """A paragraph (or a list item) of a line-numbered text, already broken into its numbered lines."""

    kind: ClassVar[str] = "paragraph"
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class NumberedList:
    kind: ClassVar[str] = "list"
    items: tuple[NumberedParagraph, ...]
    ordered: bool = False


@dataclass(frozen=True)
class NumberedText:
    """Text with a number on every line, continuing across its parts, for the Council to refer to."""

    kind: ClassVar[str] = "numbered"
    parts: tuple[NumberedParagraph | NumberedList | Heading, ...]
    lang: str = ""


Block = Paragraph | Heading | ItemList | Facts | Table | NumberedText


@dataclass(frozen=True)
class Section:
    """A headed part of the document; its heading level is its depth (the document's title is level 1)."""

    title: str
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    title_lang: str = ""  # set when the title is the committee's words in another language
    anchor: str = ""


@dataclass(frozen=True)
class Layout:
    """What staff set in one place for every document (case_documents.models.DocumentLayout)."""

    municipality: str
    header_line: str = ""
    footer: str = ""
    logo: bytes = field(default=b"", repr=False)  # the digest below stands for it in the fingerprint
    logo_digest: str = ""
    logo_type: str = ""  # "png" or "jpeg"
    logo_alt: str = ""


@dataclass(frozen=True)
class Document:
    kind: str  # what the document is: "Case document", "Mandate for a task committee"
    title: str
    language: str  # the reader's language: the document's own words and its metadata
    content_language: str  # what the committee and the Council wrote
    layout: Layout
    subtitle: str = ""
    facts: Facts | None = None  # under the title: committee, version, dates
    sections: tuple[Section, ...] = field(default=())
    filename: str = "document"  # without the extension

    @property
    def title_lang(self) -> str:
        """The title is the committee's own words: marked when the document is in another language."""
        return self.content_language if self.content_language != self.language else ""


# What XML 1.0 (the DOCX) cannot hold, and a PDF has no use for: control characters other than tab and line
# breaks, and the two non-characters. People can type them (a paste from another program); they are dropped.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def printable(value):
    """`value` (a document, or any part of one) with every text in it cleared of NOT_TEXT."""
    if isinstance(value, str):
        return NOT_TEXT.sub("", value)
    if isinstance(value, tuple):
        return tuple(printable(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: printable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return replace(value, **changes)
    return value
