"""Spreadsheet cells that stay text (the OWASP rule against CSV / formula injection).

A text cell that starts with = + - @, a tab or a carriage return could be run by Excel as a
formula. In CSV such a cell gets a leading apostrophe; in XLSX it is written as a string cell
with Excel's quote prefix, so the value itself stays exact.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters that XML, and so XLSX, cannot hold at all.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def starts_formula(value):
    return isinstance(value, str) and value[:1] in FORMULA_STARTS


def csv_text(value):
    """A text cell for CSV: a leading apostrophe keeps spreadsheets from running it."""
    return "'" + value if starts_formula(value) else value


def unescape_csv_text(value):
    """What csv_text() wrote, read back: the apostrophe it added is dropped."""
    if isinstance(value, str) and value.startswith("'") and starts_formula(value[1:]):
        return value[1:]
    return value


def xlsx_text(sheet, value):
    """A write-only XLSX cell holding `value` as a string, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    value = ILLEGAL_XML.sub("", value)
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"  # openpyxl makes "=..." a formula; a string cell is only shown
    if starts_formula(value):
        cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
    return cell


def protect_wagtail_exports():
    """Wagtail's admin CSV exports (reports, listings) write cells as they are, by design
    (its security policy leaves escaping to the site); every text cell goes through
    csv_text() here. Its XLSX exports already turn formulas back into strings."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "formula_safe", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        return csv_text(value) if export_format == self.FORMAT_CSV else value

    preprocess_field_value.formula_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
