"""The offline HTML map: self-contained, data that parses back and matches the timeline, escaped."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import xstatic.pkg.leaflet

from geo.i18n import t
from geo.model.playback import month_end
from geo.model.timeline import CentreState, Timeline, month_starts
from geo.outputs.offline_map import script_json, standalone_html
from geo.paths import OUTLINE_GEOJSON
from geo.sources.boundaries import load_boundaries
from geo.views.map_caption import years_reason
from geo.views.maplayers import ring_offsets
from geo.views.mapstyles import marker_style
from geo.views.popups import popup_html

HOSTILE = "</script><img src=x onerror=alert(1)>"
# What the dashboard passes: each month at its last day (`Dataset.shown_days`).
DAYS = [month_end(m) for m in month_starts(date(2012, 1, 1), date(2018, 10, 1))]
_DATA_BLOB = re.compile(r'<script type="application/json" id="ki-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def page(timeline, boundaries) -> str:
    return standalone_html(timeline, boundaries, days=DAYS)


def _blob(html: str) -> dict:
    found = _DATA_BLOB.findall(html)
    assert len(found) == 1
    return json.loads(found[0])


# --------------------------------------------------------------------------- standalone_html


def test_page_loads_nothing_from_the_network(page: str) -> None:
    external = re.findall(
        r"""(?:\bsrc|<link\b[^>]*\bhref)\s*=\s*["']?\s*(?:https?:|//)""", page, re.IGNORECASE
    )
    assert external == []
    assert re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", page) == []
    assert "sourceMappingURL" not in page
    assert "url(images/" not in page


def test_page_inlines_leaflet_from_xstatic(page: str) -> None:
    leaflet = Path(xstatic.pkg.leaflet.BASE_DIR)
    js = (leaflet / "leaflet.js").read_text(encoding="utf-8")
    js_body = js[: js.index("//# sourceMappingURL")]
    assert js_body in page
    assert ".leaflet-container" in page
    assert 'id="ki-slider"' in page
    assert 'id="ki-play"' in page


def test_embedded_data_parses_back_and_matches_the_timeline(page: str, timeline) -> None:
    data = _blob(page)
    assert data["days"] == [d.isoformat() for d in DAYS]
    assert data["labels"][0] == "01/2012"
    assert data["labels"][-1] == "10/2018"
    assert data["shown"][27] == "Stand: 30.04.2014", "a month says which day it shows"
    assert data["initial"] == len(DAYS) - 1
    assert data["hasKreise"] is True
    assert len(data["areas"]["features"]) == 53
    assert len(data["centres"]) == 54
    offsets = ring_offsets(timeline.centres)
    by_id = {c.id: c for c in timeline.centres}
    for entry in data["centres"]:
        centre = by_id[entry["id"]]
        window = timeline.windows[centre.id]
        assert entry["name"] == centre.name
        assert entry["earliest"] == window.earliest.isoformat()
        assert entry["latest"] == (window.latest.isoformat() if window.latest else None)
        approval = centre.approval.latest
        assert entry["approval"] == (approval.isoformat() if approval else None)
        assert entry["ring"] == offsets.get(centre.id, 0)
        assert entry["popup"] == popup_html(
            centre, window, lang="de", colocated=centre.id in offsets
        )
    rings = [entry["ring"] for entry in data["centres"]]
    assert rings == sorted(rings, reverse=True)
    assert max(rings) > 0


def test_embedded_windows_give_the_timelines_state_at_every_shown_day(page: str, timeline) -> None:
    """The page's rule (documented in offline_map_template.APP_JS) applied to the embedded data."""

    def state_at(entry: dict, day: str) -> str | None:
        if entry["latest"] is not None and entry["latest"] <= day:
            return "open"
        if entry["earliest"] <= day:
            return "uncertain"
        if entry["approval"] is not None and entry["approval"] <= day:
            return "approved"
        return None

    data = _blob(page)
    seen = set()
    for day in data["days"]:
        states = timeline.snapshot(date.fromisoformat(day)).states
        expected = {cid: s.value for cid, s in states.items()}
        got = {e["id"]: state_at(e, day) for e in data["centres"]}
        assert {k: v for k, v in got.items() if v} == expected, day
        seen |= set(expected.values())
    assert seen == {"open", "uncertain", "approved"}


def test_coordinates_are_rounded_to_five_decimals(page: str) -> None:
    data = _blob(page)
    numbers = re.findall(r"-?\d+\.(\d+)", json.dumps(data["areas"]))
    assert numbers
    assert max(len(decimals) for decimals in numbers) <= 5


def test_hostile_name_cannot_leave_the_script(timeline, boundaries) -> None:
    centres = list(timeline.centres)
    centres[3] = replace(centres[3], name=HOSTILE + "\u2028&amp;")
    html = standalone_html(Timeline(centres), boundaries, days=DAYS)
    assert HOSTILE not in html
    assert "<img" not in html
    assert "\u2028" not in html
    assert html.count("</script>") == 3
    data = _blob(html)
    entry = next(e for e in data["centres"] if e["id"] == centres[3].id)
    assert entry["name"] == HOSTILE + "\u2028&amp;"
    assert "&lt;/script&gt;&lt;img src=x" in entry["popup"]


def test_script_json_escapes_markup_and_line_separators() -> None:
    value = {"s": "<!-- </script> & \u2028\u2029 >"}
    text = script_json(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_selected_month_opens_the_page_there(timeline, boundaries) -> None:
    html = standalone_html(timeline, boundaries, days=DAYS, selected=date(2016, 7, 15))
    data = _blob(html)
    assert data["days"][data["initial"]] == "2016-07-31"
    assert 'value="{}"'.format(data["initial"]) in html
    assert ">07/2016</output>" in html
    with pytest.raises(ValueError, match="outside"):
        standalone_html(timeline, boundaries, days=DAYS, selected=date(2019, 1, 1))
    with pytest.raises(ValueError, match="empty"):
        standalone_html(timeline, boundaries, days=[])


def test_outline_only_boundaries_embed_the_state_outline(timeline, tmp_path) -> None:
    outline = load_boundaries(env={}, cache_dir=tmp_path, outline_path=OUTLINE_GEOJSON)
    data = _blob(standalone_html(timeline, outline, days=DAYS))
    assert data["hasKreise"] is False
    assert len(data["areas"]["features"]) == len(outline.land["features"]) >= 1
    assert "Natural Earth" in data["attribution"]


def test_page_speaks_the_chosen_language(timeline, boundaries) -> None:
    html = standalone_html(timeline, boundaries, lang="en", days=DAYS)
    assert '<html lang="en">' in html
    assert f">{t('play', 'en')}</button>" in html
    assert "Offline file" in html
    data = _blob(html)
    assert "GeoBasis-DE" in data["attribution"]
    assert "Places: GeoNames" in data["attribution"]
    assert "Centres" in data["legend"]


def test_other_data_gets_its_own_subtitle_and_credit_as_text(timeline, boundaries) -> None:
    html = standalone_html(
        timeline,
        boundaries,
        days=DAYS,
        subtitle=f"Eigene Daten: {HOSTILE}.csv (5 Standorte)",
        sites_credit=f"Standorte: {HOSTILE}.csv",
    )
    assert "Die 54 Kommunalen" not in html
    assert "Eigene Daten: &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;.csv" in html
    attribution = _blob(html)["attribution"]
    assert "geonames.org" not in attribution
    assert "Standorte: &lt;/script&gt;&lt;img" in attribution
    assert "geonames.org" in _blob(standalone_html(timeline, boundaries, days=DAYS))["attribution"]


# --------------------------------------------------------------------------- highlight


def test_a_highlight_is_embedded_with_its_legend_line_and_styles(timeline, boundaries) -> None:
    ids = frozenset(timeline.started_in([2016]))
    html = standalone_html(
        timeline,
        boundaries,
        days=DAYS,
        highlight=ids,
        highlight_reason=years_reason([2016], "de"),
    )
    data = _blob(html)
    assert {e["id"] for e in data["centres"] if e["hl"] is True} == ids
    assert {e["hl"] for e in data["centres"] if e["id"] not in ids} == {False}
    assert data["highlight"]["many"] == "Hervorgehoben: Start 2016 ({n} Zentren); übrige blass"
    assert data["highlight"]["one"] == "Hervorgehoben: Start 2016 (1 Zentrum); übrige blass"
    chosen, pale = data["highlightStyles"]["true"], data["highlightStyles"]["false"]
    for state in ("open", "uncertain", "approved"):
        assert chosen[state] == marker_style(CentreState(state), highlight=True)
        assert pale[state] == marker_style(CentreState(state), highlight=False)
    assert 'class="ki-legend-highlight"' in data["legend"]
    # The highlighted centres are drawn last, above the pale ones (rings still first).
    unringed = [e["hl"] for e in data["centres"] if e["ring"] == 0]
    assert unringed == sorted(unringed)


def test_without_a_highlight_nothing_is_pale(page: str) -> None:
    data = _blob(page)
    assert data["highlight"] is None
    assert {e["hl"] for e in data["centres"]} == {None}
