"""`{% sections "profile" partner %}`: renders the sections the apps registered for a shared page."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.contributions import SLOTS

register = template.Library()


@register.simple_tag(takes_context=True)
def sections(context: template.Context, slot: str, obj: object) -> SafeString:
    """Each registered section of `slot` whose context function gives a context, rendered with it
    (the page's context stays visible to the section, so it can use `request`, `user`, `perms`)."""
    request = context.get("request")
    parts = []
    for section in SLOTS[slot]:
        extra = section.context(request, obj)
        if extra is not None:
            # As {% include %} does: the section's template renders in the page's own context.
            with context.push(extra):
                parts.append(context.template.engine.get_template(section.template).render(context))
    return mark_safe("".join(parts))  # noqa: S308 - the parts are rendered (and escaped) templates
