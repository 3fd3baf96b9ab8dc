"""The gradebook's JS unit tests (hoot), run headless by the Python suite."""

from odoo.tests import HttpCase, tagged


def _hoot_error(message):
    return "[HOOT]" not in message


@tagged("post_install", "-at_install", "ejournal", "ejournal_gradebook")
class TestGradebookJs(HttpCase):
    def test_gradebook_model_hoot(self):
        """REQ-42, REQ-45, REQ-46: the save queue saves optimistically, rolls a
        refusal back to the journal's cell, and accepts a period mark from its
        proposal (static/tests/gradebook/gradebook_model.test.js)."""
        self.browser_js(
            "/web/tests?headless&loglevel=2&timeout=15000"
            "&filter=ejournal%20gradebook%20save%20queue",
            "",
            "",
            login="admin",
            timeout=600,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=_hoot_error,
        )
