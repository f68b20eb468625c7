"""Money in pounds and pence: parsing what people type, and formatting.

Accepted: "1433.65", "1,433.65", "£1,433.65", "1433", "124,900". Refused, with a message
that says how to write it: a comma before the last two digits ("1433,65" - UK notation
would read it as pence, continental notation as a thousands separator), misplaced thousands
separators ("1,43,3"), more than two decimal places, negative amounts, and anything else.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
MAX = Decimal("9999999999.99")  # DecimalField(max_digits=12, decimal_places=2)

_PLAIN = re.compile(r"^\d+(\.\d{1,2})?$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")
_AMBIGUOUS = re.compile(r"^\d[\d,]*,\d{2}$")


class MoneyError(ValueError):
    pass


def parse_money(text):
    """A Decimal of pounds with two places, from what a person typed."""
    if isinstance(text, Decimal):
        value = text
    else:
        raw = str(text).strip().replace(" ", "")
        if raw.startswith("£"):
            raw = raw[1:]
        if not raw:
            raise MoneyError("Enter an amount in pounds, like 1,433.65")
        if raw.startswith("-"):
            raise MoneyError("Enter an amount of zero or more")
        if _AMBIGUOUS.match(raw):
            raise MoneyError(
                f"“{text}” is ambiguous: use a full stop for pence, like "
                f"{raw.replace(',', '.', 1) if raw.count(',') == 1 else '1,433.65'}"
            )
        if _GROUPED.match(raw):
            raw = raw.replace(",", "")
        elif not _PLAIN.match(raw):
            if re.match(r"^\d+\.\d{3,}$", raw):
                raise MoneyError("Enter pounds and pence with no more than 2 decimal places")
            raise MoneyError("Enter an amount in pounds, like 1,433.65 or 1433.65")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise MoneyError("Enter an amount in pounds, like 1,433.65") from None
    if value < 0:
        raise MoneyError("Enter an amount of zero or more")
    if value != value.quantize(PENNY):
        raise MoneyError("Enter pounds and pence with no more than 2 decimal places")
    if value > MAX:
        raise MoneyError("Enter an amount below £10,000,000,000")
    return value.quantize(PENNY)


def pounds(value):
    """£1,433.65 (negative: −£1,433.65)."""
    if value is None:
        return ""
    value = Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)
    sign = "−" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


def share(part, whole, places="0.01"):
    """`part` as a percentage of `whole`, rounded half up (None when whole is 0)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(places), rounding=ROUND_HALF_UP)
