"""The shared rendering of form fields (templates/includes/form_fields.html), GOV.UK-style: an
"(optional)" mark where most fields are required, the error tied to its field, inputs that accept
what people type."""

from copy import copy

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def marks_optional(form: forms.BaseForm) -> bool:
    """Whether to mark the optional fields: only when some field is required (a filter form, all of
    whose fields are optional, would be marked everywhere and say nothing)."""
    return any(field.field.required for field in form.visible_fields())


@register.filter
def dependency(field: forms.BoundField) -> tuple[str, str] | None:
    """The id of the field this one depends on and the values for which it applies (FieldsThatApply)."""
    applies_when = getattr(field.form, "applies_when", {})
    if field.name not in applies_when:
        return None
    other, values = applies_when[field.name]
    return field.form[other].id_for_label, " ".join(values)


@register.simple_tag
def widget(field: forms.BoundField) -> SafeString:
    """The field's input, described by its hint and error. A web address is typed in a text input:
    a browser refuses "uppsala.example" in a URL input, which the form accepts (and stores as
    https://uppsala.example, settings.FORMS_URLFIELD_ASSUME_HTTPS)."""
    described_by = []
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    shown = field.field.widget
    if isinstance(shown, forms.URLInput):
        shown = copy(shown)
        shown.input_type = "text"
        attrs.update({"inputmode": "url", "autocomplete": "url", "spellcheck": "false"})
    return field.as_widget(widget=shown, attrs=attrs)
