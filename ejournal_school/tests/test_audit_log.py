"""The audit log: who changed what, when, from what to what (REQ-90)."""

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_journal import EjournalJournalCommon


@tagged("ejournal", "ejournal_journal")
class TestAuditLog(EjournalJournalCommon):
    def _assert_trail(self, record, user, operations):
        rows = self._audit_rows(record)
        self.assertEqual(rows.mapped("operation"), operations)
        self.assertEqual(rows.user_id, user)
        self.assertEqual(set(rows.mapped("model_name")), {record._name})
        self.assertEqual(rows.company_id, self.school_a)
        self.assertTrue(all(rows.mapped("log_time")))
        return rows

    def test_mark_trail(self):
        """REQ-90: creating, changing and deleting a mark each leave one row
        (written by the database trigger, sealed by the server) with the user,
        the old and the new values (ids, as stored)."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        mark = Mark.create(self._mark_vals(self.lesson_today, self.student_5a_1))
        created = self._audit_rows(mark)
        self.assertEqual(created.operation, "create")
        self.assertFalse(created.old_values)
        self.assertEqual(self._json(created.new_values)["value_id"], self.v5.id)
        self.assertEqual(
            self._json(created.new_values)["student_id"], self.student_5a_1.id
        )
        self.assertEqual(self._json(created.new_values)["date"], "2026-10-14")
        mark.write({"value_id": self.v4.id, "comment": "у доски"})
        mark_id = mark.id
        mark.unlink()

        rows = self._assert_trail(
            self.env["ejournal.mark"].browse(mark_id),
            self.user_teacher,
            ["create", "write", "unlink"],
        )
        write, unlink = rows[1:]
        self.assertEqual(self._json(write.old_values)["value_id"], self.v5.id)
        self.assertFalse(self._json(write.old_values)["comment"])
        self.assertEqual(self._json(write.new_values)["value_id"], self.v4.id)
        self.assertEqual(self._json(write.new_values)["comment"], "у доски")
        self.assertEqual(self._json(unlink.old_values)["value_id"], self.v4.id)
        self.assertFalse(unlink.new_values)
        self.assertEqual(unlink.record_name, "4 (Oral answer)")

    def test_attendance_trail(self):
        """REQ-90: attendance changes are logged, reasons included."""
        Attendance = self.env["ejournal.attendance"].with_user(self.user_teacher)
        absence = Attendance.create(
            {"lesson_id": self.lesson_today.id, "student_id": self.student_5a_1.id}
        )
        absence.status = "late"
        absence.with_user(self.user_class_teacher).write(
            {"reason": "valid", "document_date": self.lesson_today.date}
        )
        absence_id = absence.id
        absence.unlink()
        rows = self._audit_rows(self.env["ejournal.attendance"].browse(absence_id))
        self.assertEqual(
            rows.mapped("operation"), ["create", "write", "write", "unlink"]
        )
        self.assertEqual(
            [row.user_id for row in rows],
            [
                self.user_teacher,
                self.user_teacher,
                self.user_class_teacher,
                self.user_teacher,
            ],
        )
        self.assertEqual(self._json(rows[1].old_values)["status"], "absent")
        self.assertEqual(self._json(rows[1].new_values)["status"], "late")
        self.assertFalse(self._json(rows[2].old_values)["reason"])
        self.assertEqual(self._json(rows[2].new_values)["reason"], "valid")
        self.assertEqual(self._json(rows[3].old_values)["reason"], "valid")

    def test_period_mark_trail(self):
        """REQ-90: period marks are logged."""
        with freeze_time("2026-10-31 06:00:00"):
            PeriodMark = self.env["ejournal.period.mark"].with_user(self.user_teacher)
            period_mark = PeriodMark.create(
                {
                    "student_id": self.student_5a_1.id,
                    "class_id": self.class_5a.id,
                    "subject_id": self.subject_math.id,
                    "kind": "quarter",
                    "period_id": self.quarter_1.id,
                    "value_id": self.v4.id,
                }
            )
            period_mark.value_id = self.v5
            record_id = period_mark.id
            period_mark.unlink()
        rows = self._assert_trail(
            self.env["ejournal.period.mark"].browse(record_id),
            self.user_teacher,
            ["create", "write", "unlink"],
        )
        self.assertEqual(self._json(rows[0].new_values)["value_id"], self.v4.id)
        self.assertEqual(self._json(rows[1].old_values)["value_id"], self.v4.id)
        self.assertEqual(self._json(rows[1].new_values)["value_id"], self.v5.id)
        self.assertEqual(self._json(rows[2].old_values)["kind"], "quarter")

    def test_correction_trail(self):
        """REQ-90: a correction is logged when requested and when decided, and so
        is the change it makes."""
        mark = self._past_mark(self.lesson_yesterday, self.student_5a_1)
        correction = (
            self.env["ejournal.correction"]
            .with_user(self.user_teacher)
            .create(
                {
                    "mark_id": mark.id,
                    "new_value_id": self.v3.id,
                    "reason": "Ошибка при вводе",
                }
            )
        )
        correction.with_user(self.user_deputy).action_approve()
        rows = self._audit_rows(correction)
        self.assertEqual(rows.mapped("operation"), ["create", "write"])
        self.assertEqual(rows[0].user_id, self.user_teacher)
        self.assertEqual(rows[1].user_id, self.user_deputy)
        self.assertEqual(self._json(rows[0].new_values)["state"], "requested")
        self.assertEqual(self._json(rows[0].new_values)["old_value"], "5 (Oral answer)")
        self.assertEqual(self._json(rows[0].new_values)["reason"], "Ошибка при вводе")
        self.assertEqual(self._json(rows[1].old_values)["state"], "requested")
        self.assertEqual(self._json(rows[1].new_values)["state"], "approved")
        self.assertEqual(
            self._json(rows[1].new_values)["approved_by_id"], self.user_deputy.id
        )
        change = self._audit_rows(mark, "write")
        self.assertEqual(change.user_id, self.user_deputy)
        self.assertEqual(self._json(change.new_values)["value_id"], self.v3.id)

    def test_same_transaction(self):
        """REQ-90: the row is written in the transaction of the change: it is
        there before any commit, and a refused change leaves none."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        before = self.env["ejournal.audit.log"].search_count([])
        mark = Mark.create(self._mark_vals(self.lesson_today, self.student_5a_1))
        self.env.cr.execute(
            "SELECT operation, user_id FROM ejournal_audit_log"
            " WHERE model_name = 'ejournal.mark' AND res_id = %s",
            [mark.id],
        )
        self.assertEqual(self.env.cr.fetchall(), [("create", self.user_teacher.id)])
        with self.assertRaises(ValidationError):
            Mark.create(
                self._mark_vals(self.lesson_today, self.student_5a_2, self.v_pass)
            )
        with self.assertLocked():
            Mark.create(self._mark_vals(self.lesson_yesterday, self.student_5a_2))
        self.assertEqual(self.env["ejournal.audit.log"].search_count([]), before + 1)

    def test_orm_refuses_changes(self):
        """REQ-90: nobody changes or deletes a log row through the ORM, not even
        the superuser."""
        self.env["ejournal.mark"].create(
            self._mark_vals(self.lesson_today, self.student_5a_1)
        )
        row = self.env["ejournal.audit.log"].search([], limit=1)
        self.assertEqual(row.model_name, "ejournal.mark")
        for env in (self.env, self.env(user=self.user_control)):
            with self.assertRaises(UserError):
                row.with_env(env).write({"new_values": "{}"})
            with self.assertRaises(UserError):
                row.with_env(env).unlink()
        with self.assertRaises(UserError):
            row.sudo().user_id = self.user_deputy
        self.env.invalidate_all()
        self.assertTrue(row.exists())
        self.assertEqual(row.user_id, self.env.user)
        self.assertEqual(row._verify_chain(self.school_a), [])

    def test_sql_refuses_changes(self):
        """REQ-90: the database itself refuses UPDATE, DELETE and TRUNCATE of the
        log, even by direct SQL."""
        mark = self.env["ejournal.mark"].create(
            self._mark_vals(self.lesson_today, self.student_5a_1)
        )
        row = self._audit_rows(mark)
        self.env.flush_all()
        statements = (
            ("UPDATE ejournal_audit_log SET new_values = '{}' WHERE id = %s", [row.id]),
            ("DELETE FROM ejournal_audit_log WHERE id = %s", [row.id]),
            ("TRUNCATE ejournal_audit_log", []),
        )
        for query, params in statements:
            with self.subTest(query=query):
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaises(psycopg2.Error) as catcher,
                    self.env.cr.savepoint(),
                ):
                    self.env.cr.execute(query, params)
                self.assertIn("append-only", str(catcher.exception))
        self.env.cr.execute(
            "SELECT new_values FROM ejournal_audit_log WHERE id = %s", [row.id]
        )
        self.assertEqual(self.env.cr.fetchone()[0], row.new_values)
        self.assertNotEqual(row.new_values, "{}")

    def test_hash_chain(self):
        """REQ-90: the rows of a school are sealed in sequence, each keyed hash
        over its content and the previous one; a row changed behind the
        triggers' back breaks the chain exactly there."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        marks = Mark.create(
            [
                self._mark_vals(self.lesson_today, student)
                for student in (self.student_5a_1, self.student_5a_2, self.student_5a_3)
            ]
        )
        marks[1].value_id = self.v2
        AuditLog = self.env["ejournal.audit.log"]
        self.assertEqual(AuditLog._verify_chain(self.school_a), [])
        rows = self._audit_rows(marks)
        self.assertEqual(len(rows), 4)
        self.assertEqual(set(rows.mapped("key_version")), {1})
        for previous, row in zip(rows, rows[1:], strict=False):
            self.assertEqual(row.seq, previous.seq + 1)
            self.assertEqual(row.prev_hash, previous.hash)
        victim = rows[1]
        self.env.flush_all()
        self.env.cr.execute(
            """
            ALTER TABLE ejournal_audit_log DISABLE TRIGGER ejournal_audit_log_no_change;
            UPDATE ejournal_audit_log
               SET new_values = replace(new_values, %s, %s)
             WHERE id = %s;
            ALTER TABLE ejournal_audit_log ENABLE TRIGGER ejournal_audit_log_no_change;
            """,
            [f'"value_id": {self.v5.id}', f'"value_id": {self.v4.id}', victim.id],
        )
        self.env.invalidate_all()
        self.assertEqual(self._json(victim.new_values)["value_id"], self.v4.id)
        findings = AuditLog._verify_chain(self.school_a)
        self.assertEqual(
            [(f["kind"], f.get("log_id")) for f in findings], [("broken", victim.id)]
        )
        self.assertIn("it was changed after it was sealed", findings[0]["message"])
        # The trigger is back: no second change is possible.
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.Error):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "DELETE FROM ejournal_audit_log WHERE id = %s", [victim.id]
                )


@tagged("ejournal", "ejournal_journal")
class TestAuditLogDisplay(EjournalJournalCommon):
    """REQ-90: what the deputy director reads of the log: labels, values as
    a person writes them, a link to the record; the stored row is unchanged."""

    def test_change_readable(self):
        """REQ-90: a changed mark reads "Mark: 5 → 4" with its labels, the
        date in the user's format and a link to the mark."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        mark = Mark.create(self._mark_vals(self.lesson_today, self.student_5a_1))
        mark.write({"value_id": self.v4.id, "comment": "у доски"})
        created, changed = self._audit_rows(mark)
        deputy_rows = created.with_user(self.user_deputy) | changed.with_user(
            self.user_deputy
        )
        created, changed = deputy_rows
        self.assertEqual(changed.record_ref, mark)
        self.assertEqual(changed.model_description, "Mark")
        self.assertEqual(
            str(changed.changes_display),
            '<div class="o_ejournal_audit_change"><b>Mark</b>: 5 → <b>4</b></div>'
            '<div class="o_ejournal_audit_change"><b>Comment</b>: — → '
            "<b>у доски</b></div>",
        )
        shown = str(created.changes_display)
        self.assertIn(f"<b>Student</b>: {self.student_5a_1.name}</div>", shown)
        self.assertIn("<b>Date</b>: 10/14/2026</div>", shown)
        self.assertIn("<b>Work Type</b>: Oral answer</div>", shown)
        self.assertNotIn("<b>Comment</b>", shown, "an empty value is not listed")
        self.assertNotIn("company_id", shown)
        self.assertNotIn("_id", shown)
        # The stored row is what the trigger wrote: ids, as stored.
        self.assertEqual(self._json(changed.new_values)["value_id"], self.v4.id)

    def test_deleted_and_selection(self):
        """REQ-90: a deleted entry has no link; a selection reads as its label."""
        Attendance = self.env["ejournal.attendance"].with_user(self.user_teacher)
        absence = Attendance.create(
            {"lesson_id": self.lesson_today.id, "student_id": self.student_5a_1.id}
        )
        absence.status = "late"
        absence_id = absence.id
        absence.unlink()
        rows = self._audit_rows(
            self.env["ejournal.attendance"].browse(absence_id)
        ).with_user(self.user_deputy)
        self.assertEqual(rows.mapped("operation"), ["create", "write", "unlink"])
        self.assertFalse(any(rows.mapped("record_ref")))
        self.assertIn(
            "<b>Status</b>: Absent → <b>Late</b></div>", str(rows[1].changes_display)
        )
        self.assertIn("<b>Status</b>: Late</div>", str(rows[2].changes_display))
