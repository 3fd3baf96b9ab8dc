from odoo.tests import tagged

from .common_journal import EjournalJournalCommon

REASON_FIELDS = ["reason", "document_date", "reason_set_on", "reason_set_by_id"]


@tagged("post_install", "-at_install")
class TestAbsenceReasons(EjournalJournalCommon):
    """REQ-92: who cannot see a reason on screen cannot read it over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.absence = cls._past_attendance(
            cls.lesson_yesterday,
            cls.student_5a_1,
            reason="illness",
            document_date=cls.lesson_yesterday.date,
        )
        cls.absence.invalidate_recordset()

    def _as(self, user):
        self.env.invalidate_all()
        return self.env["ejournal.attendance"].with_user(user)

    def test_subject_teacher_reads_no_reason(self):
        """REQ-92: the maths teacher of 5А reads the absence, not its reason:
        not by read, search_read, web_read, grouping, filtering, ordering or
        export."""
        Attendance = self._as(self.user_teacher)
        record = Attendance.browse(self.absence.id)
        self.assertEqual(record.status, "absent")
        row = record.read(REASON_FIELDS + ["reason_is_late"])[0]
        self.assertFalse(any(row[f] for f in REASON_FIELDS + ["reason_is_late"]))
        rows = Attendance.search_read([("id", "=", record.id)], ["reason"])
        self.assertEqual(rows, [{"id": record.id, "reason": False}])
        web = record.web_read({"reason": {}, "reason_set_by_id": {}})
        self.assertFalse(web[0]["reason"] or web[0]["reason_set_by_id"])
        self.assertFalse(Attendance.search([("reason", "=", "illness")]))
        self.assertFalse(Attendance.search([("reason_set_by_id", "!=", False)]))
        groups = Attendance.formatted_read_group(
            [("id", "=", record.id)], ["reason"], ["__count"]
        )
        self.assertEqual([g["reason"] for g in groups], [False])
        self.user_teacher.group_ids += self.env.ref("base.group_allow_export")
        export = record.export_data(["reason", "document_date"])["datas"]
        self.assertEqual(export, [["", ""]])

    def test_who_may_read_reasons(self):
        """REQ-92/REQ-43: the class teacher of 5А, control, the deputy and the
        pupil's parent read it."""
        for user in (
            self.user_class_teacher,
            self.user_control,
            self.user_deputy,
            self.user_parent,
        ):
            with self.subTest(user=user.login):
                Attendance = self._as(user)
                self.assertEqual(Attendance.browse(self.absence.id).reason, "illness")
                self.assertEqual(
                    Attendance.search([("reason", "=", "illness")]), self.absence
                )

    def test_class_teacher_of_another_class_reads_no_reason(self):
        """REQ-92: leading 6А gives no reasons of 5А."""
        self._create_assignment(
            self.class_5a, self.subject_russian, self.employee_other_teacher
        )
        Attendance = self._as(self.user_other_teacher)
        record = Attendance.search([("id", "=", self.absence.id)])
        self.assertEqual(record, self.absence)
        self.assertFalse(record.reason)
