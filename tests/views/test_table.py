"""The table of centres at a date."""

from __future__ import annotations

from datetime import date

from geo.model.timeline import Timeline
from geo.paths import CENTRES_CSV, POPULATION_CSV
from geo.sources.centres import load_centres
from geo.sources.population import load_population
from geo.views.table import centres_table

TIMELINE = Timeline(load_centres(CENTRES_CSV))


def test_one_row_per_drawn_centre_with_states_in_words() -> None:
    snapshot = TIMELINE.snapshot(date(2014, 1, 15))
    table = centres_table(TIMELINE, snapshot, lang="de")
    assert len(table) == snapshot.counts["total"]
    assert list(table.columns) == ["Zentrum", "Gebiet", "Stand", "Start", "Bewilligung", "Quellen"]
    assert set(table["Stand"]) <= {"Geöffnet", "Start unsicher", "Bewilligt, noch nicht gestartet"}


def test_start_is_written_with_its_precision_and_bounds() -> None:
    table = centres_table(TIMELINE, TIMELINE.snapshot(date(2018, 10, 1)), lang="de")
    by_territory = dict(zip(table["Gebiet"], table["Start"], strict=True))
    assert by_territory["Stadt Bonn"].startswith("unbekannt — spätestens 25.04.2014")
    assert by_territory["Kreis Kleve"] == "06.09.2018"
    assert "Abweichende Angabe: 05.10.2017" in by_territory["Kreis Viersen"]
    sources = dict(zip(table["Gebiet"], table["Quellen"], strict=True))
    assert all(url.startswith("http") for url in sources["Kreis Kleve"])


def test_highlight_column_only_when_years_are_chosen() -> None:
    snapshot = TIMELINE.snapshot(date(2018, 10, 1))
    chosen = frozenset(TIMELINE.started_in([2018]))
    table = centres_table(TIMELINE, snapshot, lang="en", highlight=chosen)
    assert table["Highlighted"].sum() == len(chosen) == 1
    assert "Highlighted" not in centres_table(TIMELINE, snapshot, lang="en").columns


def test_residents_column_with_population_figures() -> None:
    population = load_population(POPULATION_CSV)
    snapshot = TIMELINE.snapshot(date(2018, 10, 1))
    table = centres_table(TIMELINE, snapshot, lang="en", population=population)
    residents = dict(zip(table["Territory"], table["Residents (Kreis, 31 Dec 2018)"], strict=True))
    assert residents["Kreis Kleve"] == 310_974
    assert residents["Stadt Aachen"] == residents["Städteregion Aachen"] == 555_465
