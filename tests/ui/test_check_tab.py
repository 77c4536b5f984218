"""The fact-check tab without a browser: the verdict first, signed and coloured, every row."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo import keys
from geo.i18n import t
from geo.paths import ROOT
from geo.views.factcheck import VERDICT_STYLES

# The colour of each verdict, as its cells' CSS says.
COLOURS = {kind: style.split(";")[0] for kind, style in VERDICT_STYLES.items()}


@pytest.fixture
def check_tab(bkg_kreise_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run the app in `lang` with the fact-check tab open; return the AppTest."""
    monkeypatch.setenv("KI_BOUNDARIES_PATH", str(bkg_kreise_path))
    monkeypatch.chdir(ROOT)

    def run(lang: str = "de") -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
        at.session_state[keys.TABS] = t("tab_check", lang)
        at.run()
        assert not at.exception, at.exception
        return at

    return run


def shown_verdicts(at: AppTest) -> list[str]:
    """The verdict cells as the table shows them (the Styler's display values)."""
    styler = at.dataframe[0].proto.arrow_data.styler
    display = pa.ipc.open_stream(styler.display_values).read_all().to_pandas()
    return list(display.iloc[:, 0])


def cell_colours(at: AppTest) -> dict[int, str]:
    """Per row, the background the Styler's CSS gives the verdict cell (column 0)."""
    styler = at.dataframe[0].proto.arrow_data.styler
    colours = {}
    for selectors, css in re.findall(r"([^{}]+)\{([^}]*)\}", styler.styles):
        for row in re.findall(r"_row(\d+)_col0\b", selectors):
            colours[int(row)] = css.strip().split(";")[0].strip()
    return colours


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_verdict_comes_first_for_all_28_statements(check_tab, lang: str) -> None:
    at = check_tab(lang)
    table = at.dataframe[0].value
    assert table.columns[0] == t("fc_col_verdict", lang)
    assert len(table) == 28


def test_verdicts_are_signed_and_coloured(check_tab) -> None:
    at = check_tab("de")
    table = at.dataframe[0].value
    shown = dict(zip(table["Datum"], shown_verdicts(at), strict=True))
    assert shown["02.12.2013"] == "✗ weicht um +3 ab"
    assert shown["09.04.2015"] == "✓ stimmig"
    assert shown["08.03.2018"] == "– nicht vergleichbar"
    colours = cell_colours(at)
    assert len(colours) == 28
    row = {day: index for index, day in enumerate(table["Datum"])}
    assert colours[row["02.12.2013"]] == COLOURS["off"]
    assert colours[row["09.04.2015"]] == COLOURS["consistent"]
    assert colours[row["08.03.2018"]] == COLOURS["not_comparable"]
    assert len({colours[row[d]] for d in ("02.12.2013", "09.04.2015", "08.03.2018")}) == 3


def test_the_english_verdicts_are_signed_too(check_tab) -> None:
    shown = shown_verdicts(check_tab("en"))
    assert shown.count("✓ consistent") == 19
    assert sum(verdict.startswith("✗ off by") for verdict in shown) == 4
    assert shown.count("– not comparable") == 5
