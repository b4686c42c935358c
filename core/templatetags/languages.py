"""`{% shown_in_note partner "description" %}`: a note when a text is not in the reader's language."""

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from core.languages import shown_language

register = template.Library()


@register.inclusion_tag("includes/shown_in_note.html")
def shown_in_note(instance, field: str) -> dict:
    """Says in which language a translated field is shown when it is not the reader's ("Shown in
    English: no French version yet"); nothing when it is, or when there is no text at all."""
    reader = translation.get_language()
    shown = shown_language(instance, field, reader)
    if shown is None or shown == reader:
        return {"note": None}
    shown_name = _(translation.get_language_info(shown)["name"])
    reader_name = _(translation.get_language_info(reader)["name"])
    note = _("Shown in %(shown)s: no %(reader)s version yet.") % {"shown": shown_name, "reader": reader_name}
    return {"note": note, "lang": shown}


@register.filter
def shown_lang(instance, field: str) -> str:
    """The language code a translated field is shown in, for a `lang` attribute on its element."""
    return shown_language(instance, field) or ""
