"""`{% downloads_for "slot" object as downloads %}`: the links higher apps offer here (pages.downloads)."""

from __future__ import annotations

from django import template

from pages.downloads import Download
from pages.downloads import downloads_for as _downloads_for

register = template.Library()


@register.simple_tag(takes_context=True)
def downloads_for(context, slot: str, obj) -> list[Download]:
    return _downloads_for(slot, context.get("request"), obj)
