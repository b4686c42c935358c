"""What partners write in several languages (django-modeltranslation, discovered at start-up).

Each registered field gets one column per language (`description_en`, `description_fr`, ...) beside
the original; `partner.description` reads the reader's language with the fallback order of
MODELTRANSLATION_FALLBACK_LANGUAGES. See docs/i18n.md.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Partner


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("description",)
