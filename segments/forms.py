from django import forms
from django.utils.translation import gettext_lazy as _

from .models import GroupRole


class MessageForm(forms.Form):
    """An optional message: with a request to join, or with the lead's decision on it."""

    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=GroupRole.choices)
