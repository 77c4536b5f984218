"""The labels the press cards, the banner and the popups give a release and a centre, in the
page's language."""

from __future__ import annotations

from geo import paths
from geo.sources.press import load_press_releases
from geo.views.presscards import centre_label, release_label

UNDATED = "seed-undated-staatssekretaerin-serap-gueler-beendet"
DATED = "seed-2016-07-01-staatssekretaere-hecke-und-klute"


def _releases() -> dict:
    return {release.id: release for release in load_press_releases(paths.PRESS_CSV)}


def test_an_undated_release_is_labelled_as_undated_not_as_unknown() -> None:
    release = _releases()[UNDATED]
    assert release_label(release, "de").startswith("ohne Datum: Staatssekretärin Serap Güler")
    assert release_label(release, "en").startswith("undated: Staatssekretärin Serap Güler")
    assert "unbekannt" not in release_label(release, "de")
    assert len(release_label(release, "de")) <= len("ohne Datum: ") + 70


def test_a_dated_release_starts_with_its_date_in_words() -> None:
    release = _releases()[DATED]
    assert release_label(release, "de").startswith("01.07.2016: ")
    assert release_label(release, "en").startswith("1 July 2016: ")


def test_a_centres_earlier_names_follow_the_language() -> None:
    name = "Kommunales Integrationszentrum Kreis Wesel (early: KIZ)"
    assert centre_label(name, "de") == "Kommunales Integrationszentrum Kreis Wesel (früher: KIZ)"
    assert centre_label(name, "en") == "Kommunales Integrationszentrum Kreis Wesel (formerly: KIZ)"
    assert centre_label("KI (early) Kreis", "de") == "KI (early) Kreis"
