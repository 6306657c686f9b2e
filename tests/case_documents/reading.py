"""Reading the made files back, as a person's tools would: the PDF's text and structure tree (pypdf), the
DOCX's paragraphs, styles and properties (python-docx)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader

NUMBERED_LINE = re.compile(r"^\s*(\d{1,4})  +(\S.*?)\s*$")


def pdf(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-"), data[:20]
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    """The text in reading order as a layout (columns kept apart by spaces), pages one after the other."""
    return "\n".join(page.extract_text(extraction_mode="layout") for page in pdf(data).pages)


def numbered_lines(
    data: bytes, after: str = "Linjerne er nummererede", until: str = "Forløbet og hvert organs"
) -> list[tuple[int, str]]:
    """(number, text) of the recommendation's numbered lines: the PDF's text between `after` and `until`."""
    text = pdf_text(data)
    start = text.index(after)
    found: list[tuple[int, str]] = []
    for line in text[start : text.index(until, start)].splitlines():
        match = NUMBERED_LINE.match(line)
        if match and (not found or int(match[1]) == found[-1][0] + 1):
            found.append((int(match[1]), match[2]))
    return found


@dataclass(frozen=True)
class Element:
    tag: str
    lang: str
    alt: str
    text: str  # the actual text of what it holds, where pypdf can tell (not needed here)


def structure(data: bytes) -> list[Element]:
    """Every element of the PDF's structure tree, in document order."""
    root = pdf(data).trailer["/Root"]
    found: list[Element] = []

    def walk(node) -> None:
        node = node.get_object()
        if node.get("/Type") == "/StructElem" or "/S" in node:
            found.append(
                Element(
                    str(node.get("/S", ""))[1:], str(node.get("/Lang", "")), str(node.get("/Alt", "")), ""
                )
            )
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                child = kid.get_object()
                if hasattr(child, "get") and child.get("/Type") != "/MCR" and "/S" in child:
                    walk(child)

    tree = root["/StructTreeRoot"].get_object()
    for kid in tree["/K"] if isinstance(tree["/K"], list) else [tree["/K"]]:
        walk(kid)
    return found


def xmp(data: bytes) -> str:
    return pdf(data).trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def word(data: bytes):
    assert data.startswith(b"PK"), data[:20]
    return docx.Document(io.BytesIO(data))


def headings(document) -> list[tuple[str, str]]:
    """(style, text) of every paragraph in a heading style, in order."""
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def numbered_paragraph_lines(document) -> list[str]:
    """The lines of the paragraphs Word numbers (suppressLineNumbers switched off), each on its own."""
    lines: list[str] = []
    for paragraph in document.paragraphs:
        switch = paragraph._p.pPr.find(qn("w:suppressLineNumbers")) if paragraph._p.pPr is not None else None
        if switch is not None and switch.get(qn("w:val")) == "0":
            lines.extend(paragraph.text.split("\n"))
    return lines


def default_language(document) -> str:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    return defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val"))


def run_language(run) -> str:
    properties = run._r.rPr
    found = properties.find(qn("w:lang")) if properties is not None else None
    return found.get(qn("w:val")) if found is not None else ""
