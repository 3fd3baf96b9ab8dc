"""The gradebook in Chromium (REQ-42…45): keyboard entry, reload, locks, access.

The browser runs in real time, so the data is built around the school's real
today: a lesson today (a day transfer makes today a school day when it is not)
and one on an earlier school day, whose journal is locked.
"""

from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

SCHOOL_TZ = "Asia/Bishkek"
ACTION_URL = "/odoo/action-ejournal_school.ejournal_gradebook_action"


class GradebookUiCase(HttpCase):
    """The school, year, quarter, 5А with four pupils and its lessons of the
    tours; the quarter ends ``QUARTER_DAYS_LEFT`` days after today."""

    QUARTER_DAYS_LEFT = 40

    def setUp(self):
        super().setUp()
        # A school of its own, so that no active year of another school (the
        # demo school included) can overlap the one built here.
        self.school = self.env["res.company"].create({"name": "Gradebook Tour School"})
        self.school.ejournal_tz = SCHOOL_TZ
        self.today = self.school._ejournal_today()
        self.year = self.env["ejournal.academic.year"].create(
            {
                "name": "Gradebook tour year",
                "date_start": self.today - timedelta(days=120),
                "date_end": self.today + timedelta(days=120),
                "company_id": self.school.id,
            }
        )
        self.year.action_activate()
        self.period = self.env["ejournal.period"].create(
            {
                "name": "Tour quarter",
                "year_id": self.year.id,
                "kind": "quarter",
                "date_start": self.today - timedelta(days=40),
                "date_end": self.today + timedelta(days=self.QUARTER_DAYS_LEFT),
            }
        )
        if self.year._non_school_day_reason(self.today):
            self.env["ejournal.day.transfer"].create(
                {
                    "date": self.today,
                    "weekday": "0",
                    "year_id": self.year.id,
                    "reason": "Gradebook tour",
                }
            )
        # Past the checking norm of control work too: fully locked.
        self.past_day = self.today - timedelta(
            days=self.school.ejournal_control_work_days + 1
        )
        while self.year._non_school_day_reason(self.past_day):
            self.past_day -= timedelta(days=1)

        self.user_teacher, self.teacher = self._teacher(
            "gb_tour_teacher", "Tour Teacher Asanova"
        )
        self.user_other, self.other_teacher = self._teacher(
            "gb_tour_other", "Tour Teacher Other"
        )
        self.subject = self.env["ejournal.subject"].create(
            {"name": "Математика", "company_id": self.school.id}
        )
        self.class_5a = self._class(5, "А", self.teacher)
        self.class_6b = self._class(6, "Б", self.other_teacher)
        self.students = self.env["ejournal.student"].create(
            [
                {
                    "name": name,
                    "company_id": self.school.id,
                    "enrolment_ids": [
                        Command.create(
                            {
                                "class_id": self.class_5a.id,
                                "date_from": self.year.date_start,
                            }
                        )
                    ],
                }
                for name in (
                    "Абдыкадыров Бакыт",
                    "Баева Айгерим",
                    "Васильев Иван",
                    "Григорьева Мария",
                )
            ]
        )
        self.env["ejournal.student"].create(
            {
                "name": "Другой Ученик",
                "company_id": self.school.id,
                "enrolment_ids": [
                    Command.create(
                        {
                            "class_id": self.class_6b.id,
                            "date_from": self.year.date_start,
                        }
                    )
                ],
            }
        )
        self.lesson_today = self._lesson(self.class_5a, self.teacher, self.today)
        self.lesson_past = self._lesson(self.class_5a, self.teacher, self.past_day)
        self.lesson_other = self._lesson(self.class_6b, self.other_teacher, self.today)
        self.v4 = self.env.ref("ejournal_school.ejournal_grade_scale_value_4")
        with journal_unlocked():
            self.env["ejournal.mark"].create(
                {
                    "lesson_id": self.lesson_past.id,
                    "student_id": self.students[0].id,
                    "value_id": self.v4.id,
                    "work_type_id": self.env.ref(
                        "ejournal_school.ejournal_work_type_answer"
                    ).id,
                }
            )

    def _teacher(self, login, name):
        user = new_test_user(
            self.env,
            login=login,
            name=name,
            groups="ejournal_school.group_ejournal_teacher",
            company_id=self.school.id,
            company_ids=[Command.set(self.school.ids)],
            tz=SCHOOL_TZ,
        )
        employee = self.env["hr.employee"].create(
            {"name": name, "user_id": user.id, "company_id": self.school.id}
        )
        return user, employee

    def _class(self, grade, letter, teacher):
        school_class = self.env["ejournal.class"].create(
            {"grade_level": grade, "letter": letter, "year_id": self.year.id}
        )
        self.env["ejournal.teaching.assignment"].create(
            {
                "class_id": school_class.id,
                "subject_id": self.subject.id,
                "teacher_id": teacher.id,
            }
        )
        return school_class

    def _lesson(self, school_class, teacher, day):
        return self.env["ejournal.lesson"].create(
            {
                "date": day,
                "lesson_number": 2,
                "class_id": school_class.id,
                "subject_id": self.subject.id,
                "teacher_id": teacher.id,
                "topic": f"Тема урока {day:%d.%m}",
            }
        )

    def _cell(self, lesson, student):
        marks = self.env["ejournal.mark"].search(
            [("lesson_id", "=", lesson.id), ("student_id", "=", student.id)]
        )
        attendance = self.env["ejournal.attendance"].search(
            [("lesson_id", "=", lesson.id), ("student_id", "=", student.id)]
        )
        return marks.mapped("value_id.code"), attendance.status or False


@tagged("post_install", "-at_install", "ejournal", "ejournal_gradebook")
class TestGradebookUi(GradebookUiCase):
    def test_gradebook_tour(self):
        """REQ-42, REQ-43: the teacher types 5, 4, н and o in today's column,
        reloads and finds them; REQ-44, REQ-45: a mark typed in the locked
        column of a past lesson is refused and a correction is requested."""
        self.start_tour(ACTION_URL, "ejournal_gradebook_tour", login="gb_tour_teacher")
        first, second, third, fourth = self.students
        self.assertEqual(self._cell(self.lesson_today, first), (["5"], False))
        self.assertEqual(self._cell(self.lesson_today, second), (["4"], False))
        self.assertEqual(self._cell(self.lesson_today, third), ([], "absent"))
        self.assertEqual(self._cell(self.lesson_today, fourth), ([], "late"))
        for student in self.students:
            mark = self.env["ejournal.mark"].search(
                [
                    ("lesson_id", "=", self.lesson_today.id),
                    ("student_id", "=", student.id),
                ]
            )
            if mark:
                self.assertEqual(mark.create_uid, self.user_teacher)
                self.assertEqual(mark.work_type_id, self.lesson_today.work_type_id)
        # The locked cell was left as it was; a correction was requested.
        self.assertEqual(self._cell(self.lesson_past, second), ([], False))
        correction = self.env["ejournal.correction"].search(
            [("lesson_id", "=", self.lesson_past.id)]
        )
        self.assertEqual(len(correction), 1)
        self.assertEqual(correction.student_id, second)
        self.assertEqual(correction.operation, "add")
        self.assertEqual(correction.target, "mark")
        self.assertEqual(correction.new_value_id.code, "3")
        self.assertEqual(correction.state, "requested")
        self.assertEqual(correction.requested_by_id, self.user_teacher)

    def test_gradebook_forbidden_tour(self):
        """REQ-03: a teacher cannot open the journal of another teacher's class,
        even with its address."""
        url = (
            f"{ACTION_URL}?class_id={self.class_6b.id}&subject_id={self.subject.id}"
            f"&period_id={self.period.id}"
        )
        self.start_tour(
            url, "ejournal_gradebook_forbidden_tour", login="gb_tour_teacher"
        )
        self.assertFalse(
            self.env["ejournal.mark"].search([("lesson_id", "=", self.lesson_other.id)])
        )

    def test_gradebook_lesson_button_tour(self):
        """The lesson form's button opens the gradebook on that lesson."""
        self.start_tour(
            f"/odoo/action-ejournal_school.ejournal_lesson_action/{self.lesson_past.id}",
            "ejournal_gradebook_lesson_button_tour",
            login="gb_tour_teacher",
        )


@tagged("post_install", "-at_install", "ejournal", "ejournal_gradebook")
class TestGradebookPeriodMarkUi(GradebookUiCase):
    """The quarter ends today, so its marks' window is open (the browser runs
    in real time: no frozen clock)."""

    QUARTER_DAYS_LEFT = 0

    def setUp(self):
        super().setUp()
        # The teacher of 5А's maths is its class teacher too.
        self.class_5a.class_teacher_id = self.teacher
        self.user_director = new_test_user(
            self.env,
            login="gb_tour_director",
            name="Tour Director",
            groups="ejournal_school.group_ejournal_control",
            company_id=self.school.id,
            company_ids=[Command.set(self.school.ids)],
            tz=SCHOOL_TZ,
        )

    def _url(self):
        return (
            f"{ACTION_URL}?class_id={self.class_5a.id}&subject_id={self.subject.id}"
            f"&period_id={self.period.id}"
        )

    def test_gradebook_period_mark_tour(self):
        """REQ-46: the class teacher sets the quarter mark by accepting the
        proposal (Enter on the empty cell of the last open column); REQ-43:
        "all present" marks today's lesson taken; REQ-44: a closed period cell
        says why and keeps nothing typed."""
        first = self.students[0]
        PeriodMark = self.env["ejournal.period.mark"]
        self.assertFalse(PeriodMark.search([("student_id", "=", first.id)]))
        self.assertFalse(self.lesson_today.attendance_taken)
        self.start_tour(
            self._url(), "ejournal_gradebook_period_mark_tour", login="gb_tour_teacher"
        )
        mark = PeriodMark.search([("student_id", "=", first.id)])
        self.assertEqual(len(mark), 1)
        self.assertEqual(mark.period_id, self.period)
        self.assertEqual(mark.subject_id, self.subject)
        self.assertEqual(mark.value_id, self.v4)
        self.assertEqual(mark.create_uid, self.user_teacher)
        # Nothing was kept of the key typed in the closed annual cell.
        self.assertFalse(
            PeriodMark.search([("student_id", "in", self.students.ids)]) - mark
        )
        self.lesson_today.invalidate_recordset(["attendance_taken"])
        self.assertTrue(self.lesson_today.attendance_taken)
        self.assertFalse(
            self.env["ejournal.attendance"].search(
                [("lesson_id", "=", self.lesson_today.id)]
            )
        )

    def test_gradebook_director_tour(self):
        """REQ-03: the director (control) reads the gradebook: no typing legend,
        no "all present", read only."""
        self.start_tour(
            self._url(), "ejournal_gradebook_director_tour", login="gb_tour_director"
        )
        self.assertFalse(self.lesson_today.attendance_taken)
