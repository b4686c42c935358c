from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Person

from .models import ContactMessage, Event


class RegistrationForm(forms.Form):
    """Whom to register: the member or a colleague of the same organisation who is not registered yet."""

    person = forms.ModelChoiceField(
        label=_("Who"),
        queryset=Person.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose a colleague who is not registered yet.")},
    )

    def __init__(self, *args, event: Event, registrant: Person, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Colleagues only, and only those who can still be registered: a person of another
        # organisation, or one already registered or waiting, is not even a valid choice.
        field = self.fields["person"]
        field.queryset = (
            Person.objects.filter(partner_id=registrant.partner_id)
            .exclude(pk__in=event.registrations.active().values("person_id"))
            .order_by("name")
        )
        field.initial = registrant.pk
        field.label_from_instance = lambda person: (
            _("%(name)s (me)") % {"name": person.name} if person.pk == registrant.pk else person.name
        )

    @property
    def has_choices(self) -> bool:
        return self.fields["person"].queryset.exists()


class ColleagueForm(forms.Form):
    """A colleague who is not yet a contact of the organisation: added and registered in one step."""

    prefix = "colleague"  # beside the registration form on the event page: ids of its own

    name = forms.CharField(label=_("Colleague's name"), max_length=200)
    email = forms.EmailField(label=_("Colleague's email"))


class ContactForm(forms.ModelForm):
    # The honeypot: hidden from people by CSS and from screen readers, filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "subject", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 8})}

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def contact_details(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
