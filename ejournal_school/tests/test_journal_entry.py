"""The lesson page, current marks and attendance (REQ-40 … REQ-43)."""

from datetime import date

from freezegun import freeze_time
from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

from .common_journal import TODAY, YESTERDAY, EjournalJournalCommon

# The record rules of a model refuse an operation to the user:
# HIDDEN % (operation, "Mark (ejournal.mark").
HIDDEN = "doesn't have '%s' access to:\n- %s)\n"
NOT_IN_SCALE = "is not a mark of the scale"
NOT_CANCELLABLE = (
    "is past or has journal entries: ask the deputy director for a correction to "
    "cancel it."
)
REASONS_BY_CLASS_TEACHER = "Only the class teacher of 5А sets absence reasons."
# The lock of the lesson page of 2026-10-14 (topics and homework) and of its
# journal (marks and attendance).
PAGE_LOCKED = (
    "The lesson page of",
    "2026-10-14",
    "is locked: topics and homework are entered on the day of the lesson",
)
JOURNAL_LOCKED = (
    "The journal of",
    "2026-10-13",
    "is locked: marks and attendance are entered on the day of the lesson",
)


@tagged("ejournal", "ejournal_journal")
class TestLessonPage(EjournalJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["ejournal.thematic.plan"].create(
            {
                "teacher_id": cls.employee_teacher.id,
                "subject_id": cls.subject_math.id,
                "class_id": cls.class_5a.id,
                "line_ids": [
                    (0, 0, {"sequence": 1, "name": "Обыкновенные дроби", "hours": 2}),
                    (0, 0, {"sequence": 2, "name": "Десятичные дроби", "hours": 2}),
                ],
            }
        )
        cls.topic_fractions, cls.topic_decimals = cls.plan.line_ids

    def test_topic_from_plan_and_completion(self):
        """REQ-40: a lesson takes its topic from the thematic plan; conducted
        hours and program completion follow the lessons, cancelled ones
        excluded."""
        self.assertEqual((self.plan.planned_hours, self.plan.conducted_hours), (4, 0))
        self.lesson_today.with_user(
            self.user_teacher
        ).plan_line_id = self.topic_fractions
        self.assertEqual(self.lesson_today.topic, "Обыкновенные дроби")
        self.assertTrue(self.lesson_today.has_topic)
        with journal_unlocked():
            self.lesson_yesterday.plan_line_id = self.topic_fractions
        self.plan.invalidate_recordset()
        self.topic_fractions.invalidate_recordset()
        self.assertEqual(self.topic_fractions.conducted_hours, 2)
        self.assertEqual(self.plan.conducted_hours, 2)
        self.assertAlmostEqual(self.plan.completion, 50.0)

        # The teacher may word the topic differently from the plan.
        self.lesson_today.with_user(self.user_teacher).topic = "Дроби: сравнение"
        self.assertEqual(self.lesson_today.topic, "Дроби: сравнение")
        self.assertEqual(self.lesson_today.plan_line_id, self.topic_fractions)

        with journal_unlocked():  # cancelled through an approved correction
            self.lesson_yesterday.action_cancel()
        self.plan.invalidate_recordset()
        self.topic_fractions.invalidate_recordset()
        self.assertEqual(self.topic_fractions.conducted_hours, 1)
        self.assertAlmostEqual(self.plan.completion, 25.0)

    def test_homework_general_and_individual(self):
        """REQ-41: general homework for the class and individual homework for
        named pupils of the lesson; a stranger to the lesson is refused."""
        Homework = self.env["ejournal.homework"].with_user(self.user_teacher)
        general = Homework.create(
            {"lesson_id": self.lesson_today.id, "text": "№ 125, 126"}
        )
        individual = Homework.create(
            {
                "lesson_id": self.lesson_today.id,
                "kind": "individual",
                "text": "Карточка 3",
                "student_ids": [(6, 0, self.student_5a_1.ids)],
            }
        )
        self.assertEqual(general.kind, "general")
        self.assertEqual(self.lesson_today.homework_ids, general | individual)
        self.assertTrue(self.lesson_today.has_homework)

        stranger = {
            "lesson_id": self.lesson_today.id,
            "kind": "individual",
            "text": "Карточка 4",
            "student_ids": [(6, 0, self.student_6a_1.ids)],
        }
        with self.assertRefused(
            ValidationError, f"{self.student_6a_1.name} do not attend this lesson."
        ):
            self.env["ejournal.homework"].create(stranger)
        # The teacher does not even read the pupils of a class they don't teach.
        with (
            mute_logger("odoo.models"),
            self.assertRefused(
                AccessError,
                "Failed to write field ejournal.homework.student_ids",
                HIDDEN % ("read", "Student (ejournal.student"),
            ),
        ):
            Homework.create(stranger)
        # A pupil of the class outside the lesson's subgroup is a stranger too.
        english = self._create_lesson(
            TODAY,
            number=4,
            subject_id=self.subject_english.id,
            subgroup_id=self.subgroup_5a_english.id,
        )
        with self.assertRefused(
            ValidationError, f"{self.student_5a_3.name} do not attend this lesson."
        ):
            Homework.create(
                dict(
                    stranger,
                    lesson_id=english.id,
                    student_ids=[(6, 0, self.student_5a_3.ids)],
                )
            )
        Homework.create(
            dict(
                stranger,
                lesson_id=english.id,
                student_ids=[(6, 0, self.student_5a_2.ids)],
            )
        )
        with self.assertRefused(
            ValidationError, "Individual homework needs at least one student."
        ):
            Homework.create(
                {
                    "lesson_id": self.lesson_today.id,
                    "kind": "individual",
                    "text": "Никому",
                }
            )
        with self.assertRefused(
            ValidationError, f"{self.student_6a_1.name} do not attend this lesson."
        ):
            individual.sudo().student_ids = [(4, self.student_6a_1.id)]
        self.assertEqual(
            self.env["ejournal.homework"].search(
                [("lesson_id", "=", self.lesson_today.id)]
            ),
            general | individual,
        )
        self.assertEqual(individual.student_ids, self.student_5a_1)

    def test_page_open_on_the_day_locked_after(self):
        """REQ-44: topic and homework are written on the lesson's day; the page
        of a past lesson is locked for everybody."""
        lesson = self.lesson_today
        lesson.with_user(self.user_teacher).write(
            {"topic": "Сложение дробей", "material": "§ 12"}
        )
        homework = (
            self.env["ejournal.homework"]
            .with_user(self.user_teacher)
            .create({"lesson_id": lesson.id, "text": "№ 130"})
        )
        self.assertEqual(lesson.topic, "Сложение дробей")

        with freeze_time("2026-10-15 04:00:00"):
            lesson.invalidate_recordset()
            for env in (self.env, lesson.with_user(self.user_teacher).env):
                with self.assertLocked(*PAGE_LOCKED):
                    lesson.with_env(env).topic = "Задним числом"
                with self.assertLocked(*PAGE_LOCKED):
                    lesson.with_env(env).plan_line_id = self.topic_decimals
                with self.assertLocked(*PAGE_LOCKED):
                    homework.with_env(env).text = "№ 131"
                with self.assertLocked(*PAGE_LOCKED):
                    env["ejournal.homework"].create(
                        {"lesson_id": lesson.id, "text": "Новое"}
                    )
                with self.assertLocked(*PAGE_LOCKED):
                    homework.with_env(env).unlink()
        lesson.invalidate_recordset()
        homework.invalidate_recordset()
        self.assertEqual(lesson.topic, "Сложение дробей")
        self.assertFalse(lesson.plan_line_id)
        self.assertEqual(lesson.homework_ids, homework)
        self.assertEqual(homework.text, "№ 130")


@tagged("ejournal", "ejournal_journal")
class TestMarksAndAttendance(EjournalJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lesson_english = cls._create_lesson(
            TODAY,
            number=4,
            subject_id=cls.subject_english.id,
            subgroup_id=cls.subgroup_5a_english.id,
        )

    def test_several_marks_per_lesson(self):
        """REQ-42: a pupil may get several marks at one lesson, one per work
        type."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        answer = Mark.create(self._mark_vals(self.lesson_today, self.student_5a_1))
        test = Mark.create(
            self._mark_vals(self.lesson_today, self.student_5a_1, self.v4, self.wt_test)
        )
        self.assertEqual(self.lesson_today.mark_ids, answer | test)
        self.assertEqual(self.lesson_today.mark_count, 2)
        self.assertEqual(answer.display_name, "5 (Oral answer)")
        self.assertEqual((test.weight, test.numeric_value), (1.5, 4.0))
        with (
            mute_logger("odoo.sql_db"),
            self.assertRefused(
                UniqueViolation, '"ejournal_mark_lesson_student_work_type_uniq"'
            ),
        ):
            with self.env.cr.savepoint():
                Mark.create(
                    self._mark_vals(self.lesson_today, self.student_5a_1, self.v3)
                )
        self.assertEqual(
            self.env["ejournal.mark"].search(
                [("lesson_id", "=", self.lesson_today.id)]
            ),
            answer | test,
        )

    def test_mark_in_lesson_scale(self):
        """REQ-42: a mark belongs to the lesson's grading scale."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        with self.assertRefused(
            ValidationError, f"зач {NOT_IN_SCALE} 5-point scale used by this lesson."
        ):
            Mark.create(
                self._mark_vals(self.lesson_today, self.student_5a_1, self.v_pass)
            )
        self.assertNothingSaved(
            "ejournal.mark", [("lesson_id", "=", self.lesson_today.id)]
        )
        # On a pass/fail subject the same value is right, a 5 is not.
        self.subject_russian.grade_scale_id = self.v_pass.scale_id
        russian = self._create_lesson(
            TODAY, number=3, subject_id=self.subject_russian.id
        )
        self.assertEqual(russian.grade_scale_id, self.v_pass.scale_id)
        with self.assertRefused(
            ValidationError, f"5 {NOT_IN_SCALE} Pass / fail used by this lesson."
        ):
            self.env["ejournal.mark"].create(
                self._mark_vals(russian, self.student_5a_1, self.v5)
            )
        passed = self.env["ejournal.mark"].create(
            self._mark_vals(russian, self.student_5a_1, self.v_pass)
        )
        self.assertEqual(passed.value_id.code, "зач")
        with self.assertRefused(
            ValidationError, f"4 {NOT_IN_SCALE} Pass / fail used by this lesson."
        ):
            passed.value_id = self.v4
        mark = Mark.create(self._mark_vals(self.lesson_today, self.student_5a_1))
        with self.assertRefused(
            ValidationError, f"зач {NOT_IN_SCALE} 5-point scale used by this lesson."
        ):
            mark.value_id = self.v_pass
        self.assertEqual(mark.value_id, self.v5)

    def test_mark_only_for_pupils_of_the_lesson(self):
        """REQ-42: a mark is for a pupil of the lesson's class, or of its
        subgroup when the subject is split."""
        Mark = self.env["ejournal.mark"]
        with self.assertRefused(
            ValidationError, f"{self.student_6a_1.name} is not a pupil of 5А on"
        ):
            Mark.create(self._mark_vals(self.lesson_today, self.student_6a_1))
        with self.assertRefused(
            ValidationError,
            f"{self.student_5a_3.name} is not a pupil of 5А (Группа 1) on",
        ):
            Mark.create(self._mark_vals(self.lesson_english, self.student_5a_3))
        in_group = Mark.create(self._mark_vals(self.lesson_english, self.student_5a_1))
        whole_class = Mark.create(self._mark_vals(self.lesson_today, self.student_5a_3))
        self.assertEqual(
            Mark.search(
                [("lesson_id", "in", (self.lesson_today | self.lesson_english).ids)]
            ),
            in_group | whole_class,
        )
        with self.assertRefused(UserError, "set by the journal itself"):
            whole_class.student_id = self.student_6a_2
        self.assertEqual(whole_class.student_id, self.student_5a_3)
        # A pupil who moved to 6А on the 13th is no longer in the lessons of 5А.
        self.student_5a_2.write(
            {
                "enrolment_ids": [
                    (1, self.student_5a_2.enrolment_ids.id, {"date_to": YESTERDAY}),
                    (0, 0, {"class_id": self.class_6a.id, "date_from": TODAY}),
                ]
            }
        )
        with self.assertRefused(
            ValidationError,
            f"{self.student_5a_2.name} is not a pupil of 5А on",
            "2026-10-14",
        ):
            Mark.create(self._mark_vals(self.lesson_today, self.student_5a_2))
        # On the 13th the pupil was still in 5А.
        self.assertTrue(self._past_mark(self.lesson_yesterday, self.student_5a_2))

    def test_cancelled_lesson(self):
        """REQ-42: a cancelled lesson takes no mark, and a lesson with marks
        cannot be cancelled."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        self.lesson_today.with_user(self.user_deputy).action_cancel()
        self.assertEqual(self.lesson_today.state, "cancelled")
        with self.assertLocked("The lesson of", "2026-10-14", "was cancelled."):
            Mark.create(self._mark_vals(self.lesson_today, self.student_5a_1))
        self.assertNothingSaved(
            "ejournal.mark", [("lesson_id", "=", self.lesson_today.id)]
        )
        self.lesson_today.with_user(self.user_deputy).action_restore()
        mark = Mark.create(self._mark_vals(self.lesson_today, self.student_5a_1))
        with self.assertRefused(UserError, NOT_CANCELLABLE):
            self.lesson_today.with_user(self.user_deputy).action_cancel()
        with self.assertRefused(UserError, NOT_CANCELLABLE):
            self.lesson_today.action_cancel()
        self.lesson_today.invalidate_recordset()
        self.assertEqual(self.lesson_today.state, "planned")
        with self.assertRefused(
            UserError, "it cannot be deleted; cancel it through a correction."
        ):
            self.lesson_today.unlink()
        self.assertTrue(self.lesson_today.exists())
        self.assertTrue(mark.exists())
        # Attendance alone blocks the cancellation too.
        self.env["ejournal.attendance"].create(
            {"lesson_id": self.lesson_today.id, "student_id": self.student_5a_2.id}
        )
        mark.unlink()
        with self.assertRefused(UserError, NOT_CANCELLABLE):
            self.lesson_today.action_cancel()

    def test_attendance_once_per_lesson(self):
        """REQ-43, REQ-93: one attendance record per pupil and lesson."""
        Attendance = self.env["ejournal.attendance"].with_user(self.user_teacher)
        vals = {"lesson_id": self.lesson_today.id, "student_id": self.student_5a_1.id}
        absent = Attendance.create(vals)
        self.assertEqual(absent.status, "absent")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRefused(
                UniqueViolation, '"ejournal_attendance_lesson_student_uniq"'
            ),
        ):
            with self.env.cr.savepoint():
                Attendance.create(dict(vals, status="late"))
        self.assertEqual(
            self.env["ejournal.attendance"].search(
                [("lesson_id", "=", self.lesson_today.id)]
            ),
            absent,
        )
        late = Attendance.create(
            dict(vals, student_id=self.student_5a_2.id, status="late")
        )
        self.assertEqual(late.status, "late")

    def test_class_teacher_sets_reason_later(self):
        """REQ-43: after the lesson's day the class teacher sets the absence
        reason; the lesson's teacher and other teachers cannot."""
        absence = self._past_attendance(self.lesson_yesterday, self.student_5a_1)
        self.assertFalse(absence.reason)
        # The lesson's teacher may write the record, but not its reason.
        with self.assertRefused(UserError, REASONS_BY_CLASS_TEACHER):
            absence.with_user(self.user_teacher).write(
                {"reason": "illness", "document_date": YESTERDAY}
            )
        # A teacher who neither teaches nor leads 5А does not even read it.
        with self.assertRefused(
            AccessError, HIDDEN % ("write", "Attendance (ejournal.attendance")
        ):
            absence.with_user(self.user_other_teacher).write(
                {"reason": "illness", "document_date": YESTERDAY}
            )
        absence.invalidate_recordset()
        self.assertFalse(absence.reason)
        self.assertFalse(absence.reason_set_by_id)

        absence.with_user(self.user_class_teacher).write(
            {"reason": "illness", "document_date": YESTERDAY}
        )
        self.assertEqual(absence.reason, "illness")
        self.assertEqual(absence.reason_set_by_id, self.user_class_teacher)
        self.assertEqual(absence.reason_set_on.date(), TODAY)
        self.assertFalse(absence.reason_is_late)
        # The reason is not a way to change the absence itself.
        with self.assertRefused(UserError, "Only the teacher who conducts the lesson"):
            absence.with_user(self.user_class_teacher).write(
                {"reason": "valid", "status": "late"}
            )
        self.assertEqual((absence.status, absence.reason), ("absent", "illness"))

    def test_reason_set_late(self):
        """REQ-43: a reason set more than 2 working days after the document is
        brought is flagged late."""
        lesson = self._create_lesson(date(2026, 10, 7), slot=self.slot_math_wed)
        absence = self._past_attendance(lesson, self.student_5a_1)
        on_time = self._past_attendance(lesson, self.student_5a_2)
        ClassTeacher = self.user_class_teacher
        # Document of Thursday 8th, reason on Wednesday 14th: 4 working days.
        absence.with_user(ClassTeacher).write(
            {"reason": "valid", "document_date": date(2026, 10, 8)}
        )
        # Document of Monday 12th, reason on Wednesday 14th: 2 working days.
        on_time.with_user(ClassTeacher).write(
            {"reason": "valid", "document_date": date(2026, 10, 12)}
        )
        self.assertTrue(absence.reason_is_late)
        self.assertFalse(on_time.reason_is_late)
        # Without a document date, the document is taken as brought today.
        today_doc = self._past_attendance(lesson, self.student_5a_3)
        today_doc.with_user(ClassTeacher).reason = "unexcused"
        self.assertEqual(today_doc.document_date, TODAY)
        self.assertFalse(today_doc.reason_is_late)

    def test_teacher_only_of_own_lessons(self):
        """REQ-03: a teacher writes marks and attendance of their own lessons
        only; the class teacher reads them but does not write them."""
        Mark = self.env["ejournal.mark"]
        mark = Mark.with_user(self.user_teacher).create(
            self._mark_vals(self.lesson_today, self.student_5a_1)
        )
        # The class teacher reads the lesson but may not write its entries; the
        # class teacher of 6А does not even read the lesson to mark it.
        lesson_hidden = HIDDEN % ("read", "Lesson (ejournal.lesson")
        for user, refusals in (
            (
                self.user_class_teacher,
                (
                    HIDDEN % ("create", "Mark (ejournal.mark"),
                    HIDDEN % ("write", "Mark (ejournal.mark"),
                    HIDDEN % ("create", "Attendance (ejournal.attendance"),
                ),
            ),
            (
                self.user_other_teacher,
                (
                    lesson_hidden,
                    HIDDEN % ("write", "Mark (ejournal.mark"),
                    lesson_hidden,
                ),
            ),
        ):
            create_mark, write_mark, create_attendance = refusals
            with (
                self.subTest(user=user.login),
                mute_logger("odoo.models"),
                self.assertRefused(AccessError, create_mark),
            ):
                Mark.with_user(user).create(
                    self._mark_vals(self.lesson_today, self.student_5a_2)
                )
            with (
                self.subTest(user=user.login),
                mute_logger("odoo.models"),
                self.assertRefused(AccessError, write_mark),
            ):
                mark.with_user(user).value_id = self.v2
            with (
                self.subTest(user=user.login),
                mute_logger("odoo.models"),
                self.assertRefused(AccessError, create_attendance),
            ):
                self.env["ejournal.attendance"].with_user(user).create(
                    {
                        "lesson_id": self.lesson_today.id,
                        "student_id": self.student_5a_2.id,
                    }
                )
        mark.invalidate_recordset()
        self.assertEqual(mark.value_id, self.v5)
        self.assertEqual(mark.with_user(self.user_class_teacher).value_id, self.v5)
        self.assertEqual(self.lesson_today.mark_ids, mark)
        self.assertFalse(self.lesson_today.attendance_ids)
