"""The API's one request parser (REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]): JSON, with its
nesting depth limited. No request of the API nests deeper than a few levels; a body nested
thousands deep would otherwise exhaust the parser's recursion (a RecursionError: a 500) on
every endpoint, the unauthenticated token endpoint included. The parsed body's texts are then
held to partnership/input.py's bounds (400 naming the field)."""

import codecs
import json
import re

from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.utils.json import strict_constant

from ..input import json_problems

MAX_DEPTH = 32
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def too_deep(text, limit=MAX_DEPTH):
    """Whether the JSON text nests arrays and objects more than `limit` deep (brackets
    inside strings do not count). Malformed text is left to the JSON parser to refuse."""
    depth = 0
    for bracket in _BRACKET.finditer(_STRING.sub("", text)):
        if bracket.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})  # text encodings only
        try:
            text = codecs.getreader(encoding)(stream).read()
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        if too_deep(text):
            raise ParseError(f"JSON parse error - the body is nested more than {MAX_DEPTH} "
                             "levels deep.")
        try:
            document = json.loads(text, parse_constant=strict_constant if self.strict else None)
        except RecursionError:  # belt and braces: too_deep() should have refused it
            raise ParseError("JSON parse error - the body is nested too deeply.") from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        problems = json_problems(document)  # over-long text, control characters
        if problems:
            raise ValidationError(problems)
        return document

