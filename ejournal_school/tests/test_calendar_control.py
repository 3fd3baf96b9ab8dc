"""Calendar changes, lesson state, control lists, record names (REQ-30, REQ-31,
REQ-44, REQ-45, REQ-47, REQ-92)."""

import ast
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError

from .common_journal import TODAY, TOMORROW, YESTERDAY, EjournalJournalCommon

FRIDAY = date(2026, 10, 16)
SATURDAY = date(2026, 10, 17)


class TestLessonState(EjournalJournalCommon):
    # 09:00 in Bishkek: lesson 1 (08:00–08:45) is over, lesson 2 (08:55–) is not.
    frozen_now = "2026-10-14 03:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lesson_today_2 = cls._create_lesson(TODAY, number=2)

    def test_lesson_due_after_its_bell(self):
        """REQ-47: a lesson ends at its bell's end in the school's time zone."""
        self.assertEqual(self.lesson_today.ends_at, datetime(2026, 10, 14, 2, 45))
        self.assertEqual(self.lesson_today_2.ends_at, datetime(2026, 10, 14, 3, 40))
        self.bell_2.time_end = 10.0
        self.assertEqual(self.lesson_today_2.ends_at, datetime(2026, 10, 14, 4, 0))

    def test_past_filter_leaves_out_lessons_later_today(self):
        """REQ-47: "past lessons" of the control lists are those whose bell rang."""
        view = self.env.ref("ejournal_school.ejournal_lesson_view_search")
        past = view.arch.split('name="past" domain="')[1].split('"')[0]
        domain = ast.literal_eval(past.replace("&lt;", "<").replace("&gt;", ">"))
        found = self.env["ejournal.lesson"].search(
            domain + [("class_id", "=", self.class_5a.id)]
        )
        self.assertEqual(found, self.lesson_yesterday | self.lesson_today)

    def test_held_state(self):
        """REQ-45: held once its time is over or its journal filled; a cancelled
        lesson stays cancelled."""
        Lesson = self.env["ejournal.lesson"]
        self.assertEqual(self.lesson_yesterday.lesson_state, "held")
        self.assertEqual(self.lesson_today.lesson_state, "held")
        self.assertEqual(self.lesson_today_2.lesson_state, "planned")
        self.assertEqual(self.lesson_future.lesson_state, "planned")
        self.assertEqual(
            Lesson.search(
                [("lesson_state", "=", "held"), ("class_id", "=", self.class_5a.id)]
            ),
            self.lesson_yesterday | self.lesson_today,
        )
        self.lesson_today_2.with_user(self.user_teacher).topic = "Дроби"
        self.assertEqual(self.lesson_today_2.lesson_state, "held")
        # A held lesson of today without facts is cancelled like a planned one.
        self.lesson_today.with_user(self.user_deputy).action_cancel()
        self.assertEqual(self.lesson_today.lesson_state, "cancelled")
        self.assertIn(
            self.lesson_today,
            Lesson.search([("lesson_state", "=", "cancelled")]),
        )
        self.assertEqual(self.lesson_today.state, "cancelled")

    def test_page_editable(self):
        """REQ-44: the form shows a closed page read-only, for whoever looks."""

        def editable(lesson, user):
            lesson = lesson.with_user(user)
            return lesson.page_editable, lesson.entries_editable

        self.assertEqual(editable(self.lesson_today, self.user_teacher), (True, True))
        self.assertEqual(
            editable(self.lesson_yesterday, self.user_teacher), (False, False)
        )
        self.assertEqual(editable(self.lesson_future, self.user_teacher), (True, False))
        self.assertEqual(
            editable(self.lesson_today, self.user_other_teacher), (False, False)
        )

    def test_no_sums_of_numbers(self):
        """REQ-47: lesson numbers and grades are identifiers, never summed."""
        for model, name in (
            ("ejournal.lesson", "lesson_number"),
            ("ejournal.timetable.slot", "lesson_number"),
            ("ejournal.bell", "lesson_number"),
            ("ejournal.class", "grade_level"),
            ("ejournal.holiday", "grade_level"),
        ):
            with self.subTest(model=model):
                self.assertFalse(self.env[model]._fields[name].aggregator)


class TestCalendarChanges(EjournalJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lesson_friday = cls._create_lesson(FRIDAY, slot=cls.slot_math_fri)

    def _holiday(self, start, end=None, user=None):
        return (
            self.env["ejournal.holiday"]
            .with_user(user or self.user_deputy)
            .create(
                {
                    "name": "Праздничный день",
                    "year_id": self.year.id,
                    "date_start": start,
                    "date_end": end or start,
                }
            )
        )

    def _lessons_on(self, day):
        return self.env["ejournal.lesson"].search(
            [("class_id", "=", self.class_5a.id), ("date", "=", day)]
        )

    def test_holiday_removes_its_lessons(self):
        """REQ-31: a holiday added after generation leaves no lesson that day;
        removed again, the timetable's lessons come back."""
        holiday = self.env["ejournal.holiday"].new(
            {"year_id": self.year.id, "date_start": FRIDAY, "date_end": FRIDAY}
        )
        self.assertEqual(holiday.affected_lesson_ids._origin, self.lesson_friday)
        self.assertEqual(holiday.blocking_lesson_count, 0)
        holiday = self._holiday(FRIDAY)
        self.assertFalse(self.lesson_friday.exists())
        self.assertFalse(self._lessons_on(FRIDAY))
        holiday.with_user(self.user_deputy).unlink()
        again = self._lessons_on(FRIDAY)
        self.assertEqual(again.slot_id, self.slot_math_fri)

    def test_holiday_refused_over_facts_or_past(self):
        """REQ-31, REQ-45: lessons with facts, or past, are listed and kept."""
        self.env["ejournal.homework"].create(
            {"lesson_id": self.lesson_future.id, "text": "§ 12"}
        )
        with self.assertRefused(UserError, "correction", "15.10.2026"):
            self._holiday(TOMORROW, FRIDAY)
        self.assertTrue(self.lesson_future.exists())
        self.assertTrue(self.lesson_friday.exists())
        self.assertFalse(
            self.env["ejournal.holiday"].search([("date_start", "=", TOMORROW)])
        )
        with self.assertRefused(UserError, "13.10.2026"):
            self._holiday(YESTERDAY)
        # Today's lesson 1 is over at 16:00: kept too.
        with self.assertRefused(UserError, "14.10.2026"):
            self._holiday(TODAY)

    def test_day_transfer_regenerates(self):
        """REQ-31: a transferred day's lessons follow the other weekday."""
        self.assertEqual(self.lesson_future.lesson_number, 2)
        transfer = (
            self.env["ejournal.day.transfer"]
            .with_user(self.user_deputy)
            .create({"date": TOMORROW, "weekday": "0", "year_id": self.year.id})
        )
        self.assertFalse(self.lesson_future.exists())
        lesson = self._lessons_on(TOMORROW)
        self.assertEqual(lesson.slot_id, self.slot_math_mon)
        self.assertEqual(lesson.lesson_number, 1)
        transfer.with_user(self.user_deputy).unlink()
        self.assertEqual(self._lessons_on(TOMORROW).slot_id, self.slot_math_thu)
        # A Saturday made to work with Monday's timetable.
        self.env["ejournal.day.transfer"].with_user(self.user_deputy).create(
            {"date": SATURDAY, "weekday": "0", "year_id": self.year.id}
        )
        self.assertEqual(self._lessons_on(SATURDAY).slot_id, self.slot_math_mon)

    def test_day_transfer_refused_over_facts(self):
        """REQ-31, REQ-45: a lesson with a topic is not replaced."""
        self.lesson_future.with_user(self.user_teacher).topic = "Дроби"
        with self.assertRefused(UserError, "correction", "15.10.2026"):
            self.env["ejournal.day.transfer"].with_user(self.user_deputy).create(
                {"date": TOMORROW, "weekday": "0", "year_id": self.year.id}
            )
        self.assertTrue(self.lesson_future.exists())


class TestGenerateFromTimetable(EjournalJournalCommon):
    def test_slot_dates_default_from_year(self):
        """REQ-30: a new slot is valid for the school year of its class."""
        Slot = self.env["ejournal.timetable.slot"]
        slot = Slot.with_context(default_class_id=self.class_5a.id).new({})
        self.assertEqual(
            (slot.date_from, slot.date_to), (self.year.date_start, self.year.date_end)
        )
        self.assertEqual(Slot.new({}).date_from, self.year.date_start)
        self.assertEqual(Slot.new({}).display_name, "New Timetable Slot")

    def test_generate_lessons_from_slot(self):
        """REQ-30: a new slot's lessons from today on, after a count and range."""
        slot = self.env["ejournal.timetable.slot"].create(
            self._slot_vals(self.class_5a, "0", 3, subject_id=self.subject_russian.id)
        )
        action = slot.with_user(self.user_deputy).action_generate_lessons()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard = wizard.with_user(self.user_deputy)
        self.assertEqual(wizard.first_date, date(2026, 10, 19))
        self.assertEqual(wizard.last_date, date(2027, 5, 31))
        count = wizard.lesson_count
        self.assertGreater(count, 20)
        self.assertIn(f"{count} lessons will be created", wizard.summary)
        wizard.action_generate()
        lessons = self.env["ejournal.lesson"].search([("slot_id", "=", slot.id)])
        self.assertEqual(len(lessons), count)
        self.assertGreaterEqual(min(lessons.mapped("date")), TODAY)
        wizard.invalidate_recordset()
        self.assertEqual(wizard.lesson_count, 0)
        with self.assertRaises(AccessError):
            slot.with_user(self.user_teacher).action_generate_lessons()


class TestNamesAndCounts(EjournalJournalCommon):
    def test_new_records_named(self):
        """REQ-04: no "False", "None" nor technical ids in a record's name."""
        for name in sorted(self.env.registry):
            model = self.env[name]
            if not name.startswith("ejournal.") or model._abstract:
                continue
            if name in (
                "ejournal.audit.log",
                "ejournal.audit.checkpoint",
                "ejournal.correction",
            ):
                continue  # named by their own items
            with self.subTest(model=name):
                label = model.new({}).display_name or ""
                for odd in ("False", "None", "NewId", f"{name},"):
                    self.assertNotIn(odd, label)

    def test_period_mark_and_class_names(self):
        """REQ-04: a breadcrumb names the record; a new class has grade 1."""
        school_class = self.env["ejournal.class"].new({})
        self.assertEqual(school_class.grade_level, 1)
        self.assertEqual(school_class.year_id, self.year)
        self.assertEqual(school_class.display_name, "New Class")
        self.assertEqual(self.class_5a.display_name, "5А")
        mark = self.env["ejournal.period.mark"].new(
            {
                "student_id": self.student_5a_1.id,
                "subject_id": self.subject_math.id,
                "kind": "quarter",
                "period_id": self.quarter_1.id,
                "value_id": self.v4.id,
            }
        )
        self.assertEqual(
            mark.display_name,
            f"{self.student_5a_1.name} · Математика · {self.quarter_1.name}: 4",
        )

    def test_pupil_count_same_for_all(self):
        """REQ-92: a class's count does not depend on who looks."""
        for user in (self.user_class_teacher, self.user_deputy, self.user_teacher):
            with self.subTest(user=user.login):
                self.assertEqual(self.class_6a.with_user(user).student_count, 2)
                self.assertEqual(self.class_5a.with_user(user).student_count, 3)
