"""Every text a person submits is bounded and clean, whatever page or endpoint takes it
(form fields: InputMiddleware, before any view; JSON bodies: the API's one parser,
partnership/api/parsers.py, as it reads them):

- control characters other than tab, newline and carriage return (a bell or an escape pasted
  from another program) are removed from form fields, and refused in JSON bodies with a 400
  naming the field (an API client sends exactly what it means);
- no single value may be longer than INPUT_MAX_CHARS characters (50,000 by default, far more
  than any narrative a person writes): a 400 naming the field, and nothing is changed.

Passwords pass untouched (a control character in one is the owner's business); files are
checked by partnership.uploads."""

import re

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
UNTOUCHED = re.compile(r"password|^csrfmiddlewaretoken$")
WRITES = ("POST", "PUT", "PATCH")


def max_chars():
    return settings.INPUT_MAX_CHARS


def _label(name):
    return name.replace("_", " ").strip() or "value"


def too_long(name):
    return f"The {_label(name)} is too long: enter at most {max_chars():,} characters"


def _json_problems(value, path=""):
    """(field path, message) for each string in a JSON document that is too long or holds a
    control character."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _json_problems(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_problems(item, f"{path}[{index}]")
    elif isinstance(value, str) and not UNTOUCHED.search(path):
        if len(value) > max_chars():
            yield path, too_long(path.rsplit(".", 1)[-1])
        elif CONTROL.search(value):
            yield path, (f"The {_label(path.rsplit('.', 1)[-1])} contains a control character: "
                         "remove it (only tab and new line are allowed)")


def json_problems(document):
    """{field path: [messages]} for a parsed JSON body's strings that are too long or hold a
    control character (empty when there are none)."""
    problems = {}
    for path, message in _json_problems(document):
        problems.setdefault(path or "body", []).append(message)
    return problems


def _check_form(request):
    cleaned = request.POST.copy()
    for name in cleaned:
        values = cleaned.getlist(name)
        for value in values:
            if len(value) > max_chars():
                if request.path.startswith("/api/"):
                    return JsonResponse({name: [too_long(name)]}, status=400)
                return render(request, "400.html", {"exception": too_long(name)}, status=400)
        if not UNTOUCHED.search(name):
            cleaned.setlist(name, [CONTROL.sub("", value) for value in values])
    request.POST = cleaned
    return None


class InputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in WRITES and request.content_type in (
                "application/x-www-form-urlencoded", "multipart/form-data"):
            refused = _check_form(request)
            if refused is not None:
                return refused
        return self.get_response(request)
