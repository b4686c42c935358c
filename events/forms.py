from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Person

from .models import ContactMessage, Event


class RegistrationForm(forms.Form):
    """Whom to register: the member or a colleague of the same organisation."""

    person = forms.ModelChoiceField(label=_("Who"), queryset=Person.objects.none(), empty_label=None)

    def __init__(self, *args, event: Event, registrant: Person, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        registered = set(
            event.registrations.active()
            .filter(person__partner_id=registrant.partner_id)
            .values_list("person_id", flat=True)
        )
        # Colleagues only: a person of another organisation is not even a valid choice.
        field = self.fields["person"]
        field.queryset = Person.objects.filter(partner_id=registrant.partner_id).order_by("name")
        field.initial = registrant.pk

        def label(person: Person) -> str:
            name = _("%(name)s (me)") % {"name": person.name} if person.pk == registrant.pk else person.name
            return _("%(name)s, already registered") % {"name": name} if person.pk in registered else name

        field.label_from_instance = label


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
