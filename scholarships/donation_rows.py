"""The donation lists units keep in Excel, read row by row: the Vietnamese template's columns,
what each cell may hold, and the checks of a whole file (scholarships.resources runs them,
services.donate_many writes what they let through).

Every rule the models and `services.donate` keep is checked here, by plain Python rather
than a `full_clean` per row (100,000 rows must go in within seconds): required cells, the
lengths and control characters of every text, the amount in whole đồng (`parse_vnd`:
"1.500.000", "1500000", "1.500.000 đ", "1,5 triệu"; "1,5" is refused, never guessed), the
day (not in the future), the donor's kind, the way it was given and what a gift in kind
was, how the donor appears in public (an empty cell is "Giấu tên": silence is not consent),
the phone number and e-mail address, and a pledge reference of this fund, still open, of
the same donor and purpose. Each problem is named by its spreadsheet line and column.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext

from common.money import NotAnAmount, format_vnd, parse_vnd
from common.phones import phone_from_spreadsheet
from common.spreadsheets.reading import data_rows
from common.text import CONTROL_CHARACTERS, fold
from scholarships.models import DonorKind, Method, Pledge, PledgeState, PublicDisplay
from scholarships.models.ledger import MAX_AMOUNT

# The columns of the template, as units write them.
DAY = "Ngày"
DONOR = "Nhà hảo tâm"
KIND = "Loại"
METHOD = "Hình thức"
IN_KIND = "Hiện vật"
AMOUNT = "Số tiền"
PURPOSE = "Mục đích"
PUBLIC = "Công khai"
ADDRESS = "Địa chỉ"
PHONE = "Điện thoại"
EMAIL = "Email"
PLEDGE = "Mã cam kết"

COLUMNS = (
    DAY,
    DONOR,
    KIND,
    METHOD,
    IN_KIND,
    AMOUNT,
    PURPOSE,
    PUBLIC,
    ADDRESS,
    PHONE,
    EMAIL,
    PLEDGE,
)
REQUIRED = (DAY, DONOR, KIND, METHOD, AMOUNT)
# The most rows one list may hold: a year of a city's giving, far above a district's list.
MAX_ROWS = 100_000
MAX_BYTES = 20 * 1024 * 1024
# What such a list may unpack to: 2 kB a row. A full list written by openpyxl unpacks to
# about 0.6 kB a row (57 MB for 100,000 rows), above the 50 MB the other imports allow; the
# parts are parsed as they are unpacked, never held whole (common.spreadsheets.zipped).
MAX_UNPACKED_BYTES = MAX_ROWS * 2048

# What the cells of the choice columns say, folded (capitals and diacritics aside).
KINDS = {
    "to chuc": DonorKind.ORGANISATION,
    "to chuc, doan the": DonorKind.ORGANISATION,
    "doan the": DonorKind.ORGANISATION,
    "doanh nghiep": DonorKind.BUSINESS,
    "ca nhan": DonorKind.INDIVIDUAL,
}
METHODS = {
    "tien mat": Method.CASH,
    "chuyen khoan": Method.TRANSFER,
    "hien vat": Method.IN_KIND,
}
DISPLAYS = {
    "ten va so tien": PublicDisplay.NAME_AND_AMOUNT,
    "chi ten": PublicDisplay.NAME_ONLY,
    "giau ten": PublicDisplay.ANONYMOUS,
    "an danh": PublicDisplay.ANONYMOUS,
    "": PublicDisplay.ANONYMOUS,
}
# The words the template offers and the exports write.
KIND_WORD = {
    DonorKind.ORGANISATION: "Tổ chức",
    DonorKind.BUSINESS: "Doanh nghiệp",
    DonorKind.INDIVIDUAL: "Cá nhân",
}
METHOD_WORD = {Method.CASH: "Tiền mặt", Method.TRANSFER: "Chuyển khoản", Method.IN_KIND: "Hiện vật"}
DISPLAY_WORD = {
    PublicDisplay.NAME_AND_AMOUNT: "Tên và số tiền",
    PublicDisplay.NAME_ONLY: "Chỉ tên",
    PublicDisplay.ANONYMOUS: "Giấu tên",
}
KIND_WORDS = tuple(KIND_WORD.values())
METHOD_WORDS = tuple(METHOD_WORD.values())
DISPLAY_WORDS = tuple(DISPLAY_WORD.values())

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?", re.ASCII)
_WRITTEN_DAY = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", re.ASCII)
_REFERENCE = re.compile(r"([A-Za-z]{2,5})\s*[- ]?\s*(\d{4})\s*[- ]?\s*(\d{1,9})", re.ASCII)
FIRST_YEAR = 2000


def _with_labels(words, choices):
    """`words`, and the choices' own values and labels in both languages, folded."""
    found = dict(words)
    for choice in choices:
        found[fold(choice.value)] = choice
        for language in ("vi", "en"):
            with translation.override(language):
                found.setdefault(fold(str(choice.label)), choice)
    return found


@dataclass(slots=True)
class DonationRow:
    """One checked line of a list: everything services.donate_many needs to record it."""

    line: int
    occurred_on: datetime.date
    name: str
    kind: str
    public_display: str
    address: str
    phone: str
    email: str
    method: str
    in_kind: str
    amount: int
    purpose: str
    pledge: Pledge | None = None

    def donor_key(self):
        """Lines of one file with the same donor's details are one donor."""
        if self.pledge is not None:
            return ("pledge", self.pledge.donor_id)
        return (self.kind, self.name, self.public_display, self.address, self.phone, self.email)


class RowChecker:
    """Checks the rows of one file for `fund`, remembering what it already read (the same
    day, amount or word is read once)."""

    def __init__(self, fund, report, *, today=None):
        self.fund, self.report = fund, report
        self.today = today or timezone.localdate()
        self.kinds = _with_labels(KINDS, DonorKind)
        self.methods = _with_labels(METHODS, Method)
        self.displays = _with_labels(DISPLAYS, PublicDisplay)
        self._days, self._amounts, self._folded = {}, {}, {}

    def error(self, line, column, message):
        self.report.add_error(line, column, message)

    # --- one cell ----------------------------------------------------------------------

    def text(self, line, values, column, *, max_length, required=False):
        value = values.get(column) or ""
        if CONTROL_CHARACTERS.search(value):
            self.error(
                line,
                column,
                gettext("The text holds an invisible control character: type it again."),
            )
            return None
        if required and not value:
            self.error(line, column, gettext("This column cannot be empty."))
            return None
        if len(value) > max_length:
            self.error(
                line, column, gettext("At most %(count)s characters.") % {"count": max_length}
            )
            return None
        return value

    def choice(self, line, values, column, known, words):
        text = values.get(column) or ""
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = fold(text)
        found = known.get(folded)
        if found is None:
            self.error(
                line,
                column,
                gettext("Write one of: %(words)s.")
                % {"words": ", ".join(f"“{word}”" for word in words)},
            )
        return found

    def day(self, line, values):
        text = values.get(DAY) or ""
        if text in self._days:
            day = self._days[text]
        else:
            day = self._days[text] = _read_day(text)
        if day is None:
            self.error(
                line,
                DAY,
                gettext("Write the day as 15/09/2025 (day, month, year) or as an Excel date."),
            )
        elif not (day.year >= FIRST_YEAR and day <= self.today):
            self.error(
                line,
                DAY,
                gettext("The day must be from %(first)s to today.") % {"first": FIRST_YEAR},
            )
            return None
        return day

    def amount(self, line, values):
        text = values.get(AMOUNT) or ""
        amount = self._amounts.get(text)
        if amount is None:
            if text.isascii() and text.isdigit() and len(text) < 16:
                amount = int(text)
            else:
                try:
                    amount = parse_vnd(text)
                except NotAnAmount:
                    amount = False
                if amount is None:
                    amount = 0 if text else None
            self._amounts[text] = amount
        if amount is None:
            self.error(line, AMOUNT, gettext("This column cannot be empty."))
        elif amount is False:
            self.error(
                line,
                AMOUNT,
                gettext(
                    "Write a whole number of đồng, for example 1.500.000, 1500000 or 1,5 triệu "
                    "(no decimals of đồng)."
                ),
            )
        elif amount <= 0:
            self.error(line, AMOUNT, gettext("The amount must be more than 0 ₫."))
        elif amount > MAX_AMOUNT:
            self.error(
                line,
                AMOUNT,
                gettext("At most %(most)s.") % {"most": format_vnd(MAX_AMOUNT)},
            )
        else:
            return amount
        return None

    def phone(self, line, values):
        text = values.get(PHONE) or ""
        if not text:
            return ""
        try:
            return phone_from_spreadsheet(text)
        except ValidationError as error:
            self.error(line, PHONE, " ".join(error.messages))
            return None

    def email(self, line, values):
        text = self.text(line, values, EMAIL, max_length=254)
        if not text:
            return text
        try:
            validate_email(text)
        except ValidationError:
            self.error(line, EMAIL, gettext("Enter a valid e-mail address."))
            return None
        return text

    # --- one row -----------------------------------------------------------------------

    def row(self, line, values):
        """The checked row, or None when it has a problem (each one reported)."""
        day = self.day(line, values)
        name = self.text(line, values, DONOR, max_length=200, required=True)
        kind = self.choice(line, values, KIND, self.kinds, KIND_WORDS)
        method = self.choice(line, values, METHOD, self.methods, METHOD_WORDS)
        display = self.choice(line, values, PUBLIC, self.displays, DISPLAY_WORDS)
        in_kind = self.text(line, values, IN_KIND, max_length=300)
        amount = self.amount(line, values)
        purpose = self.text(line, values, PURPOSE, max_length=200)
        address = self.text(line, values, ADDRESS, max_length=300)
        phone = self.phone(line, values)
        email = self.email(line, values)
        reference = self.text(line, values, PLEDGE, max_length=40)
        if method == Method.IN_KIND and in_kind == "":
            self.error(line, IN_KIND, gettext("Say what was given in kind."))
            return None
        if method is not None and method != Method.IN_KIND and in_kind:
            self.error(line, IN_KIND, gettext("Only a gift in kind says what was given."))
            return None
        checked = (day, name, kind, method, display, in_kind, amount, purpose, address)
        if None in checked or None in (phone, email, reference):
            return None
        row = DonationRow(
            line, day, name, kind, display, address, phone, email, method, in_kind, amount, purpose
        )
        return (row, reference) if reference else row

    # --- the whole file ----------------------------------------------------------------

    def rows(self, dataset, *, progress=None, every=1000):
        """The checked rows of `dataset`, or [] when any has a problem. `progress(done)` is
        called every `every` rows."""
        if not len(dataset):
            self.error(1, "", gettext("The file has no rows under the column names."))
            return []
        checked, referring = [], []
        for done, (line, values) in enumerate(data_rows(dataset), start=1):
            row = self.row(line, values)
            if isinstance(row, tuple):
                row, reference = row
                referring.append((row, reference))
            if row is not None:
                checked.append(row)
            if progress is not None and done % every == 0:
                progress(done)
        self.pledges(referring)
        return checked if self.report.ok else []

    def pledges(self, referring):
        """Give each row that names a pledge reference its pledge, read in one query: one
        of this fund, open, of the donor the row names, for the purpose it names."""
        wanted = []
        for row, reference in referring:
            match = _REFERENCE.fullmatch(reference)
            if match is None or match[1].upper() != self.fund.reference_prefix:
                self.error(
                    row.line,
                    PLEDGE,
                    gettext("A pledge of this fund is written like %(example)s.")
                    % {"example": f"{self.fund.reference_prefix} {self.today.year} 000001"},
                )
                continue
            wanted.append((row, reference, (int(match[2]), int(match[3]))))
        if not wanted:
            return
        years = {year for _row, _reference, (year, _number) in wanted}
        numbers = {number for _row, _reference, (_year, number) in wanted}
        found = {
            (pledge.year, pledge.number): pledge
            for pledge in Pledge.objects.filter(
                fund=self.fund, year__in=years, number__in=numbers
            ).select_related("donor", "fund")
        }
        for row, reference, key in wanted:
            pledge = found.get(key)
            if pledge is None:
                self.error(
                    row.line,
                    PLEDGE,
                    gettext("This fund has no pledge %(reference)s.") % {"reference": reference},
                )
            elif pledge.state != PledgeState.OPEN:
                self.error(row.line, PLEDGE, gettext("That pledge was cancelled."))
            elif fold(pledge.donor.name) != fold(row.name):
                self.error(
                    row.line,
                    PLEDGE,
                    gettext("Pledge %(reference)s is %(donor)s's, not this donor's.")
                    % {"reference": pledge.reference, "donor": pledge.donor.name},
                )
            elif row.purpose and row.purpose != pledge.purpose:
                self.error(
                    row.line, PURPOSE, gettext("A pledge's payment goes to the pledge's purpose.")
                )
            else:
                row.pledge, row.purpose = pledge, pledge.purpose


def _read_day(text):
    """A day from a cell: an Excel date (read as 2025-09-15) or 15/09/2025; None if neither."""
    match = _ISO_DAY.fullmatch(text)
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        match = _WRITTEN_DAY.fullmatch(text)
        if match is None:
            return None
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
