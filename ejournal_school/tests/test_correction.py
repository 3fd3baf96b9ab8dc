"""Corrections: the only way to change a locked journal (REQ-45)."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_journal import NOW, EjournalJournalCommon

REASON = "Отметка выставлена не тому ученику (служебная записка № 12)"
NO_REASON = "A correction needs a written reason."
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
        self.assertEqual(correction.new_value, "Present")
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
            with self.assertRefused(UserError, "Corrections are kept forever."):
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


@tagged("ejournal", "ejournal_journal")
class TestCorrectionNotification(EjournalJournalCommon):
    """REQ-45: a request reaches the deputy directors, the decision the
    requester; the deputy reads the whole context."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mark_yesterday = cls._past_mark(cls.lesson_yesterday, cls.student_5a_1)
        cls.user_deputy_two = cls._create_staff_user(
            "ej_deputy_two", "ejournal_school.group_ejournal_deputy"
        )

    def _request(self, **vals):
        return (
            self.env["ejournal.correction"]
            .with_user(self.user_teacher)
            .create(
                {
                    "target": "mark",
                    "operation": "change",
                    "mark_id": self.mark_yesterday.id,
                    "new_value_id": self.v3.id,
                    "reason": REASON,
                    **vals,
                }
            )
        )

    def _activities(self, correction, active=True):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "ejournal.correction"),
                    ("res_id", "=", correction.id),
                    ("active", "=", active),
                ]
            )
        )

    def test_request_makes_a_todo_for_each_deputy(self):
        """REQ-45: each deputy director of the school (not the school
        administrator, not the requester) gets a To-Do due in the school's
        correction days, counted in school days (Wednesday + 2: Friday)."""
        correction = self._request()
        activities = self._activities(correction)
        self.assertEqual(activities.user_id, self.user_deputy | self.user_deputy_two)
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2026, 10, 16)})
        self.assertEqual(
            set(activities.mapped("summary")), {"Decide on a journal correction"}
        )
        self.assertEqual(
            activities.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
        )
        # The deputy finds it among their activities.
        self.assertEqual(
            self.env["ejournal.correction"]
            .with_user(self.user_deputy)
            .search([("activity_user_id", "=", self.user_deputy.id)]),
            correction,
        )
        # A request of a deputy goes to the other deputy only.
        own = (
            self.env["ejournal.correction"]
            .with_user(self.user_deputy)
            .create(
                {
                    "target": "mark",
                    "operation": "change",
                    "mark_id": self.mark_yesterday.id,
                    "new_value_id": self.v2.id,
                    "reason": REASON,
                }
            )
        )
        self.assertEqual(self._activities(own).user_id, self.user_deputy_two)

    def test_deadline_is_a_school_setting(self):
        """REQ-45: the school sets the correction days; 5 school days from
        Wednesday 14 October is Wednesday 21 October."""
        self.school_a.ejournal_correction_days = 5
        correction = self._request()
        self.assertEqual(
            set(self._activities(correction).mapped("date_deadline")),
            {date(2026, 10, 21)},
        )
        self.school_a.with_user(self.user_admin_school).ejournal_correction_days = 3
        self.assertEqual(self.school_a.ejournal_correction_days, 3)

    def test_requester_makes_no_activity_from_input(self):
        """REQ-45: the To-Do is the journal's; the requester neither passes it
        with the request nor creates one for a deputy."""
        with self.assertRefused(UserError, "these fields are recorded by the journal"):
            self._request(
                activity_ids=[(0, 0, {"user_id": self.user_teacher.id, "summary": "x"})]
            )
        correction = self._request()
        with self.assertRaises(AccessError):
            self.env["mail.activity"].with_user(self.user_teacher).create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("ejournal.correction"),
                    "res_id": correction.id,
                    "user_id": self.user_deputy.id,
                    "summary": "Approve it now",
                }
            )
        self.assertEqual(len(self._activities(correction)), 2)

    def test_decision_tells_the_requester(self):
        """REQ-45: approving or rejecting posts a message to the requester (in
        the deputy's name) and marks the deputies' To-Do done."""
        approved = self._request()
        approved.with_user(self.user_deputy).action_approve()
        message = approved.message_ids.filtered(
            lambda m: self.user_teacher.partner_id in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.user_deputy.partner_id)
        self.assertEqual(
            str(message.body),
            "<p>Your correction request was approved and applied to the journal: "
            "5 (Oral answer) → 3.</p>",
        )
        self.assertFalse(self._activities(approved))
        self.assertEqual(len(self._activities(approved, active=False)), 2)
        # Still frozen: nothing but the decision was written.
        self.assertEqual(approved.reason, REASON)

        rejected = self._request(new_value_id=self.v2.id)
        rejected.with_user(self.user_deputy_two).action_reject()
        message = rejected.message_ids.filtered(
            lambda m: self.user_teacher.partner_id in m.partner_ids
        )
        self.assertEqual(
            str(message.body),
            "<p>Your correction request was rejected: 3 (Oral answer) → 2. "
            "The journal is unchanged.</p>",
        )
        self.assertEqual(message.author_id, self.user_deputy_two.partner_id)
        self.assertFalse(self._activities(rejected))

    def test_deputy_reads_the_context(self):
        """REQ-45: the deputy's form shows the lesson's date and subject, the
        pupil, the entry as it is now and old → new."""
        correction = self._request().with_user(self.user_deputy)
        self.assertEqual(correction.context_date, self.lesson_yesterday.date)
        self.assertEqual(
            correction.context_subject_id, self.lesson_yesterday.subject_id
        )
        self.assertEqual(correction.context_student_id, self.student_5a_1)
        self.assertEqual(correction.context_current_value, "5 (Oral answer)")
        self.assertEqual(correction.change_display, "5 (Oral answer) → 3")

    def test_words_in_the_readers_language(self):
        """REQ-45: the stored words are the school's language; each reader
        reads old and new value and the title in their own."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.wt_answer.update_field_translations("name", {"ru_RU": "Устный ответ"})
        self.wt_test.update_field_translations("name", {"ru_RU": "Тест"})
        correction = self._request(new_work_type_id=self.wt_test.id)
        self.assertEqual(correction.old_value, "5 (Oral answer)")
        self.assertEqual(correction.new_value, "3 Test")
        russian = correction.with_context(lang="ru_RU")
        self.assertEqual(russian.old_value_display, "5 (Устный ответ)")
        self.assertEqual(russian.new_value_display, "3 Тест")
        # The school speaks Russian: its new requests are stored in Russian.
        self.school_a.partner_id.lang = "ru_RU"
        other = self._request(
            mark_id=self._past_mark(self.lesson_yesterday, self.student_5a_2).id
        )
        self.assertEqual(other.old_value, "5 (Устный ответ)")
        self.assertEqual(
            other.with_context(lang="en_US").old_value_display, "5 (Oral answer)"
        )
