from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class AsOfForm(forms.Form):
    """The dashboard's date: the network as it stood on that day (today when empty)."""

    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Show the targets as they stood on this date."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2017-12-31.")},
    )

    def clean_as_of(self) -> date | None:
        day = self.cleaned_data["as_of"]
        # The figures are facts up to today; a later date would only repeat today's as if known.
        if day and day > timezone.localdate():
            raise forms.ValidationError(
                _("Choose today or a date in the past: the figures of %(day)s are not known yet."),
                params={"day": date_format(day, "j M Y")},
            )
        return day

    def as_of_date(self) -> date:
        """The date asked for; today when none was given or it was malformed."""
        if self.is_bound and self.is_valid() and self.cleaned_data["as_of"]:
            return self.cleaned_data["as_of"]
        return timezone.localdate()
