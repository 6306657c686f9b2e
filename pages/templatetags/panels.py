"""`{% panels_for "slot" object %}`: the panels higher apps show here (pages.panels), rendered in place.
A page-wide slot (the home page) names no object: `{% panels_for "home" %}`."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from pages.panels import panels_for as _panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels_for(context, slot: str, obj=True) -> SafeString:
    request = context.get("request")
    html = [
        render_to_string(panel.template, dict(panel.context), request=request)
        for panel in _panels_for(slot, request, obj)
    ]
    return mark_safe("".join(html))  # each piece is a template's output, escaped by the template engine
