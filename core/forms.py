"""Form fields the apps share."""

from django import forms
from django.core.exceptions import ValidationError

#: The range of a 64-bit integer primary key.
KEY_RANGE = range(-(2**63), 2**63)


class KeyedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows by integer key that refuses keys outside the key range as invalid
    choices. Django passes them to the database, where SQLite raises OverflowError (a 500)."""

    def _check_values(self, value):
        for key in value:
            text = str(key).strip()
            if not text.lstrip("-").isdigit() or int(text) not in KEY_RANGE:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": key}
                )
        return super()._check_values(value)
