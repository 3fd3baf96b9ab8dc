from odoo.tests import HttpCase, tagged

from .common_journal import EjournalJournalCommon


@tagged("post_install", "-at_install", "ejournal", "ejournal_journal")
class TestCorrectionTour(EjournalJournalCommon, HttpCase):
    """REQ-45: the deputy director decides on a request from their To-Do."""

    frozen_now = None  # the browser runs in real time

    def test_deputy_approves_from_the_activity(self):
        """REQ-45: the deputy opens the activity, reads the context, approves;
        the mark changes and the To-Do is done."""
        mark = self._past_mark(self.lesson_yesterday, self.student_5a_1)
        correction = (
            self.env["ejournal.correction"]
            .with_user(self.user_teacher)
            .create(
                {
                    "target": "mark",
                    "operation": "change",
                    "mark_id": mark.id,
                    "new_value_id": self.v3.id,
                    "reason": "Отметка выставлена не тому ученику",
                }
            )
        )
        self.assertEqual(correction.activity_ids.user_id, self.user_deputy)
        self.start_tour("/odoo", "ejournal_correction_deputy_tour", login="ej_deputy")
        self.assertEqual(correction.state, "approved")
        self.assertEqual(correction.approved_by_id, self.user_deputy)
        self.assertEqual(mark.value_id, self.v3)
        self.assertFalse(correction.activity_ids)
