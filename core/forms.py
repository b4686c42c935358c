"""Form fields and forms the apps share; their rendering is templates/includes/form_fields.html."""

from django import forms
from django.contrib.auth import forms as auth_forms
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


class FieldsThatApply:
    """A form some of whose fields apply only for some values of another of its fields: staff and
    turnover for companies, a population for cities. `applies_when` maps a field to the field it
    depends on and the values for which it applies.

    The shared rendering (templates/includes/form_fields.html) marks such a field with the field and
    values it depends on, so static/js/forms.js hides it while it does not apply; without JavaScript
    it stays visible, its label saying for whom it is. `drop_fields_that_do_not_apply()`, called from
    `clean()`, forgets what was typed into a field that does not apply, so nothing is kept for it."""

    applies_when: dict[str, tuple[str, tuple[str, ...]]] = {}

    def drop_fields_that_do_not_apply(self, cleaned: dict) -> dict:
        for name, (other, values) in self.applies_when.items():
            if name in cleaned and cleaned.get(other) not in values:
                cleaned[name] = None
        return cleaned


class PasswordOnItsField:
    """Django's password forms put what the password validators say (too short, too common) on the
    confirmation field; it belongs to the password itself, where it is typed. A confirmation that
    differs keeps its own error, and the password is judged once it is confirmed."""

    def validate_password_for_user(self, user, password_field_name: str = "password2") -> None:  # noqa: S107 (a field's name)
        password_field = {"password2": "password1", "new_password2": "new_password1"}[password_field_name]
        if self.cleaned_data.get(password_field_name):  # type: ignore[attr-defined]
            super().validate_password_for_user(user, password_field)  # type: ignore[misc]


class SetPasswordForm(PasswordOnItsField, auth_forms.SetPasswordForm):
    """The new member's first password (the invitation's link) and a reset one."""


class PasswordChangeForm(PasswordOnItsField, auth_forms.PasswordChangeForm):
    """A logged-in member's new password."""
