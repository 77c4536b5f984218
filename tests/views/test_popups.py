"""A centre's popup: dates with their precision, every text field escaped, releases linked."""

from __future__ import annotations

from dataclasses import replace

from factories import make_centre

from geo.model.startwindow import start_window
from geo.model.timeline import Timeline
from geo.paths import CENTRES_CSV
from geo.sources.centres import load_centres
from geo.views.popups import ReleaseLink, popup_html


def test_popup_shows_dates_with_precision_and_the_derived_bound() -> None:
    bonn = make_centre(territory_type="kreisfreie Stadt", name="KI Bonn")
    html = popup_html(bonn, start_window(bonn), lang="de")
    assert "unbekannt — spätestens 25.04.2014" in html
    assert "laut Landesregierung" in html
    month = make_centre(start=("2013-06", "month"), alt="2013", approval=("2013-01-28", "before"))
    html = popup_html(month, start_window(month), lang="de")
    assert "Juni 2013" in html
    assert "spätestens 28.01.2013" in html
    assert "Abweichende Angabe" in html


def test_popup_escapes_every_text_field() -> None:
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    centre = make_centre(name=payload, street=payload, town=payload, predecessor=payload)
    centre = replace(centre, sources=("https://example.org/?q=<script>",))
    html = popup_html(centre, start_window(centre), lang="en")
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_popup_links_the_releases_that_mention_the_centre() -> None:
    centre = make_centre()
    links = [
        ReleaseLink("/?release=a&lang=de", "01.07.2016: Eröffnung"),
        ReleaseLink('/?release=b"><script>x</script>', "<b>bold</b>"),
    ]
    html = popup_html(centre, start_window(centre), lang="de", releases=links)
    assert "Erwähnt in (2)" in html
    assert html.count('class="ki-release-link"') == 2
    assert 'href="/?release=a&amp;lang=de" target="_blank"' in html
    assert "<script>" not in html
    assert "<b>" not in html
    assert "Erwähnt in" not in popup_html(centre, start_window(centre), lang="de")


def test_every_popup_value_is_german_in_the_german_ui() -> None:
    # The data's predecessor codes, as centres.csv writes them.
    for code, german, english in (
        ("none", "keiner", "none"),
        ("unknown", "unbekannt", "unknown"),
        ("RAA", "RAA (Regionale Arbeitsstelle", "RAA (regional office"),
        ("other: Kreis Fachstelle", "andere Stelle: Kreis Fachstelle", "other body: Kreis"),
    ):
        centre = make_centre(predecessor=code)
        de = popup_html(centre, start_window(centre), lang="de")
        en = popup_html(centre, start_window(centre), lang="en")
        assert f"<th>Vorgänger</th><td>{german}" in de
        assert f"<th>Predecessor</th><td>{english}" in en
    # An upload's own text stays as it is.
    own = make_centre(predecessor="Amt 51")
    assert "<td>Amt 51</td>" in popup_html(own, start_window(own), lang="de")


def test_no_popup_of_the_data_shows_a_code_instead_of_a_word() -> None:
    timeline = Timeline(load_centres(CENTRES_CSV))
    for centre in timeline.centres:
        html = popup_html(centre, timeline.windows[centre.id], lang="de")
        for code in (">none<", ">unknown<", ">other:", ">RAA<", "day", "month", "approx", "before"):
            assert code not in html, (centre.id, code)
