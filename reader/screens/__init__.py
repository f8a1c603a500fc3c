"""Textual screens of the reader app."""
