"""Derive units-hai-duong-2025-06.csv from the predecessors of units-hai-phong-2025-07.csv.

The 114 units of the merged Hải Phòng (1/7/2025) were formed from 167 communes of the old
Hải Phòng, Huyện Bạch Long Vĩ and 207 communes of the old Hải Dương. The old Hải Phòng units
have rows of their own (units-hai-phong-2024.csv); the Hải Dương ones exist in our sources
only as `CODE:Name` entries of the predecessors column, with the GSO code and name of
30/6/2025. This script turns those entries into rows, so that every predecessor of a
2025-07 unit resolves to a real unit valid on 30/6/2025:

- Tỉnh Hải Dương, code 30, kind `tinh`, valid until 2025-06-30, no parent;
- each predecessor whose code is not in the 2024 file and is not 30: a commune-level unit
  whose kind comes from the name's type word (Phường / Xã / Thị trấn), parent 30 (the
  districts of Hải Dương are not in our sources), valid until 2025-06-30, start unknown.

Run from anywhere: `python organizations/data/derive_hai_duong.py`. It rewrites the output
file and stops with a message if an entry cannot be classified or names one code twice
with different names.
"""

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = [
    "code",
    "name",
    "kind",
    "parent_code",
    "valid_from",
    "valid_until",
    "predecessors",
    "source",
]
PROVINCE_CODE = "30"
LAST_DAY = "2025-06-30"
MARKER = re.compile(r"\s*\((một phần|phần còn lại)\)$")
KIND_OF_TYPE_WORD = {"Phường": "phuong", "Xã": "xa", "Thị trấn": "thi_tran"}
PROVINCE_SOURCE = (
    "Mã, tên: cột predecessors của units-hai-phong-2025-07.csv (NQ 1669/NQ-UBTVQH15); "
    "đến 30/6/2025: hợp nhất với thành phố Hải Phòng (Nghị quyết 60-NQ/TW mục 7; "
    "NQ 202/2025/QH15, văn bản chưa trích được)"
)
COMMUNE_SOURCE = (
    "Mã, tên: TCTK DMĐVHC 01/03/2025 (daohoangson/dvhcvn@eaddcea), qua cột predecessors "
    "của units-hai-phong-2025-07.csv; đơn vị cấp huyện chưa có trong nguồn, parent_code "
    "tạm là tỉnh (30); đến 30/6/2025: NQ 1669/NQ-UBTVQH15"
)


def _read(name):
    with open(HERE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _kind(name):
    for word, kind in KIND_OF_TYPE_WORD.items():
        if name.startswith(word + " "):
            return kind
    sys.exit(f"derive_hai_duong: no type word in {name!r}")


def derive():
    old_codes = {row["code"] for row in _read("units-hai-phong-2024.csv")}
    names = {}
    for row in _read("units-hai-phong-2025-07.csv"):
        for entry in filter(None, (part.strip() for part in row["predecessors"].split(";"))):
            code, name = entry.split(":", 1)
            name = MARKER.sub("", name).strip()
            if code in old_codes or code == PROVINCE_CODE:
                continue
            if names.setdefault(code, name) != name:
                sys.exit(f"derive_hai_duong: code {code} named {names[code]!r} and {name!r}")
    rows = [
        {
            "code": PROVINCE_CODE,
            "name": "Tỉnh Hải Dương",
            "kind": "tinh",
            "parent_code": "",
            "valid_from": "",
            "valid_until": LAST_DAY,
            "predecessors": "",
            "source": PROVINCE_SOURCE,
        }
    ]
    for code in sorted(names, key=int):
        rows.append(
            {
                "code": code,
                "name": names[code],
                "kind": _kind(names[code]),
                "parent_code": PROVINCE_CODE,
                "valid_from": "",
                "valid_until": LAST_DAY,
                "predecessors": "",
                "source": COMMUNE_SOURCE,
            }
        )
    return rows


def main():
    rows = derive()
    with open(HERE / "units-hai-duong-2025-06.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"units-hai-duong-2025-06.csv: {len(rows)} rows ({len(rows) - 1} communes)")


if __name__ == "__main__":
    main()
