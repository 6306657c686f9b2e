"""Mandates models: filled by the later issues (see DESIGN.md §3)."""
