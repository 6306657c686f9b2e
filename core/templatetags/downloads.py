"""`{% downloads_for "slot" object as downloads %}`: the links higher apps offer here (core.downloads)."""

from __future__ import annotations

from django import template

from core.downloads import Download
from core.downloads import downloads_for as _downloads_for

register = template.Library()


@register.simple_tag(takes_context=True)
def downloads_for(context, slot: str, obj) -> list[Download]:
    return _downloads_for(slot, context.get("request"), obj)
