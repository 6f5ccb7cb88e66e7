"""What a published CSV cell may hold, as the source of regular expressions that both readers compile: the strict
reader (Python's re, tables.py) and the Arrow reader (RE2, csv_arrow.py). The syntax used here means the same in
both. A pattern matches a whole cell (re.fullmatch; anchored for RE2)."""

# ASCII digits only (\d would accept Arabic-Indic and other digits)
INTEGER = r"-?[0-9]+"
NUMBER = r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?"
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
BOOLEAN = r"true|false"

# Control characters are never data: NUL, the other C0 controls, DEL and the C1 controls. A free-text cell (a string
# column with no pattern or closed vocabulary: evidence quoted from an article, a note) may hold a line break or a
# tab inside quotes; no other cell may.
CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
LINE_BREAK_OR_TAB = r"[\n\r\t]"
