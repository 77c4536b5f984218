"""Stage 2, what the data means: start windows, the state of every centre at a date, playback.

In: the records of `geo.sources`. Out: a `Timeline` (states, snapshots, series, the fact check
of the state's statements) and the month steps a replay walks. Pure: no I/O, no clock.
"""
