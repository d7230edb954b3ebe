"""An amount of đồng in Vietnamese words, as a receipt writes it beside the figures
("Bằng chữ: Một triệu năm trăm nghìn đồng")."""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = [(10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn")]


def _group(number: int, full: bool) -> list[str]:
    """Words of 0–999; `full` when a larger group comes before (so 5 reads "không trăm lẻ
    năm")."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("lẻ")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5 and tens >= 1:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _words(number: int, full: bool = False) -> list[str]:
    for scale, name in SCALES:
        if number >= scale:
            high, low = divmod(number, scale)
            words = [*_words(high, full), name]
            return words + (_words(low, True) if low else [])
    return _group(number, full)


def in_words(amount: int) -> str:
    """1500000 -> "Một triệu năm trăm nghìn đồng"."""
    amount = int(amount)
    text = " ".join(_words(amount)) if amount else DIGITS[0]
    return f"{text[0].upper()}{text[1:]} đồng"
