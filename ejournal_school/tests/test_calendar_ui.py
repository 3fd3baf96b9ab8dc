"""Tours of the calendar step and the closed lesson form (REQ-31, REQ-44)."""

from datetime import date, timedelta

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ejournal")
class TestCalendarUi(HttpCase):
    def setUp(self):
        super().setUp()
        self.school = self.env["res.company"].create({"name": "Calendar Tour School"})
        self.school.ejournal_tz = "Asia/Bishkek"
        today = self.school._ejournal_today()
        self.year = self.env["ejournal.academic.year"].create(
            {
                "name": "Calendar tour year",
                "date_start": min(today - timedelta(days=30), date(2090, 9, 1)),
                "date_end": date(2091, 5, 31),
                "company_id": self.school.id,
            }
        )
        self.year.action_activate()
        subject = self.env["ejournal.subject"].create(
            {"name": "Математика", "company_id": self.school.id}
        )
        self.teacher_user = new_test_user(
            self.env,
            login="cal_teacher",
            groups="ejournal_school.group_ejournal_teacher",
            company_id=self.school.id,
            company_ids=[self.school.id],
        )
        teacher = self.env["hr.employee"].create(
            {
                "name": "Tour Teacher",
                "company_id": self.school.id,
                "user_id": self.teacher_user.id,
            }
        )
        self.deputy = new_test_user(
            self.env,
            login="cal_deputy",
            groups="ejournal_school.group_ejournal_deputy",
            company_id=self.school.id,
            company_ids=[self.school.id],
        )
        school_class = self.env["ejournal.class"].create(
            {"grade_level": 5, "letter": "А", "year_id": self.year.id}
        )
        # 2091-01-01 is a Monday.
        self.lesson_new_year = self.env["ejournal.lesson"].create(
            {
                "date": date(2091, 1, 1),
                "lesson_number": 1,
                "class_id": school_class.id,
                "subject_id": subject.id,
                "teacher_id": teacher.id,
            }
        )
        past = today - timedelta(days=7)
        if self.year._non_school_day_reason(past):
            self.env["ejournal.day.transfer"].create(
                {"date": past, "weekday": "0", "year_id": self.year.id}
            )
        self.lesson_past = self.env["ejournal.lesson"].create(
            {
                "date": past,
                "lesson_number": 1,
                "class_id": school_class.id,
                "subject_id": subject.id,
                "teacher_id": teacher.id,
            }
        )

    def test_holiday_tour(self):
        """REQ-31: the holiday form lists the lessons it removes; saving does."""
        self.start_tour(
            "/odoo/action-ejournal_school.ejournal_holiday_action/new",
            "ejournal_holiday_tour",
            login="cal_deputy",
        )
        self.assertFalse(self.lesson_new_year.exists())

    def test_closed_lesson_tour(self):
        """REQ-44: a past lesson's page is read-only in the form."""
        self.start_tour(
            f"/odoo/action-ejournal_school.ejournal_lesson_action/{self.lesson_past.id}",
            "ejournal_lesson_closed_tour",
            login="cal_teacher",
        )
