"""Dates typed to go to an issue (``:`` in the app)."""

from __future__ import annotations

from datetime import date

from reader.text.when import parse_day

TODAY = date(2024, 6, 15)


def test_the_forms_a_person_types() -> None:
    assert parse_day("2020-05-02", None, TODAY) == "2020-05-02"
    assert parse_day("2020-5-2", None, TODAY) == "2020-05-02"
    assert parse_day("2020年5月2日", None, TODAY) == "2020-05-02"
    assert parse_day("2020-05", None, TODAY) == "2020-05-01"
    assert parse_day("5-2", "2021-03-01", TODAY) == "2021-05-02"
    assert parse_day("5-2", None, TODAY) == "2024-05-02"
    assert parse_day("today", "2021-03-01", TODAY) == "2024-06-15"
    assert parse_day("-1", "2021-03-01", TODAY) == "2021-02-28"
    assert parse_day("+7", None, TODAY) == "2024-06-22"


def test_nonsense_is_none() -> None:
    for text in ("", "tomorrow-ish", "2020-13-45", "99999999", "-", "2-30"):
        assert parse_day(text, "2024-01-01", TODAY) is None, text
