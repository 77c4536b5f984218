"""Dates in words: the months, the weekdays (Monday first) and the precision words of a date
known only in part ("etwa", "spätestens", "unbekannt")."""

STRINGS: dict[str, dict[str, str]] = {
    "month_1": {"de": "Januar", "en": "January"},
    "month_2": {"de": "Februar", "en": "February"},
    "month_3": {"de": "März", "en": "March"},
    "month_4": {"de": "April", "en": "April"},
    "month_5": {"de": "Mai", "en": "May"},
    "month_6": {"de": "Juni", "en": "June"},
    "month_7": {"de": "Juli", "en": "July"},
    "month_8": {"de": "August", "en": "August"},
    "month_9": {"de": "September", "en": "September"},
    "month_10": {"de": "Oktober", "en": "October"},
    "month_11": {"de": "November", "en": "November"},
    "month_12": {"de": "Dezember", "en": "December"},
    "weekday_1": {"de": "Montag", "en": "Monday"},
    "weekday_2": {"de": "Dienstag", "en": "Tuesday"},
    "weekday_3": {"de": "Mittwoch", "en": "Wednesday"},
    "weekday_4": {"de": "Donnerstag", "en": "Thursday"},
    "weekday_5": {"de": "Freitag", "en": "Friday"},
    "weekday_6": {"de": "Samstag", "en": "Saturday"},
    "weekday_7": {"de": "Sonntag", "en": "Sunday"},
    "date_unknown": {"de": "unbekannt", "en": "unknown"},
    "date_approx": {"de": "etwa {date}", "en": "about {date}"},
    "date_before": {"de": "spätestens {date}", "en": "by {date}"},
}
