"""The press tab: search the press releases like the seed page (text, period, tags) and show a
hit on the map."""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo import keys
from geo.i18n import t
from geo.views.presscards import RESULT_CSS, hit_html
from geo.views.presssearch import SearchQuery, all_tags, date_span, search, tag_label
from ui import loaders
from ui.state import release_day, select_release


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
    chosen_range = period.date_input(
        t("app_press_range", lang),
        value=(first, last),
        min_value=first,
        max_value=last,
        key=keys.PRESS_RANGE,
        format="DD.MM.YYYY",
    )
    tags = kinds.multiselect(
        t("app_press_tags", lang),
        all_tags(releases.values()),
        key=keys.PRESS_TAGS,
        format_func=lambda tag: tag_label(tag, lang),
        placeholder=t("app_press_tags_all", lang),
    )
    undated = st.checkbox(t("app_press_undated", lang), value=True, key=keys.PRESS_UNDATED)
    picked = tuple(chosen_range)  # empty or one date while the user is still picking
    start = picked[0] if picked else None
    end = picked[1] if len(picked) > 1 else None
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
                args=(hit.release.id, months),
                disabled=release_day(hit.release) is None and not hit.centre_ids,
            )
