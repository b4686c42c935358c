"""Languages: what partners write in several languages, and in which one a text is shown.

Translated fields (django-modeltranslation, registered in each app's `translation.py`) keep one
column per language of settings.LANGUAGES beside the original field; reading the original field
gives the reader's language, else the first language of MODELTRANSLATION_FALLBACK_LANGUAGES that
has a text. These helpers answer which language that was, so a page can say so, and turn what a
form or the API gives into the columns to write.
"""

from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def codes() -> list[str]:
    """The language codes of the interface, the source language first."""
    return [code for code, _name in settings.LANGUAGES]


def column(field: str, language: str) -> str:
    """The column that holds `field` in `language`: column("summary", "fr") == "summary_fr"."""
    return f"{field}_{language.replace('-', '_')}"


def order_for(language: str | None) -> list[str]:
    """The languages a reader of `language` is shown, in order: their own, then the fallbacks."""
    fallbacks = list(getattr(settings, "MODELTRANSLATION_FALLBACK_LANGUAGES", (settings.LANGUAGE_CODE,)))
    first = [language] if language in codes() else []
    return list(dict.fromkeys([*first, *fallbacks, *codes()]))


def shown_language(instance: models.Model, field: str, language: str | None = None) -> str | None:
    """The language in which `instance.<field>` is shown to a reader of `language` (default: the
    active one), or None where no language has a text."""
    for code in order_for(language or translation.get_language()):
        if getattr(instance, column(field, code), None):
            return code
    return None


def versions(instance: models.Model, field: str) -> dict[str, str]:
    """Every language's text of `field` that is not empty, by language code."""
    found = {code: getattr(instance, column(field, code), None) for code in codes()}
    return {code: text for code, text in found.items() if text}


def text_columns(field: str, value: str | Mapping[str, str]) -> dict[str, str]:
    """The columns to write for `field`: a mapping gives one text per language (the languages it
    leaves out are left alone); a plain text is the text in the active language (a page or an API
    call in French writes the French version)."""
    if isinstance(value, str):
        language = translation.get_language() or settings.LANGUAGE_CODE
        value = {language if language in codes() else settings.LANGUAGE_CODE: value}
    unknown = set(value) - set(codes())
    if unknown:
        raise ValueError(f"Unknown language codes: {sorted(unknown)}")
    return {column(field, code): (text or "").strip() for code, text in value.items()}


class TranslatedFieldsMixin:
    """For a ModelForm that lists a translated field's columns (`summary_en`, `summary_fr`, ...):
    one box per language, the reader's language first, labelled with the language; `clean()`
    gathers them into `cleaned_data[field]` as {language: text}, which the services take. A field
    in `required_translated` needs a text in at least one language."""

    translated: tuple[str, ...] = ()
    required_translated: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        reader_order = order_for(translation.get_language())
        for field in self.translated:
            columns = [column(field, code) for code in reader_order if column(field, code) in self.fields]
            if not columns:
                continue
            model_field = self._meta.model._meta.get_field(field)
            names = list(self.fields)
            position = min(names.index(name) for name in columns)
            moved = {name: self.fields.pop(name) for name in columns}
            for code, name in zip(reader_order, columns, strict=False):
                box = moved[name]
                box.required = False
                box.label = _("%(field)s (%(language)s)") % {
                    "field": capfirst(model_field.verbose_name),
                    "language": _(translation.get_language_info(code)["name"]),
                }
                box.widget.attrs.update({"rows": 4, "lang": code})
            rest = [(name, self.fields[name]) for name in names if name not in moved]
            self.fields = dict(rest[:position] + list(moved.items()) + rest[position:])

    def clean(self):
        cleaned = super().clean()
        for field in self.translated:
            texts = {code: cleaned.pop(column(field, code), None) or "" for code in codes()}
            texts = {code: text.strip() for code, text in texts.items()}
            if field in self.required_translated and not any(texts.values()):
                first = column(field, order_for(translation.get_language())[0])
                self.add_error(first, _("Give it in at least one language."))
            cleaned[field] = texts
        return cleaned
