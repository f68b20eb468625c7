"""Exports are robust to what is already stored (issue 13, defect 9): a control character in
any text (an action note with a bell, an agency name with an escape) is dropped from the CSV
and Excel files instead of making every export that includes it fail."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from governance.models import Action
from partnership.exports import csv_lines, safe, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_control_characters_are_dropped_and_formulas_still_neutralised():
    assert safe("Ring\x07 the\x1b bell") == "Ring the bell"
    assert safe("Tab\tand\nnewline") == "Tab\tand\nnewline"
    assert safe("\x07=1+1") == "'=1+1"
    assert safe(12) == 12
    book = load_workbook(io.BytesIO(xlsx_bytes([["Note", "Bell\x07 here\x00"]])))
    assert [c.value for c in book.active[1]] == ["Note", "Bell here"]
    assert "".join(csv_lines([["Bell\x07"]])) == "Bell\r\n"


def test_the_action_register_exports_despite_a_stored_control_character(cast, client_for):
    action = Action.objects.filter(partnership=cast.p1).first()
    Action.objects.filter(pk=action.pk).update(description="Escalate\x07 to the\x1b board")
    client = client_for(cast.bu_manager)
    for fmt in ("xlsx", "csv"):
        response = client.get(reverse(f"governance:action-export-{fmt}", args=[cast.p1.slug]))
        assert response.status_code == 200, fmt
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if fmt == "csv":
            assert "Escalate to the board" in content.decode()
        else:
            cells = [c.value for row in load_workbook(io.BytesIO(content)).active for c in row]
            assert "Escalate to the board" in cells
