from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.contributions import APPLICATION_FIELDS
from core.forms import FieldsThatApply
from core.languages import TranslatedFieldsMixin, codes, column

from .models import CITY_KINDS, MembershipApplication, Partner, PartnerKind, Person, normalise
from .services import PERSON_FIELDS, PROFILE_FIELDS, PersonData

#: What only a company records: its size and finances, for the SME definition.
COMPANY_FIELDS = ("staff_count", "turnover_eur_m", "balance_sheet_eur_m")


class PartnerProfileForm(TranslatedFieldsMixin, forms.ModelForm):
    """The profile; the description in each language (cleaned_data["description"] is {language: text}).
    A partner that is not a company is not asked for a company's size and finances."""

    translated = ("description",)

    class Meta:
        model = Partner
        fields = [
            column(name, code) if name == "description" else name
            for name in PROFILE_FIELDS
            for code in (codes() if name == "description" else [None])
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.kind != PartnerKind.COMPANY:
            for name in (*COMPANY_FIELDS, "is_sme"):
                self.fields.pop(name, None)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "email", "role_title", "is_representative"]


class BasePeopleFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        emails = [
            normalise(form.cleaned_data["email"])
            for form in self.forms
            if form.cleaned_data.get("email") and not form.cleaned_data.get("DELETE")
        ]
        if len(emails) != len(set(emails)):
            raise forms.ValidationError(_("Each contact person needs an email of their own."))

    def people_data(self) -> list[PersonData]:
        """The validated formset as services.update_partner_profile takes it: every existing person
        (kept, changed or deleted) and the new ones filled in."""
        deleted = set(self.deleted_forms)
        people = []
        for form in self.forms:
            if form.instance.pk is None and (form in deleted or not form.has_changed()):
                continue  # an empty extra row, or a new row deleted before it was saved
            values = {
                name: form.cleaned_data.get(name, getattr(form.instance, name)) for name in PERSON_FIELDS
            }
            people.append(PersonData(**values, id=form.instance.pk, delete=form in deleted))
        return people


PeopleFormSet = forms.inlineformset_factory(
    Partner, Person, form=PersonForm, formset=BasePeopleFormSet, extra=1, can_delete=True
)


class ApplicationForm(FieldsThatApply, forms.ModelForm):
    applies_when = {
        "population": ("kind", CITY_KINDS),
        **{name: ("kind", (PartnerKind.COMPANY,)) for name in COMPANY_FIELDS},
    }
    consent = forms.BooleanField(
        label=_(
            "I agree that EV4SCC keeps these details to handle the application, as the privacy notice says."
        ),
    )
    # A field people never see; bots fill it in. Named like a real field so they do.
    homepage = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = MembershipApplication
        fields = [
            "organisation_name",
            "kind",
            "country",
            "city",
            "website",
            "population",
            "staff_count",
            "turnover_eur_m",
            "balance_sheet_eur_m",
            "description",
            "contact_name",
            "contact_email",
            "contact_role",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The fields the apps above partners add (APPLICATION_FIELDS), after the application's own
        # and before the consent, where the form has always had them.
        fields = list(self.fields.items())
        position = [name for name, _field in fields].index("consent")
        added = [(part.key, part.make_field()) for part in APPLICATION_FIELDS]
        self.fields = dict(fields[:position] + added + fields[position:])
        # Hidden by CSS (.honeypot), out of the tab order, never autofilled.
        self.fields["homepage"].widget.attrs.update(
            {"class": "honeypot", "tabindex": "-1", "autocomplete": "off"}
        )

    def clean_homepage(self) -> str:
        if self.cleaned_data["homepage"]:
            raise forms.ValidationError(_("This application looks automated and was not accepted."))
        return ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("population") and cleaned.get("kind") not in CITY_KINDS:
            self.add_error("population", _("Only cities and regions give a population."))
        return self.drop_fields_that_do_not_apply(cleaned)

    def application_data(self) -> dict[str, Any]:
        """What services.submit_application takes: the application's fields and the contributed ones."""
        names = [*self.Meta.fields, *(part.key for part in APPLICATION_FIELDS)]
        return {name: self.cleaned_data[name] for name in names}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, erase my name, email and role, and close my login. This cannot be undone.")
    )
