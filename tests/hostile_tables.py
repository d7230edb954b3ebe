"""Spreadsheets made to hurt the server that reads them, built small inside the tests (no big
binary is committed): each is a real .xlsx zip written with zipfile, or a CSV text.

workbook(header, sheet=None, *, shared=None, styles=None) -> bytes
    a minimal workbook whose first sheet has `header` as line 1 (inline texts) followed by
    `sheet`, an iterable of byte chunks inside <sheetData>; `shared` the chunks inside a
    sharedStrings.xml, `styles` those inside styles.xml. Parts are compressed as written,
    so gigabytes of blanks never sit in memory.
lie_about_size(data, part, declared) -> bytes
    the same zip, its central directory and local header declaring `declared` bytes as
    `part`'s unpacked size (the checksum still that of the real content).
WORKBOOK_ATTACKS, CSV_ATTACKS: {name: (builder, words)}
    the attacks every import must refuse quickly and cheaply, with English words of the
    message it must give;
hostile_workbook(name, header), hostile_csv(name, header) -> bytes
    an attack's file under the column names `header` (a tuple; workbooks are built once).
measure(action) -> (seconds, peak bytes allocated, result or the exception raised)
    of `action`, run twice: once timed, once traced.
"""

import functools
import gc
import io
import struct
import time
import tracemalloc
import zipfile
from xml.sax.saxutils import escape

MB = 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{SHEET_TYPE}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="{SHEET_TYPE}.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{SHEET_TYPE}.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PACKAGE_RELS}">
<Relationship Id="rId1" Target="xl/workbook.xml"
 Type="{RELS}/officeDocument"/></Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{RELS}">
<sheets><sheet name="Hoạt động" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PACKAGE_RELS}">
<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{RELS}/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
STYLES = (
    b'<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
    b'<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>'
)


def workbook(header, sheet=(), *, shared=(), styles=(STYLES,)):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("xl/workbook.xml", WORKBOOK)
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        _write(package, "xl/styles.xml", f'<styleSheet xmlns="{MAIN}">', styles, "</styleSheet>")
        _write(package, "xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">', shared, "</sst>")
        rows = [header_row(header), *sheet]
        _write(
            package,
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{MAIN}"><sheetData>',
            rows,
            "</sheetData></worksheet>",
        )
    return out.getvalue()


def _write(package, name, opening, chunks, closing):
    with package.open(name, "w") as part:
        part.write(b'<?xml version="1.0" encoding="UTF-8"?>\n' + opening.encode())
        for chunk in chunks:
            part.write(chunk)
        part.write(closing.encode())


def header_row(names):
    cells = "".join(
        f'<c r="{_letter(index)}1" t="inlineStr"><is><t>{escape(name)}</t></is></c>'
        for index, name in enumerate(names, start=1)
    )
    return f'<row r="1">{cells}</row>'.encode()


def _letter(index):
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def blanks(size):
    """`size` bytes of spaces, a megabyte at a time."""
    chunk = b" " * MB
    for _ in range(size // MB):
        yield chunk


def lie_about_size(data, part, declared):
    data = bytearray(data)
    end = data.rfind(b"PK\x05\x06")
    (count,) = struct.unpack_from("<H", data, end + 10)
    (position,) = struct.unpack_from("<I", data, end + 16)
    for _ in range(count):
        assert data[position : position + 4] == b"PK\x01\x02"
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, position + 28)
        (local_header,) = struct.unpack_from("<I", data, position + 42)
        name = data[position + 46 : position + 46 + name_length].decode()
        if name == part:
            struct.pack_into("<I", data, position + 24, declared)
            struct.pack_into("<I", data, local_header + 22, declared)
        position += 46 + name_length + extra_length + comment_length
    return bytes(data)


_CLAIM = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
_SHARED_CELL = b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'

# name: (how to build it under a header row, words of the refusal)
WORKBOOK_ATTACKS = {
    # 64 MB of blanks packed into a few dozen KB: past the unpacked size it declares.
    "blank sheet": (lambda header: workbook(header, blanks(64 * MB)), "unpacks to more than 50 MB"),
    # 20 MB of blanks: within the size, but packed a thousand to one.
    "packed blanks": (
        lambda header: workbook(header, blanks(20 * MB)),
        "more than 100 times its size",
    ),
    # 2 KB that claim A1:GR1048576 and hold a row at the last line Excel has.
    "claimed range": (
        lambda header: workbook(header, [b'<dimension ref="A1:GR1048576"/>', _CLAIM]),
        "too many rows",
    ),
    # A hundred thousand empty rows, each one cheap to write.
    "empty rows": (
        lambda header: workbook(header, [b'<dimension ref="A1:GR100001"/>', b"<row/>" * 100_000]),
        "too many rows",
    ),
    # One cell far to the right, and a row of many cells without a reference.
    "far column": (
        lambda header: workbook(header, [b'<row r="2"><c r="XFD2"><v>1</v></c></row>']),
        "goes on past column CV",
    ),
    "wide row": (
        lambda header: workbook(header, [b"<row>" + b"<c><v>1</v></c>" * 5000 + b"</row>"]),
        "goes on past column CV",
    ),
    # One shared text of 64 MB, a few dozen KB packed.
    "huge shared text": (
        lambda header: workbook(
            header, [_SHARED_CELL], shared=[b"<si><t>", *blanks(64 * MB), b"</t></si>"]
        ),
        "unpacks to more than 50 MB",
    ),
    # One shared text longer than a cell holds, small enough to pass the sizes.
    "long shared text": (
        lambda header: workbook(
            header, [_SHARED_CELL], shared=[b"<si><t>" + b"x" * 40_000 + b"</t></si>"]
        ),
        "more than 32,767 characters",
    ),
    # The central directory says 600 bytes; the part unpacks to 64 MB.
    "lying sheet": (
        lambda header: lie_about_size(
            workbook(header, blanks(64 * MB)), "xl/worksheets/sheet1.xml", 600
        ),
        "damaged",
    ),
    "lying styles": (
        lambda header: lie_about_size(
            workbook(header, styles=[STYLES, *blanks(64 * MB)]), "xl/styles.xml", 600
        ),
        "damaged",
    ),
}


@functools.cache
def hostile_workbook(name, header):
    """The attack `name` under the column names `header` (a tuple), built once."""
    return WORKBOOK_ATTACKS[name][0](header)


CSV_ATTACKS = {
    # 4 MB of line ends (within the 5 MB an upload may have).
    "empty lines": (lambda first: first + b"\n" * (4 * MB), "too many rows"),
    "endless line": (lambda first: first + b"," * (4 * MB) + b"\n", "Line 2 is longer"),
    "many columns": (lambda first: first + b"," * 150 + b"\n", "goes on past column CV"),
    "long cell": (
        lambda first: first + b"a," + b"x" * 40_000 + b"\n",
        "more than 32,767 characters",
    ),
}


def hostile_csv(name, header):
    return CSV_ATTACKS[name][0](",".join(header).encode() + b"\n")


def measure(action):
    """Run `action` twice: timed, then with its allocations traced (tracing slows Python
    down several times, so it would distort the time)."""
    started = time.perf_counter()
    _outcome(action)
    seconds = time.perf_counter() - started
    gc.collect()
    tracemalloc.start()
    try:
        result = _outcome(action)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return seconds, peak, result


def _outcome(action):
    try:
        return action()
    except Exception as error:
        return error
