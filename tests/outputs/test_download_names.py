"""Download names of the report files and the exports."""

from __future__ import annotations

from datetime import date

import pytest

from geo.outputs.download_names import export_filename, report_filename


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


def test_export_filename_names_kind_and_day() -> None:
    assert (
        export_filename("zentren", date(2016, 7, 1), "csv") == "ki-atlas-nrw_zentren_2016-07-01.csv"
    )
    assert export_filename("karte", date(2018, 10, 1), "html").endswith("_karte_2018-10-01.html")


@pytest.mark.parametrize(("kind", "ext"), [("../x", "csv"), ("Karte", "html"), ("map", ".html")])
def test_export_filename_rejects_unsafe_parts(kind: str, ext: str) -> None:
    with pytest.raises(ValueError, match=r"kind|extension"):
        export_filename(kind, date(2016, 7, 1), ext)
