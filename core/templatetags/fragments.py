"""`{% fragment "name" value... %}...{% endfragment %}`: a part of a page rendered once and then served
from the cache (core.versions.cached) until the data changes.

The key holds the template and the fragment's name, the listed values, and what `cached` adds: the
data version, the day and the language. It must be exact: list every other thing the fragment's
output depends on (the query string, the host, the time of day...). A fragment that depends on the
user or holds a CSRF token cannot be cached this way; leave those parts outside it.

The markup also depends on the code (templates, catalogues, Python, settings), and the shared cache
outlives a deploy: the key holds a token of the process, so no process serves what an older code
rendered (each process fills its own entries; processes forked from one that loaded this module
share them). A settings change (in tests: other catalogues, say) draws a new token.

On a hit nothing inside is rendered, so a view that hands the template lazy values (core.pages.lazy)
makes none of the queries behind them.

`{% per_language %}...{% endper_language %}`: a part of the site's frame that depends on nothing but
the code and the language (the navigation's links, the footer's text), rendered once per language in
each process and kept in memory: it changes only with the code, so it needs neither the shared cache
(a round trip per use) nor the data version.
"""

import uuid

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix
from django.utils import translation

from core.versions import cached

register = template.Library()

_CODE = uuid.uuid4().hex


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    global _CODE  # noqa: PLW0603 - the one token of the process, drawn again
    _CODE = uuid.uuid4().hex


class FragmentNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: template.NodeList, name: str, values: list) -> None:
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context: template.Context) -> str:
        values = [value.resolve(context) for value in self.values]
        parts = (_CODE, self.origin.template_name, self.name, values)
        return cached("fragment", parts, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("fragment takes a quoted name, then the values it varies on")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])


class PerLanguageNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist
        self.code = _CODE
        self.rendered: dict[tuple[str | None, str], str] = {}

    def render(self, context: template.Context) -> str:
        if self.code != _CODE:  # the settings changed: render again
            self.code, self.rendered = _CODE, {}
        # The script prefix too: {% url %} depends on where the site is mounted.
        key = (translation.get_language(), get_script_prefix())
        if key not in self.rendered:
            self.rendered[key] = self.nodelist.render(context)
        return self.rendered[key]


@register.tag
def per_language(parser: template.base.Parser, token: template.base.Token) -> PerLanguageNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("per_language takes no argument")
    nodelist = parser.parse(("endper_language",))
    parser.delete_first_token()
    return PerLanguageNode(nodelist)
