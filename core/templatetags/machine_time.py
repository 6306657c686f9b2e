"""`{{ value|datetime_attr }}`: a date-time for `<time datetime>`, in whole seconds with its offset.

Django's `date:"c"` carries microseconds, and HTML allows at most three digits of a second's fraction. It
is a builtin filter (config/settings/base.py, TEMPLATES), so templates use it without loading anything.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(value) -> str:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""
