"""Textual widgets of the reader app."""
