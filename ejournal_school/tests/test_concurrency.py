"""Many teachers at once: no duplicated entries (REQ-93).

Two real database cursors (two transactions, as two HTTP workers would have)
save the same entry at the same time. The data they work on must be committed
to be seen by both, so this class builds its own small school in the main
company in a committed transaction and removes everything again afterwards.
"""

import logging
import threading
import time

import psycopg2
from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

_logger = logging.getLogger(__name__)

# A Monday of a school year far from any real one, so that nothing else in the
# database (demo data included) can clash with it.
LESSON_DAY = "2090-09-04"
LESSON_MOMENT = "2090-09-04 04:00:00"  # 10:00 in Bishkek: the lesson's day
WAIT_SECONDS = 20


TAG = "(REQ-93 test)"


@tagged("post_install", "-at_install", "ejournal", "ejournal_journal")
class TestConcurrentEntries(TransactionCase):
    def setUp(self):
        super().setUp()
        # What an interrupted earlier run may have left behind goes first.
        self._remove_school()
        with self.registry.cursor() as cr:
            cr.execute("SELECT COALESCE(MAX(id), 0) FROM ejournal_audit_log")
            self.audit_max_id = cr.fetchone()[0]
        self.addCleanup(self._remove_school, self.audit_max_id)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env.ref("base.main_company")
            year = env["ejournal.academic.year"].create(
                {
                    "name": f"2090/2091 {TAG}",
                    "date_start": "2090-09-01",
                    "date_end": "2091-05-31",
                    "company_id": company.id,
                }
            )
            year.action_activate()
            school_class = env["ejournal.class"].create(
                {"grade_level": 5, "letter": "Я", "year_id": year.id}
            )
            subject = env["ejournal.subject"].create(
                {"name": f"Математика {TAG}", "company_id": company.id}
            )
            teacher = env["hr.employee"].create(
                {"name": f"Учитель {TAG}", "company_id": company.id}
            )
            student = env["ejournal.student"].create(
                {
                    "name": f"Ученик {TAG}",
                    "company_id": company.id,
                    "enrolment_ids": [
                        Command.create(
                            {"class_id": school_class.id, "date_from": year.date_start}
                        )
                    ],
                }
            )
            lesson = env["ejournal.lesson"].create(
                {
                    "date": LESSON_DAY,
                    "lesson_number": 1,
                    "class_id": school_class.id,
                    "subject_id": subject.id,
                    "teacher_id": teacher.id,
                }
            )
            self.school_ids = {
                "student": student.id,
                "lesson": lesson.id,
                "value_5": env.ref("ejournal_school.ejournal_grade_scale_value_5").id,
                "answer": env.ref("ejournal_school.ejournal_work_type_answer").id,
            }

    def _remove_school(self, audit_max_id=None):
        """Delete the test school (found by its names) and, given
        ``audit_max_id``, the audit rows written since: only the rows after it,
        so the hash chain of the rows before stays intact."""
        with self.registry.cursor() as cr:
            cr.execute("SET LOCAL lock_timeout = '30s'")
            env = api.Environment(
                cr, SUPERUSER_ID, {"tracking_disable": True, "active_test": False}
            )
            years = env["ejournal.academic.year"].search([("name", "like", TAG)])
            classes = env["ejournal.class"].search([("year_id", "in", years.ids)])
            lessons = env["ejournal.lesson"].search([("class_id", "in", classes.ids)])
            students = env["ejournal.student"].search([("name", "like", TAG)])
            teachers = env["hr.employee"].search([("name", "like", TAG)])
            partners = students.partner_id | teachers.work_contact_id
            with journal_unlocked():
                lessons.mark_ids.unlink()
                lessons.attendance_ids.unlink()
            students.unlink()
            lessons.unlink()
            classes.unlink()
            years.unlink()
            env["ejournal.subject"].search([("name", "like", TAG)]).unlink()
            teachers.unlink()
            partners.exists().unlink()
            env.flush_all()
            if audit_max_id is not None:
                cr.execute(
                    """
                    ALTER TABLE ejournal_audit_log
                        DISABLE TRIGGER ejournal_audit_log_no_change;
                    DELETE FROM ejournal_audit_log WHERE id > %s;
                    ALTER TABLE ejournal_audit_log
                        ENABLE TRIGGER ejournal_audit_log_no_change;
                    """,
                    [audit_max_id],
                )

    def _save_twice(self, model, values):
        """Save ``values`` in two concurrent transactions.

        The first transaction inserts and keeps its transaction open; the
        second, in a thread, inserts the same entry and waits on the unique
        index; then the first commits. Return the first record's id and what
        happened to the second.

        Both environments are made here: during the tests the main thread holds
        ``Registry._lock``, which a new environment needs.
        """
        outcome = {}
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        self.addCleanup(cr2.close)
        self.addCleanup(cr1.close)
        env1 = api.Environment(cr1, SUPERUSER_ID, {})
        env2 = api.Environment(cr2, SUPERUSER_ID, {})
        cr2.execute(f"SET LOCAL lock_timeout = '{WAIT_SECONDS}s'")
        cr2.execute("SELECT pg_backend_pid()")
        pid = cr2.fetchone()[0]

        def second_teacher():
            try:
                env2[model].create(values)
                env2.flush_all()
                cr2.commit()
                outcome["committed"] = True
            except Exception as error:  # noqa: BLE001 - handed to the test
                cr2.rollback()
                outcome["error"] = error

        first = env1[model].create(values)
        env1.flush_all()
        thread = threading.Thread(target=second_teacher, name="second_teacher")
        with mute_logger("odoo.sql_db"):
            thread.start()
            self._wait_until_waiting_on_lock(pid)
            cr1.commit()
            thread.join(WAIT_SECONDS * 2)
        self.assertFalse(thread.is_alive(), "the second save never finished")
        return first.id, outcome

    def _wait_until_waiting_on_lock(self, pid):
        """Wait until the second transaction waits on a lock (the unique index
        the first one holds), or give up after a while."""
        # Counted in sleeps: freezegun stops the clocks of this test.
        with self.registry.cursor() as cr:
            for _attempt in range(WAIT_SECONDS * 20):
                if not pid:
                    break
                cr.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                    [pid],
                )
                row = cr.fetchone()
                if row and row[0] == "Lock":
                    return
                cr.rollback()
                time.sleep(0.05)
        _logger.info("The second transaction was not seen waiting on a lock.")

    def _ids(self, table, where, params):
        with self.registry.cursor() as cr:
            cr.execute(f"SELECT id FROM {table} WHERE {where}", params)  # noqa: S608
            return [row[0] for row in cr.fetchall()]

    def test_same_mark_saved_twice(self):
        """REQ-93: two teachers save the same pupil's mark for the same lesson
        and work type at the same moment: the second save fails with an
        IntegrityError and exactly one mark remains, logged once."""
        ids = self.school_ids
        values = {
            "lesson_id": ids["lesson"],
            "student_id": ids["student"],
            "work_type_id": ids["answer"],
        }
        with freeze_time(LESSON_MOMENT):
            first_id, outcome = self._save_twice(
                "ejournal.mark", dict(values, value_id=ids["value_5"])
            )
        self.assertNotIn("committed", outcome)
        self.assertIsInstance(outcome.get("error"), psycopg2.IntegrityError)
        self.assertIsInstance(outcome["error"], psycopg2.errors.UniqueViolation)
        marks = self._ids(
            "ejournal_mark",
            "lesson_id = %s AND student_id = %s AND work_type_id = %s",
            [ids["lesson"], ids["student"], ids["answer"]],
        )
        self.assertEqual(marks, [first_id])
        rows = self._ids(
            "ejournal_audit_log",
            "model_name = 'ejournal.mark' AND operation = 'create' AND id > %s",
            [self.audit_max_id],
        )
        self.assertEqual(len(rows), 1, "only the saved mark is in the audit log")

    def test_same_attendance_saved_twice(self):
        """REQ-43, REQ-93: two saves of the same pupil's absence at the same
        moment leave exactly one attendance record."""
        ids = self.school_ids
        with freeze_time(LESSON_MOMENT):
            first_id, outcome = self._save_twice(
                "ejournal.attendance",
                {"lesson_id": ids["lesson"], "student_id": ids["student"]},
            )
        self.assertIsInstance(outcome.get("error"), psycopg2.errors.UniqueViolation)
        self.assertEqual(
            self._ids(
                "ejournal_attendance",
                "lesson_id = %s AND student_id = %s",
                [ids["lesson"], ids["student"]],
            ),
            [first_id],
        )
