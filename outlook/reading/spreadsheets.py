"""CSV cells that a spreadsheet opens as text, never as a formula (CSV injection)."""

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text_cell(text: str) -> str:
    """Return `text`, led by an apostrophe if a spreadsheet would run it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def from_text_cell(text: str) -> str:
    """Undo as_text_cell: drop the apostrophe it put before a formula-like start."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
