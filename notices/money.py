"""Money helpers: Chinese capital numerals (金额大写) and yuan formatting. Pure functions."""

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ["", "拾", "佰", "仟"]
GROUP_UNITS = ["", "万", "亿", "万亿"]
CENT = Decimal("0.01")


def _integer_to_capital(number):
    """Capital numerals for a whole number of yuan, without the 元."""
    digits = str(number)
    length = len(digits)
    out = []
    zero_pending = False
    for i, char in enumerate(digits):
        position = length - i - 1
        unit, group = position % 4, position // 4
        digit = int(char)
        if digit == 0:
            zero_pending = True
        else:
            if zero_pending and out:
                out.append("零")
            zero_pending = False
            # 拾 alone (not 壹拾) at the start of the amount or right after 零: 拾元, 拾万零拾元.
            if digit == 1 and unit == 1 and (not out or out[-1] == "零"):
                out.append("拾")
            else:
                out.append(DIGITS[digit] + UNITS[unit])
        if unit == 0 and group > 0 and int(digits[max(0, i - 3) : i + 1]) != 0:
            out.append(GROUP_UNITS[group])
    return "".join(out)


def amount_in_words(amount):
    """Decimal yuan -> 金额大写, e.g. Decimal("12500") -> 壹万贰仟伍佰元整."""
    amount = Decimal(amount)
    if amount < 0:
        return "负" + amount_in_words(-amount)
    fen_total = int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    text = _integer_to_capital(yuan) + "元" if yuan else ""
    if not jiao and not fen:
        return (text or "零元") + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    return text


def yuan(amount):
    """1234.5 -> '1,234.50' for display."""
    return f"{Decimal(amount).quantize(CENT):,.2f}"


def has_more_than_two_places(amount):
    return Decimal(amount) != Decimal(amount).quantize(CENT)
