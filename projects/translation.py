"""What partners write in several languages (django-modeltranslation): a solution's summary and a
city's need. See partners/translation.py and docs/i18n.md."""

from modeltranslation.translator import TranslationOptions, register

from .models import Need, Solution


@register(Solution)
class SolutionTranslation(TranslationOptions):
    fields = ("summary",)
    required_languages = ()


@register(Need)
class NeedTranslation(TranslationOptions):
    fields = ("description",)
    required_languages = ()
