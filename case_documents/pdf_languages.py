"""Languages inside a PDF: /Lang on the structure elements of HTML elements that carry a `lang`.

An English case document quotes the committee's Danish text; PDF/UA asks that a change of language be
marked (Matterhorn checkpoint 11-006) so a screen reader switches its voice. WeasyPrint (66–70) sets the
document's /Lang from <html lang> but leaves out the `lang` of inner elements. Its tagger builds the
structure tree in `weasyprint.pdf.tags._build_box_tree`, a recursive generator that yields the structure
element made for each box; this wraps it to add the box's `lang`. The tests read the structure tree back
and fail if a WeasyPrint release changes this function, so the wrapper never goes quietly stale.
"""

from __future__ import annotations

import functools
import logging

logger = logging.getLogger(__name__)


def mark_languages() -> None:
    import pydyf
    from weasyprint.pdf import tags

    original = getattr(tags, "_build_box_tree", None)
    if original is None or getattr(original, "marks_languages", False):
        if original is None:
            logger.warning("WeasyPrint has no _build_box_tree: changes of language are not marked in PDFs")
        return

    @functools.wraps(original)
    def build_box_tree(box, parent, *args, **kwargs):
        element_tag = getattr(box, "element_tag", None)
        lang = None
        if getattr(box, "element", None) is not None and element_tag not in ("html", "body"):
            lang = box.element.get("lang")
        for element in original(box, parent, *args, **kwargs):
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    build_box_tree.marks_languages = True
    tags._build_box_tree = build_box_tree
