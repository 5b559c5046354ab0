"""Reading a CSV file: a file that cannot be read is a problem of the file, named with its row, not a 500."""

import csv

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.listings.csv_reading import REQUIRED_COLUMNS, ImportReport, csv_rows_read, csv_text_read
from marketplace.listings.errors import ListingImportFileError

HEADER = ",".join(REQUIRED_COLUMNS)
ROW = "B-1,Kiondo basket,crafts,3200,KES,4,4602.19,KE,0.5,35,35,30"


def _read(text):
    report = ImportReport()
    return csv_rows_read(text, report), report


def test_a_cell_over_the_csv_field_limit_is_a_file_error_naming_the_row():
    """csv raised _csv.Error ('field larger than field limit') and the page answered 500."""
    # given a file whose third row has a description longer than csv's field limit (131,072 characters)
    limit = csv.field_size_limit()
    text = f"{HEADER},description\n{ROW},short\n{ROW.replace('B-1', 'B-2')},{'x' * (limit + 1)}\n"
    # when it is read
    parsed, report = _read(text)
    # then the file is refused, and the error names row 3
    assert parsed is None
    assert [(e.row, e.field) for e in report.errors] == [(3, "file")]
    assert report.errors[0].message == (
        "Row 3 has a value longer than 131,072 characters; no column takes that much."
    )


def test_a_nul_character_is_a_file_error_naming_the_row():
    """csv reads NUL characters but no database text column stores them (PostgreSQL refuses)."""
    with_nul = ROW.replace("Kiondo", "Ki\x00ondo")
    parsed, report = _read(f"{HEADER}\n{ROW}\n{with_nul}\n")
    assert parsed is None
    assert [(e.row, e.field) for e in report.errors] == [(3, "file")]
    assert "NUL character" in report.errors[0].message


def test_other_csv_errors_are_file_errors_too(monkeypatch):
    """Whatever else csv cannot read is reported with the row, not raised."""

    # given a reader that reads the header, then meets something it cannot read on row 2
    def broken_reader(*args, **kwargs):
        yield list(REQUIRED_COLUMNS)
        raise csv.Error("new-line character seen in unquoted field")

    monkeypatch.setattr(csv, "reader", broken_reader)
    # when the file is read
    parsed, report = _read(f"{HEADER}\n{ROW}\n")
    # then row 2 is named as where reading stopped
    assert parsed is None and [(e.row, e.field) for e in report.errors] == [(2, "file")]
    assert "new-line character seen in unquoted field" in report.errors[0].message


def test_rows_are_numbered_as_a_spreadsheet_numbers_them():
    """A quoted value over two lines is one row; a blank line is a row with nothing in it."""
    parsed, report = _read(f'{HEADER},description\n{ROW},"two\nlines"\n\n{ROW.replace("B-1", "B-2")},x\n')
    assert report.ok
    assert [(number, row["sku"]) for number, row in parsed.rows] == [(2, "B-1"), (4, "B-2")]
    assert parsed.rows[0][1]["description"] == "two\nlines"


def test_missing_trailing_cells_are_empty_and_extra_ones_are_an_error():
    parsed, report = _read(f"{HEADER},status\n{ROW}\n{ROW},active,surplus\n")
    assert parsed is None and [(e.row, e.field) for e in report.errors] == [(3, "(row)")]


def test_a_column_given_twice_is_refused():
    parsed, report = _read(f"{HEADER},description,description\n{ROW},a,b\n")
    assert parsed is None and [(e.row, e.field) for e in report.errors] == [(1, "description")]


def test_an_oversized_file_is_refused_before_reading():
    upload = SimpleUploadedFile("big.csv", b"x" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ListingImportFileError, match="larger than 2 MB") as raised:
        csv_text_read(upload)
    assert "file" in raised.value.details


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(ListingImportFileError, match="not UTF-8"):
        csv_text_read(SimpleUploadedFile("x.csv", "sku,tïtle\n".encode("latin-1")))


def test_a_byte_order_mark_is_not_part_of_the_first_column():
    text = csv_text_read(SimpleUploadedFile("x.csv", f"\ufeff{HEADER}\n{ROW}\n".encode()))
    parsed, report = _read(text)
    assert report.ok and parsed.columns[0] == "sku"
