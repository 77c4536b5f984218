"""The popup of a centre marker: its dates, address, sources and the press releases naming it.

All text is escaped here, since Leaflet shows a popup as HTML.
"""

from __future__ import annotations

__all__ = ["ReleaseLink", "popup_html", "predecessor_words"]

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from geo.i18n import t
from geo.model.startwindow import StartWindow
from geo.sources.centres import Centre
from geo.views.presscards import centre_label

# The predecessor codes of centres.csv and the words for them.
_PREDECESSOR_KEYS = {
    "none": "predecessor_none",
    "unknown": "predecessor_unknown",
    "raa": "predecessor_raa",
}


@dataclass(frozen=True)
class ReleaseLink:
    """A press release named in a centre's popup: where it opens and how it is labelled."""

    href: str
    label: str


def popup_html(
    centre: Centre,
    window: StartWindow,
    *,
    lang: str = "de",
    colocated: bool = False,
    releases: Sequence[ReleaseLink] = (),
) -> str:
    """The popup of one centre: name, address, dates with their precision, sources and the press
    releases that mention it (links into the dashboard's press tab). Escaped."""
    start = centre.start.describe(lang)
    bound = window.latest_bound
    if bound is not None:
        link = _link(bound.source, t("source", lang))
        start = f"{escape(start)} — {escape(bound.reason(lang))} ({link})"
    else:
        start = escape(start)
    rows = [
        (t("address", lang), escape(centre.address) or "—"),
        (t("approval", lang), escape(centre.approval.describe(lang))),
        (t("start", lang), start),
    ]
    if centre.start_alt.is_known:
        rows.append((t("start_alt", lang), escape(centre.start_alt.describe(lang))))
    if centre.predecessor:
        rows.append((t("predecessor", lang), escape(predecessor_words(centre.predecessor, lang))))
    links = "<br>".join(_link(url, _short(url)) for url in centre.sources)
    body = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    notes = [escape(t(_position_key(centre.coord_source), lang, town=centre.town))]
    if colocated:
        notes.append(escape(t("colocated", lang)))
    return (
        f'<div class="ki-popup" data-centre="{escape(centre.id)}">'
        f"<h4>{escape(centre_label(centre.name, lang))}</h4><table>{body}</table>"
        f"<p><small>{'<br>'.join(notes)}</small></p>"
        f"<details><summary>{escape(t('sources', lang))} ({len(centre.sources)})</summary>"
        f"{links}</details>{_release_list(releases, lang)}</div>"
    )


def predecessor_words(value: str, lang: str) -> str:
    """The predecessor cell in words of `lang`: the data's codes `none`, `unknown`, `RAA` and
    `other: <name>` translated, any other value (an upload's own text) as it is."""
    code = value.strip()
    if code.lower() in _PREDECESSOR_KEYS:
        return t(_PREDECESSOR_KEYS[code.lower()], lang)
    if code.lower().startswith("other:"):
        return t("predecessor_other", lang, name=code.split(":", 1)[1].strip())
    return value


def _position_key(coord_source: str) -> str:
    """The credit for where a marker stands: Nominatim's address, the GeoNames town centre, or
    (any other source, e.g. an upload's own columns) the uploaded file."""
    if coord_source == "nominatim":
        return "coords_address"
    if coord_source.startswith("geonames:"):
        return "coords_town"
    return "coords_file"


def _release_list(releases: Sequence[ReleaseLink], lang: str) -> str:
    """The "mentioned in" block of a popup; each link opens the release in the dashboard."""
    if not releases:
        return ""
    items = "".join(
        f'<li><a class="ki-release-link" href="{escape(link.href)}" target="_blank" '
        f'rel="noopener">{escape(link.label)}</a></li>'
        for link in releases
    )
    return (
        f'<details class="ki-releases"><summary>{escape(t("popup_releases", lang))} '
        f"({len(releases)})</summary><ul>{items}</ul></details>"
    )


def _link(url: str, label: str) -> str:
    """An escaped link that opens in a new tab (URLs are http(s) only, checked by the loader)."""
    return f'<a href="{escape(url)}" target="_blank" rel="noopener">{escape(label)}</a>'


def _short(url: str) -> str:
    """A readable label for a long source URL: host and the start of the path."""
    bare = url.split("://", 1)[-1]
    return bare if len(bare) <= 60 else bare[:57] + "…"
