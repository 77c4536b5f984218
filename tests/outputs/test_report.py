"""Print-ready maps, small multiples, the GIF and the report command line, on the real data."""

from __future__ import annotations

import dataclasses
import io
import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from factories import make_centre
from matplotlib.colors import to_rgb
from PIL import Image
from shapely.geometry import shape

from geo import paths
from geo.cli import MAX_PROBLEM_LINES
from geo.errors import DataFileError, DataProblem
from geo.i18n import t
from geo.model.timeline import CentreState, Timeline
from geo.outputs.report import (
    MAP_LAYOUT,
    load_report_data,
    render_animation,
    render_map,
    render_small_multiples,
    report_filename,
    run_report_cli,
    small_multiples_layout,
)
from geo.sources.atomic import write_bytes_atomic
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.views.dataset import event_months
from geo.views.mapview import KREIS_FILLS

KLEVE = "05154"
BEFORE_KLEVE = date(2017, 12, 31)  # Kreis Kleve started on 2018-09-06
AFTER_KLEVE = date(2019, 1, 1)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def data(bkg_kreise_path: Path) -> tuple[Timeline, Boundaries]:
    return load_report_data(env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)})


@pytest.fixture(scope="module")
def outline_only(tmp_path_factory: pytest.TempPathFactory) -> Boundaries:
    empty_cache = tmp_path_factory.mktemp("no-cache")
    boundaries = load_boundaries(env={}, cache_dir=empty_cache, outline_path=paths.OUTLINE_GEOJSON)
    assert boundaries.source == "outline"
    return boundaries


@pytest.fixture(scope="module")
def kleve_point(data: tuple[Timeline, Boundaries]) -> tuple[float, float]:
    _, boundaries = data
    feature = next(f for f in boundaries.kreise["features"] if f["properties"]["ars"] == KLEVE)
    point = shape(feature["geometry"]).representative_point()
    return point.x, point.y


def _rgb(image: Image.Image, xy: tuple[int, int]) -> tuple[int, int, int]:
    return image.convert("RGB").getpixel(xy)


def _hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(round(255 * v) for v in to_rgb(colour))


def _svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


# --------------------------------------------------------------------------- single map


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
        assert _rgb(image, pixel) == _hex_rgb(KREIS_FILLS[state]), day


def test_svg_carries_title_date_counts_legend_and_attribution(
    data: tuple[Timeline, Boundaries],
) -> None:
    timeline, boundaries = data
    texts = _svg_texts(render_map(*data, BEFORE_KLEVE, fmt="svg"))
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
    texts = _svg_texts(
        render_map(*data, BEFORE_KLEVE, fmt="svg", sites_credit="Standorte: treffs.csv")
    )
    attribution = next(text for text in texts if "treffs.csv" in text)
    assert boundaries.attribution in attribution
    assert not any("GeoNames" in text for text in texts)


def test_english_map(data: tuple[Timeline, Boundaries]) -> None:
    texts = _svg_texts(render_map(*data, date(2016, 7, 1), fmt="svg", lang="en"))
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
    texts = _svg_texts(render_map(timeline, outline_only, AFTER_KLEVE, fmt="svg"))
    assert any(text.startswith("Nur der Landesumriss ist gezeichnet") for text in texts)
    assert "Kreise" not in texts  # no Kreis fills, so no legend for them
    image = Image.open(io.BytesIO(render_map(timeline, outline_only, AFTER_KLEVE, dpi=60)))
    # Inside the state but with no Kreis polygon: the page shows through.
    assert _rgb(image, MAP_LAYOUT.pixel_of(*kleve_point, image.size)) == (255, 255, 255)


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
    gif = render_animation(timeline, boundaries, months=[AFTER_KLEVE], dpi=20, title=label)
    assert Image.open(io.BytesIO(gif)).format == "GIF"
    texts = _svg_texts(render_map(timeline, boundaries, AFTER_KLEVE, fmt="svg", title=label))
    assert label in texts


def test_bad_format_language_and_dpi_are_refused(data: tuple[Timeline, Boundaries]) -> None:
    with pytest.raises(ValueError, match="format"):
        render_map(*data, AFTER_KLEVE, fmt="jpg")
    with pytest.raises(ValueError, match="language"):
        render_map(*data, AFTER_KLEVE, lang="fr")
    with pytest.raises(ValueError, match="dpi"):
        render_small_multiples(*data, dpi=0)


# --------------------------------------------------------------------------- small multiples


def test_small_multiples_have_a_panel_and_counts_per_year_end(
    data: tuple[Timeline, Boundaries],
) -> None:
    timeline, _ = data
    texts = _svg_texts(render_small_multiples(*data, fmt="svg"))
    panel_dates = [text for text in texts if text.startswith("31.12.")]
    assert panel_dates == [f"31.12.{year}" for year in range(2012, 2019)]
    for year in range(2012, 2019):
        snapshot = timeline.snapshot(date(year, 12, 31))
        expected = t(
            "report_panel_counts",
            "de",
            open=snapshot.count(CentreState.OPEN),
            uncertain=snapshot.count(CentreState.UNCERTAIN),
        )
        assert expected in texts, year
    assert "Stand jeweils am Jahresende, 2012–2018" in texts
    assert texts.count("Zentren") == 1  # one shared legend
    assert any("GeoNames (CC BY 4.0)" in text for text in texts)


def test_small_multiples_panels_show_kleve_before_and_after(
    data: tuple[Timeline, Boundaries], kleve_point: tuple[float, float]
) -> None:
    panels, _ = small_multiples_layout(7)
    image = Image.open(io.BytesIO(render_small_multiples(*data, dpi=80)))
    assert image.size[0] > image.size[1]
    by_year = dict(zip(range(2012, 2019), panels, strict=True))
    assert _rgb(image, by_year[2017].pixel_of(*kleve_point, image.size)) == _hex_rgb(
        KREIS_FILLS[None]
    )
    assert _rgb(image, by_year[2018].pixel_of(*kleve_point, image.size)) == _hex_rgb(
        KREIS_FILLS[CentreState.OPEN]
    )


def test_small_multiples_layout_keeps_panels_apart() -> None:
    panels, legend_corner = small_multiples_layout(7)
    assert len(panels) == 7
    rects = [p.rect for p in panels]
    for i, a in enumerate(rects):
        assert min(a) >= 0
        assert a[0] + a[2] <= 1
        assert a[1] + a[3] <= 1
        for b in rects[i + 1 :]:
            apart_x = a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0]
            apart_y = a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
            assert apart_x or apart_y
    assert all(
        not (r[0] <= legend_corner[0] <= r[0] + r[2] and r[1] <= legend_corner[1] <= r[1] + r[3])
        for r in rects
    )
    with pytest.raises(ValueError, match="at least one panel"):
        small_multiples_layout(0)


# --------------------------------------------------------------------------- animation


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
    gif = render_animation(*data, months=[date(2017, 12, 1), AFTER_KLEVE])
    image = Image.open(io.BytesIO(gif))
    assert image.n_frames == 2
    assert image.size == (1000, 707)
    pixel = MAP_LAYOUT.pixel_of(*kleve_point, image.size)
    assert _rgb(image, pixel) == _hex_rgb(KREIS_FILLS[None])
    image.seek(1)
    assert _rgb(image, pixel) == _hex_rgb(KREIS_FILLS[CentreState.OPEN])
    assert image.info["duration"] == 3000


def test_animation_refuses_bad_durations_and_no_months(
    data: tuple[Timeline, Boundaries],
) -> None:
    with pytest.raises(ValueError, match="durations must be between 20 and 60000 ms"):
        render_animation(*data, frame_ms=0)
    with pytest.raises(ValueError, match="no months"):
        render_animation(*data, months=[])


# --------------------------------------------------------------------------- file names


def test_report_filenames() -> None:
    assert report_filename("map", date(2016, 7, 1), "png") == "ki-atlas-nrw_2016-07-01.png"
    assert report_filename("years", None, "pdf", years=range(2012, 2019)) == (
        "ki-atlas-nrw_2012-2018.pdf"
    )
    assert report_filename("animation", None, "gif") == "ki-atlas-nrw_animation.gif"
    bad_calls = (
        (("map", None, "png"), "needs its date"),
        (("map", date(2016, 7, 1), "gif"), "not 'gif'"),
        (("video", None, "mp4"), "unknown kind"),
    )
    for args, message in bad_calls:
        with pytest.raises(ValueError, match=message):
            report_filename(*args)


def test_write_bytes_atomic_replaces_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "map.png"
    write_bytes_atomic(target, b"\x89PNG first")
    write_bytes_atomic(target, b"\x89PNG second")
    assert target.read_bytes() == b"\x89PNG second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.png"]


# --------------------------------------------------------------------------- command line


class _Loader:
    def __init__(self, data: tuple[Timeline, Boundaries]) -> None:
        self.data = data
        self.calls = 0

    def __call__(self) -> tuple[Timeline, Boundaries]:
        self.calls += 1
        return self.data


def _run(argv: list[str], load) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_report_cli(argv, out=out, err=err, load=load)
    return code, out.getvalue(), err.getvalue()


BAD_CALLS = [
    (["--date", "2016-13-01", "--out", "{d}/a.png"], "not a date"),
    (["--date", "01.07.2016", "--out", "{d}/a.png"], "not a date"),
    (["--date", "2016-07-01", "--out", "{d}/a.jpg"], "unknown extension"),
    (["--date", "2016-07-01", "--out", "{d}/a"], "unknown extension"),
    (["--years", "2018-2012", "--out", "{d}/a.png"], "reversed"),
    (["--years", "2011-2018", "--out", "{d}/a.png"], "outside 2012-2030"),
    (["--years", "2012-2031", "--out", "{d}/a.pdf"], "outside 2012-2030"),
    (["--years", "twenty", "--out", "{d}/a.pdf"], "not a year range"),
    (["--animate", "--out", "{d}/a.gif", "--frame-ms", "0"], "between 20 and 60000 ms, not 0"),
    (["--animate", "--out", "{d}/a.gif", "--frame-ms", "-5"], "between 20 and 60000 ms, not -5"),
    (["--animate", "--out", "{d}/a.gif", "--frame-ms", "fast"], "invalid int"),
    (["--animate", "--out", "{d}/a.png"], "unknown extension"),
    (["--date", "2016-07-01", "--out", "{d}/a.png", "--frame-ms", "200"], "only applies"),
    (["--date", "2016-07-01", "--out", "{d}/missing/a.png"], "does not exist"),
    (["--date", "2016-07-01", "--out", "{d}/adir.png"], "is a directory"),
    (["--date", "2016-07-01", "--years", "2012-2018", "--out", "{d}/a.png"], "not allowed"),
    (["--out", "{d}/a.png"], "required"),
    (["--date", "2016-07-01", "--out", "{d}/a.png", "--lang", "fr"], "invalid choice"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_CALLS)
def test_cli_bad_input_fails_with_one_line_and_no_file(
    tmp_path: Path, data: tuple[Timeline, Boundaries], argv: list[str], message: str
) -> None:
    (tmp_path / "adir.png").mkdir()
    loader = _Loader(data)
    code, out, err = _run([a.format(d=tmp_path) for a in argv], loader)
    assert code == 1
    assert err.startswith("error: ")
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert out == ""
    assert loader.calls == 0  # refused before anything is loaded or drawn
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir.png"]


def test_cli_data_error_is_reported_without_a_file(tmp_path: Path) -> None:
    def broken() -> tuple[Timeline, Boundaries]:
        problem = DataProblem("centres.csv", 3, "lat", "x", "not a number")
        raise DataFileError([problem])

    code, _, err = _run(["--date", "2016-07-01", "--out", str(tmp_path / "a.png")], broken)
    assert code == 1
    assert err.startswith("error: ")
    assert "centres.csv" in err
    assert list(tmp_path.iterdir()) == []


def test_cli_caps_the_problems_of_a_broken_file(tmp_path: Path) -> None:
    extra = 5

    def broken() -> tuple[Timeline, Boundaries]:
        raise DataFileError(
            [
                DataProblem("centres.csv", line, "lat", "x", "not a number")
                for line in range(2, 2 + MAX_PROBLEM_LINES + extra)
            ]
        )

    code, _, err = _run(["--date", "2016-07-01", "--out", str(tmp_path / "a.png")], broken)
    lines = err.splitlines()
    assert code == 1
    assert len(lines) == MAX_PROBLEM_LINES + 1
    assert lines[-1] == f"error: ... and {extra} more problems"


def test_cli_writes_a_map_small_multiples_and_a_gif(
    tmp_path: Path, data: tuple[Timeline, Boundaries]
) -> None:
    loader = _Loader(data)
    png = tmp_path / "map.png"
    code, out, err = _run(["--date", "2016-07-01", "--out", str(png), "--dpi", "40"], loader)
    assert (code, err) == (0, "")
    assert str(png) in out
    assert Image.open(png).size == (round(297 / 25.4 * 40), round(210 / 25.4 * 40))

    svg = tmp_path / "years.SVG"
    code, _, err = _run(["--years", "2013-2015", "--out", str(svg), "--lang", "en"], loader)
    assert (code, err) == (0, "")
    texts = _svg_texts(svg.read_bytes())
    assert [x for x in texts if x.startswith("31 December")] == [
        "31 December 2013",
        "31 December 2014",
        "31 December 2015",
    ]
    assert t("report_title", "en") in texts

    gif = tmp_path / "rollout.gif"
    code, _, err = _run(
        ["--animate", "--out", str(gif), "--frame-ms", "250", "--dpi", "20"], loader
    )
    assert (code, err) == (0, "")
    image = Image.open(gif)
    assert image.n_frames == len(event_months(data[0]))
    assert image.info["duration"] == 250
    assert loader.calls == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "rollout.gif", "years.SVG"]


def test_cli_replaces_an_existing_file(tmp_path: Path, data: tuple[Timeline, Boundaries]) -> None:
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(b"old")
    code, _, _ = _run(["--date", "2013-01-01", "--out", str(pdf)], _Loader(data))
    assert code == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_cli_help_goes_to_out() -> None:
    code, out, err = _run(["--help"], _Loader(None))  # type: ignore[arg-type]
    assert (code, err) == (0, "")
    assert "--animate" in out
    assert "--years" in out


def test_default_loader_reads_the_repository_data(bkg_kreise_path: Path) -> None:
    timeline, boundaries = load_report_data(
        env={**os.environ, "KI_BOUNDARIES_PATH": str(bkg_kreise_path)}
    )
    assert len(timeline.centres) == 54
    assert boundaries.has_kreise
    assert boundaries.source == "env"


def test_an_unusable_boundaries_path_is_a_warning_and_the_map_is_drawn_all_the_same(
    data: tuple[Timeline, Boundaries], tmp_path: Path
) -> None:
    timeline, _ = data
    missing = tmp_path / "grenzen.geojson"
    boundaries = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(missing)},
        cache_dir=tmp_path / "cache",
        outline_path=paths.OUTLINE_GEOJSON,
        bundled_path=paths.BOUNDARIES_GEOJSON,
    )
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "karte.png"
    argv = ["--date", "2016-07-01", "--out", str(target), "--dpi", "50"]
    code = run_report_cli(argv, out=out, err=err, load=lambda: (timeline, boundaries))
    assert code == 0
    assert err.getvalue() == (
        f"warning: KI_BOUNDARIES_PATH={missing}: file not found; "
        "drawing the committed VG5000 boundaries\n"
    )
    assert target.stat().st_size > 0
