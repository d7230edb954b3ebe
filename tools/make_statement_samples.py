"""Write the sample bank statements of the demo (scholarships/demo/data/statements/): one in
each layout the statement import knows, and one for the column mapping. Run it again after
changing the lines below; the files are small and committed.

    .venv/bin/python tools/make_statement_samples.py
"""

import csv
import datetime
import io
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(__file__).resolve().parent.parent / "scholarships" / "demo" / "data" / "statements"

# (day, bank's number, debit, credit, description): September 2024, the city fund's account.
LINES = [
    (
        "02/09/2024",
        "FT24246812345",
        0,
        5_000_000,
        "MBVCB.6543210.QKH2024000003.CT tu 0451000123 CONG TY CP CANG HAI PHONG toi 0031000123456",
    ),
    ("03/09/2024", "FT24247100231", 0, 2_000_000, "QKH 2024 000001 ung ho quy khuyen hoc"),
    ("05/09/2024", "FT24249005512", 350_000, 0, "Phi quan ly tai khoan thang 08/2024"),
    ("06/09/2024", "FT24250077810", 0, 500_000, "NGUYEN VAN AN chuyen tien ung ho quy khuyen hoc"),
    ("09/09/2024", "FT24253120044", 0, 1_500_000, "QKH-2024-000002 tra cam ket dot 1"),
    ("12/09/2024", "FT24256300981", 0, 10_000_000, "CONG DOAN NGANH GIAO DUC HAI PHONG UNG HO QUY"),
    ("16/09/2024", "FT24260450127", 0, 300_000, "ung ho hoc sinh ngheo vuot kho"),
    ("20/09/2024", "FT24264071193", 0, 1_000_000, "IBFT QKH2024000005 Tran Thi Hoa ung ho"),
]
HEADING = [
    "NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM — CHI NHÁNH HẢI PHÒNG",
    "SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT",
    "Số tài khoản: 0031000123456    Loại tiền: VND",
    "Tên tài khoản: HOI KHUYEN HOC TP HAI PHONG",
    "Từ ngày 01/09/2024 đến ngày 30/09/2024",
]


def dots(amount):
    return f"{amount:,}".replace(",", ".") if amount else ""


def commas(amount):
    return f"{amount:,}" if amount else ""


def vietcombank_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sao ke"
    for text in HEADING:
        sheet.append([text])
    sheet["A1"].font = sheet["A2"].font = Font(bold=True)
    sheet.append([])
    sheet.append(["STT", "Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có",
                  "Số dư", "Mô tả"])  # fmt: skip
    for cell in sheet[7]:
        cell.font = Font(bold=True)
    balance = 48_250_000
    for number, (day, reference, debit, credit, description) in enumerate(LINES, start=1):
        balance += credit - debit
        sheet.append([number, day, reference, dots(debit), dots(credit), dots(balance),
                      description])  # fmt: skip
    sheet.append(["Tổng số", "", "", dots(sum(line[2] for line in LINES)),
                  dots(sum(line[3] for line in LINES)), "", ""])  # fmt: skip
    sheet.append(["Số dư cuối kỳ", "", "", "", "", dots(balance), ""])
    for letter, width in zip("ABCDEFG", (8, 16, 18, 16, 16, 16, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    stamp = datetime.datetime(2024, 10, 1, 8, 0)
    book.properties.creator = "Vietcombank"
    book.properties.created = book.properties.modified = stamp
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bidv_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["SAO KE TAI KHOAN - BIDV CHI NHANH HAI PHONG"])
    writer.writerow(["Tai khoan: 21510000654321 - HOI KHUYEN HOC TP HAI PHONG"])
    writer.writerow([])
    writer.writerow(["STT", "Ngày hiệu lực", "Mã giao dịch", "Phát sinh nợ", "Phát sinh có",
                     "Số dư", "Diễn giải"])  # fmt: skip
    balance = 12_400_000
    for number, (day, reference, debit, credit, description) in enumerate(LINES, start=1):
        balance += credit - debit
        writer.writerow([number, day, reference.replace("FT", "BIDV"), commas(debit),
                         commas(credit), commas(balance), description])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def other_bank_csv() -> bytes:
    """A bank the import has no layout for: the column names on line 3, ";" between values
    (Excel set to Vietnamese), amounts with dots, no transaction number."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["LICH SU GIAO DICH", "", "", ""])
    writer.writerow(["Tai khoan 0031000123456", "", "", ""])
    writer.writerow(["Ngay", "Tien vao", "Tien ra", "Noi dung"])
    for day, _reference, debit, credit, description in LINES:
        writer.writerow([day, dots(credit), dots(debit), description])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


FILES = {
    "vietcombank-2024-09.xlsx": vietcombank_xlsx,
    "bidv-2024-09.csv": bidv_csv,
    "ngan-hang-khac-2024-09.csv": other_bank_csv,
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in FILES.items():
        data = build()
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
