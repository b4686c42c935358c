from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from core.forms import KeyedModelMultipleChoiceField
from partners.models import Person
from projects.models import Project
from segments.models import Segment, WorkingGroup

from .models import SENDING_FREQUENCIES, Frequency, Subscription


class SubscriptionForm(forms.ModelForm):
    segments = KeyedModelMultipleChoiceField(
        Segment.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Market segments")
    )
    groups = KeyedModelMultipleChoiceField(
        WorkingGroup.objects.select_related("segment"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Working groups"),
    )
    projects = KeyedModelMultipleChoiceField(
        Project.objects.open().order_by("title"),
        required=False,
        label=_("Projects"),
        help_text=_("Open projects; hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Subscription
        fields = ["frequency", "segments", "groups", "projects", "countries", "all_news"]
        widgets = {"frequency": forms.RadioSelect}


class PreviewForm(forms.Form):
    person = forms.ModelChoiceField(
        Person.objects.select_related("partner"), widget=forms.NumberInput, label=_("Person (id)")
    )
    period = forms.ChoiceField(
        choices=[(f.value, f.label) for f in Frequency if f in SENDING_FREQUENCIES],
        required=False,
        label=_("Period"),
        help_text=_("Weekly if empty."),
    )
    date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label=_("Run on"),
        help_text=_("The digest covers the period before this day (today if empty)."),
        # Periods are computed around the day: the calendar's very ends would overflow.
        validators=[MinValueValidator(date(2000, 1, 1)), MaxValueValidator(date(2100, 12, 31))],
    )
