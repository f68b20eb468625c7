from django import template

from ..money import pounds as format_pounds

register = template.Library()


@register.filter
def pounds(value):
    return format_pounds(value)


@register.filter
def percent(value):
    return "" if value is None else f"{value}%"
