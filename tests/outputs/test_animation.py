"""The GIF: one frame per month at its last day, the durations, the frame size and each month's
Kreis fills."""

from __future__ import annotations

import io
from datetime import date

import pytest
from factories import make_centre
from PIL import Image
from report_pictures import AFTER_KLEVE, hex_rgb, rgb

from geo.model.timeline import CentreState, Timeline
from geo.outputs.animation import render_animation
from geo.outputs.map_layout import MAP_LAYOUT
from geo.sources.boundaries import Boundaries
from geo.views.dataset import event_months
from geo.views.mapstyles import KREIS_FILLS


def test_gif_has_one_frame_per_month_and_holds_the_last(
    data: tuple[Timeline, Boundaries],
) -> None:
    timeline, _ = data
    calls: list[tuple[int, int]] = []
    months = event_months(timeline)
    gif = render_animation(
        *data, frame_ms=400, last_frame_ms=2500, progress=lambda d, n: calls.append((d, n)), dpi=30
    )
    assert months[0] == date(2012, 12, 1)
    assert months[-1] == date(2018, 10, 1)
    image = Image.open(io.BytesIO(gif))
    assert image.format == "GIF"
    assert image.n_frames == len(months)
    durations = []
    for index in range(image.n_frames):
        image.seek(index)
        durations.append(image.info["duration"])
    assert durations == [400] * (len(months) - 1) + [2500]
    assert image.size == (300, round(300 * 210 / 297))
    assert calls == [(done, len(months)) for done in range(1, len(months) + 1)]


def test_event_months_end_in_the_month_after_the_last_event() -> None:
    timeline = Timeline([make_centre(start=("2016-12-15", "day"))])
    assert event_months(timeline) == [date(2016, 12, 1), date(2017, 1, 1)]
    assert event_months(timeline, date(2016, 10, 1)) == [
        date(2016, 10, 1),
        date(2016, 11, 1),
        date(2016, 12, 1),
        date(2017, 1, 1),
    ]
    assert event_months(Timeline([])) == []


def test_gif_frames_are_1000_px_and_show_each_month(
    data: tuple[Timeline, Boundaries], kleve_point: tuple[float, float]
) -> None:
    gif = render_animation(*data, days=[date(2017, 12, 1), AFTER_KLEVE])
    image = Image.open(io.BytesIO(gif))
    assert image.n_frames == 2
    assert image.size == (1000, 707)
    pixel = MAP_LAYOUT.pixel_of(*kleve_point, image.size)
    assert rgb(image, pixel) == hex_rgb(KREIS_FILLS[None])
    image.seek(1)
    assert rgb(image, pixel) == hex_rgb(KREIS_FILLS[CentreState.OPEN])
    assert image.info["duration"] == 3000


def test_animation_refuses_bad_durations_and_no_days(
    data: tuple[Timeline, Boundaries],
) -> None:
    with pytest.raises(ValueError, match="durations must be between 20 and 60000 ms"):
        render_animation(*data, frame_ms=0)
    with pytest.raises(ValueError, match="no days"):
        render_animation(*data, days=[])


def test_each_month_frame_shows_the_months_last_day(
    data: tuple[Timeline, Boundaries], kleve_point: tuple[float, float]
) -> None:
    """A centre opened on 15.12.2016 is open in December's frame (31.12.2016), as the
    dashboard's "12/2016" shows it, not absent as on 01.12.2016."""
    _, boundaries = data
    kleve = Timeline([make_centre(ars="05154", start=("2016-12-15", "day"))])
    gif = render_animation(kleve, boundaries)
    image = Image.open(io.BytesIO(gif))
    assert image.n_frames == 2, "December 2016 and the month after"
    pixel = MAP_LAYOUT.pixel_of(*kleve_point, image.size)
    assert rgb(image, pixel) == hex_rgb(KREIS_FILLS[CentreState.OPEN])
