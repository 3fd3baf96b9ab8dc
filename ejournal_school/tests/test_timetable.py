"""Timetable, calendar, lesson generator, day transfers and substitutions."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

from .common_journal import TODAY, EjournalJournalCommon

# The record rules of marks refuse the operation (%) to a teacher who does not
# conduct the lesson.
MARK_HIDDEN = "doesn't have '%s' access to:\n- Mark (ejournal.mark)\n"
LESSON_HIDDEN = "doesn't have 'read' access to:\n- Lesson (ejournal.lesson)\n"


@tagged("ejournal", "ejournal_journal")
class TestTimetable(EjournalJournalCommon):
    def _maths_5a(self, period=None):
        period = period or self.quarter_1
        return self.env["ejournal.lesson"].search(
            [
                ("class_id", "=", self.class_5a.id),
                ("subject_id", "=", self.subject_math.id),
                ("date", ">=", period.date_start),
                ("date", "<=", period.date_end),
            ]
        )

    @staticmethod
    def _snapshot(lessons):
        return {
            lesson.id: (
                lesson.date,
                lesson.lesson_number,
                lesson.teacher_id.id,
                lesson.substitute_teacher_id.id,
                lesson.room,
                lesson.topic,
                lesson.state,
                lesson.slot_id.id,
            )
            for lesson in lessons
        }

    def test_generator_school_days(self):
        """REQ-30, REQ-31: the generator creates a lesson for every school day of
        the period from the weekday's slot, skipping weekends and holidays; a
        transferred Saturday works with Monday's timetable."""
        holiday_day = date(2026, 10, 5)  # a Monday
        self.env["ejournal.holiday"].create(
            {
                "name": "День учителя",
                "year_id": self.year.id,
                "kind": "holiday",
                "date_start": holiday_day,
                "date_end": holiday_day,
            }
        )
        saturday = date(2026, 10, 10)
        self.env["ejournal.day.transfer"].create(
            {"date": saturday, "weekday": "0", "year_id": self.year.id}
        )

        created = self.quarter_1._generate_lessons()

        expected = {}
        day = self.quarter_1.date_start
        while day <= self.quarter_1.date_end:
            if day.weekday() < 5 and day != holiday_day:
                expected[day] = day.weekday()
            day += timedelta(days=1)
        expected[saturday] = 0
        lessons = self._maths_5a()
        self.assertEqual(
            {lesson.date: int(lesson.slot_id.weekday) for lesson in lessons},
            expected,
            "one maths lesson of 5А on each school day, from that day's timetable",
        )
        self.assertEqual(len(lessons), len(expected), "no day has two lessons")
        # The three lessons of the fixture already existed: not created again.
        self.assertEqual(len(created), len(expected) - 3)
        self.assertFalse(
            created & (self.lesson_yesterday | self.lesson_today | self.lesson_future)
        )
        on_saturday = lessons.filtered(lambda lesson: lesson.date == saturday)
        self.assertEqual(on_saturday.slot_id, self.slot_math_mon)
        self.assertEqual(on_saturday.lesson_number, 1)
        for lesson in lessons:
            slot = lesson.slot_id
            self.assertEqual(
                (lesson.lesson_number, lesson.teacher_id, lesson.room),
                (slot.lesson_number, slot.teacher_id, slot.room),
            )
        self.assertEqual(lessons.period_id, self.quarter_1)

    def test_generator_rerun_changes_nothing(self):
        """REQ-30: running the generator again creates nothing and changes
        nothing: topics, substitutions and cancellations survive."""
        self.quarter_1._generate_lessons()
        lessons = self._maths_5a()
        self.lesson_today.write(
            {
                "topic": "Дроби",
                "substitute_teacher_id": self.employee_other_teacher.id,
                "room": "305",
            }
        )
        monday = lessons.filtered(lambda lesson: lesson.date == date(2026, 10, 19))
        monday.action_cancel()
        before = self._snapshot(lessons)

        created = self.quarter_1._generate_lessons()

        self.assertFalse(created)
        after_lessons = self._maths_5a()
        self.assertEqual(after_lessons, lessons)
        self.assertEqual(self._snapshot(after_lessons), before)
        self.assertEqual(self.lesson_today.topic, "Дроби")
        self.assertEqual(monday.state, "cancelled")

    def test_generator_keeps_marked_lesson(self):
        """REQ-30, REQ-45: a lesson with a mark survives a timetable change and a
        new run of the generator, with its mark."""
        mark = self._past_mark(self.lesson_yesterday, self.student_5a_1)
        # The deputy moves maths from Tuesday to lesson 3 and reruns.
        self.slot_math_tue.unlink()
        self.env["ejournal.timetable.slot"].create(
            self._slot_vals(self.class_5a, "1", 3)
        )
        self.quarter_1._generate_lessons()
        self.assertTrue(self.lesson_yesterday.exists())
        self.assertTrue(mark.exists())
        self.assertEqual(mark.lesson_id, self.lesson_yesterday)
        tuesday = self._maths_5a().filtered(
            lambda lesson: lesson.date == self.lesson_yesterday.date
        )
        self.assertEqual(
            sorted(tuesday.mapped("lesson_number")),
            [2, 3],
            "the new slot adds its lesson beside the old one, which is kept",
        )

    def test_grade_one_vacation(self):
        """REQ-11, REQ-30: an extra vacation of grade 1 removes the lessons of
        grade 1 only."""
        class_1a = self._create_class(1, "А")
        self.env["ejournal.timetable.slot"].create(
            self._slot_vals(
                class_1a, "0", 1, teacher_id=self.employee_other_teacher.id, room="101"
            )
        )
        vacation_monday = date(2026, 10, 19)
        self.env["ejournal.holiday"].create(
            {
                "name": "Дополнительные каникулы 1 классов",
                "year_id": self.year.id,
                "kind": "vacation",
                "grade_level": 1,
                "date_start": vacation_monday,
                "date_end": vacation_monday + timedelta(days=4),
            }
        )
        self.quarter_1._generate_lessons()

        Lesson = self.env["ejournal.lesson"]
        first_grade = Lesson.search([("class_id", "=", class_1a.id)])
        self.assertTrue(first_grade)
        self.assertNotIn(vacation_monday, first_grade.mapped("date"))
        self.assertIn(vacation_monday - timedelta(days=7), first_grade.mapped("date"))
        self.assertIn(vacation_monday, self._maths_5a().mapped("date"))
        # The calendar itself: grade 1 rests, grade 5 works.
        self.assertNotIn(
            vacation_monday,
            self.year._calendar(vacation_monday, vacation_monday, 1),
        )
        self.assertIn(
            vacation_monday, self.year._calendar(vacation_monday, vacation_monday, 5)
        )
        with self.assertRefused(
            ValidationError,
            "No lesson can take place on",
            "2026-10-19",
            ": Дополнительные каникулы 1 классов.",
        ):
            self._create_lesson(
                vacation_monday,
                class_id=class_1a.id,
                teacher_id=self.employee_other_teacher.id,
            )

    def test_teacher_clash(self):
        """REQ-30: a teacher cannot teach two classes at the same time."""
        Slot = self.env["ejournal.timetable.slot"]
        with self.assertRefused(
            ValidationError,
            f"Timetable clash for teacher {self.employee_teacher.name}: 6А ",
        ):
            Slot.create(self._slot_vals(self.class_6a, "0", 1, room="305"))
        self.assertFalse(Slot.search([("class_id", "=", self.class_6a.id)]))
        allowed = Slot.create(self._slot_vals(self.class_6a, "0", 3, room="305"))
        self.assertEqual(allowed.teacher_id, self.employee_teacher)

    def test_class_clash_and_subgroups(self):
        """REQ-13, REQ-30: a class has one lesson at a time, but two subgroups of
        one class may learn at the same time."""
        Slot = self.env["ejournal.timetable.slot"]
        with self.assertRefused(ValidationError, "Timetable clash for class 5А: "):
            Slot.create(
                self._slot_vals(
                    self.class_5a,
                    "0",
                    1,
                    subject_id=self.subject_russian.id,
                    teacher_id=self.employee_other_teacher.id,
                    room="305",
                )
            )
        group_2 = self._create_subgroup(
            self.class_5a, self.subject_english, self.student_5a_3, name="Группа 2"
        )
        english = {"subject_id": self.subject_english.id}
        group_1_slot, group_2_slot = Slot.create(
            [
                self._slot_vals(
                    self.class_5a,
                    "0",
                    4,
                    subgroup_id=self.subgroup_5a_english.id,
                    teacher_id=self.employee_other_teacher.id,
                    room="305",
                    **english,
                ),
                self._slot_vals(
                    self.class_5a,
                    "0",
                    4,
                    subgroup_id=group_2.id,
                    teacher_id=self.employee_class_teacher.id,
                    room="306",
                    **english,
                ),
            ]
        )
        self.assertTrue(group_1_slot and group_2_slot)
        # The whole class at that time clashes with its subgroups, and one
        # subgroup cannot have two lessons at once.
        with self.assertRefused(ValidationError, "Timetable clash for class 5А: "):
            Slot.create(self._slot_vals(self.class_5a, "0", 4, room="307"))
        with self.assertRefused(ValidationError, "Timetable clash for class 5А: "):
            Slot.create(
                self._slot_vals(
                    self.class_5a,
                    "0",
                    4,
                    subgroup_id=group_2.id,
                    room="307",
                    **english,
                )
            )
        self.assertEqual(
            Slot.search_count(
                [("class_id", "=", self.class_5a.id), ("lesson_number", "=", 4)]
            ),
            2,
        )

    def test_room_clash(self):
        """REQ-30: a room holds one lesson at a time."""
        Slot = self.env["ejournal.timetable.slot"]
        other = {"teacher_id": self.employee_other_teacher.id}
        with self.assertRefused(ValidationError, "Timetable clash for room 201: 6А "):
            Slot.create(self._slot_vals(self.class_6a, "0", 1, room="201", **other))
        allowed = Slot.create(
            self._slot_vals(self.class_6a, "0", 1, room="305", **other)
        )
        self.assertEqual(allowed.room, "305")
        # Slots valid in different parts of the year do not clash.
        self.slot_math_fri.date_to = "2026-12-29"
        later = Slot.create(
            self._slot_vals(
                self.class_6a, "4", 1, room="201", date_from="2027-01-11", **other
            )
        )
        with self.assertRefused(ValidationError, "Timetable clash for room 201: 6А "):
            later.date_from = "2026-12-01"
        self.assertEqual(later.date_from, date(2027, 1, 11))

    def test_no_lesson_on_holiday_or_weekend(self):
        """REQ-30: no lesson on a holiday or a day off of the school week."""
        holiday = date(2026, 10, 5)
        self.env["ejournal.holiday"].create(
            {
                "name": "День учителя",
                "year_id": self.year.id,
                "date_start": holiday,
                "date_end": holiday,
            }
        )
        with self.assertRefused(
            ValidationError,
            "No lesson can take place on",
            "2026-10-05",
            ": День учителя.",
        ):
            self._create_lesson(holiday)
        with self.assertRefused(
            ValidationError,
            "No lesson can take place on",
            "2026-10-17",
            ": not a school day of the week.",
        ):
            self._create_lesson(date(2026, 10, 17))  # a Saturday
        self.assertEqual(
            self._maths_5a().mapped("date").count(holiday), 0, "nothing was saved"
        )
        lesson = self._create_lesson(holiday + timedelta(days=1))
        self.assertEqual(lesson.date, date(2026, 10, 6))
        with self.assertRefused(
            ValidationError,
            "No lesson can take place on",
            "2026-10-05",
            ": День учителя.",
        ):
            with journal_unlocked():  # past its day only code may try
                lesson.date = holiday
        self.assertEqual(lesson.date, date(2026, 10, 6))

    def test_day_transfer_is_late(self):
        """REQ-31: a transfer entered less than 3 working days before the day is
        flagged late; one entered in time is not."""
        Transfer = self.env["ejournal.day.transfer"]
        in_time = Transfer.create(
            {"date": "2026-10-24", "weekday": "0", "year_id": self.year.id}
        )
        self.assertEqual(in_time.entered_on, TODAY)
        self.assertFalse(in_time.is_late)
        with freeze_time("2026-10-15 04:00:00"):
            late = Transfer.create(
                {"date": "2026-10-17", "weekday": "4", "year_id": self.year.id}
            )
        self.assertEqual(late.entered_on, date(2026, 10, 15))
        self.assertTrue(late.is_late)
        # Entered late, it still works: the Saturday is a school day.
        self.assertEqual(
            self.year._calendar(date(2026, 10, 17), date(2026, 10, 17)),
            {date(2026, 10, 17): 4},
        )

    def test_substitution(self):
        """REQ-33: the substitute writes the marks of the lesson they conduct;
        another teacher cannot."""
        Mark = self.env["ejournal.mark"]
        vals = self._mark_vals(self.lesson_today, self.student_5a_1)
        # Not the substitute yet, they do not even read the lesson of 5А.
        with (
            mute_logger("odoo.models"),
            self.assertRefused(AccessError, LESSON_HIDDEN),
        ):
            Mark.with_user(self.user_other_teacher).create(vals)
        self.assertNothingSaved(
            "ejournal.mark", [("lesson_id", "=", self.lesson_today.id)]
        )

        self.lesson_today.with_user(
            self.user_deputy
        ).substitute_teacher_id = self.employee_other_teacher
        self.assertEqual(
            self.lesson_today.teacher_name, self.employee_other_teacher.name
        )
        mark = Mark.with_user(self.user_other_teacher).create(vals)
        self.assertEqual(mark.create_uid, self.user_other_teacher)
        mark.with_user(self.user_other_teacher).value_id = self.v4
        self.assertEqual(mark.value_id, self.v4)

        with (
            mute_logger("odoo.models"),
            self.assertRefused(AccessError, MARK_HIDDEN % "create"),
        ):
            Mark.with_user(self.user_class_teacher).create(
                self._mark_vals(self.lesson_today, self.student_5a_2)
            )
        with (
            mute_logger("odoo.models"),
            self.assertRefused(AccessError, MARK_HIDDEN % "write"),
        ):
            mark.with_user(self.user_class_teacher).value_id = self.v2
        self.assertEqual(mark.value_id, self.v4)
        self.assertEqual(Mark.search([("lesson_id", "=", self.lesson_today.id)]), mark)
