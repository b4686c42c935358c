"""The one boolean query parameter of the pages and the API: `true`/`false`, `1`/`0` (and, as
browsers and people write them, `yes`/`no`, `on`/`off`, in any case). Anything else is an error
naming the parameter (a 400 on the API), never read as "true". Declared as a boolean in the schema."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TRUE = frozenset({"true", "1", "yes", "on"})
FALSE = frozenset({"false", "0", "no", "off"})


def parse_boolean(value) -> bool | None:
    """True, False, or None for an absent or empty value; raises ValueError for anything else."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text == "":
        return None
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(value)


class BooleanCheckbox(forms.CheckboxInput):
    """A checkbox on the page that hands the field the raw value (Django's CheckboxInput reads any
    value but "false" as checked, so `0` or `off` would mean true)."""

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, check_test=self._checked)

    @staticmethod
    def _checked(value) -> bool:
        try:
            return parse_boolean(value) is True
        except ValueError:
            return False

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data


class BooleanField(forms.Field):
    widget = BooleanCheckbox
    default_error_messages = {"invalid": _("Enter true or false (or 1 or 0).")}

    def to_python(self, value) -> bool | None:
        try:
            return parse_boolean(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class BooleanFilter(django_filters.BooleanFilter):
    """A boolean query parameter (see the module); empty or absent means "either"."""

    field_class = BooleanField
