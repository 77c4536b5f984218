"""A file's problems as one table: file, line, column, value and message of each, as text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import DataProblem
from geo.i18n import t


def show_problems(problems: tuple[DataProblem, ...] | list[DataProblem], lang: str) -> None:
    """Every problem of a file as a table: file, line, column, value, message (as text)."""
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("app_problem_file", lang): p.file,
                    t("app_problem_line", lang): p.line,
                    t("app_problem_column", lang): p.column or "",
                    t("app_problem_value", lang): p.value or "",
                    t("app_problem_message", lang): p.message,
                }
                for p in problems
            ]
        ),
        hide_index=True,
        width="stretch",
    )
