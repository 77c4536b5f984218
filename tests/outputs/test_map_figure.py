"""The map at a day on an A4 page: size, Kreis fills, texts, languages, stable vector bytes."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from PIL import Image
from report_pictures import AFTER_KLEVE, BEFORE_KLEVE, KLEVE, hex_rgb, rgb, svg_texts

from geo.i18n import t
from geo.model.timeline import CentreState, Timeline
from geo.outputs.animation import render_animation
from geo.outputs.map_figure import render_map
from geo.outputs.map_layout import MAP_LAYOUT
from geo.outputs.small_multiples import render_small_multiples
from geo.sources.boundaries import Boundaries
from geo.views.map_caption import map_caption, years_reason
from geo.views.mapstyles import KREIS_FILLS


def test_png_is_a4_landscape_at_300_dpi(data: tuple[Timeline, Boundaries]) -> None:
    png = render_map(*data, date(2016, 7, 1))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size[0] >= 3508
    assert image.size[1] >= 2480
    assert image.size[0] > image.size[1]
    assert [round(v) for v in image.info["dpi"]] == [300, 300]


def test_kreis_kleve_is_filled_by_its_state(
    data: tuple[Timeline, Boundaries], kleve_point: tuple[float, float]
) -> None:
    timeline, _ = data
    assert timeline.kreis_states(timeline.snapshot(BEFORE_KLEVE)).get(KLEVE) is None
    for day, state in ((BEFORE_KLEVE, None), (AFTER_KLEVE, CentreState.OPEN)):
        image = Image.open(io.BytesIO(render_map(*data, day, dpi=60)))
        pixel = MAP_LAYOUT.pixel_of(*kleve_point, image.size)
        assert rgb(image, pixel) == hex_rgb(KREIS_FILLS[state]), day


def test_svg_carries_title_date_counts_legend_and_attribution(
    data: tuple[Timeline, Boundaries],
) -> None:
    timeline, boundaries = data
    texts = svg_texts(render_map(*data, BEFORE_KLEVE, fmt="svg"))
    snapshot = timeline.snapshot(BEFORE_KLEVE)
    assert "Kommunale Integrationszentren in NRW" in texts
    assert "Stand: 31.12.2017" in texts
    assert f"Geöffnet: {snapshot.count(CentreState.OPEN)}" in texts
    assert f"Start unsicher: {snapshot.count(CentreState.UNCERTAIN)}" in texts
    assert {"Zentren", "Kreise", "noch kein Zentrum", "Zentrum geöffnet"} <= set(texts)
    attribution = next(text for text in texts if "GeoNames (CC BY 4.0)" in text)
    assert boundaries.attribution in attribution


def test_an_upload_is_credited_to_its_file_not_to_geonames(
    data: tuple[Timeline, Boundaries],
) -> None:
    _, boundaries = data
    texts = svg_texts(
        render_map(*data, BEFORE_KLEVE, fmt="svg", sites_credit="Standorte: treffs.csv")
    )
    attribution = next(text for text in texts if "treffs.csv" in text)
    assert boundaries.attribution in attribution
    assert not any("GeoNames" in text for text in texts)


def test_english_map(data: tuple[Timeline, Boundaries]) -> None:
    texts = svg_texts(render_map(*data, date(2016, 7, 1), fmt="svg", lang="en"))
    assert t("report_title", "en") in texts
    assert "As of 1 July 2016" in texts
    assert "Kommunale Integrationszentren in NRW" not in texts
    assert any(text.startswith("Open: ") for text in texts)


def test_svg_and_pdf_are_deterministic(data: tuple[Timeline, Boundaries]) -> None:
    day = date(2014, 3, 1)
    pdf = render_map(*data, day, fmt="pdf")
    assert pdf.startswith(b"%PDF")
    assert b"CreationDate" not in pdf
    assert render_map(*data, day, fmt="pdf") == pdf
    svg = render_map(*data, day, fmt="svg")
    assert render_map(*data, day, fmt="svg") == svg
    assert render_map(*data, date(2014, 4, 1), fmt="svg") != svg


def test_outline_only_boundaries_still_render(
    data: tuple[Timeline, Boundaries],
    outline_only: Boundaries,
    kleve_point: tuple[float, float],
) -> None:
    timeline, _ = data
    texts = svg_texts(render_map(timeline, outline_only, AFTER_KLEVE, fmt="svg"))
    assert any(text.startswith("Nur der Landesumriss ist gezeichnet") for text in texts)
    assert "Kreise" not in texts  # no Kreis fills, so no legend for them
    image = Image.open(io.BytesIO(render_map(timeline, outline_only, AFTER_KLEVE, dpi=60)))
    # Inside the state but with no Kreis polygon: the page shows through.
    assert rgb(image, MAP_LAYOUT.pixel_of(*kleve_point, image.size)) == (255, 255, 255)


def test_dollar_signs_in_title_and_attribution_are_plain_text(
    data: tuple[Timeline, Boundaries],
) -> None:
    """An uploaded file named like mathtext must not break the report (matplotlib would parse
    "$...$" and fail on the unknown symbol)."""
    timeline, boundaries = data
    label = r"a$\foo$ 50% {x}_y"
    boundaries = dataclasses.replace(boundaries, attribution=label)
    png = render_map(timeline, boundaries, AFTER_KLEVE, dpi=20, title=label)
    assert Image.open(io.BytesIO(png)).format == "PNG"
    years = render_small_multiples(timeline, boundaries, range(2016, 2018), dpi=20, title=label)
    assert Image.open(io.BytesIO(years)).format == "PNG"
    gif = render_animation(timeline, boundaries, days=[AFTER_KLEVE], dpi=20, title=label)
    assert Image.open(io.BytesIO(gif)).format == "GIF"
    texts = svg_texts(render_map(timeline, boundaries, AFTER_KLEVE, fmt="svg", title=label))
    assert label in texts


def test_bad_format_language_and_dpi_are_refused(data: tuple[Timeline, Boundaries]) -> None:
    with pytest.raises(ValueError, match="format"):
        render_map(*data, AFTER_KLEVE, fmt="jpg")
    with pytest.raises(ValueError, match="language"):
        render_map(*data, AFTER_KLEVE, lang="fr")
    with pytest.raises(ValueError, match="dpi"):
        render_small_multiples(*data, dpi=0)


def test_the_page_explains_a_highlight_in_the_words_of_the_web_caption(
    data: tuple[Timeline, Boundaries],
) -> None:
    timeline, boundaries = data
    day, ids = date(2016, 7, 1), frozenset(timeline.started_in([2016]))
    reason = years_reason([2016], "de")
    texts = svg_texts(render_map(*data, day, fmt="svg", highlight=ids, highlight_reason=reason))
    caption = map_caption(
        timeline, boundaries, day, lang="de", highlight=ids, highlight_reason=reason
    )
    joined = " ".join(" ".join(texts).split())
    assert caption.highlight_line in joined
    assert caption.highlight_line == "Hervorgehoben: Start 2016 (2 Zentren); übrige blass"
    for text in (caption.title, caption.date_line, *caption.count_lines.splitlines()):
        assert text in texts
    assert caption.attribution in texts
    plain = " ".join(svg_texts(render_map(*data, day, fmt="svg")))
    assert "Hervorgehoben" not in plain
