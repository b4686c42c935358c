"""`{% shown_in_note partner "description" %}`: a note when a text is not in the reader's language."""

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from core.languages import shown_language

register = template.Library()

#: Languages that write language names in lower case inside a sentence ("affiché en anglais").
LOWER_CASE_NAMES = {"fr", "es", "it"}


def _name(code: str, reader: str) -> str:
    """The name of the language `code` in the reader's language, written as a sentence needs it."""
    name = _(translation.get_language_info(code)["name"])
    return name.lower() if reader in LOWER_CASE_NAMES else name


@register.inclusion_tag("includes/shown_in_note.html")
def shown_in_note(instance, field: str) -> dict:
    """Says in which language a translated field is shown when it is not the reader's ("Shown in
    English: no French version yet"); nothing when it is, or when there is no text at all."""
    reader = translation.get_language()
    shown = shown_language(instance, field, reader)
    if shown is None or shown == reader:
        return {"note": None}
    note = _("Shown in %(shown)s: no %(reader)s version yet.") % {
        "shown": _name(shown, reader),
        "reader": _name(reader, reader),
    }
    return {"note": note, "lang": shown}


@register.filter
def shown_lang(instance, field: str) -> str:
    """The language code a translated field is shown in, for a `lang` attribute on its element."""
    return shown_language(instance, field) or ""
