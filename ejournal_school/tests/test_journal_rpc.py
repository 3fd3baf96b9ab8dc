"""No backdating over XML-RPC, even as the administrator (REQ-45)."""

from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

from .common_journal import EjournalJournalCommon

# The lock of yesterday's journal, as the XML-RPC fault carries it.
LOCKED = (
    "The journal of 10/13/2026 is locked: marks and attendance are entered on the "
    "day of the lesson; the school's regulation forbids backdating. Ask the deputy "
    "director for a correction."
)
QUIET = ("odoo.http", "odoo.addons.rpc.controllers.xmlrpc", "odoo.sql_db")


@tagged("post_install", "-at_install", "ejournal", "ejournal_journal")
class TestJournalRpc(EjournalJournalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_admin = cls._give_admin_school_a()
        # The administrator conducts both lessons as a substitute: no access
        # right stands between them and the journal, only the entry window.
        employee_admin = cls.env["hr.employee"].create(
            {
                "name": "Администратор",
                "user_id": cls.user_admin.id,
                "company_id": cls.school_a.id,
            }
        )
        with journal_unlocked():  # named before yesterday's lesson was over
            (
                cls.lesson_yesterday | cls.lesson_today
            ).substitute_teacher_id = employee_admin
        cls.mark_yesterday = cls._past_mark(cls.lesson_yesterday, cls.student_5a_1)
        cls.absence_yesterday = cls._past_attendance(
            cls.lesson_yesterday, cls.student_5a_2
        )

    def setUp(self):
        super().setUp()
        # Every call warns that XML-RPC is deprecated in Odoo 19.
        self.enterContext(mute_logger("odoo.addons.rpc.controllers.xmlrpc"))
        self.db = self.env.cr.dbname
        self.uid = self.xmlrpc_common.authenticate(self.db, "admin", "admin", {})
        self.assertEqual(self.uid, self.user_admin.id)

    def _rpc(self, model, method, *args, context=None):
        return self.xmlrpc_object.execute_kw(
            self.db,
            self.uid,
            "admin",
            model,
            method,
            list(args),
            {
                "context": dict(
                    {"allowed_company_ids": self.school_a.ids}, **(context or {})
                )
            },
        )

    def _journal_state(self):
        """The yesterday's journal and its audit trail, read from the database."""
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT m.id, m.student_id, m.value_id, m.work_type_id
                 FROM ejournal_mark m WHERE m.lesson_id = %s ORDER BY m.id""",
            [self.lesson_yesterday.id],
        )
        marks = self.env.cr.fetchall()
        self.env.cr.execute(
            """SELECT a.id, a.student_id, a.status
                 FROM ejournal_attendance a WHERE a.lesson_id = %s ORDER BY a.id""",
            [self.lesson_yesterday.id],
        )
        attendance = self.env.cr.fetchall()
        self.env.cr.execute("SELECT count(*) FROM ejournal_audit_log")
        return marks, attendance, self.env.cr.fetchone()[0]

    def _assert_refused(self, model, method, *args, context=None):
        with mute_logger(*QUIET), self.assertRaises(Fault) as catcher:
            self._rpc(model, method, *args, context=context)
        self.assertEqual(catcher.exception.faultString, LOCKED)

    def test_today_allowed_over_rpc(self):
        """REQ-44: the administrator, who conducts today's lesson, may enter
        its marks over XML-RPC: the refusals below come from the lock only."""
        [mark_id] = self._rpc(
            "ejournal.mark",
            "create",
            [self._mark_vals(self.lesson_today, self.student_5a_1)],
        )
        self._rpc("ejournal.mark", "write", [mark_id], {"value_id": self.v4.id})
        mark = self.env["ejournal.mark"].browse(mark_id)
        self.assertEqual(mark.value_id, self.v4)
        self.assertEqual(mark.create_uid, self.user_admin)
        self._rpc("ejournal.mark", "unlink", [mark_id])
        self.env.invalidate_all()
        self.assertFalse(mark.exists())

    def test_backdating_refused_over_rpc(self):
        """REQ-45: over XML-RPC the administrator can neither backdate a mark,
        nor change or delete yesterday's mark or attendance; nothing changes in
        the database, whatever the context says."""
        before = self._journal_state()
        self.assertEqual(len(before[0]), 1)
        self.assertEqual(len(before[1]), 1)
        contexts = (
            None,
            {"tz": "Pacific/Kiritimati"},
            {"ejournal_unlocked": True, "journal_unlocked": True, "bypass": True},
        )
        for context in contexts:
            with self.subTest(context=context):
                self._assert_refused(
                    "ejournal.mark",
                    "create",
                    [self._mark_vals(self.lesson_yesterday, self.student_5a_2)],
                    context=context,
                )
                self._assert_refused(
                    "ejournal.mark",
                    "write",
                    [self.mark_yesterday.id],
                    {"value_id": self.v2.id},
                    context=context,
                )
                self._assert_refused(
                    "ejournal.mark", "unlink", [self.mark_yesterday.id], context=context
                )
                self._assert_refused(
                    "ejournal.attendance",
                    "write",
                    [self.absence_yesterday.id],
                    {"status": "late"},
                    context=context,
                )
                self._assert_refused(
                    "ejournal.attendance",
                    "unlink",
                    [self.absence_yesterday.id],
                    context=context,
                )
        self.env.invalidate_all()
        self.assertEqual(self._journal_state(), before)
        self.assertEqual(
            (self.mark_yesterday.value_id, self.absence_yesterday.status),
            (self.v5, "absent"),
        )
