from datetime import timedelta

from odoo.tests import tagged
from odoo.tools import format_date

from odoo.addons.ejournal_school.models.ejournal_journal_entry import journal_unlocked

from .common import PASSWORD, DiaryCase, DiaryHttpCase


@tagged("post_install", "-at_install")
class TestDiaryProposalAndPeriods(DiaryCase):
    """The marks page: the proposal while it helps, the class's periods."""

    def _rows(self, period):
        marks = self.child_a.with_user(self.user_parent)._diary_marks(period)
        return {row["subject"]: row for row in marks["subjects"]}

    def test_proposal_hidden_once_period_mark_or_period_ended(self):
        """REQ-71, REQ-46: the proposed mark is shown while the period runs
        and no period mark is set; not beside the period mark, not after the
        period's end."""
        with journal_unlocked():
            ended_lesson = self.env["ejournal.lesson"].create(
                self._lesson_vals(
                    self.class_5a, self.monday - timedelta(days=6), 2, self.russian
                )
            )
            self.env["ejournal.mark"].create(
                self._mark_vals(ended_lesson, self.child_a, self.v5, self.wt_answer)
            )
        ended = self._rows(self.quarter_1)
        # Ended, with a period mark (maths) and without one (Russian).
        self.assertEqual(ended[self.math]["period_mark"], self.period_mark_a)
        self.assertFalse(ended[self.math]["proposed"])
        self.assertFalse(ended[self.russian]["period_mark"])
        self.assertFalse(ended[self.russian]["proposed"])
        self.assertAlmostEqual(ended[self.russian]["average"], 5.0)
        # Running: proposed until the period mark is set.
        running = self._rows(self.quarter_2)
        self.assertEqual(running[self.math]["proposed"], self.v4)
        with journal_unlocked():
            self.env["ejournal.period.mark"].create(
                {
                    "student_id": self.child_a.id,
                    "class_id": self.class_5a.id,
                    "subject_id": self.math.id,
                    "kind": "quarter",
                    "period_id": self.quarter_2.id,
                    "value_id": self.v4.id,
                }
            )
        running = self._rows(self.quarter_2)
        self.assertTrue(running[self.math]["period_mark"])
        self.assertFalse(running[self.math]["proposed"])

    def test_periods_of_the_class_kind(self):
        """REQ-71: a class works by quarters or by half-years as the school
        sets by grade; the diary lists the periods of that kind only."""
        half_1, half_2 = self.env["ejournal.period"].create(
            [
                {
                    "name": "1st half-year",
                    "year_id": self.year.id,
                    "kind": "half_year",
                    "date_start": self.year.date_start,
                    "date_end": self.monday + timedelta(weeks=8),
                },
                {
                    "name": "2nd half-year",
                    "year_id": self.year.id,
                    "kind": "half_year",
                    "date_start": self.monday + timedelta(weeks=8, days=1),
                    "date_end": self.year.date_end,
                },
            ]
        )
        child = self.child_a.with_user(self.user_parent)
        self.assertEqual(self.school.ejournal_half_year_grade, 10)
        self.assertEqual(child._diary_period_kind(self.class_5a), "quarter")
        self.assertEqual(list(child._diary_periods()), [self.quarter_1, self.quarter_2])
        self.assertEqual(
            child._diary_week(self.today)["period"], self.quarter_2, "week: quarter"
        )
        # The school assesses grade 5 and above by half-years.
        self.school.ejournal_half_year_grade = 5
        self.assertEqual(child._diary_period_kind(self.class_5a), "half_year")
        periods = child._diary_periods()
        self.assertEqual(list(periods), [half_1, half_2])
        self.assertEqual(child._diary_default_period(periods), half_1)
        self.assertEqual(child._diary_week(self.today)["period"], half_1)
        # 0: every class by quarters.
        self.school.ejournal_half_year_grade = 0
        self.assertEqual(list(child._diary_periods()), [self.quarter_1, self.quarter_2])

    def test_homework_due_day(self):
        """REQ-70: homework says for which day: the next lesson of the subject
        (a cancelled one does not count), else the lesson's own date."""
        with journal_unlocked():
            Homework = self.env["ejournal.homework"]
            russian_thu = self.lesson(self.class_5a, 3, 2)
            math_fri = self.lesson(self.class_5a, 4, 1)
            Homework.create(
                [
                    {"lesson_id": russian_thu.id, "kind": "general", "text": "Rule"},
                    {"lesson_id": math_fri.id, "kind": "general", "text": "Sums"},
                ]
            )
        week = self.child_a.with_user(self.user_parent)._diary_week(self.today)
        due = {
            row["lesson"]: row["homework_due"]
            for day in week["days"]
            for row in day["lessons"]
            if row["homeworks"]
        }
        # Monday's maths for Tuesday's maths, Tuesday's for Wednesday's.
        self.assertEqual(due[self.lesson(self.class_5a, 0, 1)], self.week[1])
        self.assertEqual(due[self.lesson(self.class_5a, 1, 1)], self.week[2])
        # Friday's Russian is cancelled, then the vacation: for the lesson's day.
        self.assertEqual(due[russian_thu], self.week[3])
        self.assertEqual(due[math_fri], self.week[4])


@tagged("post_install", "-at_install")
class TestDiaryMarksPage(DiaryHttpCase):
    def test_picker_names_the_kind(self):
        """REQ-71: the period picker shows the kind the class works by."""
        self.authenticate("diary_parent", PASSWORD)
        page = self.url_open(self.url(self.child_a, "marks")).text
        self.assertIn('<span class="o_diary_period_kind">Quarter</span>', page)
        self.assertNotIn("Half-year", page)

    def test_homework_due_shown(self):
        """REQ-70: the week says for which day the homework is."""
        self.authenticate("diary_parent", PASSWORD)
        page = self.url_open(self.url(self.child_a)).text
        label = format_date(self.env, self.week[1], date_format="EEEE, d MMMM")
        self.assertIn(
            f'o_diary_homework_due" data-date="{self.week[1].isoformat()}">'
            f"for {label}</span>",
            page,
        )
