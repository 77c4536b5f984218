"""The table of centres at a date: one row per drawn centre, dates written with their precision."""

from __future__ import annotations

__all__ = ["centres_table", "start_text"]

from collections.abc import Mapping

import pandas as pd

from geo.i18n import t
from geo.model.startwindow import StartWindow
from geo.model.timeline import Snapshot, Timeline
from geo.sources.centres import Centre
from geo.sources.population import KreisPopulation
from geo.views.presscards import centre_label


def start_text(centre: Centre, window: StartWindow, lang: str) -> str:
    """The start in words with its precision, plus a derived bound where the policy set one."""
    text = centre.start.describe(lang)
    bound = window.latest_bound
    if bound is not None:
        text += " — " + bound.reason(lang)
    if centre.start_alt.is_known:
        text += f" ({t('start_alt', lang)}: {centre.start_alt.describe(lang)})"
    return text


def centres_table(
    timeline: Timeline,
    snapshot: Snapshot,
    *,
    lang: str = "de",
    highlight: frozenset[str] | None = None,
    population: Mapping[str, KreisPopulation] | None = None,
) -> pd.DataFrame:
    """Name, territory, state, start, approval and sources of every centre drawn at the date;
    with `population`, the residents of the centre's Kreis (the Stadt Aachen's row shows the
    whole Städteregion's, as Destatis counts them together)."""
    rows = []
    for centre in timeline.centres:
        state = snapshot.states.get(centre.id)
        if state is None:
            continue
        row = {
            t("col_name", lang): centre_label(centre.name, lang),
            t("col_territory", lang): centre.territory,
            t("col_state", lang): t(state.value, lang),
            t("col_start", lang): start_text(centre, timeline.windows[centre.id], lang),
            t("col_approval", lang): centre.approval.describe(lang),
            t("col_sources", lang): list(centre.sources),
        }
        if population is not None:
            figure = population.get(centre.kreis_ars)
            row[t("col_residents", lang)] = None if figure is None else figure.residents
        if highlight is not None:
            row[t("col_highlight", lang)] = centre.id in highlight
        rows.append(row)
    columns = ["col_name", "col_territory", "col_state", "col_start", "col_approval", "col_sources"]
    if population is not None:
        columns.append("col_residents")
    if highlight is not None:
        columns.append("col_highlight")
    return pd.DataFrame(rows, columns=[t(c, lang) for c in columns])
