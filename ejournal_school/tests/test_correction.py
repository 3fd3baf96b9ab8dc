"""Corrections: the only way to change a locked journal (REQ-45)."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_journal import NOW, EjournalJournalCommon

REASON = "Отметка выставлена не тому ученику (служебная записка № 12)"
NO_REASON = "A correction needs a written reason (P4.2а)."
DEPUTY_ONLY = "Only the deputy director decides on corrections."
KEPT_AS_IT_IS = "A correction is kept as it was submitted; request a new one."
# The requester has no right to write a request once made: it is frozen.
NOT_WRITABLE = "You are not allowed to modify 'Journal Correction'"
ALREADY_DECIDED = "This correction is already decided."


@tagged("ejournal", "ejournal_journal")
class TestCorrection(EjournalJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mark_yesterday = cls._past_mark(cls.lesson_yesterday, cls.student_5a_1)
        cls.absence_yesterday = cls._past_attendance(
            cls.lesson_yesterday, cls.student_5a_2
        )
        cls.user_deputy_two = cls._create_staff_user(
            "ej_deputy_two", "ejournal_school.group_ejournal_deputy"
        )

    def _request(self, user=None, **vals):
        values = {
            "target": "mark",
            "operation": "change",
            "mark_id": self.mark_yesterday.id,
            "new_value_id": self.v3.id,
            "reason": REASON,
            **vals,
        }
        return (
            self.env["ejournal.correction"]
            .with_user(user or self.user_teacher)
            .create(values)
        )

    def _assert_mark_unchanged(self):
        self.env.invalidate_all()
        self.assertTrue(self.mark_yesterday.exists())
        self.assertEqual(self.mark_yesterday.value_id, self.v5)

    def test_change_value(self):
        """REQ-45: the teacher asks with a reason, the deputy approves, the mark
        changes; old value, new value, who and when are kept."""
        correction = self._request()
        self.assertEqual(correction.state, "requested")
        self.assertEqual(correction.requested_by_id, self.user_teacher)
        self.assertEqual(str(correction.requested_on), NOW)
        self.assertEqual(correction.old_value, "5 (Oral answer)")
        self.assertEqual(correction.new_value, "3")
        self.assertFalse(correction.approved_by_id)
        self._assert_mark_unchanged()

        correction.with_user(self.user_deputy).action_approve()

        self.assertEqual(self.mark_yesterday.value_id, self.v3)
        self.assertEqual(correction.state, "approved")
        self.assertEqual(correction.approved_by_id, self.user_deputy)
        self.assertEqual(str(correction.approved_on), NOW)
        self.assertEqual(correction.requested_by_id, self.user_teacher)
        self.assertEqual(correction.old_value, "5 (Oral answer)")
        self.assertEqual(correction.new_value, "3")
        self.assertEqual(correction.reason, REASON)
        # The change is in the audit log, made by the deputy.
        change = self._audit_rows(self.mark_yesterday, "write")
        self.assertEqual(change.user_id, self.user_deputy)
        self.assertEqual(self._json(change.old_values)["value_id"], self.v5.id)
        self.assertEqual(self._json(change.new_values)["value_id"], self.v3.id)
        # The control group sees it.
        self.assertEqual(
            self.env["ejournal.correction"]
            .with_user(self.user_control)
            .search([("id", "=", correction.id)])
            .old_value,
            "5 (Oral answer)",
        )

    def test_delete_mark(self):
        """REQ-45: an approved correction deletes a wrong mark."""
        correction = self._request(operation="delete", new_value_id=False)
        self.assertEqual(correction.new_value, "(deleted)")
        self._assert_mark_unchanged()
        correction.with_user(self.user_deputy).action_approve()
        self.assertFalse(self.mark_yesterday.exists())
        self.assertEqual(correction.state, "approved")
        self.assertEqual(correction.old_value, "5 (Oral answer)")
        self.assertEqual(
            self._audit_rows(self.mark_yesterday, "unlink").user_id, self.user_deputy
        )

    def test_add_missing_mark(self):
        """REQ-45: an approved correction adds a mark that was not entered."""
        correction = self._request(
            operation="add",
            mark_id=False,
            lesson_id=self.lesson_yesterday.id,
            student_id=self.student_5a_3.id,
            new_value_id=self.v4.id,
            new_work_type_id=self.wt_test.id,
        )
        self.assertFalse(correction.old_value)
        self.assertEqual(correction.new_value, "4 Test")
        Mark = self.env["ejournal.mark"]
        domain = [
            ("lesson_id", "=", self.lesson_yesterday.id),
            ("student_id", "=", self.student_5a_3.id),
        ]
        self.assertFalse(Mark.search(domain))
        correction.with_user(self.user_deputy).action_approve()
        added = Mark.search(domain)
        self.assertEqual((added.value_id, added.work_type_id), (self.v4, self.wt_test))
        self.assertEqual(added.create_uid, self.user_deputy)

    def test_attendance_to_present(self):
        """REQ-45: an approved correction turns a wrong absence into presence."""
        correction = self._request(
            target="attendance",
            mark_id=False,
            attendance_id=self.absence_yesterday.id,
            new_value_id=False,
            new_status="present",
        )
        self.assertEqual(correction.new_value, "present")
        self.assertTrue(correction.old_value)
        self.assertTrue(self.absence_yesterday.exists())
        correction.with_user(self.user_deputy).action_approve()
        self.assertFalse(self.absence_yesterday.exists())
        self.assertFalse(self.lesson_yesterday.attendance_ids)
        self.assertEqual(correction.state, "approved")

        late = self._past_attendance(self.lesson_yesterday, self.student_5a_3)
        self._request(
            target="attendance",
            mark_id=False,
            attendance_id=late.id,
            new_value_id=False,
            new_status="late",
        ).with_user(self.user_deputy).action_approve()
        self.assertEqual(late.status, "late")

    def test_reason_required(self):
        """REQ-45: a correction needs a written reason."""
        for reason in ("", "   ", "\n\t"):
            with (
                self.subTest(reason=reason),
                self.assertRefused(ValidationError, NO_REASON),
            ):
                self._request(reason=reason)
        self.assertNothingSaved(
            "ejournal.correction", [("mark_id", "=", self.mark_yesterday.id)]
        )
        correction = self._request()
        with self.assertRefused(AccessError, NOT_WRITABLE):
            correction.with_user(self.user_teacher).reason = "  "
        self.assertEqual(correction.reason, REASON)

    def test_requester_cannot_approve(self):
        """REQ-45: nobody approves their own request, not even a deputy."""
        correction = self._request(user=self.user_deputy)
        self.assertEqual(correction.requested_by_id, self.user_deputy)
        with self.assertRefused(
            UserError,
            "A correction cannot be approved by the person who requested it.",
        ):
            correction.with_user(self.user_deputy).action_approve()
        self.assertEqual(correction.state, "requested")
        self._assert_mark_unchanged()
        correction.with_user(self.user_deputy_two).action_approve()
        self.assertEqual(correction.approved_by_id, self.user_deputy_two)
        self.assertEqual(self.mark_yesterday.value_id, self.v3)

    def test_teacher_cannot_approve(self):
        """REQ-45: only the deputy director decides on corrections."""
        correction = self._request()
        for user in (self.user_teacher, self.user_class_teacher, self.user_control):
            with (
                self.subTest(user=user.login),
                self.assertRefused(UserError, DEPUTY_ONLY),
            ):
                correction.with_user(user).action_approve()
            with (
                self.subTest(user=user.login),
                self.assertRefused(UserError, DEPUTY_ONLY),
            ):
                correction.with_user(user).action_reject()
        # Nor through a plain write of the decision.
        with self.assertRefused(AccessError, NOT_WRITABLE):
            correction.with_user(self.user_teacher).write(
                {"state": "approved", "approved_by_id": self.user_deputy.id}
            )
        self.assertEqual(correction.state, "requested")
        self.assertFalse(correction.approved_by_id)
        self._assert_mark_unchanged()
        # Nor its wording: what the deputy reads is what was submitted.
        with self.assertRefused(AccessError, NOT_WRITABLE):
            correction.with_user(self.user_teacher).reason = REASON + " (уточнено)"
        self.assertEqual(correction.reason, REASON)

    def test_decided_correction_is_kept(self):
        """REQ-45: an approved or rejected correction cannot be changed."""
        approved = self._request()
        approved.with_user(self.user_deputy).action_approve()
        rejected = self._request(new_value_id=self.v2.id)
        rejected.with_user(self.user_deputy).action_reject()
        self.assertEqual(rejected.state, "rejected")
        self.assertEqual(rejected.approved_by_id, self.user_deputy)
        self.assertEqual(self.mark_yesterday.value_id, self.v3, "rejected: no change")

        for correction in approved | rejected:
            for env in (self.env(user=self.user_deputy), self.env):
                with self.assertRefused(UserError, KEPT_AS_IT_IS):
                    correction.with_env(env).reason = "Другая причина"
                with self.assertRefused(UserError, KEPT_AS_IT_IS):
                    correction.with_env(env).new_value_id = self.v5
                with self.assertRefused(UserError, ALREADY_DECIDED):
                    correction.with_env(env).action_approve()
                with self.assertRefused(UserError, ALREADY_DECIDED):
                    correction.with_env(env).action_reject()
        with self.assertRefused(AccessError, NOT_WRITABLE):
            approved.with_user(self.user_teacher).reason = "Другая причина"
        self.env.invalidate_all()
        self.assertEqual((approved.state, approved.reason), ("approved", REASON))
        self.assertEqual(rejected.state, "rejected")
        self.assertEqual(rejected.new_value, "2")
        self.assertEqual(self.mark_yesterday.value_id, self.v3)

    def test_corrections_are_never_deleted(self):
        """REQ-45: corrections are kept forever, pending or decided."""
        pending = self._request()
        decided = self._request(new_value_id=self.v4.id)
        decided.with_user(self.user_deputy).action_approve()
        for correction in pending | decided:
            with self.assertRefused(
                UserError, "Corrections are kept forever (REQ-45)."
            ):
                correction.with_env(self.env).unlink()
            for user in (self.user_deputy, self.user_teacher, self.user_admin_school):
                with (
                    self.subTest(user=user.login),
                    mute_logger("odoo.models"),
                    self.assertRefused(
                        AccessError,
                        "You are not allowed to delete 'Journal Correction'"
                        " (ejournal.correction) records.",
                    ),
                ):
                    correction.with_user(user).unlink()
        self.assertEqual(
            self.env["ejournal.correction"].search(
                [("mark_id", "=", self.mark_yesterday.id)]
            ),
            pending | decided,
        )
