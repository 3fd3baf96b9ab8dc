"""The audit log resists the database owner (REQ-90): raw SQL is traced, and
rewriting, shortening or bypassing the log is found by the keyed check."""

import hashlib
import json
import tempfile
from unittest.mock import patch

import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import config, mute_logger

from odoo.addons.ejournal_school.models.ejournal_audit_log import LOCK_NAMESPACE

from .common_journal import EjournalJournalCommon


@tagged("ejournal", "ejournal_journal")
class TestAuditTamper(EjournalJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.AuditLog = cls.env["ejournal.audit.log"]

    def setUp(self):
        super().setUp()
        # Each test's checkpoint file, as its rows, goes away with it.
        directory = tempfile.TemporaryDirectory(prefix="ejournal_checkpoints_")
        self.addCleanup(directory.cleanup)
        self.startPatcher(
            patch.dict(
                config.options, {"ejournal_audit_checkpoint_dir": directory.name}
            )
        )

    def _marks(self):
        return (
            self.env["ejournal.mark"]
            .with_user(self.user_teacher)
            .create(
                [
                    self._mark_vals(self.lesson_today, student)
                    for student in (
                        self.student_5a_1,
                        self.student_5a_2,
                        self.student_5a_3,
                    )
                ]
            )
        )

    def _findings(self):
        return [
            (finding["kind"], finding.get("log_id") or finding.get("res_id"))
            for finding in self.AuditLog._verify_chain(self.school_a)
        ]

    def _sql_behind_triggers(self, query, params=()):
        """Run ``query`` as the table owner can: with every trigger off."""
        self.env.flush_all()
        self.env.cr.execute("SET session_replication_role = replica")
        self.env.cr.execute(query, params)
        self.env.cr.execute("SET session_replication_role = origin")
        self.env.invalidate_all()

    def test_raw_sql_is_traced(self):
        """REQ-90: a raw UPDATE of a mark (as a server action would run it) leaves
        a row with the old and the new value, no Odoo user and the database
        role; the sealing cron seals it."""
        mark = self._marks()[0]
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ejournal_mark SET value_id = %s WHERE id = %s",
            [self.v2.id, mark.id],
        )
        self.env.cr.execute("SELECT session_user")
        role = self.env.cr.fetchone()[0]
        row = self._audit_rows(mark, "write")
        self.assertEqual(len(row), 1)
        self.assertFalse(row.user_id)
        self.assertEqual(row.db_role, role)
        self.assertEqual(self._json(row.old_values)["value_id"], self.v5.id)
        self.assertEqual(self._json(row.new_values)["value_id"], self.v2.id)
        self.assertFalse(row.hash)
        self.assertEqual(self._audit_rows(mark, "create").user_id, self.user_teacher)
        self.AuditLog._cron_seal()
        self.env.invalidate_all()
        self.assertTrue(row.hash)
        self.assertEqual(row.record_name, "2 (Oral answer)")
        self.assertEqual(self._findings(), [])

    def test_unchanged_columns_write_no_row(self):
        """REQ-90: an UPDATE that changes no audited column writes no row, and
        an unsealed row's content cannot be changed either."""
        mark = self._marks()[0]
        self.env.flush_all()
        before = self.AuditLog.search_count([])
        self.env.cr.execute(
            "UPDATE ejournal_mark SET value_id = value_id WHERE id = %s", [mark.id]
        )
        self.env.cr.execute(
            "UPDATE ejournal_lesson SET topic = 'Дроби' WHERE id = %s",
            [self.lesson_today.id],
        )
        self.assertEqual(self.AuditLog.search_count([]), before)
        self.env.cr.execute(
            "UPDATE ejournal_mark SET comment = 'x' WHERE id = %s", [mark.id]
        )
        row = self._audit_rows(mark, "write")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(psycopg2.Error, "append-only: UPDATE refused"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE ejournal_audit_log SET new_values = '{}' WHERE id = %s",
                [row.id],
            )

    def test_rewritten_chain_is_found(self):
        """REQ-90: with the triggers off, a row rewritten and the plain SHA-256
        hashes of it and all later rows recomputed (what fooled the old check):
        the keyed check names the first rewritten row."""
        marks = self._marks()
        marks[1].value_id = self.v2
        rows = self._audit_rows(marks)
        victim = rows[1]
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, prev_hash, new_values FROM ejournal_audit_log"
            " WHERE company_id = %s AND id >= %s ORDER BY seq",
            [self.school_a.id, victim.id],
        )
        prev_hash = None
        for log_id, stored_prev, new_values in self.env.cr.fetchall():
            prev_hash = prev_hash or stored_prev
            if log_id == victim.id:
                new_values = new_values.replace(
                    f'"value_id": {self.v5.id}', f'"value_id": {self.v4.id}'
                )
            new_hash = hashlib.sha256(
                (prev_hash + json.dumps(new_values)).encode()
            ).hexdigest()
            self._sql_behind_triggers(
                "UPDATE ejournal_audit_log SET new_values = %s, prev_hash = %s,"
                " hash = %s WHERE id = %s",
                [new_values, prev_hash, new_hash, log_id],
            )
            prev_hash = new_hash
        self.assertEqual(self._findings()[0], ("broken", victim.id))

    def test_deleted_tail_is_found(self):
        """REQ-90: the last rows deleted with the triggers off: the chain left
        is consistent, but shorter than the last checkpoint, in the file
        outside the database and in the table."""
        marks = self._marks()
        self.env["ejournal.audit.checkpoint"]._make(self.school_a)
        self.env.cr.postcommit.run()
        checkpoint = self.env["ejournal.audit.checkpoint"]._last_from_file(
            self.school_a.id
        )
        self.assertEqual(
            checkpoint["last_seq"], max(self._audit_rows(marks).mapped("seq"))
        )
        self.assertEqual(self._findings(), [])
        self._sql_behind_triggers(
            "DELETE FROM ejournal_audit_log WHERE id = ANY(%s)",
            [self._audit_rows(marks[1:]).ids],
        )
        findings = self.AuditLog._verify_chain(self.school_a)
        truncated = [f["message"] for f in findings if f["kind"] == "truncated"]
        self.assertEqual(len(truncated), 2, findings)
        self.assertIn("the checkpoint file", truncated[0])
        self.assertIn("the checkpoint table", truncated[1])
        self.assertIn("entries were deleted", truncated[0])

    def test_replay_finds_untraced_change(self):
        """REQ-90: a mark changed with the triggers of ejournal_mark disabled
        leaves no row; the replay check names that mark."""
        marks = self._marks()
        self.env.flush_all()
        self.env.cr.execute(
            """
            ALTER TABLE ejournal_mark DISABLE TRIGGER ejournal_audit;
            UPDATE ejournal_mark SET value_id = %s WHERE id = %s;
            ALTER TABLE ejournal_mark ENABLE TRIGGER ejournal_audit;
            """,
            [self.v2.id, marks[1].id],
        )
        self.assertEqual(len(self._audit_rows(marks[1])), 1)
        findings = self.AuditLog._verify_chain(self.school_a)
        self.assertEqual(
            [(f["kind"], f["model"], f["res_id"]) for f in findings],
            [("replay", "ejournal.mark", marks[1].id)],
        )
        self.assertIn(
            "its values differ from the last logged ones", findings[0]["message"]
        )

    def test_lock_per_school(self):
        """REQ-90: sealing takes one advisory lock per school, never one for the
        whole database, so schools do not wait on each other."""
        self._marks()
        other_school = self.env.ref("base.main_company")
        self.env.cr.execute(
            "UPDATE res_company SET ejournal_control_work_days = 7 WHERE id = %s",
            [other_school.id],
        )
        self.AuditLog._seal()
        self.env.cr.execute(
            """SELECT classid::int, objid::int FROM pg_locks
                WHERE locktype = 'advisory' AND pid = pg_backend_pid()"""
        )
        locks = set(self.env.cr.fetchall())
        self.assertIn((LOCK_NAMESPACE, self.school_a.id), locks)
        self.assertIn((LOCK_NAMESPACE, other_school.id), locks)
        self.assertEqual({namespace for namespace, _school in locks}, {LOCK_NAMESPACE})

    def test_verify_button_access(self):
        """REQ-90: the deputy's "Verify Integrity" (as the list header calls it,
        with ids) says the log is intact; a teacher or a portal user is refused,
        whatever the client."""
        self._marks()
        action = (
            self.env["ejournal.audit.log"]
            .with_user(self.user_deputy)
            .browse([])
            .action_verify_chain()
        )
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(action["params"]["message"], "The audit log is intact.")
        for user in (self.user_teacher, self.user_parent, self.user_secretary):
            with self.assertRaisesRegex(
                AccessError,
                "Only the director's working group and the deputy director may "
                "verify the audit log.",
            ):
                self.env["ejournal.audit.log"].with_user(user).action_verify_chain()

    def test_no_key(self):
        """REQ-90: without a key the server seals nothing and says so; the check
        says the key is missing; no checkpoint is made."""
        with (
            patch.dict(config.options, {"ejournal_audit_key": ""}),
            self.assertLogs(
                "odoo.addons.ejournal_school.models.ejournal_audit_log", "ERROR"
            ) as logs,
        ):
            mark = self._marks()[0]
            self.assertIs(self.AuditLog._seal(), False)
            self.assertEqual(
                [f["kind"] for f in self.AuditLog._verify_chain(self.school_a)],
                ["no_key"],
            )
            with self.assertRaisesRegex(UserError, "No audit key is configured"):
                self.env["ejournal.audit.checkpoint"]._make(self.school_a)
        self.assertIn("no key configured", logs.output[0])
        self.assertFalse(self._audit_rows(mark).hash)
