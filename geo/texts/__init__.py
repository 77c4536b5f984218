"""The dashboard's UI strings in German and English, one module per part of the UI, each a
`STRINGS` dict; `geo.i18n` merges them and refuses a key defined in two parts."""
