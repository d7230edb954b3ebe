"""Reading a bank statement and matching its credits to pledges: nothing here writes.

A treasurer uploads the statement the bank exports (xlsx or CSV). It is read by the
project's bounded reader (common.spreadsheets.reading.read_rows: the file's size, what it
unpacks to, its lines and cells are all held to limits) in one of the layouts below, or in
a column mapping the treasurer gives for another bank:

    read_statement(source, layout, fund, filename=...) -> Statement (its credits)
    propose(fund, statement.credits)                    -> a Proposal for each credit

Only credits (money in) are proposed; debits are counted and left. Each layout says how
its amounts are written ("1.500.000" or "1,500,000"): an amount written the other way is
refused, never read as something else. A row that cannot be read (a bad day, a bad amount,
a missing column) refuses the whole statement with its line and column: nothing of it is
recorded (StatementError).

A credit's fingerprint is what keeps it from being recorded twice: the bank's transaction
number when the statement has one, else the day, the amount, the description and the
credit's place among identical lines of the file, each under the fund's id.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.spreadsheets.reading import read_rows
from common.strict import without_controls
from common.text import fold
from scholarships import selectors, vietqr
from scholarships.models import Pledge, PledgeState, StatementCredit

HEADER_SEARCH = 30  # the lines searched for a layout's column names
MAX_DESCRIPTION = 500  # StatementCredit.description
MAX_BANK_REFERENCE = 100
MAX_AMOUNT = 10**15
MAPPING = "mapping"
# A line whose date cell is empty and which says one of these ends the table (the bank's
# totals and closing balance follow it).
_FOOTER_WORDS = ("tong", "cong", "total", "so du", "balance", "sum")


class StatementError(Exception):
    """The statement cannot be read; `message` says where (line and column) and why."""

    def __init__(self, message, *, line=None, column=""):
        super().__init__(message)
        self.message, self.line, self.column = str(message), line, column


@dataclass(frozen=True)
class Layout:
    """Where a bank puts the columns a statement import needs, and how it writes amounts.

    Each column is named by the texts banks write over it (matched without regard to case,
    diacritics and a unit in brackets); `header_row` is the line of the column names, or 0
    for "the first line among the first HEADER_SEARCH that names them all"."""

    key: str
    name: str
    label: str
    date: tuple
    credit: tuple
    description: tuple
    thousands: str  # "." (1.500.000) or "," (1,500,000)
    reference: tuple = ()
    debit: tuple = ()
    header_row: int = 0


LAYOUTS = {
    "vietcombank": Layout(
        key="vietcombank",
        name="Vietcombank",
        label=gettext_lazy(
            "Vietcombank-style: heading lines, then “Ngày giao dịch”, “Số tham chiếu”, "
            "“Số tiền ghi nợ”, “Số tiền ghi có”, “Mô tả”; amounts as 1.500.000"
        ),
        date=("Ngày giao dịch", "Ngày GD", "Ngày"),
        credit=("Số tiền ghi có", "Ghi có", "Số tiền có"),
        debit=("Số tiền ghi nợ", "Ghi nợ", "Số tiền nợ"),
        description=("Mô tả", "Nội dung", "Nội dung chi tiết"),
        reference=("Số tham chiếu", "Số bút toán", "Số CT"),
        thousands=".",
    ),
    "bidv": Layout(
        key="bidv",
        name="BIDV, MB, Techcombank",
        label=gettext_lazy(
            "BIDV, MB or Techcombank-style CSV: “Ngày hiệu lực” or “Transaction Date”, "
            "“Mã giao dịch”, “Phát sinh có” or “Credit”, “Diễn giải” or “Description”; "
            "amounts as 1,500,000"
        ),
        date=("Ngày hiệu lực", "Transaction Date", "Ngày giao dịch", "Effective Date"),
        credit=("Phát sinh có", "Credit", "Credit Amount", "Số tiền có"),
        debit=("Phát sinh nợ", "Debit", "Debit Amount", "Số tiền nợ"),
        description=("Diễn giải", "Description", "Nội dung giao dịch", "Nội dung"),
        reference=("Mã giao dịch", "Transaction No", "Reference No", "Số giao dịch"),
        thousands=",",
    ),
}
THOUSANDS = {".": gettext_lazy("1.500.000 (dots)"), ",": gettext_lazy("1,500,000 (commas)")}


def mapping_layout(*, header_row, date, credit, description, reference="", thousands):
    """The layout of another bank, as the treasurer maps it: the line of the column names,
    and each column by its name on that line or by its letter (A, B, …)."""
    if thousands not in THOUSANDS:
        raise ValueError(f"thousands must be . or , not {thousands!r}")
    return Layout(
        key=MAPPING,
        name=str(_("column mapping")),
        label=str(_("column mapping")),
        date=(date,),
        credit=(credit,),
        description=(description,),
        reference=(reference,) if reference else (),
        thousands=thousands,
        header_row=header_row,
    )


@dataclass(frozen=True)
class Credit:
    """One credit line of a statement: `row` is its line in the file (as Excel numbers it)."""

    row: int
    day: datetime.date
    amount: int
    description: str
    bank_reference: str
    fingerprint: str


@dataclass
class Statement:
    layout: Layout
    header_row: int
    rows: int = 0  # data lines read: credits and debits
    debits: int = 0
    credits: list = field(default_factory=list)


# --- reading ------------------------------------------------------------------------------


def _name(text) -> str:
    """A column name as matched: folded, a unit in brackets and a final colon dropped."""
    return fold(re.sub(r"\([^)]*\)", " ", str(text or ""))).strip(" :*")


def _letter_index(text):
    text = str(text or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{1,2}", text):
        return None
    index = 0
    for char in text:
        index = index * 26 + ord(char) - 64
    return index - 1


def _find(header, names, *, letters=False):
    wanted = [_name(name) for name in names]
    folded = [_name(cell) for cell in header]
    for name in wanted:
        if name and name in folded:
            return folded.index(name)
    if letters and len(names) == 1:
        return _letter_index(names[0])
    return None


def _columns(header, layout):
    letters = layout.key == MAPPING
    return {
        "date": _find(header, layout.date, letters=letters),
        "credit": _find(header, layout.credit, letters=letters),
        "description": _find(header, layout.description, letters=letters),
        "reference": _find(header, layout.reference, letters=letters) if layout.reference else None,
        "debit": _find(header, layout.debit) if layout.debit else None,
    }


def _header(rows, layout):
    """(line number, column indexes) of the layout's column names, or StatementError."""
    needed = ("date", "credit", "description")
    if layout.header_row:
        if layout.header_row > len(rows):
            raise StatementError(
                _("The file has only %(count)s lines: line %(line)s cannot be the column names.")
                % {"count": len(rows), "line": layout.header_row}
            )
        columns = _columns(rows[layout.header_row - 1], layout)
        keys = [*needed, "reference"] if layout.reference else needed
        missing = [str(getattr(layout, key)[0]) for key in keys if columns[key] is None]
        if missing:
            raise StatementError(
                _("Line %(line)s has no column %(columns)s.")
                % {"line": layout.header_row, "columns": ", ".join(f"“{c}”" for c in missing)},
                line=layout.header_row,
            )
        return layout.header_row, columns
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        columns = _columns(row, layout)
        if all(columns[key] is not None for key in needed):
            return index + 1, columns
    raise StatementError(
        _(
            "None of the first %(count)s lines names the columns %(columns)s: is this a "
            "statement in the layout “%(layout)s”? Choose another layout or map the columns."
        )
        % {
            "count": HEADER_SEARCH,
            "columns": ", ".join(
                f"“{names[0]}”" for names in (layout.date, layout.credit, layout.description)
            ),
            "layout": layout.name,
        },
    )


_DMY = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})(?:[ T][0-9:]{4,8})?", re.ASCII)
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T][0-9:]{4,8})?", re.ASCII)


def parse_day(text) -> datetime.date:
    """A statement's day: dd/mm/yyyy (also with - or . and a time after it), or the
    yyyy-mm-dd a workbook's date cell is read as. Never month first. ValueError else."""
    text = str(text or "").strip()
    if match := _DMY.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(f"not a day: {text!r}")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"not a day: {text!r}") from None


_CURRENCY = re.compile(r"(?:vnd|vnđ|đ|₫|d)$", re.IGNORECASE)


def parse_amount(text, thousands) -> int:
    """A statement's amount in whole đồng, written with `thousands` between groups of three
    digits ("1.500.000" when it is ".", "1,500,000" when it is ","), or in plain digits; a
    decimal part of zeros ("1.500.000,00") is allowed. 0 for an empty cell or a dash.
    ValueError for anything else: "1,500,000" in a layout of dots is refused, not guessed."""
    text = re.sub(r"[\s\u00a0\u202f]", "", str(text or ""))
    text = _CURRENCY.sub("", text)
    if text in ("", "-", "0"):
        return 0
    decimal = "," if thousands == "." else "."
    sep, dec = re.escape(thousands), re.escape(decimal)
    grouped = rf"\+?[0-9]{{1,3}}(?:{sep}[0-9]{{3}})+(?:{dec}0{{1,2}})?"
    plain = rf"\+?[0-9]{{1,16}}(?:{dec}0{{1,2}})?"
    if not (re.fullmatch(grouped, text, re.ASCII) or re.fullmatch(plain, text, re.ASCII)):
        raise ValueError(f"not an amount: {text!r}")
    whole = text.split(decimal)[0].lstrip("+").replace(thousands, "")
    amount = int(whole)
    if amount >= MAX_AMOUNT:
        raise ValueError(f"not an amount: {text!r}")
    return amount


def _normalised(description) -> str:
    return fold(description).replace(" ", "")


def fingerprint(fund, *, bank_reference="", day=None, amount=None, description="", ordinal=1):
    """What identifies a credit among all of the fund's: its bank transaction number, or the
    day, amount, description (folded, without spaces) and its place among identical lines."""
    if bank_reference:
        text = f"{fund.pk}\x1fref\x1f{bank_reference.strip().upper()}"
    else:
        text = f"{fund.pk}\x1fline\x1f{day.isoformat()}\x1f{amount}\x1f"
        text += f"{_normalised(description)}\x1f{ordinal}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cell(row, index):
    return row[index] if index is not None and index < len(row) else ""


def _refuse(line, column, message):
    raise StatementError(
        _("Nothing was recorded: line %(line)s, column “%(column)s”: %(message)s")
        % {"line": line, "column": column, "message": message},
        line=line,
        column=column,
    )


def _is_footer(row) -> bool:
    text = " ".join(fold(cell) for cell in row if cell)
    return any(word in text for word in _FOOTER_WORDS)


def read_statement(source, layout: Layout, fund, *, filename=None) -> Statement:
    """Every credit of the statement in `source`, or StatementError (TableError, a kind of
    it in spirit, for a file that is not a table within the limits)."""
    rows = read_rows(source, filename=filename)
    header_line, columns = _header(rows, layout)
    names = {key: (rows[header_line - 1][index] if index is not None and
                   index < len(rows[header_line - 1]) else "")
             for key, index in columns.items()}  # fmt: skip
    for key in ("date", "credit", "description"):
        names[key] = names[key] or getattr(layout, key)[0]
    statement = Statement(layout=layout, header_row=header_line)
    seen = {}
    for index in range(header_line, len(rows)):
        row, line = rows[index], index + 1
        if not any(row):
            continue
        date_text = _cell(row, columns["date"])
        if not date_text:
            if _is_footer(row):
                break
            if not any(_cell(row, columns[key]) for key in ("credit", "debit", "description")):
                continue
            _refuse(line, names["date"], _("the day is missing."))
        try:
            day = parse_day(date_text)
        except ValueError:
            _refuse(line, names["date"], _("“%(value)s” is not a day written as dd/mm/yyyy.")
                    % {"value": date_text[:40]})  # fmt: skip
        credit = _amount(row, columns["credit"], layout, line, names["credit"])
        debit = _amount(row, columns["debit"], layout, line, names.get("debit") or "")
        statement.rows += 1
        if not credit:
            if not debit and columns["debit"] is not None:
                _refuse(line, names["credit"], _("the line has neither a credit nor a debit."))
            statement.debits += 1
            continue
        if debit:
            _refuse(line, names["credit"], _("the line has both a credit and a debit."))
        description = " ".join(without_controls(_cell(row, columns["description"])).split())
        reference = " ".join(without_controls(_cell(row, columns["reference"])).split())
        if len(reference) > MAX_BANK_REFERENCE:
            _refuse(line, names["reference"], _("the transaction number is too long."))
        description = description[:MAX_DESCRIPTION]
        key = (day, credit, _normalised(description))
        seen[key] = seen.get(key, 0) + 1
        statement.credits.append(
            Credit(
                row=line,
                day=day,
                amount=credit,
                description=description,
                bank_reference=reference,
                fingerprint=fingerprint(
                    fund,
                    bank_reference=reference,
                    day=day,
                    amount=credit,
                    description=description,
                    ordinal=seen[key],
                ),
            )
        )
    return statement


def _amount(row, index, layout, line, column) -> int:
    if index is None:
        return 0
    text = _cell(row, index)
    try:
        return parse_amount(text, layout.thousands)
    except ValueError:
        example = "1.500.000" if layout.thousands == "." else "1,500,000"
        _refuse(
            line,
            column,
            _("“%(value)s” is not an amount in đồng written as %(example)s.")
            % {"value": text[:40], "example": example},
        )


# --- matching -----------------------------------------------------------------------------

MATCHED, UNMATCHED, RECORDED = "matched", "unmatched", "recorded"


@dataclass(frozen=True)
class Proposal:
    """What the import proposes for one credit: `status` is MATCHED (to `pledge`, of which
    `left` was still to pay before it), UNMATCHED (for the treasurer to match, `note` says
    why) or RECORDED (its fingerprint is already in the fund's books)."""

    credit: Credit
    status: str
    pledge: object = None
    reference: str = ""
    left: int = 0
    note: str = ""

    @property
    def overpays(self) -> bool:
        return self.status == MATCHED and self.credit.amount > self.left


@dataclass(frozen=True)
class Confirmed:
    """A credit the treasurer confirmed: paying `pledge`, or given by `donor`, or by a new
    donor named `new_name` of kind `new_kind`."""

    credit: Credit
    pledge: object = None
    donor: object = None
    new_name: str = ""
    new_kind: str = ""


def propose(fund, credits) -> list[Proposal]:
    """For each credit: already recorded, matched to an open pledge of `fund` by the
    reference in its description, or left for manual matching."""
    recorded = set(
        StatementCredit.objects.filter(
            fund=fund, fingerprint__in=[credit.fingerprint for credit in credits]
        ).values_list("fingerprint", flat=True)
    )
    pledges = {}
    proposals = []
    for credit in credits:
        if credit.fingerprint in recorded:
            proposals.append(Proposal(credit, RECORDED))
            continue
        found = []
        for reference in vietqr.find_references(credit.description, fund.reference_prefix):
            if reference not in pledges:
                pledges[reference] = selectors.pledge_by_reference(fund, reference)
            if pledges[reference] is not None:
                found.append((reference, pledges[reference]))
        proposals.append(_proposal(credit, found))
    return _with_left(proposals)


def _proposal(credit, found):
    if not found:
        return Proposal(credit, UNMATCHED, note=_("No pledge reference in the description."))
    if len({pledge.pk for _reference, pledge in found}) > 1:
        return Proposal(
            credit,
            UNMATCHED,
            note=_("The description names several pledges: %(references)s.")
            % {"references": ", ".join(reference for reference, _pledge in found)},
        )
    reference, pledge = found[0]
    if pledge.state != PledgeState.OPEN:
        return Proposal(
            credit,
            UNMATCHED,
            reference=reference,
            note=_("Pledge %(reference)s was cancelled.") % {"reference": reference},
        )
    return Proposal(credit, MATCHED, pledge=pledge, reference=reference)


def _with_left(proposals):
    """The matched proposals with what was left of their pledge before each credit, the
    earlier credits of the same statement counted."""
    ids = {p.pledge.pk for p in proposals if p.status == MATCHED}
    if not ids:
        return proposals
    paid = dict(selectors.with_paid(Pledge.objects.filter(pk__in=ids)).values_list("pk", "paid"))
    out = []
    for proposal in proposals:
        if proposal.status == MATCHED:
            pledge = proposal.pledge
            left = max(pledge.amount - paid[pledge.pk], 0)
            paid[pledge.pk] += proposal.credit.amount
            proposal = replace(proposal, left=left)
        out.append(proposal)
    return out


def totals(proposals) -> dict:
    """The statement's credits in đồng: all of them, and by status."""
    sums = {"all": 0, MATCHED: 0, UNMATCHED: 0, RECORDED: 0}
    counts = {"all": 0, MATCHED: 0, UNMATCHED: 0, RECORDED: 0}
    for proposal in proposals:
        for key in ("all", proposal.status):
            sums[key] += proposal.credit.amount
            counts[key] += 1
    return {"sums": sums, "counts": counts}
