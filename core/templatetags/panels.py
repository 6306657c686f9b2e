"""`{% panels_for "slot" object %}`: the panels higher apps show here (core.panels), rendered in place."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from core.panels import panels_for as _panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels_for(context, slot: str, obj) -> SafeString:
    request = context.get("request")
    html = [
        render_to_string(panel.template, dict(panel.context), request=request)
        for panel in _panels_for(slot, request, obj)
    ]
    return mark_safe("".join(html))  # each piece is a template's output, escaped by the template engine
