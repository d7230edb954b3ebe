"""Bank statements built inside the tests, as the banks export them.

vietcombank_xlsx(lines)  an xlsx with five heading lines, the column names on line 7, amounts
                         as "1.500.000" text, the bank's totals after the table;
bidv_csv(lines)          a UTF-8 CSV with two heading lines, the column names on line 4,
                         amounts as "1,500,000";
each line (day "dd/mm/yyyy", bank's number, debit, credit, description), amounts as int or
already written text. The first data line is line 8 of the xlsx and line 5 of the CSV.
"""

import csv
import io

from openpyxl import Workbook

VCB_FIRST = 8
BIDV_FIRST = 5


def _dots(amount):
    if isinstance(amount, str):
        return amount
    return f"{amount:,}".replace(",", ".") if amount else ""


def _commas(amount):
    if isinstance(amount, str):
        return amount
    return f"{amount:,}" if amount else ""


def vietcombank_xlsx(lines) -> bytes:
    book = Workbook()
    sheet = book.active
    for text in (
        "NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM",
        "SAO KÊ TÀI KHOẢN",
        "Số tài khoản: 0031000123456",
        "Tên tài khoản: HOI KHUYEN HOC TP HAI PHONG",
        "Từ ngày 01/09/2024 đến ngày 30/09/2024",
    ):
        sheet.append([text])
    sheet.append([])
    sheet.append(["STT", "Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ",
                  "Số tiền ghi có", "Mô tả"])  # fmt: skip
    for number, (day, reference, debit, credit, description) in enumerate(lines, start=1):
        sheet.append([number, day, reference, _dots(debit), _dots(credit), description])
    sheet.append(["Tổng số", "", "", "", "", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bidv_csv(lines) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["SAO KE TAI KHOAN BIDV"])
    writer.writerow(["Tai khoan 21510000123456"])
    writer.writerow([])
    writer.writerow(["Ngày hiệu lực", "Mã giao dịch", "Phát sinh nợ", "Phát sinh có", "Diễn giải"])
    for day, reference, debit, credit, description in lines:
        writer.writerow([day, reference, _commas(debit), _commas(credit), description])
    return out.getvalue().encode("utf-8")
