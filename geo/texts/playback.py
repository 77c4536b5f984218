"""The time controls above the map: play, step, speed, the shown date, the milestones to
jump to and the start years to highlight."""

STRINGS: dict[str, dict[str, str]] = {
    "play": {"de": "▶ Abspielen", "en": "▶ Play"},
    "pause": {"de": "⏸ Pause", "en": "⏸ Pause"},
    "speed": {"de": "Tempo", "en": "Speed"},
    "loop": {"de": "Wiederholen", "en": "Loop"},
    "step_back": {"de": "◀ Monat", "en": "◀ Month"},
    "step_forward": {"de": "Monat ▶", "en": "Month ▶"},
    "month": {"de": "Monat", "en": "Month"},
    "shown_date": {"de": "Stand: {date}", "en": "As of {date}"},
    "jump_to": {"de": "Springe zu", "en": "Jump to"},
    "jump_placeholder": {"de": "Meilenstein wählen …", "en": "Choose a milestone …"},
    "years": {"de": "Startjahr hervorheben", "en": "Highlight start year"},
    "years_help": {
        "de": "Keine Auswahl = alle Jahre. Hervorgehoben werden Zentren, deren Start sicher in "
        "einem gewählten Jahr liegt.",
        "en": "No selection = all years. Highlighted are centres whose start certainly falls in "
        "a chosen year.",
    },
    "jump_first": {"de": "{date}: erste Zentren starten", "en": "{date}: first centres start"},
    "jump_started": {
        "de": "{date}: {n} Zentren laut Angabe",
        "en": "{date}: {n} centres as stated",
    },
    "jump_ordinal": {
        "de": "{date}: {n}. Zentrum ({places})",
        "en": "{date}: centre no. {n} ({places})",
    },
    "jump_approved": {"de": "{date}: {n} bewilligt", "en": "{date}: {n} approved"},
}
