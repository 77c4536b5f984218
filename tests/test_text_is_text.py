"""Text from a link, a file name or a geocoding answer is shown as text: Streamlit's Markdown
(react-markdown with remark-gfm) makes no link, autolink or image of it.

Backslash escapes stop Markdown syntax but not GFM's autolinks, which remark-gfm finds in the
text left after parsing; `autolinks` applies its patterns to that text. The browser proof is
`tests/browser/test_security.py`.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo import keys
from geo.i18n import escape_markdown
from geo.ingest.sample_upload import sample_csv
from geo.ingest.upload_geocoding import GeocodeOutcome
from geo.views.urlstate import ViewState, parse_view
from tests.factories import make_centre

PAYLOADS = (
    "https://evil.example/login",
    "http://evil.example",
    "www.evil.example",
    "WWW.evil.example/x",
    "phish@evil.example",
    "[x](https://evil.example)",
    "![x](https://evil.example/x.png)",
    "<https://evil.example>",
    '<img src="https://evil.example/x.png">',
    "<a href=https://evil.example>x</a>",
)
# remark-gfm's literal autolinks (mdast-util-gfm-autolink-literal), on the parsed text.
_AUTOLINK_PATTERNS = (
    re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE | re.ASCII),
    re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII),
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_WORD_JOINER = "\u2060"
DEFAULT = ViewState(day=date(2018, 10, 1))


def parsed_text(markdown: str) -> str:
    """The text a Markdown body leaves once its backslash escapes are resolved."""
    return _ESCAPE.sub(r"\1", markdown)


def autolinks(markdown: str) -> list[str]:
    """What remark-gfm would turn into a link in `markdown`, or Markdown syntax left in it."""
    text = parsed_text(markdown)
    found = [m.group(0) for pattern in _AUTOLINK_PATTERNS for m in pattern.finditer(text)]
    unescaped = _ESCAPE.sub("", markdown)
    return found + [syntax for syntax in ("](", "<") if syntax in unescaped]


def assert_text(markdown: str, shown: str | None = None) -> None:
    """`markdown` makes no link or image, and (when given) reads as `shown`."""
    assert autolinks(markdown) == [], markdown
    if shown is not None:
        assert shown in parsed_text(markdown).replace(_WORD_JOINER, "")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_payloads_would_link_unless_escaped(payload: str) -> None:
    assert autolinks(payload)
    assert_text(escape_markdown(payload), payload)


@pytest.mark.parametrize("name", ["date", "year", "lang", "tiles", "release"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_link_parameter_notice_is_text(name: str, payload: str) -> None:
    _, notices = parse_view(
        {name: payload},
        default=DEFAULT,
        first_day=date(2012, 1, 1),
        last_day=DEFAULT.day,
        years=(2013,),
        releases=("seed-a",),
    )
    assert notices
    for notice in notices:
        assert_text(escape_markdown(notice), payload[:20])


def test_a_phishing_link_gives_notices_without_links(start) -> None:
    query = {
        "tiles": "https://evil.example/login",
        "lang": "www.evil.example",
        "date": "[x](https://evil.example)",
        "year": "phish@evil.example",
        "release": "![x](https://evil.example/x.png)",
    }
    at = start(**query)
    warnings = [w.value for w in at.warning]
    assert len(warnings) == len(query)
    for warning in warnings:
        assert_text(warning)
    shown = " ".join(parsed_text(w).replace(_WORD_JOINER, "") for w in warnings)
    for payload in query.values():
        assert payload in shown


HOSTILE_FILE = "https://evil.example/a www.evil.example a@evil.example [x](https://e.example).csv"


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.session_state[keys.TABS] = "Eigene Daten"
    at.run()
    at.file_uploader(key=keys.UPLOAD).set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_an_upload_file_name_is_text_in_caption_sidebar_and_refusal(start) -> None:
    at = _upload(start(), HOSTILE_FILE, sample_csv())
    at.button(key=keys.APPLY_UPLOAD).click().run()
    assert not at.exception, at.exception
    assert at.session_state[keys.USE_OWN]
    caption = next(c.value for c in at.caption if "Standorte" in c.value)
    assert_text(caption, HOSTILE_FILE)
    for option in at.radio(key=keys.DATASET_CHOICE).options:
        assert_text(option)
    refused = _upload(start(), HOSTILE_FILE.replace(".csv", ".xls"), b"x")
    [error] = [e.value for e in refused.error]
    assert_text(error, "www.evil.example")


def test_the_geocoding_notice_names_sites_as_text(start) -> None:
    at = _upload(start(), "orte.csv", sample_csv())
    at.button(key=keys.APPLY_UPLOAD).click().run()
    at.session_state[keys.TABS] = "Eigene Daten"
    lost = [make_centre(id=f"x{i}", name=payload) for i, payload in enumerate(PAYLOADS)]
    at.session_state[keys.GEOCODE_OUTCOME] = GeocodeOutcome(
        (), tuple(lost), (), (), "offline", "https://evil.example/down www.evil.example"
    )
    at.run()
    assert not at.exception, at.exception
    [notice] = [e.value for e in at.error]
    assert_text(notice, "https://evil.example/down")
    for payload in PAYLOADS:
        assert payload in parsed_text(notice).replace(_WORD_JOINER, "")
