"""`{{ text|markdown }}`: Markdown rendered and sanitised (cercles.lib.markdown)."""

from django import template

from cercles.lib.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)
