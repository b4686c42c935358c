from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.languages import TranslatedFieldsMixin, codes, column
from partners.models import Partner

from .models import (
    FundingCall,
    Need,
    ParticipationRole,
    ParticipationStatus,
    Project,
    ProjectStatus,
    Replication,
    Solution,
)
from .services import TRANSITIONS


class DateInput(forms.DateInput):
    input_type = "date"


class CallForm(forms.ModelForm):
    url = forms.URLField(label=_("call page"), required=False, assume_scheme="https")

    class Meta:
        model = FundingCall
        fields = ["programme", "identifier", "title", "deadline", "url", "description"]
        widgets = {"deadline": DateInput}

    def validate_unique(self) -> None:
        """The service checks the identifier and answers with its own message."""


class ProposeProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "segment", "call", "summary"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = FundingCall.objects.open().order_by("deadline")
        self.fields["call"].help_text = _("Only calls whose deadline has not passed.")
        self.fields["summary"].required = True


class ProjectEditForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "segment", "call", "summary"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Open calls, and the project's own call even once it has closed.
        self.fields["call"].queryset = FundingCall.objects.filter(
            Q(deadline__gte=timezone.localdate()) | Q(pk=self.instance.call_id)
        ).order_by("deadline")
        self.fields["summary"].required = True


class InviteForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=Partner.objects.none(), label=_("Partner to invite"))
    role = forms.ChoiceField(
        choices=[
            (ParticipationRole.PARTNER, ParticipationRole.PARTNER.label),
            (ParticipationRole.ASSOCIATED, ParticipationRole.ASSOCIATED.label),
        ],
        label=_("Role"),
    )

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Everyone still in the network; the service says why someone already in the project can't be.
        self.fields["partner"].queryset = Partner.objects.filter(left_on__isnull=True).order_by("name")
        self.project = project


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS.get(project.status, ())
        # No status preselected: moving a project is a deliberate choice.
        self.fields["to_status"].choices = [("", _("Choose…"))] + [
            (s, ProjectStatus(s).label) for s in allowed
        ]


class SolutionForm(TranslatedFieldsMixin, forms.ModelForm):
    """cleaned_data["summary"] is {language: text}: a solution may be described in several languages."""

    translated = required_translated = ("summary",)

    class Meta:
        model = Solution
        fields = [
            "title",
            "segment",
            *(column("summary", code) for code in codes()),
            "evidence",
            "tested_in",
            "project",
            "vehicles",
            "charge_points",
        ]

    def __init__(self, *args, provider: Partner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tested_in"].queryset = Partner.objects.cities().order_by("name")
        self.fields["project"].queryset = Project.objects.filter(participations__partner=provider).order_by(
            "title"
        )


class NeedForm(TranslatedFieldsMixin, forms.ModelForm):
    """cleaned_data["description"] is {language: text}: a need may be written in several languages."""

    translated = required_translated = ("description",)

    class Meta:
        model = Need
        fields = [
            "title",
            "segment",
            *(column("description", code) for code in codes()),
            "timeline",
            "budget_min_eur",
            "budget_max_eur",
        ]


class ProviderMessageForm(forms.Form):
    """A message to a solution's provider (sent through the platform, no address shown)."""

    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Its representatives get it by email, with your name and organisation, and can reply to you."
        ),
    )


class ReplicationForm(forms.ModelForm):
    class Meta:
        model = Replication
        fields = ["project", "replicated_on"]
        widgets = {"replicated_on": DateInput}

    def __init__(self, *args, city: Partner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(
            Q(participations__partner=city, participations__status=ParticipationStatus.ACTIVE)
        ).order_by("title")
        self.fields["project"].help_text = _("The project in which your city took it up, if any.")
        self.fields["replicated_on"].initial = timezone.localdate()
