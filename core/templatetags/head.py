"""What base.html's <head> needs to describe a page to crawlers and link previews: `capture` (a
block's output rendered once and reused, so the title and the description feed <title>, the meta
description and OpenGraph alike) and `json_ld` (schema.org data, escaped as json_script does)."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


class CaptureNode(template.Node):
    # Declared so that {% block %} tags inside are found and overridden by child templates.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        # Whitespace collapsed: a block written over several lines reads as one line of text.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # noqa: S308 (rendered, so escaped)
        return ""


@register.tag
def capture(parser: template.base.Parser, token: template.base.Token) -> CaptureNode:
    """`{% capture name %}...{% endcapture %}`: renders the content into the variable `name`."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("capture takes one variable name")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.simple_tag
def json_ld(kind: str, **properties) -> SafeString:
    """A schema.org object of type `kind` as a JSON-LD script element; empty properties left out."""
    data = {"@context": "https://schema.org", "@type": kind}
    data.update({key: value for key, value in properties.items() if value not in (None, "")})
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)


@register.simple_tag(takes_context=True)
def absolute(context: template.Context, path: str | None = None) -> str:
    """`path` (the current page's by default, without its query) as an absolute URL on the site as
    the client reached it."""
    request = context["request"]
    return request.build_absolute_uri(path or request.path)
