"""The fact-check table and chart marks: verdicts on the real data, both languages, the chart."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from factories import make_centre, make_milestone

from geo import paths
from geo.i18n import t
from geo.model.timeline import MilestoneCheck, Timeline
from geo.sources.centres import load_centres
from geo.sources.milestones import load_milestones
from geo.sources.press_counts import extract_counts
from geo.views.chart import rollout_chart
from geo.views.chart_day import chart_days
from geo.views.factcheck import (
    COLUMN_KEYS,
    chart_marks,
    describe_reason,
    describe_statement,
    describe_verdict,
    factcheck_table,
    verdict_kind,
    verdict_kinds,
)

CENTRES = load_centres(paths.CENTRES_CSV)
MILESTONES = load_milestones(paths.MILESTONES_CSV)
TIMELINE = Timeline(CENTRES)
CHECKS = TIMELINE.check(MILESTONES)


def check_on(day: str) -> MilestoneCheck:
    """The one check of the statement dated `day` (ISO, as in milestones.csv)."""
    (check,) = [c for c in CHECKS if c.milestone.date.text == day]
    return check


def column(frame: pd.DataFrame, key: str, lang: str) -> list:
    return list(frame[t(key, lang)])


@pytest.mark.parametrize(
    ("day", "de", "en"),
    [
        ("2013-12-02", "weicht um +3 ab", "off by +3"),
        ("2014-04-25", "weicht um +4 ab", "off by +4"),
        ("2015-04-09", "stimmig", "consistent"),
        ("2016-06-29", "stimmig", "consistent"),
        ("2016-09", "weicht um -1 ab", "off by -1"),
        ("2018-03-08", "nicht vergleichbar", "not comparable"),
    ],
)
def test_verdicts_on_the_real_data_in_both_languages(day: str, de: str, en: str) -> None:
    check = check_on(day)
    assert describe_verdict(check, "de") == de
    assert describe_verdict(check, "en") == en


def test_targets_are_not_comparable_with_a_reason() -> None:
    targets = [c for c in CHECKS if c.milestone.measure == "target"]
    assert len(targets) == 3
    for check in targets:
        assert describe_verdict(check, "de") == "nicht vergleichbar"
        assert describe_verdict(check, "en") == "not comparable"
        assert describe_reason(check, "de") == t("fc_reason_target", "de")
        assert describe_reason(check, "en") == t("fc_reason_target", "en")


def test_table_has_one_row_per_dated_count_statement() -> None:
    frame = factcheck_table(CHECKS, "de")
    dated_counts = [m for m in MILESTONES if m.count is not None and m.date.is_known]
    assert len(frame) == len(dated_counts) == 28
    assert list(frame.columns) == [t(key, "de") for key in COLUMN_KEYS]


def test_table_row_of_the_laki_opening() -> None:
    for lang, when, verdict in (
        ("de", "02.12.2013", "weicht um +3 ab"),
        ("en", "2 December 2013", "off by +3"),
    ):
        frame = factcheck_table(CHECKS, lang)
        row = frame[frame[t("fc_col_date", lang)] == when].iloc[0]
        assert row[t("fc_col_stated", lang)] == 47
        assert row[t("fc_col_open", lang)] == 21
        assert row[t("fc_col_uncertain", lang)] == 23
        assert row[t("fc_col_approved", lang)] == 0
        assert row[t("fc_col_band", lang)] == "21–44"
        assert row[t("fc_col_verdict", lang)] == verdict
        assert row[t("fc_col_places", lang)] == "Dortmund"
        assert row[t("fc_col_source", lang)].startswith("https://griechische-gemeinde-koeln.de/")
    de = factcheck_table(CHECKS, "de")
    row = de[de[t("fc_col_date", "de")] == "02.12.2013"].iloc[0]
    assert row[t("fc_col_statement", "de")] == "47 KI eingerichtet (von 53 Gebieten)"
    assert "02.12.2013" in row[t("fc_col_reason", "de")]
    assert "21" in row[t("fc_col_reason", "de")]
    assert "44" in row[t("fc_col_reason", "de")]
    context = row[t("fc_col_context", "de")]
    assert context.startswith("Minister Schneider und Ministerin Löhrmann eröffnen"), context
    en = factcheck_table(CHECKS, "en")
    english = en[en[t("fc_col_date", "en")] == "2 December 2013"].iloc[0]
    assert english[t("fc_col_context", "en")].startswith("Ministers Schneider and Löhrmann open")


def test_a_count_of_a_total_is_checked_by_the_count_never_the_total() -> None:
    """dpa, 14 July 2016: 52 of the 54 territories have a KI; 52 is checked, not 54."""
    (stated,) = extract_counts("52 der 54 kreisfreien Städte und Kreise haben ein KI")
    assert (stated.value, stated.total) == (52, 54)
    check = check_on("2016-07-14")
    assert check.milestone.count == stated.value
    assert describe_verdict(check, "en") == "consistent"
    (total,) = TIMELINE.check([make_milestone("2016-07-14", stated.total, "started")])
    assert describe_verdict(total, "en") == "off by +2"  # what checking the total would say
    frame = factcheck_table(CHECKS, "de")
    row = frame[frame[t("fc_col_date", "de")] == "14.07.2016"].iloc[0]
    assert row[t("fc_col_stated", "de")] == 52
    marks = {m["date"]: m["label"] for m in chart_marks(CHECKS, "de")}
    assert marks[date(2016, 7, 14)] == "52"


def test_table_columns_differ_between_languages_and_are_unique() -> None:
    de, en = factcheck_table(CHECKS, "de"), factcheck_table(CHECKS, "en")
    assert len(set(de.columns)) == len(de.columns) == len(COLUMN_KEYS)
    assert len(set(en.columns)) == len(en.columns)
    assert list(de.columns) != list(en.columns)
    assert column(de, "fc_col_verdict", "de") != column(en, "fc_col_verdict", "en")
    assert column(de, "fc_col_stated", "de") == column(en, "fc_col_stated", "en")


def test_not_comparable_rows_have_no_band() -> None:
    frame = factcheck_table(CHECKS, "en")
    not_comparable = frame[frame[t("fc_col_verdict", "en")] == "not comparable"]
    assert len(not_comparable) == 5  # three targets, two tour counts
    assert set(not_comparable[t("fc_col_band", "en")]) == {""}


def test_every_source_is_an_http_link() -> None:
    for url in column(factcheck_table(CHECKS, "de"), "fc_col_source", "de"):
        assert url.startswith(("http://", "https://"))


def test_statements_are_german_in_german_and_mark_derived_counts() -> None:
    kleve = check_on("2017-02-08")
    assert describe_statement(kleve, "de") == (
        "KI überall außer im Kreis Kleve (die Zahl 53 ist aus dem Wortlaut erschlossen)"
    )
    assert describe_statement(kleve, "en") == (
        "all except Kreis Kleve (the count 53 is derived from the wording)"
    )
    assert describe_statement(check_on("2016-02-12"), "de") == "50. KI; nur noch drei Kreise ohne"


def test_an_unknown_wording_stays_english_in_german() -> None:
    (check,) = Timeline([make_centre(start=("2013-08-01", "day"))]).check(
        [make_milestone("2014-01-01", 1, "started")]
    )
    assert describe_statement(check, "de") == "test"


def test_statements_without_number_or_date_are_left_out() -> None:
    timeline = Timeline([make_centre(start=("2013-08-01", "day"))])
    checks = timeline.check(
        [
            make_milestone("2014-01-01", 1, "started"),
            make_milestone("2014-02-01", None, "started"),
            make_milestone("", 1, "started", precision="unknown"),
        ]
    )
    frame = factcheck_table(checks, "en")
    assert column(frame, "fc_col_date", "en") == ["1 January 2014"]
    assert column(frame, "fc_col_verdict", "en") == ["consistent"]
    assert describe_reason(checks[1], "de") == t("fc_reason_no_date", "de")
    assert chart_marks(checks, "en") == [{"date": date(2014, 1, 1), "label": "1", "ok": True}]


def test_empty_checks_give_an_empty_table_with_the_columns() -> None:
    frame = factcheck_table([], "en")
    assert frame.empty
    assert list(frame.columns) == [t(key, "en") for key in COLUMN_KEYS]


# --- chart marks ----------------------------------------------------------------------------


def test_chart_marks_are_comparable_statements_with_short_labels() -> None:
    marks = chart_marks(CHECKS, "de")
    comparable = [c for c in CHECKS if c.low is not None]
    assert len(marks) == len(comparable) == 23
    assert all(set(m) == {"date", "label", "ok"} for m in marks)
    by_day = {m["date"]: m for m in marks}
    assert by_day[date(2013, 12, 2)] == {"date": date(2013, 12, 2), "label": "47 (+3)", "ok": False}
    assert by_day[date(2014, 4, 25)]["label"] == "49 (+4)"
    assert by_day[date(2015, 4, 9)] == {"date": date(2015, 4, 9), "label": "49", "ok": True}
    assert by_day[date(2016, 6, 29)] == {"date": date(2016, 6, 29), "label": "52.", "ok": True}
    assert by_day[date(2016, 9, 30)]["label"] == "51 (-1)"
    assert date(2012, 10, 30) not in by_day  # a target
    assert date(2018, 3, 8) not in by_day  # a tour count
    en = {m["date"]: m for m in chart_marks(CHECKS, "en")}
    assert en[date(2016, 6, 29)]["label"] == "no. 52"


def test_rollout_chart_draws_the_marks() -> None:
    series = TIMELINE.series(chart_days(date(2012, 1, 1), date(2019, 12, 31), []))
    marks = chart_marks(CHECKS, "en")
    spec = rollout_chart(series, MILESTONES, date(2014, 1, 1), lang="en", emphasis=marks)
    spec_dict = spec.to_dict()
    ticks = spec_dict["layer"][-1]
    assert ticks["mark"]["type"] == "rule"
    rows = spec_dict["datasets"][ticks["data"]["name"]]
    assert len(rows) == len(marks)
    labels = {r["label"] for r in rows}
    assert "✗ 47 (+3)" in labels
    assert "✓ 49" in labels
    assert "✓ no. 52" in labels
    verdicts = [r["verdict"] for r in rows]
    assert verdicts.count("off") == sum(not m["ok"] for m in marks) == 4
    json.dumps(spec_dict)  # the spec Streamlit receives must serialise


# --- verdict kinds ----------------------------------------------------------------------------


def test_the_verdict_is_the_first_column() -> None:
    for lang in ("de", "en"):
        assert factcheck_table(CHECKS, lang).columns[0] == t("fc_col_verdict", lang)


def test_each_row_has_a_verdict_kind_matching_its_words() -> None:
    frame = factcheck_table(CHECKS, "de")
    kinds = verdict_kinds(CHECKS)
    assert len(kinds) == len(frame) == 28
    words = {"consistent": "stimmig", "not_comparable": "nicht vergleichbar"}
    for kind, verdict in zip(kinds, frame[t("fc_col_verdict", "de")], strict=True):
        assert verdict == words[kind] if kind in words else verdict.startswith("weicht um")
    assert kinds.count("off") == 4
    assert kinds.count("not_comparable") == 5
    assert verdict_kind(check_on("2013-12-02")) == "off"
    assert verdict_kind(check_on("2015-04-09")) == "consistent"
    assert verdict_kind(check_on("2018-03-08")) == "not_comparable"
