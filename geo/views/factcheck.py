"""The fact check for readers: each stated count beside the dataset, as a table and as chart marks.

`Timeline.check` decides the verdicts; this module only words them in German or English, so the
table, the chart ticks and the CSV export all say the same thing.
"""

from __future__ import annotations

__all__ = [
    "COLUMN_KEYS",
    "VERDICT_STYLES",
    "VERDICT_SYMBOLS",
    "chart_marks",
    "describe_reason",
    "describe_statement",
    "describe_verdict",
    "factcheck_table",
    "milestone_words",
    "verdict_kind",
    "verdict_kinds",
]

import re
from collections.abc import Iterable, Sequence

import pandas as pd

from geo.i18n import t
from geo.model.timeline import MilestoneCheck
from geo.sources.fuzzydate import day_words
from geo.sources.milestones import Milestone
from geo.sources.press_summaries import timeline_summary_de

# The table's columns, in order, as i18n keys (the app looks up e.g. the link column with them);
# the verdict comes first, so it is on screen however narrow the window.
COLUMN_KEYS = (
    "fc_col_verdict",
    "fc_col_date",
    "fc_col_statement",
    "fc_col_places",
    "fc_col_stated",
    "fc_col_open",
    "fc_col_uncertain",
    "fc_col_approved",
    "fc_col_band",
    "fc_col_reason",
    "fc_col_context",
    "fc_col_source",
)
# How the table shows each kind of verdict: a sign that reads without colour, and its colours.
VERDICT_SYMBOLS = {"consistent": "✓", "off": "✗", "not_comparable": "–"}
VERDICT_STYLES = {
    "consistent": "background-color: #d9f0d3; color: #00441b; font-weight: 600",
    "off": "background-color: #fddbc7; color: #67001f; font-weight: 600",
    "not_comparable": "background-color: #eeeeee; color: #333333",
}
_NUMBER_COLUMNS = ("fc_col_stated", "fc_col_open", "fc_col_uncertain", "fc_col_approved")
_OFF_BY = re.compile(r"^off by ([+-]\d+)$")
# Milestone meanings with a count read from words, not numbers (see data/milestones.csv).
_DERIVED = re.compile(r"^(.*\S) \(the count (\d+) is derived from these words, not stated\)$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


def _is_comparable(check: MilestoneCheck) -> bool:
    return check.low is not None and check.high is not None


def verdict_kind(check: MilestoneCheck) -> str:
    """The kind of verdict: "consistent", "off" or "not_comparable" (a key of `VERDICT_STYLES`)."""
    if check.verdict == "consistent":
        return "consistent"
    return "off" if _OFF_BY.match(check.verdict) else "not_comparable"


def verdict_kinds(checks: Iterable[MilestoneCheck]) -> list[str]:
    """The `verdict_kind` of each row of `factcheck_table(checks)`, in its order."""
    return [verdict_kind(check) for check in _dated_counts(checks)]


def describe_verdict(check: MilestoneCheck, lang: str = "de") -> str:
    """The verdict in `lang`: "stimmig", "weicht um +3 ab", "nicht vergleichbar"."""
    kind = verdict_kind(check)
    if kind == "off":
        return t("fc_verdict_off", lang, diff=_OFF_BY.match(check.verdict).group(1))
    if kind == "consistent":
        return t("fc_verdict_consistent", lang)
    return t("fc_verdict_not_comparable", lang)


def describe_reason(check: MilestoneCheck, lang: str = "de") -> str:
    """Why the verdict is what it is, in `lang` (the band and what it counts, or why not)."""
    measure = check.milestone.measure
    if _is_comparable(check) and check.day is not None:
        when = day_words(check.day, lang)
        key = "fc_reason_approved" if measure == "approved" else "fc_reason_started"
        return t(key, lang, low=check.low, high=check.high, date=when)
    if check.day is None or check.milestone.count is None:
        return t("fc_reason_no_date", lang)
    if measure == "target":
        return t("fc_reason_target", lang)
    return t("fc_reason_other", lang)


def describe_statement(check: MilestoneCheck, lang: str = "de") -> str:
    """What the statement says the number counts, in `lang` (German from the research wording)."""
    return milestone_words(check.milestone, lang)


def milestone_words(milestone: Milestone, lang: str = "de") -> str:
    """What `milestone` says its number counts, in `lang` (the table's statement and the chart's
    tooltip): German from the research wording, which is English."""
    meaning = milestone.meaning
    derived = _DERIVED.match(meaning)
    if lang != "de":
        if derived:
            return f"{derived.group(1)} ({t('fc_derived', lang, n=derived.group(2))})"
        return meaning
    base = derived.group(1) if derived else meaning
    try:
        text = timeline_summary_de(base, milestone.count, ())
    except KeyError:
        return meaning  # a wording without a German version yet: better English than nothing
    return f"{text} ({t('fc_derived', lang, n=derived.group(2))})" if derived else text


def _source(check: MilestoneCheck) -> str:
    """The first http(s) source of the statement, or ""."""
    return next((url for url in check.milestone.sources if _URL.match(url)), "")


def _dated_counts(checks: Iterable[MilestoneCheck]) -> list[MilestoneCheck]:
    return [
        c for c in checks if c.milestone.count is not None and c.milestone.date.latest is not None
    ]


def factcheck_table(checks: Sequence[MilestoneCheck], lang: str = "de") -> pd.DataFrame:
    """One row per dated count statement: what was said, the dataset at that date, the verdict.

    Columns (titles from geo.i18n, in `COLUMN_KEYS` order): verdict, date (in words), statement,
    places, stated number, open, uncertain, approved, band "low–high" (empty when not
    comparable), reason, context (the research note, in German our own version of it) and the
    first source link.
    """
    rows = []
    for check in _dated_counts(checks):
        milestone = check.milestone
        band = f"{check.low}–{check.high}" if _is_comparable(check) else ""
        values = {
            "fc_col_date": milestone.date.describe(lang),
            "fc_col_statement": describe_statement(check, lang),
            "fc_col_places": ", ".join(milestone.places),
            "fc_col_stated": milestone.count,
            "fc_col_open": check.open,
            "fc_col_uncertain": check.uncertain,
            "fc_col_approved": check.approved,
            "fc_col_band": band,
            "fc_col_verdict": describe_verdict(check, lang),
            "fc_col_reason": describe_reason(check, lang),
            "fc_col_context": milestone.summary_de if lang == "de" else milestone.summary,
            "fc_col_source": _source(check),
        }
        rows.append([values[key] for key in COLUMN_KEYS])
    frame = pd.DataFrame(rows, columns=[t(key, lang) for key in COLUMN_KEYS])
    for key in _NUMBER_COLUMNS:
        frame[t(key, lang)] = frame[t(key, lang)].astype("Int64")
    return frame


def chart_marks(checks: Iterable[MilestoneCheck], lang: str = "de") -> list[dict]:
    """The `emphasis` list for `geo.views.chart.rollout_chart`: comparable statements only.

    Each entry is {date, label, ok}: the day checked, a short label ("47 (+3)", "50." for an
    ordinal) and whether the statement is consistent with the dataset.
    """
    marks = []
    for check in checks:
        if not _is_comparable(check) or check.day is None or check.milestone.count is None:
            continue
        number = str(check.milestone.count)
        if check.milestone.measure == "ordinal":
            number = t("fc_mark_ordinal", lang, n=number)
        match = _OFF_BY.match(check.verdict)
        label = f"{number} ({match.group(1)})" if match else number
        marks.append({"date": check.day, "label": label, "ok": check.consistent})
    return marks
