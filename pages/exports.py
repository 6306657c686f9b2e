"""Exports for spreadsheets, shared by every app that lets officials download a CSV."""

from __future__ import annotations

# What a spreadsheet program reads as the start of a formula (CSV injection, OWASP).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str:
    """Text a spreadsheet would run as a formula is prefixed with an apostrophe."""
    text = str(value)
    return f"'{text}" if text.startswith(CSV_FORMULA_STARTS) else text
