from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import KeyedModelMultipleChoiceField
from core.regions import ELSEWHERE, EUROPE, region_of
from partners.models import Person
from projects.models import Project
from segments.models import Segment, WorkingGroup

from .models import SENDING_FREQUENCIES, Frequency, Subscription


class SubscriptionForm(forms.ModelForm):
    """What the digest follows, as checkboxes (touch-friendly; a click never clears a selection):
    segments, groups by segment, the projects the person's organisation takes part in, countries by
    region (preferences.html lays them out)."""

    segments = KeyedModelMultipleChoiceField(
        Segment.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Market segments")
    )
    groups = KeyedModelMultipleChoiceField(
        WorkingGroup.objects.select_related("segment").order_by("segment__pk", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Working groups"),
    )
    projects = KeyedModelMultipleChoiceField(
        Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Projects you take part in"),
    )

    class Meta:
        model = Subscription
        fields = ["frequency", "segments", "groups", "projects", "countries", "all_news"]
        widgets = {"frequency": forms.RadioSelect, "countries": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        subscription = self.instance
        # The open projects the organisation takes part in, and any other it already follows (so
        # that saving never drops one silently).
        self.fields["projects"].queryset = (
            Project.objects.open()
            .filter(
                Q(
                    participations__partner_id=subscription.person.partner_id,
                    participations__left_on__isnull=True,
                )
                | Q(pk__in=subscription.projects.values("pk"))
            )
            .distinct()
            .order_by("title")
        )

    def country_regions(self) -> list[tuple[str, list, int]]:
        """The country checkboxes by region: (region, checkboxes, how many are ticked)."""
        regions: dict[str, list] = {str(region): [] for region, _codes in EUROPE}
        regions[str(ELSEWHERE)] = []
        for checkbox in self["countries"]:
            regions[region_of(checkbox.data["value"])].append(checkbox)
        return [
            (region, boxes, sum(bool(box.data["selected"]) for box in boxes))
            for region, boxes in regions.items()
            if boxes
        ]

    def group_segments(self) -> list[tuple[str, list]]:
        """The group checkboxes under their segment's name."""
        by_segment: dict[str, list] = {}
        for checkbox in self["groups"]:
            by_segment.setdefault(checkbox.data["value"].instance.segment.name, []).append(checkbox)
        return list(by_segment.items())


#: People listed when a search matches several.
MATCHES_SHOWN = 20


class PreviewForm(forms.Form):
    """Whose digest, for which period. The person is searched by name or email; several matches are
    listed to choose from, and the chosen one comes back as `person` (their id)."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Person"),
        help_text=_("Their name or email, or a part of it."),
    )
    person = forms.ModelChoiceField(
        Person.objects.select_related("partner"), required=False, widget=forms.HiddenInput
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

    def clean(self) -> dict:
        cleaned = super().clean()
        self.matches: list[Person] = []
        if cleaned.get("person") or "q" in self.errors or "person" in self.errors:
            return cleaned
        text = cleaned.get("q", "").strip()
        if not text:
            self.add_error("q", _("Enter the name or email of the person whose digest to preview."))
            return cleaned
        found = list(Person.objects.matching(text).select_related("partner")[: MATCHES_SHOWN + 1])
        if len(found) == 1:
            cleaned["person"] = found[0]
        elif not found:
            self.add_error("q", _("No person's name or email contains “%(text)s”.") % {"text": text})
        else:
            self.matches = found[:MATCHES_SHOWN]
            self.add_error("q", _("Several people match: choose one below, or type more of the name."))
        return cleaned
