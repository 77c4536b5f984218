"""A file's problems as one table: file, line, column, value and message of each, as text in the
page's language."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import DataProblem
from geo.i18n import in_language, t


def show_problems(problems: tuple[DataProblem, ...] | list[DataProblem], lang: str) -> None:
    """Every problem of a file as a table: file, line, column, value, message (as text; a value or
    message made as a `geo.i18n.Message` in `lang`)."""
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("app_problem_file", lang): p.file,
                    t("app_problem_line", lang): p.line,
                    t("app_problem_column", lang): p.column or "",
                    t("app_problem_value", lang): in_language(p.value, lang),
                    t("app_problem_message", lang): in_language(p.message, lang),
                }
                for p in problems
            ]
        ),
        hide_index=True,
        width="stretch",
    )
