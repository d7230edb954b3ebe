"""Spreadsheets in and out: `reading` takes an uploaded CSV or xlsx within the limits of
`limits` (the xlsx unpacked by `zipped` and `xlsx`, never by a library that trusts the file),
`formats` gives django-import-export the same guarded reading, `writing` writes cells that
a spreadsheet program shows as text, never runs as a formula."""
