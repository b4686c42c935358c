"""Amounts of money in the reader's language: "EUR 200000" becomes "€200,000" in English and
"200.000 €" in German. Babel holds the CLDR's currency patterns (symbol, its place, grouping), which
Django's number formats do not."""

from decimal import Decimal

from babel import Locale
from babel.numbers import parse_pattern
from django import template
from django.utils.translation import get_language, to_locale

register = template.Library()


@register.filter
def money(amount: int | Decimal | None, currency: str = "EUR") -> str:
    """`amount` in `currency` as the active language writes it; whole amounts without cents."""
    if amount is None or amount == "":
        return ""
    locale = Locale.parse(to_locale(get_language() or "en"))
    pattern = parse_pattern(locale.currency_formats["standard"].pattern)
    if Decimal(amount) == Decimal(amount).to_integral_value():
        # A budget of 200,000 euros reads "€200,000", not "€200,000.00".
        pattern.frac_prec = (0, 0)
    return pattern.apply(Decimal(amount), locale, currency=currency, currency_digits=False)
