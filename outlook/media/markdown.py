"""The one place where editors' Markdown becomes HTML that readers may see.

markdown-it-py parses CommonMark in time linear in the input, with tests of its own on
pathological input (Python-Markdown took minutes on a few thousand brackets); nh3 then
removes anything a reader's browser could run. Footnotes are rendered with the same markup
as before the switch, so stored content and the site's CSS did not change.
"""

from functools import lru_cache

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

# The longest Markdown accepted in any field or preview: the worst input of this length
# renders in about a second (tests/benchmarks/bench.py measures it).
MARKDOWN_MAX_CHARS = 50_000

# What the renderer produces (tables, footnotes, definition lists included).
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
    "li": {"id"},
    "sup": {"id"},
    "div": {"class"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def footnote_name(tokens, idx, options, env) -> str:
    # The editor's own label ("[^source]" -> "fn:source"), as the old renderer named them.
    meta = tokens[idx].meta
    return escape(meta.get("label") or str(meta["id"] + 1))


def footnote_ref(self, tokens, idx, options, env) -> str:
    name, number = footnote_name(tokens, idx, options, env), tokens[idx].meta["id"] + 1
    return f'<sup id="fnref:{name}"><a href="#fn:{name}">{number}</a></sup>'


def footnote_open(self, tokens, idx, options, env) -> str:
    return f'<li id="fn:{footnote_name(tokens, idx, options, env)}">\n'


def footnote_anchor(self, tokens, idx, options, env) -> str:
    name, number = footnote_name(tokens, idx, options, env), tokens[idx].meta["id"] + 1
    return f'&nbsp;<a href="#fnref:{name}" title="Jump back to footnote {number} in the text">↩</a>'


def build_parser() -> MarkdownIt:
    parser = (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .use(footnote_plugin)
        .use(deflist_plugin)
    )
    parser.add_render_rule("footnote_ref", footnote_ref)
    parser.add_render_rule("footnote_open", footnote_open)
    parser.add_render_rule("footnote_anchor", footnote_anchor)
    parser.add_render_rule(
        "footnote_block_open", lambda *args: '<div class="footnote">\n<hr>\n<ol>\n'
    )
    parser.add_render_rule("footnote_block_close", lambda *args: "</ol>\n</div>\n")
    return parser


parser = build_parser()


@lru_cache(maxsize=512)
def render_markdown(text: str) -> SafeString:
    """Render Markdown to sanitised HTML: no scripts, event handlers or javascript: URLs."""
    cleaned = nh3.clean(
        parser.render(text or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
