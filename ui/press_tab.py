"""The press tab: search the press releases like the seed page (text, period, tags) and show a
hit on the map."""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo import keys
from geo.i18n import t
from geo.model.playback import month_end
from geo.model.timeline import month_starts
from geo.views.monthrange import month_label
from geo.views.presscards import RESULT_CSS, hit_html
from geo.views.presssearch import SearchQuery, all_tags, date_span, search, tag_label
from ui import loaders
from ui.state import select_release


def press_tab(months: list[date], lang: str) -> None:
    """Search the press releases like the seed page, and show one on the map."""
    releases = loaders.press_releases()
    timeline = loaders.ki_timeline()
    first, last = date_span(releases.values(), default=(months[0], months[-1]))
    query_box, period, kinds = st.columns([3, 2, 2], vertical_alignment="bottom")
    text = query_box.text_input(
        t("app_press_search", lang),
        key=keys.PRESS_QUERY,
        placeholder=t("app_press_search_hint", lang),
    )
    # Months by name, not a calendar: the browser's calendar follows its locale, not the page's.
    span = month_starts(first, last)
    chosen_range = period.select_slider(
        t("app_press_range", lang),
        span,
        value=(span[0], span[-1]),
        key=keys.PRESS_RANGE,
        format_func=lambda month: month_label(month, lang),
    )
    tags = kinds.multiselect(
        t("app_press_tags", lang),
        all_tags(releases.values()),
        key=keys.PRESS_TAGS,
        format_func=lambda tag: tag_label(tag, lang),
        placeholder=t("app_press_tags_all", lang),
    )
    undated = st.checkbox(t("app_press_undated", lang), value=True, key=keys.PRESS_UNDATED)
    start, end = chosen_range[0], month_end(chosen_range[-1])
    hits = search(
        releases.values(),
        SearchQuery(
            text=text,
            start=start,
            end=end,
            tags=frozenset(tags),
            include_undated=undated,
        ),
        centres=timeline.centres,
    )
    st.markdown(f"**{t('app_press_count', lang, n=len(hits))}**")
    names = {c.id: c.name for c in timeline.centres}
    st.html(f"<style>{RESULT_CSS}</style>")
    for hit in hits:
        with st.container(border=True):
            st.html(hit_html(hit, lang, centre_names=names))
            st.button(
                t("app_press_show", lang),
                key=keys.SHOW_RELEASE_PREFIX + hit.release.id,
                on_click=select_release,
                args=(hit.release.id,),
                disabled=loaders.release_day(hit.release) is None and not hit.centre_ids,
            )
