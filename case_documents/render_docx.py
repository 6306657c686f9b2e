"""A document tree as DOCX, with python-docx, for staff to bring into the agenda system or edit.

Accessible the way Word checks it: the title and sections in Word's own heading styles (Heading 1–6, so
the navigation pane and screen readers see them), lists in Word's list styles, tables with a caption and a
header row that repeats, the document's language in its default style and its properties, the committee's
Danish marked as Danish in an English document, and the logo with alternative text. The recommendation's
lines end in a line break where the PDF's do, and Word numbers them itself (line numbering, counting only
those paragraphs), so the numbers match the PDF's and stay right if staff edit the text.
"""

from __future__ import annotations

import io

import docx
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from case_documents.tree import DELETED, INSERTED, Document, Heading, NumberedText, Run, Section

LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}
LOGO_HEIGHT = Cm(2)
# What may follow an element in its parent (ECMA-376 part 1 keeps the children of w:pPr and w:sectPr in a
# fixed order, and Word refuses a file that breaks it).
AFTER_SUPPRESS_LINE_NUMBERS = (
    *("w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct"),
    *("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid"),
    *("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc"),
    *("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle"),
    *("w:rPr", "w:sectPr", "w:pPrChange"),
)
AFTER_LINE_NUMBERING = (
    *("w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection"),
    *("w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
)


def render_docx(document: Document) -> bytes:
    word = docx.Document()
    _page_and_styles(word, document)
    _header_and_footer(word, document)
    _letterhead(word, document)
    word.add_paragraph(document.kind, style="Subtitle")
    title = word.add_heading(level=1)
    _add_runs(title, (Run(document.title),), lang=document.title_lang)
    if document.subtitle:
        word.add_paragraph(document.subtitle)
    if document.facts:
        _facts(word, document.facts)
    for section in document.sections:
        _section(word, section, level=2)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


def language_tag(lang: str) -> str:
    return LANGUAGE_TAGS.get(lang[:2], lang)


def _page_and_styles(word, document: Document) -> None:
    page = word.sections[0]
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    page.top_margin, page.bottom_margin, page.left_margin, page.right_margin = (
        Cm(2.2),
        Cm(2.4),
        Cm(2.6),
        Cm(2),
    )
    # Lines are numbered only where a paragraph asks for it (the recommendation), counting on through the
    # document: paragraphs leave the count unless they switch suppressLineNumbers off.
    numbering = OxmlElement("w:lnNumType")
    numbering.set(qn("w:countBy"), "1")
    numbering.set(qn("w:restart"), "continuous")
    numbering.set(qn("w:distance"), str(int(Cm(0.6).twips)))
    page._sectPr.insert_element_before(numbering, *AFTER_LINE_NUMBERING)
    defaults = word.styles.element.find(qn("w:docDefaults"))
    default_paragraph = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    default_paragraph.insert_element_before(
        OxmlElement("w:suppressLineNumbers"), *AFTER_SUPPRESS_LINE_NUMBERS
    )
    tag = language_tag(document.language)
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    lang.set(qn("w:val"), tag)
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10)
    properties = word.core_properties
    properties.title = f"{document.kind}: {document.title}"
    properties.subject = document.subtitle
    properties.author = document.layout.municipality
    properties.language = tag
    properties.comments = ""


def _header_and_footer(word, document: Document) -> None:
    """The name on every page but the first, which has the letterhead; the footer and page number on all."""
    page, layout = word.sections[0], document.layout
    page.different_first_page_header_footer = True
    header = page.header.paragraphs[0]
    header.text = layout.municipality + (f" · {layout.header_line}" if layout.header_line else "")
    for footer in (page.footer, page.first_page_footer):
        lines = [line.strip() for line in layout.footer.splitlines() if line.strip()]
        first = footer.paragraphs[0]
        for n, line in enumerate(lines):
            if n:
                first.add_run().add_break(WD_BREAK.LINE)
            first.add_run(line)
        numbers = footer.add_paragraph() if lines else first
        numbers.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        numbers.add_run(_("Page") + " ")
        _field(numbers, "PAGE")
        numbers.add_run(" " + _("of") + " ")
        _field(numbers, "NUMPAGES")


def _field(paragraph, code: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _letterhead(word, document: Document) -> None:
    layout = document.layout
    if layout.logo:
        picture = word.add_paragraph().add_run().add_picture(io.BytesIO(layout.logo), height=LOGO_HEIGHT)
        properties = picture._inline.docPr
        properties.set("descr", layout.logo_alt)
        properties.set("title", layout.logo_alt)
    name = word.add_paragraph()
    name.add_run(layout.municipality).bold = True
    if layout.header_line:
        word.add_paragraph(layout.header_line)


def _section(word, section: Section, level: int) -> None:
    heading = word.add_heading(level=min(level, 6))
    _add_runs(heading, (Run(section.title),), lang=section.title_lang)
    if section.anchor == "annex":
        heading.paragraph_format.page_break_before = True
    for block in section.blocks:
        _block(word, block, level)
    for child in section.sections:
        _section(word, child, level + 1)


def _block(word, block, level: int) -> None:
    if block.kind == "paragraph":
        paragraph = word.add_paragraph(style="Quote" if block.quote else None)
        _add_runs(paragraph, block.runs, lang=block.lang)
    elif block.kind == "heading":
        _add_runs(word.add_heading(level=min(level + 1, 6)), (Run(block.text),), lang=block.lang)
    elif block.kind == "list":
        _list(word, block.items, ordered=block.ordered, lang=block.lang)
    elif block.kind == "facts":
        _facts(word, block)
    elif block.kind == "table":
        _table(word, block)
    elif block.kind == "numbered":
        _numbered(word, block, level)


def _list(word, items, *, ordered: bool, lang: str) -> list:
    style = "List Number" if ordered else "List Bullet"
    paragraphs = []
    for item in items:
        paragraph = word.add_paragraph(style=style)
        _add_runs(paragraph, item, lang=lang)
        paragraphs.append(paragraph)
    if ordered and paragraphs:
        _restart_numbering(word, paragraphs)
    return paragraphs


def _restart_numbering(word, paragraphs) -> None:
    """Word's "List Number" counts on across lists; each list of ours starts again at 1."""
    numbering = word.part.numbering_part.numbering_definitions._numbering
    style_num = word.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for paragraph in paragraphs:
        numbers = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbers.get_or_add_ilvl().val = 0
        numbers.get_or_add_numId().val = num.numId


def _numbered(word, text: NumberedText, level: int) -> None:
    for part in text.parts:
        if isinstance(part, Heading):
            _add_runs(word.add_heading(level=min(level + 1, 6)), (Run(part.text),), lang=text.lang)
            continue
        if part.kind == "list":
            items = [_lines(item) for item in part.items]
            for paragraph in _list(word, items, ordered=part.ordered, lang=text.lang):
                _count_lines(paragraph)
        else:
            paragraph = word.add_paragraph()
            _add_runs(paragraph, _lines(part), lang=text.lang)
            _count_lines(paragraph)


def _lines(paragraph) -> tuple[Run, ...]:
    runs: list[Run] = []
    for n, line in enumerate(paragraph.lines):
        if n:
            runs.append(Run("\n"))
        runs.extend(line.runs)
    return tuple(runs)


def _count_lines(paragraph) -> None:
    switch = OxmlElement("w:suppressLineNumbers")
    switch.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().insert_element_before(switch, *AFTER_SUPPRESS_LINE_NUMBERS)


def _facts(word, facts) -> None:
    table = word.add_table(rows=0, cols=2)
    for label, value in facts.rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        _add_runs(cells[1].paragraphs[0], _plain_lines(value), lang=facts.lang)


def _table(word, block) -> None:
    caption = word.add_paragraph(block.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    table = word.add_table(rows=1, cols=len(block.header), style="Table Grid")
    properties = table._tbl.tblPr
    described = OxmlElement("w:tblCaption")
    described.set(qn("w:val"), block.caption)
    properties.append(described)
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    header._tr.get_or_add_trPr().append(repeat)
    for column, (cell, text) in enumerate(zip(header.cells, block.header, strict=True)):
        cell.paragraphs[0].add_run(text).bold = True
        if column in block.numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in block.rows:
        cells = table.add_row().cells
        for column, (cell, text) in enumerate(zip(cells, row, strict=True)):
            paragraph = cell.paragraphs[0]
            _add_runs(paragraph, _plain_lines(text), lang=block.lang if column not in block.numeric else "")
            if column in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if column == 0:  # the row's header
                for run in paragraph.runs:
                    run.bold = True


def _plain_lines(text: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    for n, line in enumerate(str(text).splitlines() or [""]):
        if n:
            runs.append(Run("\n"))
        runs.append(Run(line))
    return tuple(runs)


def _add_runs(paragraph, runs: tuple[Run, ...], *, lang: str = "") -> None:
    for run in runs:
        if run.text == "\n":
            paragraph.add_run().add_break(WD_BREAK.LINE)
            continue
        label = {
            INSERTED: pgettext("a change in the agreed text", "added"),
            DELETED: pgettext("a change in the agreed text", "removed"),
        }.get(run.change)
        if label:
            _styled(paragraph, f"[{label}: ", lang=lang)
        target = _hyperlink(paragraph, run.href) if run.href else paragraph
        added = _styled(target, run.text, lang=lang)
        added.bold = run.strong or run.change == INSERTED or None
        added.italic = run.emphasis or None
        added.underline = run.change == INSERTED or bool(run.href) or None
        added.font.strike = run.change == DELETED or None
        if label:
            _styled(paragraph, "]", lang=lang)


def _styled(paragraph, text: str, *, lang: str):
    run = paragraph.add_run(text)
    if lang:
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), language_tag(lang))
        run._r.get_or_add_rPr().append(language)
    return run


class _Hyperlink:
    """Runs added inside a w:hyperlink (python-docx reads links but cannot write them)."""

    def __init__(self, element, paragraph):
        self._element, self._paragraph = element, paragraph

    def add_run(self, text: str):
        run = self._paragraph.add_run(text)
        self._element.append(run._r)  # moves the run into the link
        return run


def _hyperlink(paragraph, url: str) -> _Hyperlink:
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), relation)
    paragraph._p.append(element)
    return _Hyperlink(element, paragraph)
