"""The time controls above the map: play, step, speed, the shown date, the milestones to
jump to and the start years to highlight."""

STRINGS: dict[str, dict[str, str]] = {
    # The buttons draw Streamlit's Material play/pause icons (a ⏸ glyph is a box in some fonts).
    "play": {"de": "Abspielen", "en": "Play"},
    "pause": {"de": "Pause", "en": "Pause"},
    "speed": {"de": "Tempo", "en": "Speed"},
    "loop": {"de": "Wiederholen", "en": "Loop"},
    "step_back": {"de": "◀ Monat", "en": "◀ Month"},
    "step_forward": {"de": "Monat ▶", "en": "Month ▶"},
    "month": {"de": "Monat", "en": "Month"},
    "shown_date": {"de": "Stand: {date}", "en": "As of {date}"},
    "month_help": {
        "de": "Ein Monat zeigt den Stand an seinem letzten Tag (im laufenden Monat: heute).",
        "en": "A month shows the state on its last day (in the current month: today).",
    },
    "phone_more": {
        "de": "{shown} · Tempo, Springe zu, Startjahr",
        "en": "{shown} · speed, jump to, start year",
    },
    "release_after_range": {
        "de": "Die Mitteilung ist vom {date}, nach dem Ende der Zeitleiste ({shown}): geöffnet "
        "beim letzten Stand.",
        "en": "The release is dated {date}, after the end of the timeline ({shown}): opened at "
        "its last state.",
    },
    "release_before_range": {
        "de": "Die Mitteilung ist vom {date}, vor dem Beginn der Zeitleiste ({shown}): geöffnet "
        "beim ersten Stand.",
        "en": "The release is dated {date}, before the start of the timeline ({shown}): opened "
        "at its first state.",
    },
    "jump_to": {"de": "Springe zu", "en": "Jump to"},
    "jump_placeholder": {"de": "Meilenstein wählen …", "en": "Choose a milestone …"},
    "years": {"de": "Startjahr hervorheben", "en": "Highlight start year"},
    "years_help": {
        "de": "Keine Auswahl = alle Jahre. Hervorgehoben werden Zentren, deren Start sicher in "
        "einem gewählten Jahr liegt; angeboten wird jedes Jahr der Zeitleiste, auch ohne Start.",
        "en": "No selection = all years. Highlighted are centres whose start certainly falls in "
        "a chosen year; every year of the timeline is offered, also one without a start.",
    },
    "jump_first": {"de": "{date}: erste Zentren starten", "en": "{date}: first centres start"},
    "jump_started": {
        "de": "{date}: {n} Zentren laut Angabe",
        "de_one": "{date}: {n} Zentrum laut Angabe",
        "en": "{date}: {n} centres as stated",
        "en_one": "{date}: {n} centre as stated",
    },
    "jump_ordinal": {
        "de": "{date}: {n}. Zentrum ({places})",
        "en": "{date}: centre no. {n} ({places})",
    },
    "jump_approved": {"de": "{date}: {n} bewilligt", "en": "{date}: {n} approved"},
}
