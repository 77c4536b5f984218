"""Where the maps sit on the page: the year panels and their legend never overlap."""

from __future__ import annotations

import pytest

from geo.outputs.map_layout import small_multiples_layout


def test_small_multiples_layout_keeps_panels_apart() -> None:
    panels, legend_corner = small_multiples_layout(7)
    assert len(panels) == 7
    rects = [p.rect for p in panels]
    for i, a in enumerate(rects):
        assert min(a) >= 0
        assert a[0] + a[2] <= 1
        assert a[1] + a[3] <= 1
        for b in rects[i + 1 :]:
            apart_x = a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0]
            apart_y = a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
            assert apart_x or apart_y
    assert all(
        not (r[0] <= legend_corner[0] <= r[0] + r[2] and r[1] <= legend_corner[1] <= r[1] + r[3])
        for r in rects
    )
    with pytest.raises(ValueError, match="at least one panel"):
        small_multiples_layout(0)
