"""News bodies: Markdown (raw HTML allowed in it) made safe by nh3's allow-list sanitiser."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe


def render_markdown(text: str) -> SafeString:
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return mark_safe(nh3.clean(html, link_rel="noopener noreferrer nofollow"))  # noqa: S308 (cleaned by nh3)
