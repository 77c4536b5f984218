"""A highlight on the printed maps: the other centres and the Kreise without a highlighted centre
are pale (as on the web map), the highlighted centres stronger, in PNG pixels, SVG styles and GIF
frames; without a highlight nothing changes."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from PIL import Image
from report_pictures import hex_rgb, rgb
from shapely.geometry import shape

from geo.model.timeline import CentreState, Timeline
from geo.outputs.animation import render_animation
from geo.outputs.map_artists import MapArtists
from geo.outputs.map_figure import render_map
from geo.outputs.map_layout import MAP_LAYOUT, small_multiples_layout
from geo.outputs.page_format import A4, figure_bytes
from geo.outputs.small_multiples import render_small_multiples
from geo.sources.boundaries import Boundaries
from geo.views.map_caption import years_reason
from geo.views.mapstyles import DIM_ALPHA, KREIS_FILLS, MARKER_STYLES

BORKEN = "05554"
DAY = date(2018, 10, 1)
OPEN_FACE = str(MARKER_STYLES[CentreState.OPEN]["fill_color"])
OPEN_OPACITY = float(MARKER_STYLES[CentreState.OPEN]["fill_opacity"])


def _pale(colour: str) -> tuple[int, int, int]:
    """`colour` dimmed by a highlight, as it shows on the white page."""
    *channels, _ = to_rgba(colour)
    return tuple(round(255 * (DIM_ALPHA * v + 1 - DIM_ALPHA)) for v in channels)


def _near(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 3) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


@pytest.fixture(scope="module")
def started_2016(data: tuple[Timeline, Boundaries]) -> frozenset[str]:
    timeline, _ = data
    ids = frozenset(timeline.started_in([2016]))
    assert ids == {"kreis-borken", "kreis-steinfurt"}
    return ids


@pytest.fixture(scope="module")
def borken_point(data: tuple[Timeline, Boundaries]) -> tuple[float, float]:
    _, boundaries = data
    feature = next(f for f in boundaries.kreise["features"] if f["properties"]["ars"] == BORKEN)
    point = shape(feature["geometry"]).representative_point()
    return point.x, point.y


def _map_only(
    data: tuple[Timeline, Boundaries], highlight: frozenset[str] | None, fmt: str
) -> bytes:
    """Just the map artists on an A4 page at `DAY`, in `fmt` at 60 dpi."""
    timeline, boundaries = data
    fig = Figure(figsize=A4, facecolor="white")
    FigureCanvasAgg(fig)
    artists = MapArtists(fig, MAP_LAYOUT, timeline, boundaries, 1.0, highlight=highlight)
    artists.show(timeline.snapshot(DAY))
    return figure_bytes(fig, fmt, 60)


def test_png_pales_the_kreise_without_a_highlighted_centre(
    data, started_2016, kleve_point, borken_point
) -> None:
    image = Image.open(io.BytesIO(_map_only(data, started_2016, "png")))
    open_fill = KREIS_FILLS[CentreState.OPEN]
    assert rgb(image, MAP_LAYOUT.pixel_of(*borken_point, image.size)) == hex_rgb(open_fill)
    kleve = rgb(image, MAP_LAYOUT.pixel_of(*kleve_point, image.size))
    assert _near(kleve, _pale(open_fill)), kleve
    plain = Image.open(io.BytesIO(_map_only(data, None, "png")))
    assert rgb(plain, MAP_LAYOUT.pixel_of(*kleve_point, plain.size)) == hex_rgb(open_fill)


def test_svg_pales_every_marker_but_the_highlighted_ones(data, started_2016) -> None:
    svg = _map_only(data, started_2016, "svg").decode("utf-8")
    opacities = re.findall(r"fill: #009e73; fill-opacity: ([\d.]+)", svg)
    pale = f"{OPEN_OPACITY * DIM_ALPHA:g}"
    assert opacities.count(pale) == 52
    assert opacities.count(f"{OPEN_OPACITY:g}") == 2
    plain = _map_only(data, None, "svg").decode("utf-8")
    assert re.findall(r"fill: #009e73; fill-opacity: ([\d.]+)", plain) == [f"{OPEN_OPACITY:g}"] * 54


def test_render_map_png_dims_the_others(data, started_2016, kleve_point, borken_point) -> None:
    reason = years_reason([2016], "de")
    png = render_map(*data, DAY, dpi=60, highlight=started_2016, highlight_reason=reason)
    image = Image.open(io.BytesIO(png))
    assert rgb(image, MAP_LAYOUT.pixel_of(*borken_point, image.size)) == hex_rgb(
        KREIS_FILLS[CentreState.OPEN]
    )
    kleve = rgb(image, MAP_LAYOUT.pixel_of(*kleve_point, image.size))
    assert _near(kleve, _pale(KREIS_FILLS[CentreState.OPEN])), kleve


def test_gif_frames_dim_the_others(data, started_2016, kleve_point, borken_point) -> None:
    reason = years_reason([2016], "de")
    gif = render_animation(
        *data, days=[DAY], dpi=40, highlight=started_2016, highlight_reason=reason
    )
    frame = Image.open(io.BytesIO(gif)).convert("RGB")
    assert rgb(frame, MAP_LAYOUT.pixel_of(*borken_point, frame.size)) == hex_rgb(
        KREIS_FILLS[CentreState.OPEN]
    )
    kleve = rgb(frame, MAP_LAYOUT.pixel_of(*kleve_point, frame.size))
    assert kleve == _pale(KREIS_FILLS[CentreState.OPEN])  # an exact colour of the palette


def test_small_multiples_dim_the_others_and_say_why(data, started_2016, kleve_point) -> None:
    reason = years_reason([2016], "de")
    png = render_small_multiples(*data, dpi=80, highlight=started_2016, highlight_reason=reason)
    image = Image.open(io.BytesIO(png))
    panels, _ = small_multiples_layout(7)
    kleve = rgb(image, panels[-1].pixel_of(*kleve_point, image.size))
    assert _near(kleve, _pale(KREIS_FILLS[CentreState.OPEN])), kleve
    svg = render_small_multiples(
        *data, fmt="svg", highlight=started_2016, highlight_reason=reason
    ).decode("utf-8")
    assert "Hervorgehoben: Start 2016 (2 Zentren); übrige blass" in " ".join(
        re.sub(r"<[^>]+>", " ", svg).split()
    )
    assert "Hervorgehoben" not in render_small_multiples(*data, fmt="svg").decode("utf-8")
