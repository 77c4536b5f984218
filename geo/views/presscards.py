"""The press search's result cards: each hit as one line of escaped HTML with the matched words
marked, centre chips, the numbers it states, an excerpt and only http(s) source links.
"""

from __future__ import annotations

__all__ = [
    "RESULT_CSS",
    "centre_label",
    "count_label",
    "highlight_html",
    "hit_html",
    "release_label",
]

import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from urllib.parse import urlsplit

from geo.i18n import t
from geo.sources.press import PressRelease
from geo.sources.press_counts import CountMention
from geo.views.presssearch import SearchHit, fold, fold_with_origin, tag_label

# Classes used by `hit_html`; the app injects this once (`<style>` + RESULT_CSS).
#   ki-press-hit      the card          ki-press-date   the release date
#   ki-press-tag      a type label      ki-press-title  the title line
#   ki-chip           a centre chip     ki-press-text   the excerpt
#   ki-press-sources  the source links  mark            a matched word
#   ki-press-counts   the numbers stated ("52 von 54", "51.")
RESULT_CSS = """
.ki-press-hit {border-left: 3px solid #1f4e79; padding: 0.3rem 0 0.3rem 0.7rem;
  margin: 0 0 0.9rem 0;}
.ki-press-date {font-size: 0.85em; color: #555555; margin-right: 0.4rem;}
.ki-press-tag {font-size: 0.75em; border: 1px solid #999999; border-radius: 3px;
  padding: 0 0.3rem; margin-right: 0.25rem; color: #444444;}
.ki-press-title {font-weight: 600; margin: 0.15rem 0;}
.ki-chip {display: inline-block; font-size: 0.8em; background: #e8eef5; border-radius: 0.8rem;
  padding: 0 0.5rem; margin: 0 0.25rem 0.2rem 0;}
.ki-press-text {margin: 0.2rem 0; font-size: 0.92em;}
.ki-press-sources {font-size: 0.85em;}
.ki-press-counts {font-size: 0.85em; color: #444444; margin: 0.1rem 0;}
.ki-press-hit mark {background: #fde68a; color: inherit; padding: 0;}
"""

_TITLE_CHARS = 110
_EXCERPT_CHARS = 300
_EXCERPT_BEFORE = 90


def _spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Sorted, merged [start, end) ranges of the original `text` that match a term (folded)."""
    folded, origin = fold_with_origin(text)
    found = []
    for term in terms:
        needle = fold(term).strip()
        if not needle:
            continue
        at = folded.find(needle)
        while at >= 0:
            end = at + len(needle)
            found.append((origin[at], origin[end - 1] + 1))
            at = folded.find(needle, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight_html(text: str, terms: Iterable[str]) -> str:
    """`text` HTML-escaped, with every (folded) match of a term wrapped in `<mark>`.

    Matches are found on the folded text and marked on the original characters, so "Dueren"
    marks "Düren". Terms are only compared, never copied into the output.
    """
    out = []
    position = 0
    for start, end in _spans(text, terms):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def _one_line(text: str) -> str:
    """White space collapsed, so the card stays one HTML block (no blank lines for Markdown)."""
    return " ".join(text.split())


def _cut(text: str, width: int) -> tuple[str, bool]:
    """The start of `text`, at most `width` characters, ended at a word boundary."""
    if len(text) <= width:
        return text, False
    head = text[:width]
    if " " in head[width // 2 :]:
        head = head[: head.rindex(" ")]
    return head.rstrip(), True


def _excerpt(text: str, terms: Sequence[str]) -> tuple[str, bool, bool]:
    """About `_EXCERPT_CHARS` characters around the first match: (text, cut before, cut after)."""
    spans = _spans(text, terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - _EXCERPT_BEFORE)
    if start > 0 and " " in text[start:first]:
        start = text.index(" ", start) + 1
    body, cut_after = _cut(text[start:], _EXCERPT_CHARS)
    return body, start > 0, cut_after


def _safe_url(url: str) -> str | None:
    """`url` if it is a plain http(s) address with a host, else None."""
    url = url.strip()
    if not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def _body(release: PressRelease, lang: str) -> str:
    """The release's own text, else its summary in `lang` (else in the other language)."""
    summaries = (
        (release.summary_en, release.summary_de)
        if lang == "en"
        else (release.summary_de, release.summary_en)
    )
    for candidate in (release.text, *summaries):
        if candidate.strip():
            return _one_line(candidate)
    return ""


# The research notes give a centre's earlier names in English: "… Kreis Unna (early: kiz, KIKU)".
_EARLIER_NAMES = re.compile(r"\s*\((?:early|formerly):\s*([^)]*)\)\s*$")
_LABEL_CHARS = 70


def centre_label(name: str, lang: str = "de") -> str:
    """A centre's name as shown in `lang`: its earlier names (written "(early: …)" in the data)
    as "(früher: …)" / "(formerly: …)"."""
    match = _EARLIER_NAMES.search(name)
    if match is None:
        return name
    return f"{name[: match.start()]} ({t('name_formerly', lang, names=match[1].strip())})"


def release_label(release: PressRelease, lang: str = "de") -> str:
    """A release in one line: its date in words (or "ohne Datum") and its title, shortened."""
    title = release.title or release.text or release.summary_de
    short = title if len(title) <= _LABEL_CHARS else title[: _LABEL_CHARS - 1] + "…"
    if not release.date.is_known:
        return t("press_undated_label", lang, title=short)
    return f"{release.date.describe(lang)}: {short}"


def count_label(count: CountMention, lang: str = "de") -> str:
    """A stated number in `lang`: "16", "51." / "no. 51", "52 von 54" / "52 of 54"."""
    number = t("press_ordinal", lang, n=count.value) if count.kind == "ordinal" else count.value
    if count.total is None:
        return str(number)
    return t("press_count_of", lang, n=number, total=count.total)


def hit_html(hit: SearchHit, lang: str = "de", *, centre_names: Mapping[str, str]) -> str:
    """One search result as an HTML card (one line, every value escaped; see `RESULT_CSS`).

    Date (or "date unknown"), types, the title with marked terms (no title: the start of the
    text), centres as chips (`centre_names` maps id to label), the numbers the release states
    (each once, with its total: "52 von 54"), an excerpt around the first match, and the http(s)
    source links, opening in a new tab.
    """
    release = hit.release
    terms = hit.terms
    when = release.date.describe(lang) if release.date.is_known else t("press_date_unknown", lang)
    meta = f'<span class="ki-press-date">{escape(when)}</span>' + "".join(
        f'<span class="ki-press-tag">{escape(tag_label(tag, lang))}</span>' for tag in release.tags
    )
    body = _body(release, lang)
    title = _one_line(release.title)
    show_excerpt = bool(body)
    if not title:
        title, was_cut = _cut(body, _TITLE_CHARS)
        title += "…" if was_cut else ""
        show_excerpt = was_cut
    parts = [
        f'<div class="ki-press-hit" data-release="{escape(release.id)}">',
        f"<div>{meta}</div>",
        f'<div class="ki-press-title">{highlight_html(title, terms)}</div>',
    ]
    if hit.centre_ids:
        chips = "".join(
            f'<span class="ki-chip" data-centre="{escape(cid)}">'
            f"{escape(centre_label(centre_names.get(cid, cid), lang))}</span>"
            for cid in hit.centre_ids
        )
        parts.append(f"<div>{chips}</div>")
    if release.counts:
        labels = dict.fromkeys(count_label(c, lang) for c in release.counts)
        parts.append(
            f'<div class="ki-press-counts">{escape(t("press_counts", lang))}: '
            + escape(" · ".join(labels))
            + "</div>"
        )
    if show_excerpt:
        excerpt, before, after = _excerpt(body, terms)
        parts.append(
            '<p class="ki-press-text">'
            + ("… " if before else "")
            + highlight_html(excerpt, terms)
            + (" …" if after else "")
            + "</p>"
        )
    links = [
        f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">'
        f"{escape(urlsplit(url).hostname or url)}</a>"
        for url in (_safe_url(u) for u in release.source_urls)
        if url is not None
    ]
    if links:
        parts.append(
            f'<div class="ki-press-sources">{escape(t("press_sources", lang))}: '
            + " · ".join(links)
            + "</div>"
        )
    parts.append("</div>")
    return "".join(parts)
