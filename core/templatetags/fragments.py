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
"""

import uuid

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver

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
