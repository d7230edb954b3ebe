"""VietQR: the QR code a donor scans in a banking app to transfer money to the Study
Promotion Fund's account through NAPAS 247.

The text in the code is an EMVCo merchant-presented payload as NAPAS specifies it for a
transfer to an account ("QRIBFTTA"): a row of tag-length-value fields, two digits of tag,
two of length, then the value, ending with a CRC-16/CCITT-FALSE of everything before it.

    payload(bin="970415", account="0011001932418", amount=120000, reference="QKH 2025 000123")
    parse(text)              -> the fields read back, the CRC checked
    svg(text)                -> the QR code as inline SVG, sized by CSS
    reference_code("QKH", 123, 2025) -> "QKH 2025 000123", found again in a bank statement
                                        by REFERENCE_PATTERN / find_references

Messages are for programmers (English ValueErrors): the forms in front of these functions
check what people type and say it in Vietnamese.
"""

import re
import unicodedata

import segno

GUID = "A000000727"  # NAPAS' application identifier
TRANSFER_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY = "VN"
STATIC = "11"  # the payer types the amount
DYNAMIC = "12"  # the amount is in the code

MAX_AMOUNT = 10**13  # exclusive: tag 54 holds at most 13 digits
MAX_REFERENCE = 25  # tag 62-08, "purpose of transaction"
MAX_ACCOUNT_NAME = 25  # tag 59, "merchant name"

_BIN = re.compile(r"[0-9]{6}")
_ACCOUNT = re.compile(r"[0-9A-Za-z]{1,19}")
# What every banking app keeps in a transfer's description: letters, digits, spaces and a
# little punctuation. Others (#, &, quotes, emoji) are dropped or refused by some banks, and
# the description is what the statement import matches, so they are refused here.
_REFERENCE_TEXT = re.compile(r"[0-9A-Za-z .,\-/]*")
_SPACES = re.compile(r" {2,}")
_TAG = re.compile(r"[0-9]{2}")
_TEMPLATES = ("38", "62")  # top-level tags whose value is itself a row of fields
_BENEFICIARY = "01"  # in 38: the bank and the account, itself a template


# --- CRC and TLV --------------------------------------------------------------------------


def crc16(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final
    XOR), as EMVCo's tag 63 asks."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _checksum(text: str) -> str:
    return f"{crc16(text.encode('ascii')):04X}"


def _tlv(tag: str, value: str) -> str:
    if not 1 <= len(value) <= 99:
        raise ValueError(f"The value of tag {tag} must be 1 to 99 characters, not {len(value)}.")
    return f"{tag}{len(value):02d}{value}"


# --- the texts a payload holds --------------------------------------------------------------


def ascii_text(text: str) -> str:
    """`text` without Vietnamese diacritics, case kept: "Ủng hộ quỹ" -> "Ung ho quy".

    common.text.fold does the same for search but also lower-cases, which a transfer's
    description should not be. Control characters (a pasted line break, a tab) are refused,
    not dropped: the description would not be the one the person saw.
    """
    text = str(text)
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            raise ValueError(f"The text holds a control character ({ch!r}).")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.replace("\u00a0", " ")).strip()


def clean_reference(reference: str) -> str:
    """The transfer's description as it goes into the payload, or ValueError."""
    text = ascii_text(reference)
    if not _REFERENCE_TEXT.fullmatch(text):
        bad = sorted({ch for ch in text if not _REFERENCE_TEXT.fullmatch(ch)})
        raise ValueError(
            "The reference may hold only letters, digits, spaces and . , - / "
            f"(it holds {''.join(bad)!r})."
        )
    if len(text) > MAX_REFERENCE:
        raise ValueError(
            f"The reference must be at most {MAX_REFERENCE} characters, not {len(text)}."
        )
    return text


def _check_bin(bin: str) -> str:
    if not isinstance(bin, str) or not _BIN.fullmatch(bin):
        raise ValueError(f"The bank's NAPAS BIN must be exactly 6 digits, not {bin!r}.")
    return bin


def _check_account(account: str) -> str:
    if not isinstance(account, str) or not _ACCOUNT.fullmatch(account):
        raise ValueError(f"The account number must be 1 to 19 digits or letters, not {account!r}.")
    return account


def _check_amount(amount) -> int:
    if type(amount) is not int:  # not bool, not float, not Decimal
        raise ValueError(f"The amount must be a whole number of đồng, not {amount!r}.")
    if not 0 < amount < MAX_AMOUNT:
        raise ValueError(f"The amount must be from 1 to {MAX_AMOUNT - 1} đồng, not {amount}.")
    return amount


def _clean_account_name(name: str) -> str:
    text = ascii_text(name).upper()
    if not _REFERENCE_TEXT.fullmatch(text) or len(text) > MAX_ACCOUNT_NAME:
        raise ValueError(
            f"The account name must be at most {MAX_ACCOUNT_NAME} letters, digits and spaces."
        )
    return text


# --- building and reading -------------------------------------------------------------------


def payload(
    *,
    bin: str,
    account: str,
    amount: int | None = None,
    reference: str = "",
    account_name: str = "",
) -> str:
    """The EMVCo text of a NAPAS 247 transfer of `amount` đồng (or an amount the payer types,
    when None) to `account` at the bank whose NAPAS BIN is `bin`, with `reference` as the
    transfer's description (diacritics dropped). `account_name`, when given, goes into tag
    59 in capitals without diacritics; banking apps show the name NAPAS gives them anyway.
    """
    bin = _check_bin(bin)
    account = _check_account(account)
    if amount is not None:
        amount = _check_amount(amount)
    reference = clean_reference(reference)
    name = _clean_account_name(account_name) if account_name else ""

    beneficiary = _tlv("00", bin) + _tlv("01", account)
    merchant = _tlv("00", GUID) + _tlv("01", beneficiary) + _tlv("02", TRANSFER_TO_ACCOUNT)
    fields = [
        _tlv("00", "01"),
        _tlv("01", STATIC if amount is None else DYNAMIC),
        _tlv("38", merchant),
        _tlv("53", CURRENCY_VND),
    ]
    if amount is not None:
        fields.append(_tlv("54", str(amount)))
    fields.append(_tlv("58", COUNTRY))
    if name:
        fields.append(_tlv("59", name))
    if reference:
        fields.append(_tlv("62", _tlv("08", reference)))
    text = "".join(fields) + "6304"
    return text + _checksum(text)


def _fields(text: str, where: str) -> dict:
    """The tag-length-value fields of `text`, each tag once, or ValueError."""
    fields = {}
    at = 0
    while at < len(text):
        head = text[at : at + 4]
        if len(head) < 4 or not _TAG.fullmatch(head[:2]) or not _TAG.fullmatch(head[2:]):
            raise ValueError(f"{where}: no tag and length at position {at}.")
        tag, length = head[:2], int(head[2:])
        value = text[at + 4 : at + 4 + length]
        if length == 0 or len(value) < length:
            raise ValueError(f"{where}: tag {tag} claims {length} characters.")
        if tag in fields:
            raise ValueError(f"{where}: tag {tag} appears twice.")
        fields[tag] = value
        at += 4 + length
    return fields


def parse(text: str) -> dict:
    """The fields of an EMVCo payload: {"00": "01", "38": {"00": GUID, "01": {"00": bin,
    "01": account}, "02": ...}, "54": "120000", "62": {"08": ...}, "63": "C15C", ...}.

    ValueError when a length does not fit, a tag repeats, the payload does not start with
    tag 00 or end with tag 63, or the CRC is not the one of the text before it.
    """
    if not isinstance(text, str) or not text.isascii() or not text.isprintable():
        raise ValueError("A payload is printable ASCII text.")
    if not text.startswith("000201"):
        raise ValueError("A payload starts with tag 00, format 01.")
    if len(text) < 8 or text[-8:-4] != "6304":
        raise ValueError("A payload ends with tag 63, the CRC.")
    fields = _fields(text, "payload")
    if list(fields)[-1] != "63":
        raise ValueError("A payload ends with tag 63, the CRC.")
    if fields["63"] != _checksum(text[:-4]):
        raise ValueError("The payload's CRC does not match its text.")
    for tag in _TEMPLATES:
        if tag in fields:
            fields[tag] = _fields(fields[tag], f"tag {tag}")
    merchant = fields.get("38", {})
    if _BENEFICIARY in merchant:
        merchant[_BENEFICIARY] = _fields(merchant[_BENEFICIARY], "tag 38-01")
    return fields


# --- the picture ----------------------------------------------------------------------------


def svg(text: str, *, title: str = "VietQR") -> str:
    """The QR code of `text` as inline SVG markup, without width and height so that CSS
    sizes it, with `title` as its accessible name (escaped by segno)."""
    code = segno.make(text, error="m", micro=False, boost_error=False)
    return code.svg_inline(border=4, omitsize=True, title=title or None, svgclass="vietqr")


# --- the reference a bank statement gives back --------------------------------------------------

# "QKH 2025 000123": a prefix of 2 to 5 letters, the year, a 6-digit number. The year and the
# number have fixed widths so that a bank which drops the spaces ("QKH2025000123") or
# upper-cases or lower-cases the description still gives one reading; a dot, a dash or an
# underscore in place of a space (some banks rewrite spaces) is accepted too. The prefix
# must not follow a letter or digit, nor the number precede a digit, and the year is one of
# this century, so that a bank's own code and account number ("MBVCB.9876543210") is not
# taken for a reference. Without a prefix the pattern is a first sieve; find_references
# with the fund's prefix is what the statement import uses.
REFERENCE_PATTERN = re.compile(
    r"(?<![0-9A-Z])(?P<prefix>[A-Z]{2,5})[ ._\-]*(?P<year>20[0-9]{2})[ ._\-]*"
    r"(?P<number>[0-9]{6})(?![0-9])",
    re.IGNORECASE | re.ASCII,
)
_PREFIX = re.compile(r"[A-Z]{2,5}")


def reference_code(prefix: str, number: int, year: int) -> str:
    """The reference of transfer `number` of `year`: reference_code("QKH", 123, 2025) is
    "QKH 2025 000123"."""
    if not isinstance(prefix, str) or not _PREFIX.fullmatch(prefix):
        raise ValueError(f"The prefix must be 2 to 5 capital letters, not {prefix!r}.")
    if type(number) is not int or not 0 < number < 10**6:
        raise ValueError(f"The number must be a whole number from 1 to 999999, not {number!r}.")
    if type(year) is not int or not 2000 <= year <= 2099:
        raise ValueError(f"The year must be a whole number from 2000 to 2099, not {year!r}.")
    return f"{prefix} {year} {number:06d}"


def find_references(text: str, prefix: str | None = None) -> list[str]:
    """The references in a bank statement's description, written back the way
    reference_code writes them. With `prefix`, only those of that prefix, found even when
    the bank glued its own letters in front ("MBVCB.CTQKH2025000123")."""
    pattern = REFERENCE_PATTERN
    if prefix is not None:
        if not isinstance(prefix, str) or not _PREFIX.fullmatch(prefix):
            raise ValueError(f"The prefix must be 2 to 5 capital letters, not {prefix!r}.")
        pattern = re.compile(
            REFERENCE_PATTERN.pattern.replace(r"(?<![0-9A-Z])(?P<prefix>[A-Z]{2,5})",
                                              rf"(?<![0-9])(?P<prefix>{prefix})"),
            REFERENCE_PATTERN.flags,
        )  # fmt: skip
    found = []
    for match in pattern.finditer(str(text or "")):
        code = f"{match['prefix'].upper()} {match['year']} {match['number']}"
        if code not in found:
            found.append(code)
    return found
