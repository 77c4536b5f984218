"""Counts in press texts: numbers of centres, ranks, and counts in words without a number."""

from __future__ import annotations

import pytest

from geo.sources.press_counts import extract_counts, extract_qualitative

ALL_54 = "alle 54 Kommunalen Integrationszentren"
NO_53 = "53. Kommunale Integrationszentrum"
TWO_NEW = "zwei neue Kommunale Integrationszentren"
HALF = "mehr als die Hälfte der Kommunen"
FAST = "fast alle Kreise"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bereits 16 Standorte", [(16, "count", "16 Standorte")]),
        ("13 weitere Kreise und kreisfreie Städte", [(13, "count", "13 weitere Kreise")]),
        ("49 Kommunale Integrationszentren", [(49, "count", "49 Kommunale Integrationszentren")]),
        ("in den 54 Kreisen", [(54, "count", "54 Kreisen")]),
        (ALL_54, [(54, "count", ALL_54)]),
        ("durch alle 54.", [(54, "count", "alle 54")]),
        ("des 51. Zentrums", [(51, "ordinal", "51. Zentrums")]),
        ("das " + NO_53, [(53, "ordinal", NO_53)]),
        ("der 38 in Frage kommenden Städte", [(38, "count", "38 in Frage kommenden Städte")]),
        (TWO_NEW, [(2, "count", TWO_NEW)]),
        ("mehr als die Hälfte der Kommunen", []),
        ("Rund ein Drittel der Menschen", []),
        ("in nur zwei Jahren", []),
        ("Vier Jahre Kommunale Integrationszentren", []),
        ("am 28. und 29. Juni 2016", []),
        ("seit 2012 in 396 Kommunen", []),
    ],
)  # fmt: skip
def test_extract_counts(text: str, expected: list[tuple[int, str, str]]) -> None:
    assert [(c.value, c.kind, c.phrase) for c in extract_counts(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Damit sind {HALF} am Start", [HALF]),
        ("alle kreisfreien Städte, fast alle Kreise", ["alle kreisfreien Städte", FAST]),
        ("Rund ein Drittel der Menschen", []),
        ("alle Kommunalen Integrationszentren, die errichtet wurden", []),
    ],
)  # fmt: skip
def test_extract_qualitative(text: str, expected: list[str]) -> None:
    assert list(extract_qualitative(text)) == expected
