"""Filters for the document template (templates/case_documents/): a tree's runs as HTML, and heading tags.

Every piece of text goes through escape(); the markup around it is ours.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from case_documents.tree import DELETED, INSERTED, Run

register = template.Library()


@register.filter
def runs_html(runs: tuple[Run, ...]) -> SafeString:
    parts = []
    for run in runs:
        if run.text == "\n":
            parts.append("<br>")
            continue
        html = escape(run.text)
        if run.emphasis:
            html = f"<em>{html}</em>"
        if run.strong:
            html = f"<strong>{html}</strong>"
        if run.href:
            html = f'<a href="{escape(run.href)}">{html}</a>'
        if run.change == INSERTED:
            label = escape(pgettext("a change in the agreed text", "added"))
            html = f'<span class="change">[{label}: <ins>{html}</ins>]</span>'
        elif run.change == DELETED:
            label = escape(pgettext("a change in the agreed text", "removed"))
            html = f'<span class="change">[{label}: <del>{html}</del>]</span>'
        parts.append(html)
    # Every text above went through escape(); the rest is our own markup.
    return mark_safe("".join(parts))


@register.filter
def heading_tag(level: int) -> str:
    """h2…h6 for a section at `level`; deeper sections stay h6 (PDF and HTML have six levels)."""
    return f"h{min(max(int(level), 1), 6)}"


@register.filter
def css_string(value: str) -> str:
    """A string for the stylesheet's `content:`, quoted; the template marks the result safe."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return f'"{text}"'
