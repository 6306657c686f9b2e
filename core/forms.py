"""Form fields every app's forms share."""

from __future__ import annotations

from django import forms


class TextField(forms.CharField):
    """A textarea's text with its line breaks as one character each, as the browser counted them
    against maxlength (it sends them as two), so the length check agrees with what they saw."""

    widget = forms.Textarea

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().to_python(value)
