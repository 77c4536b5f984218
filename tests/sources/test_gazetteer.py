"""The gazetteer agrees with the research data and the official BKG boundaries."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from geo.paths import SOURCES_DIR
from geo.sources.gazetteer import TERRITORIES, Territory, kreis_ars_list, territory_by_ars

KI_FACTS = SOURCES_DIR / "ki_facts.csv"


def _ki_facts() -> list[dict[str, str]]:
    with KI_FACTS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _bkg_features(path: Path) -> list[dict[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [feature["properties"] for feature in data["features"]]


def test_53_five_digit_keys_plus_stadt_aachen() -> None:
    five = [t for t in TERRITORIES if len(t.ars) == 5]
    others = [t for t in TERRITORIES if len(t.ars) != 5]
    assert len(five) == 53
    assert [(t.ars, t.official_name, t.territory_type) for t in others] == [
        ("05334002", "Stadt Aachen", "regionsangehörige Stadt")
    ]
    assert all(re.fullmatch(r"05\d{3}", t.ars) for t in five)


def test_keys_are_unique() -> None:
    keys = [t.ars for t in TERRITORIES]
    assert len(set(keys)) == len(keys) == 54


def test_every_ki_facts_row_matches() -> None:
    rows = _ki_facts()
    assert len(rows) == len(TERRITORIES)
    for row in rows:
        territory = territory_by_ars(row["ars"])
        assert territory.official_name == row["territory"], row["ars"]
        assert territory.territory_type == row["territory_type"], row["ars"]
        assert territory.regierungsbezirk == row["regierungsbezirk"], row["ars"]


def test_every_bkg_polygon_matches(bkg_kreise_path: Path) -> None:
    features = _bkg_features(bkg_kreise_path)
    assert sorted(p["ARS"] for p in features) == list(kreis_ars_list())
    for props in features:
        assert territory_by_ars(props["ARS"]).common_name == props["GEN"], props["ARS"]


def test_bkg_kinds_agree_with_territory_types(bkg_kreise_path: Path) -> None:
    bkg = {"Kreisfreie Stadt": "kreisfreie Stadt", "Kreis": "Kreis"}
    for props in _bkg_features(bkg_kreise_path):
        kind = territory_by_ars(props["ARS"]).territory_type
        # BKG files the Städteregion Aachen as a Kreis.
        expected = "Städteregion" if props["ARS"] == "05334" else bkg[props["BEZ"]]
        assert kind == expected, props["ARS"]


def test_territories_per_regierungsbezirk() -> None:
    five = Counter(t.regierungsbezirk for t in TERRITORIES if len(t.ars) == 5)
    assert five == {"Düsseldorf": 15, "Köln": 11, "Münster": 8, "Detmold": 7, "Arnsberg": 12}
    everything = Counter(t.regierungsbezirk for t in TERRITORIES)
    assert everything["Köln"] == 12
    # The data itself says the same.
    assert Counter(row["regierungsbezirk"] for row in _ki_facts()) == everything


def test_regierungsbezirk_follows_the_key() -> None:
    digit = {"1": "Düsseldorf", "3": "Köln", "5": "Münster", "7": "Detmold", "9": "Arnsberg"}
    for territory in TERRITORIES:
        assert territory.regierungsbezirk == digit[territory.ars[2]], territory.ars


def test_no_name_points_to_two_territories() -> None:
    owner: dict[str, str] = {}
    for territory in TERRITORIES:
        for name in territory.names:
            assert name, territory.ars
            assert name.strip() == name, territory.ars
            assert owner.setdefault(name.casefold(), territory.ars) == territory.ars, name


def test_names_lists_official_common_and_aliases_without_repeats() -> None:
    neuss = territory_by_ars("05162")
    assert neuss.names == ("Rhein-Kreis Neuss", "Kreis Neuss")
    kleve = territory_by_ars("05154")
    assert kleve.names == ("Kreis Kleve", "Kleve")
    assert "HSK" in territory_by_ars("05958").aliases
    assert "Mülheim" in territory_by_ars("05117").aliases
    assert "StädteRegion Aachen" in territory_by_ars("05334").aliases


def test_stadt_aachen_lies_in_the_staedteregion() -> None:
    stadt = territory_by_ars("05334002")
    region = territory_by_ars("05334")
    assert stadt.ars.startswith(region.ars)
    assert (stadt.common_name, region.common_name) == ("Aachen", "Städteregion Aachen")


def test_unknown_key_raises_key_error() -> None:
    with pytest.raises(KeyError, match="05999"):
        territory_by_ars("05999")
    with pytest.raises(KeyError):
        territory_by_ars("5111")


def test_kreis_ars_list_is_sorted_five_digit_keys() -> None:
    keys = kreis_ars_list()
    assert len(keys) == 53
    assert list(keys) == sorted(keys)
    assert "05334" in keys
    assert "05334002" not in keys


def test_territory_is_frozen() -> None:
    territory: Territory = TERRITORIES[0]
    with pytest.raises(FrozenInstanceError):
        territory.ars = "05000"  # type: ignore[misc]
