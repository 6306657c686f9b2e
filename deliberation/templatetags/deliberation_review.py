"""`{{ body|markdown }}`: the committee's Markdown, rendered and sanitised. Formats only; never queries."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from deliberation.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)
