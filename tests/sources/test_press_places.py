"""Places in press texts: inflected names, kreisfreie Städte, ambiguous town names."""

from __future__ import annotations

import pytest

from geo.sources.press_places import extract_places


@pytest.mark.parametrize(
    ("text", "places", "ambiguous"),
    [
        ("Besuch im Kreis Kleve", ["05154"], []),
        ("im Kreis Düren", ["05358"], []),
        ("des Kreises Steinfurt", ["05566"], []),
        ("in den Kreisen Borken und Steinfurt", ["05554", "05566"], []),
        ("der Kreise Borken, Coesfeld und Steinfurt", ["05554", "05558", "05566"], []),
        ("im Rhein-Kreis Neuss", ["05162"], []),
        ("des Rhein-Kreises Neuss", ["05162"], []),
        ("im Kreis Neuss", ["05162"], []),
        ("Städteregion Aachen", ["05334"], []),
        ("die StädteRegion Aachen", ["05334"], []),
        ("die Stadt Aachen", ["05334002"], []),
        ("in Aachen", [], ["Aachen"]),
        ("in der Städteregion Aachen, genauer in Aachen", ["05334"], []),
        ("in Dortmund", ["05913"], []),
        ("Dortmunds Integrationszentrum", ["05913"], []),
        ("nach Mülheim", ["05117"], []),
        ("in Muelheim an der Ruhr", ["05117"], []),
        ("der Stadt Solingen", ["05122"], []),
        ("in Koeln", ["05315"], []),
        ("nun in Düren", [], ["Düren"]),
        ("Kreis Düren: nun in Düren", ["05358"], []),
        ("Zentrum in Borken", [], ["Borken"]),
        ("in der Stadt Düren", [], []),
        ("in der Kreisstadt Borken", [], []),
        ("in Neuss", [], ["Neuss"]),
        ("des Märkischen Kreises", ["05962"], []),
        ("im Oberbergischen Kreis", ["05374"], []),
        ("im Hochsauerlandkreis", ["05958"], []),
        ("im HSK", ["05958"], []),
        ("des Ennepe-Ruhr-Kreises", ["05954"], []),
        ("im Rhein-Erft-Kreis", ["05362"], []),
        ("in Lippe", ["05766"], []),
        ("Kreis Minden-Lübbecke", ["05770"], []),
        ("die Städte Bochum und Herne", ["05911", "05916"], []),
        ("Landeshauptstadt Düsseldorf", ["05111"], []),
        ("wir essen gemeinsam", [], []),
        ("in Essen", ["05113"], []),
        ("die Dortmunder Kollegen", [], []),
        ("in Köln-Mülheim", [], []),
        ("in den NRW-Kreisen", [], []),
        ("in Nordrhein-Westfalen", [], []),
        ("in Bergheim", [], []),
        ("Kreis Kleve, Kleve und Kreis Kleve", ["05154"], []),
    ],
)
def test_extract_places(text: str, places: list[str], ambiguous: list[str]) -> None:
    found, unclear = extract_places(text)
    assert [p.ars for p in found] == places
    assert list(unclear) == ambiguous


def test_place_mentions_carry_names_and_phrases() -> None:
    (place,), _ = extract_places("Eröffnung des Kreises Steinfurt")
    assert (place.ars, place.name, place.phrase) == (
        "05566",
        "Kreis Steinfurt",
        "Kreises Steinfurt",
    )
