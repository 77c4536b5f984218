"""The own-data tab: upload a CSV or Excel file of sites, preview it, map its columns to the
fields, and build the sites that then replay like the KI data (summary in `ui.upload_summary`)."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from geo import keys
from geo.errors import DataFileError, KiAtlasError
from geo.i18n import escape_markdown, t
from geo.ingest.columns import FIELD_LABEL_KEYS, FIELDS, REQUIRED_FIELDS, guess_mapping
from geo.ingest.rawtable import RawTable
from geo.ingest.sample_upload import sample_csv
from geo.ingest.sites import build_sites
from ui import loaders, map_loaders
from ui.budget_messages import budget_message
from ui.loaders import UPLOAD_LIMITS, UPLOAD_MB
from ui.problems_table import show_problems
from ui.upload_summary import upload_summary, use_upload


def own_data_tab(lang: str) -> None:
    """Upload a CSV or Excel file of sites, map its columns, and replay it like the KI data."""
    st.markdown(
        t(
            "app_own_intro",
            lang,
            mb=UPLOAD_MB,
            rows=f"{UPLOAD_LIMITS.max_rows:,}".replace(",", "."),
        )
    )
    st.download_button(
        t("app_own_sample", lang),
        data=sample_csv(),
        file_name="beispiel-standorte.csv",
        mime="text/csv",
        key=f"{keys.DOWNLOAD_PREFIX}sample",
        on_click="ignore",
    )
    upload = st.file_uploader(
        t("app_own_file", lang),
        key=keys.UPLOAD,
        max_upload_size=UPLOAD_MB,
        help=t("app_own_file_help", lang, mb=UPLOAD_MB),
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        table = loaders.read_upload(hashlib.sha256(data).hexdigest(), upload.name, data)
    except KiAtlasError as exc:
        st.error(budget_message(exc, lang))
        return
    if not isinstance(table, RawTable):
        st.error(t("app_own_unreadable", lang, file=escape_markdown(upload.name)))
        show_problems(table, lang)
        return
    st.caption(
        t(
            "app_own_read",
            lang,
            rows=t("app_own_rows", lang, n=len(table.rows)),
            columns=t("app_own_columns", lang, n=len(table.columns)),
            format=table.kind.upper(),
            encoding=table.encoding or "—",
            sep={";": ";", ",": ",", "\t": "Tab"}.get(table.separator, table.separator or "—"),
        )
    )
    st.dataframe(
        pd.DataFrame(list(table.rows[:5]), columns=list(table.columns)),
        hide_index=True,
        width="stretch",
    )
    st.subheader(t("app_own_mapping", lang))
    guessed = guess_mapping(table.columns)
    options = [None, *table.columns]
    mapping: dict[str, str | None] = {}
    cells = st.columns(3)
    for index, name in enumerate(FIELDS):
        label = t(FIELD_LABEL_KEYS[name], lang) + (" *" if name in REQUIRED_FIELDS else "")
        mapping[name] = cells[index % 3].selectbox(
            label,
            options,
            index=options.index(guessed.get(name)),
            format_func=lambda c: t("app_own_unmapped", lang) if c is None else c,
            key=f"{keys.MAPPING_PREFIX}{upload.file_id}_{name}",
        )
    if st.button(t("app_own_apply", lang), key=keys.APPLY_UPLOAD, type="primary"):
        try:
            result = build_sites(
                table,
                mapping,
                boundaries=map_loaders.boundaries(),
                filename=upload.name,
                limits=UPLOAD_LIMITS,
                lang=lang,
            )
        except DataFileError as exc:
            show_problems(exc.problems, lang)
            return
        st.session_state[keys.UPLOAD_RESULT] = result
        st.session_state[keys.UPLOAD_FILE_ID] = upload.file_id
        st.session_state[keys.GEOCODE_OUTCOME] = None
        if use_upload(lang):
            st.rerun()
    result = st.session_state.get(keys.UPLOAD_RESULT)
    # The summary belongs to the file it was built from, not to a new file of the same name.
    if result is None or st.session_state.get(keys.UPLOAD_FILE_ID) != upload.file_id:
        return
    upload_summary(result, lang)
