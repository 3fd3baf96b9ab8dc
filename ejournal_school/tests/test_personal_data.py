from odoo.exceptions import AccessError
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
        self.assertEqual(export, [[False, False]])

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


@tagged("post_install", "-at_install")
class TestClassmatesAndStaff(EjournalJournalCommon):
    """REQ-92: no classmates for families, no other school's staff."""

    def test_portal_sees_no_classmates(self):
        """REQ-92/REQ-72: a parent reads their own child in the subgroup and in
        the class memberships, nobody else."""
        subgroup = self.subgroup_5a_english.with_user(self.user_parent)
        self.env.invalidate_all()
        self.assertEqual(subgroup.student_ids, self.student_5a_1)
        enrolments = self.env["ejournal.class.enrolment"].with_user(self.user_parent)
        self.assertEqual(enrolments.search([]).student_id, self.student_5a_1)
        school_class = self.class_5a.with_user(self.user_parent)
        self.assertEqual(
            school_class.read(["student_ids"])[0]["student_ids"], [self.student_5a_1.id]
        )

    def test_other_school_reads_no_staff(self):
        """REQ-92/REQ-04: the staff of school B read no name or e-mail of school
        A's staff (employees, public employees, their contacts)."""
        env_b = self.env(
            user=self.user_teacher_b,
            context=dict(self.env.context, allowed_company_ids=self.school_b.ids),
        )
        self.env.invalidate_all()
        for model in ("hr.employee", "hr.employee.public"):
            with self.subTest(model=model):
                try:
                    found = env_b[model].search([("company_id", "=", self.school_a.id)])
                except AccessError:
                    found = []
                self.assertFalse(found)
        partners = env_b["res.partner"].search(
            [
                (
                    "id",
                    "in",
                    (
                        self.user_teacher.partner_id
                        | self.employee_teacher.work_contact_id
                    ).ids,
                )
            ]
        )
        self.assertFalse(partners)
        users = env_b["res.users"].search([("id", "=", self.user_teacher.id)])
        self.assertFalse(users)
