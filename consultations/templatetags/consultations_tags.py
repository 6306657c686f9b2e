"""Filters for this app's templates. They format what the view loaded; none of them queries."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from deliberation.markdown import render_markdown

register = template.Library()


@register.filter(name="draft_markdown")
def draft_markdown(text: str) -> SafeString:
    """A draft section's text as the committee wrote it (Markdown), made safe as the deliverable page does."""
    return render_markdown(text)


@register.filter
def get_count(counter, key) -> int:
    """counter[key] for a Counter or dict in a template; 0 when absent."""
    return counter.get(key, 0) if counter else 0
