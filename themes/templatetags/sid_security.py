"""Template helpers of the security gates: absolute URLs (sid.absolute) and inline styles
allowed by hash in the Content-Security-Policy (sid.security_headers)."""

from django import template

from sid.absolute import absolute_url
from sid.security_headers import allow_inline_style

register = template.Library()


@register.filter
def absolute(path_or_url):
    """``{{ path|absolute }}``: the URL on SITE_BASE_URL, never on the request's Host."""
    return absolute_url(str(path_or_url))


@register.tag
def csp_style(parser, token):
    """``{% csp_style %}…{% endcsp_style %}``: an inline ``<style>`` whose exact content the
    page's Content-Security-Policy allows by its sha256 hash (no nonce: pages stay cacheable)."""
    nodelist = parser.parse(("endcsp_style",))
    parser.delete_first_token()
    return CspStyleNode(nodelist)


class CspStyleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        content = self.nodelist.render(context)
        allow_inline_style(context.get("request"), content)
        return f"<style>{content}</style>"
