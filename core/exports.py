"""Exports for spreadsheets, shared by every app that lets officials download a CSV."""

from __future__ import annotations

import csv

from django.http import HttpResponse

# What a spreadsheet program reads as the start of a formula (CSV injection, OWASP).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str:
    """Text a spreadsheet would run as a formula is prefixed with an apostrophe."""
    text = str(value)
    return f"'{text}" if text.startswith(CSV_FORMULA_STARTS) else text


def csv_download(filename: str):
    """A CSV attachment and its writer: UTF-8 with a byte-order mark, which makes spreadsheet programs read
    æ, ø and å, and never kept by a cache (it holds personal data)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    return response, csv.writer(response)
