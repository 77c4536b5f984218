"""The timeline an upload replays: each site opens over the window of its own dates, unknown
starts over the whole span of the known ones."""

from __future__ import annotations

__all__ = ["upload_timeline"]

import functools
from collections.abc import Sequence

from geo.ingest.rawtable import refuse
from geo.model.startwindow import own_window
from geo.model.timeline import Timeline
from geo.sources.centres import Centre


def upload_timeline(centres: Sequence[Centre], *, label: str = "upload") -> Timeline:
    """A timeline of uploaded sites, each with the window of its own dates only.

    Unknown starts open at the earliest known start or approval date in the data, so they
    show as uncertain over the whole span. Raises `DataFileError` when no site has any known
    date (there is nothing to replay).
    """
    known = [
        day
        for c in centres
        for d in (c.start, c.approval)
        if d.is_known
        for day in (d.earliest or d.latest,)
        if day is not None
    ]
    if not known:
        refuse(
            label, None, None, None, "nothing to replay: no site has a known start or approval date"
        )
    return Timeline(centres, window_of=functools.partial(own_window, floor=min(known)))
