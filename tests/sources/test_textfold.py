"""Folding German text for matching and ids: slugs of territory names."""

from __future__ import annotations

import pytest

from geo.sources.textfold import slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Städteregion Aachen", "staedteregion-aachen"),
        ("Stadt Düsseldorf", "stadt-duesseldorf"),
        ("Märkischer Kreis", "maerkischer-kreis"),
        ("Kreis Minden-Lübbecke", "kreis-minden-luebbecke"),
        ("Straße  (Nord)", "strasse-nord"),
        ("ÖÄÜ", "oeaeue"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected
