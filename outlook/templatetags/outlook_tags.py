from django import template

from outlook.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render an editor's Markdown as sanitised HTML."""
    return render_markdown(text)
