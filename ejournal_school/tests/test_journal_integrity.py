"""A journal fact is changed through a correction, never moved (REQ-44, REQ-45).

Each test is an attack found on a demo install, made as the role concerned
(``with_user``): it must be refused, and nothing may have changed.
"""

import importlib.util
import json
from datetime import date, timedelta
from xmlrpc.client import Fault

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import file_path, mute_logger

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

from .common_journal import TODAY, TOMORROW, YESTERDAY, EjournalJournalCommon

SET_BY_JOURNAL = "set by the journal itself"
FROZEN = "has begun or has journal entries"
QUIET = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


@tagged("post_install", "-at_install", "ejournal", "ejournal_integrity")
class TestLessonIdentity(EjournalJournalCommon):
    """REQ-44, REQ-33: a lesson's identity freezes once its day has begun or it
    has facts; substitutes are named until the end of the lesson's day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mark_yesterday = cls._past_mark(cls.lesson_yesterday, cls.student_5a_1)
        cls.lesson_next_week = cls._create_lesson(
            TODAY + timedelta(days=7), slot=cls.slot_math_wed
        )

    def test_teacher_cannot_move_a_past_lesson(self):
        """REQ-44: the teacher moves yesterday's lesson to today to rewrite its
        locked marks, then back: the first step is refused."""
        lesson = self.lesson_yesterday.with_user(self.user_teacher)
        for field, value in (("date", TODAY), ("lesson_number", 5)):
            with self.subTest(field=field):
                with self.assertRefused(UserError, "Only the deputy director"):
                    lesson.write({field: value})
        self.assertEqual(self.lesson_yesterday.date, YESTERDAY)

    def test_deputy_cannot_move_a_begun_lesson(self):
        """REQ-44: neither the deputy nor the school administrator moves a lesson
        whose day has begun (today's too) to another day, class or subject."""
        for user in (self.user_deputy, self.user_admin_school):
            for lesson in (self.lesson_yesterday, self.lesson_today):
                for field, value in (
                    ("date", TOMORROW),
                    ("class_id", self.class_6a.id),
                    ("subject_id", self.subject_russian.id),
                    ("teacher_id", self.employee_other_teacher.id),
                ):
                    with self.subTest(user=user.login, lesson=lesson.date, f=field):
                        with self.assertRefused(UserError, FROZEN):
                            lesson.with_user(user).write({field: value})
        self.assertEqual(self.lesson_today.class_id, self.class_5a)

    def test_lesson_with_facts_is_frozen_even_in_the_future(self):
        """REQ-44: homework given in advance makes a future lesson a fact."""
        self.env["ejournal.homework"].create(
            {"lesson_id": self.lesson_next_week.id, "text": "§ 12, № 3"}
        )
        with self.assertRefused(UserError, FROZEN):
            self.lesson_next_week.with_user(self.user_deputy).write(
                {"date": TODAY + timedelta(days=8)}
            )

    def test_future_lesson_moves_forward_only(self):
        """REQ-44: the deputy moves a future lesson without facts to another day
        to come, never into the past or today."""
        lesson = self.lesson_next_week.with_user(self.user_deputy)
        with self.assertRefused(UserError, "only be moved to a day still to come"):
            lesson.write({"date": YESTERDAY})
        with self.assertRefused(UserError, "only be moved to a day still to come"):
            lesson.write({"date": TODAY})
        lesson.write({"date": TODAY + timedelta(days=8), "lesson_number": 3})
        self.assertEqual(self.lesson_next_week.date, TODAY + timedelta(days=8))
        self.assertEqual(self.lesson_next_week.period_id, self.quarter_1)

    def test_stored_computed_fields_are_not_input(self):
        """REQ-44: period, school, scale, teacher users and control deadline of a
        lesson are the journal's own."""
        for field, value in (
            ("period_id", self.quarter_2.id),
            ("company_id", self.school_b.id),
            ("year_id", self.year_b.id),
            ("teacher_user_id", self.user_other_teacher.id),
            ("substitute_user_id", self.user_teacher.id),
            ("grade_scale_id", self.v_pass.scale_id.id),
            ("control_work_deadline", TOMORROW),
            ("mark_count", 0),
        ):
            with self.subTest(field=field):
                with self.assertRefused(UserError, SET_BY_JOURNAL):
                    self.lesson_next_week.with_user(self.user_deputy).write(
                        {field: value}
                    )
        self.assertEqual(self.lesson_next_week.period_id, self.quarter_1)

    @mute_logger(*QUIET)
    def test_substitute_named_until_the_end_of_the_day(self):
        """REQ-33: a substitute named after the lesson's day would reopen its
        journal; today's lesson still takes one, by the deputy only."""
        deputy_employee = self.env["hr.employee"].create(
            {"name": "Завуч", "user_id": self.user_deputy.id}
        )
        with self.assertRefused(UserError, "is over"):
            self.lesson_yesterday.with_user(self.user_deputy).write(
                {"substitute_teacher_id": deputy_employee.id}
            )
        with self.assertRefused(UserError, "Only the deputy director"):
            self.lesson_today.with_user(self.user_teacher).write(
                {"substitute_teacher_id": self.employee_other_teacher.id}
            )
        self.lesson_today.with_user(self.user_deputy).write(
            {"substitute_teacher_id": self.employee_other_teacher.id}
        )
        self.assertEqual(self.lesson_today.substitute_user_id, self.user_other_teacher)
        self.assertFalse(self.lesson_yesterday.substitute_teacher_id)

    def test_past_lesson_is_not_cancelled_nor_deleted(self):
        """REQ-45: cancelling or deleting a held lesson, or one with facts, goes
        through a correction; its homework stays."""
        homework = self.env["ejournal.homework"].create(
            {"lesson_id": self.lesson_today.id, "text": "§ 12"}
        )
        for lesson in (self.lesson_yesterday, self.lesson_today):
            with self.subTest(lesson=lesson.date):
                with self.assertRefused(UserError, "correction"):
                    lesson.with_user(self.user_deputy).action_cancel()
                with self.assertRefused(UserError, "cannot be deleted"):
                    lesson.with_user(self.user_deputy).unlink()
        self.assertEqual(self.lesson_yesterday.state, "planned")
        self.assertTrue(homework.exists())

    def test_lesson_cancelled_through_a_correction(self):
        """REQ-45: the teacher asks to cancel a held lesson; the deputy approves;
        its entries go, each deletion logged."""
        correction = (
            self.env["ejournal.correction"]
            .with_user(self.user_teacher)
            .create(
                {
                    "target": "lesson",
                    "operation": "delete",
                    "lesson_id": self.lesson_yesterday.id,
                    "reason": "Урок не состоялся: карантин (приказ № 7)",
                }
            )
        )
        self.assertEqual(correction.company_id, self.school_a)
        mark_id = self.mark_yesterday.id
        correction.with_user(self.user_deputy).action_approve()
        self.assertEqual(self.lesson_yesterday.state, "cancelled")
        self.assertFalse(self.env["ejournal.mark"].browse(mark_id).exists())
        self.assertEqual(correction.state, "approved")


@tagged("post_install", "-at_install", "ejournal", "ejournal_integrity")
class TestEntriesAreNotMoved(EjournalJournalCommon):
    """REQ-44: marks, absences and period marks change only their own values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lesson_russian_q1 = cls._create_lesson(
            date(2026, 9, 15), subject_id=cls.subject_russian.id, number=3
        )
        cls.mark_today = cls.env["ejournal.mark"].create(
            cls._mark_vals(cls.lesson_today, cls.student_5a_1)
        )
        cls.absence_today = cls.env["ejournal.attendance"].create(
            {
                "lesson_id": cls.lesson_today.id,
                "student_id": cls.student_5a_2.id,
                "status": "absent",
            }
        )

    def test_mark_restamped_through_related_fields(self):
        """REQ-44: today's maths mark is not restamped into quarter I of Russian,
        nor moved to another lesson or pupil — even by the superuser."""
        moves = (
            ("date", "2026-09-15"),
            ("subject_id", self.subject_russian.id),
            ("class_id", self.class_6a.id),
            ("period_id", self.quarter_2.id),
            ("company_id", self.school_b.id),
            ("lesson_id", self.lesson_russian_q1.id),
            ("student_id", self.student_5a_2.id),
        )
        for env_user in (self.user_teacher, None):
            for field, value in moves:
                with self.subTest(user=env_user and env_user.login, field=field):
                    mark = (
                        self.mark_today.with_user(env_user)
                        if env_user
                        else (self.mark_today.sudo())
                    )
                    with self.assertRefused(UserError, SET_BY_JOURNAL):
                        mark.write({field: value})
        self.env.invalidate_all()
        self.assertEqual(self.mark_today.date, TODAY)
        self.assertEqual(self.mark_today.subject_id, self.subject_math)
        self.assertEqual(self.mark_today.lesson_id, self.lesson_today)

    def test_mark_created_with_forged_stamps(self):
        """REQ-44: a new mark takes its date, subject and period from its lesson,
        never from input."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        for field, value in (
            ("date", "2026-09-15"),
            ("period_id", self.quarter_2.id),
            ("subject_id", self.subject_russian.id),
        ):
            with self.subTest(field=field):
                with self.assertRefused(UserError, SET_BY_JOURNAL):
                    Mark.create(
                        self._mark_vals(
                            self.lesson_today,
                            self.student_5a_2,
                            **{field: value},
                        )
                    )
        self.assertNothingSaved(
            "ejournal.mark", [("student_id", "=", self.student_5a_2.id)]
        )

    def test_absence_moved_or_restamped(self):
        """REQ-43, REQ-44: an absence stays at its lesson; who set its reason and
        when is recorded, never written."""
        for field, value in (
            ("lesson_id", self.lesson_yesterday.id),
            ("student_id", self.student_5a_3.id),
            ("date", "2026-09-15"),
            ("reason_set_on", "2026-10-01 08:00:00"),
            ("reason_set_by_id", self.user_deputy.id),
            ("reason_is_late", False),
        ):
            with self.subTest(field=field):
                with self.assertRefused(UserError, SET_BY_JOURNAL):
                    self.absence_today.with_user(self.user_teacher).write(
                        {field: value}
                    )
        self.assertEqual(self.absence_today.lesson_id, self.lesson_today)
        self.assertFalse(self.absence_today.reason_set_on)


@tagged("post_install", "-at_install", "ejournal", "ejournal_integrity")
class TestWindowsFollowTheLesson(EjournalJournalCommon):
    """REQ-44: the checking norm follows the lesson (a written control work as
    recorded on its day), and a new norm or grace applies forward only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lesson_control = cls._create_lesson(
            YESTERDAY, number=4, work_type_id=cls.wt_control.id
        )
        cls.lesson_control_old = cls._create_lesson(
            date(2026, 10, 2), number=4, work_type_id=cls.wt_control.id
        )

    def test_control_mark_on_an_ordinary_lesson_is_locked(self):
        """REQ-44: yesterday's oral lesson takes no new mark typed as a control
        work."""
        with self.assertLocked("is locked"):
            self.env["ejournal.mark"].with_user(self.user_teacher).create(
                self._mark_vals(
                    self.lesson_yesterday, self.student_5a_1, work_type=self.wt_control
                )
            )

    def test_control_lesson_takes_its_own_work_only(self):
        """REQ-44: yesterday's control work takes its marks within the norm; an
        oral mark on it is locked."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        mark = Mark.create(
            self._mark_vals(
                self.lesson_control, self.student_5a_1, work_type=self.wt_control
            )
        )
        self.assertEqual(self.lesson_control.control_work_deadline, date(2026, 10, 18))
        self.assertTrue(mark.exists())
        with self.assertLocked("is locked"):
            Mark.create(self._mark_vals(self.lesson_control, self.student_5a_2))

    def test_new_norm_does_not_reopen_old_control_work(self):
        """REQ-44: the norm set to 100000 days does not reopen the control work of
        2 October; a lesson recorded afterwards gets the new norm."""
        self.assertEqual(
            self.lesson_control_old.control_work_deadline, date(2026, 10, 7)
        )
        self.school_a.with_user(self.user_admin_school).write(
            {"ejournal_control_work_days": 100000}
        )
        self.env.invalidate_all()
        with self.assertLocked("could be entered until"):
            self.env["ejournal.mark"].with_user(self.user_teacher).create(
                self._mark_vals(
                    self.lesson_control_old,
                    self.student_5a_1,
                    work_type=self.wt_control,
                )
            )
        self.lesson_future.with_user(self.user_teacher).work_type_id = self.wt_control
        self.assertEqual(
            self.lesson_future.control_work_deadline,
            TOMORROW + timedelta(days=100000),
        )

    def test_new_grace_does_not_reopen_closed_period_marks(self):
        """REQ-46: period marks of a period whose window closed stay closed when
        the grace days grow."""
        september = self.env["ejournal.period"].create(
            self._period_vals(self.year, "September", "2026-09-01", "2026-09-30")
            | {"kind": "trimester"}
        )
        self.assertEqual(september.mark_grace_days, 3)
        self.school_a.with_user(
            self.user_admin_school
        ).ejournal_period_mark_grace_days = 100
        self.env.invalidate_all()
        # Forward only: the periods still running take the new grace.
        self.assertEqual(september.mark_grace_days, 3)
        self.assertEqual(self.quarter_1.mark_grace_days, 100)
        self.assertEqual(self.year.mark_grace_days, 100)
        with self.assertLocked("could be entered until"):
            self.env["ejournal.period.mark"].with_user(self.user_teacher).create(
                {
                    "student_id": self.student_5a_1.id,
                    "class_id": self.class_5a.id,
                    "subject_id": self.subject_math.id,
                    "kind": "trimester",
                    "period_id": september.id,
                    "value_id": self.v5.id,
                }
            )
        with self.assertRefused(UserError, "follow the school's setting"):
            september.with_user(self.user_deputy).write({"mark_grace_days": 100})

    def test_settings_change_is_audited(self):
        """REQ-90: a change of the checking norm is logged with the school
        administrator who made it, the old and the new value."""
        school = self.env.ref("base.main_company")  # not made in this transaction
        admin = self._create_staff_user(
            "ej_admin_main", "ejournal_school.group_ejournal_admin", school=school
        )
        before = school.ejournal_control_work_days
        school.with_user(admin).ejournal_control_work_days = before + 2
        self.env.flush_all()
        change = self.env["ejournal.audit.log"].search(
            [("model_name", "=", "res.company"), ("res_id", "=", school.id)],
            order="id desc",
            limit=1,
        )
        self.assertEqual(change.user_id, admin)
        self.assertEqual(
            json.loads(change.old_values)["ejournal_control_work_days"], before
        )
        self.assertEqual(
            json.loads(change.new_values)["ejournal_control_work_days"], before + 2
        )

    def test_begun_period_keeps_its_dates(self):
        """REQ-44: moving the end of the first quarter would move its marks into
        another period; a period that has begun keeps its dates."""
        with self.assertRefused(UserError, "kept as they are"):
            self.quarter_1.with_user(self.user_deputy).write({"date_end": "2026-10-10"})
        with self.assertRefused(UserError, "kept as they are"):
            self.year.with_user(self.user_admin_school).write(
                {"date_start": "2026-10-15"}
            )
        self.quarter_3.with_user(self.user_deputy).write({"date_end": "2027-03-18"})
        self.assertEqual(self.quarter_3.date_end, date(2027, 3, 18))


@freeze_time("2026-11-02 06:00:00")
@tagged("post_install", "-at_install", "ejournal", "ejournal_integrity")
class TestPeriodMarkReach(EjournalJournalCommon):
    """REQ-46: a period mark is set by the subject's teacher or the class teacher,
    whatever the input says."""

    frozen_now = "2026-11-02 06:00:00"

    def _vals(self, **vals):
        return {
            "student_id": self.student_5a_1.id,
            "class_id": self.class_5a.id,
            "subject_id": self.subject_math.id,
            "kind": "quarter",
            "period_id": self.quarter_1.id,
            "value_id": self.v5.id,
            **vals,
        }

    @mute_logger(*QUIET)
    def test_forged_teacher_users_on_create(self):
        """REQ-46: the teacher of English in 6А forges ``teacher_user_ids`` to set
        a maths mark in 5А: refused; without the forgery the rule refuses."""
        PeriodMark = self.env["ejournal.period.mark"].with_user(self.user_other_teacher)
        with self.assertRefused(UserError, SET_BY_JOURNAL):
            PeriodMark.create(
                self._vals(teacher_user_ids=[Command.set(self.user_other_teacher.ids)])
            )
        with self.assertRefused(AccessError, "ejournal.period.mark"):
            PeriodMark.create(self._vals())
        self.assertNothingSaved(
            "ejournal.period.mark", [("student_id", "=", self.student_5a_1.id)]
        )

    def test_period_mark_not_moved(self):
        """REQ-46: a period mark is not moved to another subject, pupil or
        period; its value changes in its window."""
        mark = (
            self.env["ejournal.period.mark"]
            .with_user(self.user_teacher)
            .create(self._vals())
        )
        for field, value in (
            ("subject_id", self.subject_russian.id),
            ("student_id", self.student_5a_2.id),
            ("period_id", self.quarter_2.id),
            ("kind", "annual"),
            ("class_id", self.class_6a.id),
            ("company_id", self.school_b.id),
        ):
            with self.subTest(field=field):
                with self.assertRefused(UserError, SET_BY_JOURNAL):
                    mark.write({field: value})
        mark.write({"value_id": self.v4.id})
        self.assertEqual(mark.value_id, self.v4)
        self.assertEqual(mark.subject_id, self.subject_math)


@tagged("post_install", "-at_install", "ejournal", "ejournal_integrity")
class TestAttendanceReasons(EjournalJournalCommon):
    """REQ-43: the lesson's teacher marks absences, the class teacher sets
    reasons; neither does the other's part."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.absence_yesterday = cls._past_attendance(
            cls.lesson_yesterday, cls.student_5a_2
        )
        cls.absence_today = cls.env["ejournal.attendance"].create(
            {
                "lesson_id": cls.lesson_today.id,
                "student_id": cls.student_5a_3.id,
                "status": "absent",
            }
        )

    def test_lesson_teacher_does_not_set_reasons(self):
        """REQ-43: the maths teacher writes the document date of a locked absence
        in 5А, which she does not lead: refused."""
        for vals in ({"document_date": YESTERDAY}, {"reason": "illness"}):
            with self.subTest(vals=vals):
                with self.assertRefused(UserError, "Only the class teacher"):
                    self.absence_yesterday.with_user(self.user_teacher).write(vals)
        self.assertFalse(self.absence_yesterday.document_date)

    def test_class_teacher_does_not_mark_absences(self):
        """REQ-43: the class teacher of 5А changes no status of another teacher's
        lesson, today included."""
        with self.assertRefused(UserError, "Only the teacher who conducts"):
            self.absence_today.with_user(self.user_class_teacher).write(
                {"status": "late"}
            )
        self.assertEqual(self.absence_today.status, "absent")

    def test_reason_stamped_by_the_journal(self):
        """REQ-43: the class teacher sets the reason; when and by whom is stamped,
        and a document brought tomorrow is refused."""
        absence = self.absence_yesterday.with_user(self.user_class_teacher)
        with self.assertRefused(UserError, "day still to come"):
            absence.write({"reason": "illness", "document_date": TOMORROW})
        absence.write({"reason": "illness", "document_date": TODAY})
        self.assertEqual(
            self.absence_yesterday.reason_set_by_id, self.user_class_teacher
        )
        self.assertEqual(
            str(self.absence_yesterday.reason_set_on), "2026-10-14 10:00:00"
        )
        self.assertFalse(self.absence_yesterday.reason_is_late)


@tagged("post_install", "-at_install", "ejournal", "ejournal_integrity")
class TestCorrectionFrozen(EjournalJournalCommon):
    """REQ-45: a correction is frozen once submitted and stays in its school."""

    REASON = "Отметка выставлена не тому ученику (служебная записка № 12)"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mark_yesterday = cls._past_mark(cls.lesson_yesterday, cls.student_5a_1)
        cls.lesson_b = cls.env["ejournal.lesson"].create(
            {
                "date": YESTERDAY,
                "lesson_number": 1,
                "class_id": cls.class_b_5a.id,
                "subject_id": cls.subject_b.id,
                "teacher_id": cls.employee_teacher_b.id,
            }
        )

    def _request(self, **vals):
        return (
            self.env["ejournal.correction"]
            .with_user(self.user_teacher)
            .create(
                {
                    "target": "mark",
                    "operation": "change",
                    "mark_id": self.mark_yesterday.id,
                    "new_value_id": self.v3.id,
                    "reason": self.REASON,
                    **vals,
                }
            )
        )

    def test_request_is_frozen_once_submitted(self):
        """REQ-45: the requester edits a pending request after the deputy read it
        (target, new value, old value): refused; the approval applies what was
        submitted."""
        correction = self._request()
        for field, value in (
            ("new_value_id", self.v2.id),
            ("mark_id", False),
            ("old_value", "2 (Oral answer)"),
            ("reason", "другая причина"),
        ):
            with self.subTest(field=field):
                with self.assertRefused(AccessError, "ejournal.correction"):
                    correction.write({field: value})
        correction.with_user(self.user_deputy).action_approve()
        self.assertEqual(self.mark_yesterday.value_id, self.v3)

    def test_request_stamps_are_not_input(self):
        """REQ-45: ``requested_on``, ``requested_by_id``, ``state`` and the old
        value are recorded by the journal."""
        for field, value in (
            ("requested_on", "2026-09-01 08:00:00"),
            ("requested_by_id", self.user_deputy.id),
            ("state", "approved"),
            ("old_value", "4 (Oral answer)"),
        ):
            with self.subTest(field=field):
                with self.assertRefused(UserError, "recorded by the journal"):
                    self._request(**{field: value})
        self.assertEqual(self._request().old_value, "5 (Oral answer)")

    @mute_logger(*QUIET)
    def test_add_correction_stays_in_its_school(self):
        """REQ-45: an "add" correction naming a lesson or a pupil of another
        school is refused before the deputy sees it."""
        with self.assertRefused(ValidationError, "one school only"):
            self._request(
                operation="add",
                mark_id=False,
                lesson_id=self.lesson_yesterday.id,
                student_id=self.student_b.id,
            )
        with self.assertRefused(AccessError, "ejournal.lesson"):
            self._request(
                operation="add",
                mark_id=False,
                lesson_id=self.lesson_b.id,
                student_id=self.student_5a_2.id,
            )
        self.assertNothingSaved(
            "ejournal.mark", [("student_id", "=", self.student_b.id)]
        )

    def test_changed_entry_is_not_overwritten(self):
        """REQ-45: two requests on one mark: the second approval finds the mark
        changed since its request and refuses."""
        first, second = self._request(), self._request(new_value_id=self.v4.id)
        first.with_user(self.user_deputy).action_approve()
        with self.assertRefused(UserError, "has changed since the request"):
            second.with_user(self.user_deputy).action_approve()
        self.assertEqual(self.mark_yesterday.value_id, self.v3)

    def test_unlocked_block_does_not_widen_fields(self):
        """REQ-44: even code that lifts the lock writes only value fields."""
        with journal_unlocked(), self.assertRefused(UserError, SET_BY_JOURNAL):
            self.mark_yesterday.sudo().write({"date": TODAY})


@tagged("post_install", "-at_install", "ejournal", "ejournal_integrity")
class TestTimeZoneMigration(EjournalJournalCommon):
    """REQ-44: on upgrade, a school keeps the time zone its partner had, so its
    "today" does not move."""

    def test_partner_zone_becomes_the_school_setting(self):
        path = file_path("ejournal_school/migrations/19.0.1.1.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("ejournal_tz_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        self.school_a.partner_id.tz = "Asia/Almaty"
        self.school_b.partner_id.tz = False
        self.env.flush_all()
        migration.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(self.school_a.ejournal_tz, "Asia/Almaty")
        self.assertEqual(self.school_b.ejournal_tz, "Asia/Bishkek")


@tagged("post_install", "-at_install", "ejournal", "ejournal_integrity")
class TestMovesRefusedOverRpc(EjournalJournalCommon, HttpCase):
    """REQ-44, REQ-45: the same refusals over XML-RPC and ``/json/2`` as in
    Python: a teacher neither moves yesterday's lesson nor restamps a mark."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mark_today = cls.env["ejournal.mark"].create(
            cls._mark_vals(cls.lesson_today, cls.student_5a_1)
        )
        # The teacher's own key, without expiry: the test runs at a frozen date.
        cls.api_key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.user_teacher)
            .sudo()
            ._generate("rpc", "journal test", None)
        )

    def setUp(self):
        super().setUp()
        self.enterContext(mute_logger("odoo.addons.rpc.controllers.xmlrpc", *QUIET))

    def _xmlrpc(self, model, method, *args):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.user_teacher.id,
            self.user_teacher.login,
            model,
            method,
            list(args),
            {"context": {"allowed_company_ids": self.school_a.ids}},
        )

    def _json2(self, model, method, **params):
        response = self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(params),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.api_key}",
                "X-Odoo-Database": self.env.cr.dbname,
            },
        )
        return response.status_code, response.json()

    def _journal_as_stored(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT date, subject_id FROM ejournal_mark WHERE id = %s",
            [self.mark_today.id],
        )
        mark = self.env.cr.fetchone()
        self.env.cr.execute(
            "SELECT date FROM ejournal_lesson WHERE id = %s", [self.lesson_yesterday.id]
        )
        return mark, self.env.cr.fetchone()

    def test_moves_refused_over_xmlrpc(self):
        before = self._journal_as_stored()
        for model, record, vals, message in (
            ("ejournal.lesson", self.lesson_yesterday, {"date": str(TODAY)}, "deputy"),
            (
                "ejournal.mark",
                self.mark_today,
                {"date": "2026-09-15", "subject_id": self.subject_russian.id},
                SET_BY_JOURNAL,
            ),
        ):
            with self.subTest(model=model), self.assertRaises(Fault) as catcher:
                self._xmlrpc(model, "write", record.ids, vals)
            self.assertIn(message, catcher.exception.faultString)
        self.assertEqual(self._journal_as_stored(), before)

    def test_moves_refused_over_json2(self):
        before = self._journal_as_stored()
        for model, record, vals, message in (
            ("ejournal.lesson", self.lesson_yesterday, {"date": str(TODAY)}, "deputy"),
            (
                "ejournal.mark",
                self.mark_today,
                {"period_id": self.quarter_2.id},
                SET_BY_JOURNAL,
            ),
        ):
            with self.subTest(model=model):
                status, body = self._json2(model, "write", ids=record.ids, vals=vals)
                self.assertEqual(status, 422, body)
                self.assertEqual(body["name"], "odoo.exceptions.UserError")
                self.assertIn(message, body["message"])
        self.assertEqual(self._journal_as_stored(), before)


@tagged("post_install", "-at_install", "ejournal", "ejournal_integrity")
class TestRedTeamFindings(EjournalJournalCommon):
    """Attacks found by a red-team pass on the demo school, each closed."""

    @mute_logger(*QUIET)
    def test_no_backdated_lesson_with_a_page(self):
        """REQ-44: the deputy creates a lesson two days back, recorded as control
        work with a topic and marks, to reopen its marks: refused. A lesson added
        after its day is an empty page, and stays locked."""
        Lesson = self.env["ejournal.lesson"].with_user(self.user_deputy)
        day = date(2026, 10, 12)
        base = {
            "date": day,
            "lesson_number": 6,
            "class_id": self.class_5a.id,
            "subject_id": self.subject_math.id,
            "teacher_id": self.employee_teacher.id,
        }
        for extra in (
            {"work_type_id": self.wt_control.id},
            {"topic": "Задним числом"},
            {"attendance_taken": True},
            {"substitute_teacher_id": self.employee_other_teacher.id},
        ):
            with self.subTest(extra=extra):
                with self.assertRefused(UserError, "only be added as an empty page"):
                    Lesson.create(base | extra)
        empty = Lesson.create(base)
        self.assertFalse(empty.control_work_deadline)
        with self.assertLocked("is locked"):
            self.env["ejournal.mark"].with_user(self.user_teacher).create(
                self._mark_vals(empty, self.student_5a_1)
            )

    def test_card_never_redirects_a_login_email(self):
        """REQ-60, REQ-92: the class teacher points a parent's e-mail to herself,
        then resets the parent's password: the first step is refused."""
        parent = self.parent_5a.with_user(self.user_class_teacher)
        with self.assertRefused(UserError, "changed by the technical administrator"):
            parent.write({"email": "attacker@example.com"})
        self.assertNotEqual(self.parent_5a.email, "attacker@example.com")
        no_login = self._create_parent("Без Логина", self.student_5a_3)
        no_login.with_user(self.user_class_teacher).write({"email": "new@example.com"})
        self.assertEqual(no_login.email, "new@example.com")

    def test_time_zone_frozen_once_the_journal_has_entries(self):
        """REQ-44: the school administrator swings the time zone to reopen
        yesterday: refused once the journal has entries."""
        self.env["ejournal.mark"].create(
            self._mark_vals(self.lesson_today, self.student_5a_1)
        )
        self.env.flush_all()
        with self.assertRefused(UserError, "time zone is changed by the technical"):
            self.school_a.with_user(self.user_admin_school).write(
                {"ejournal_tz": "Etc/GMT+12"}
            )
        self.assertEqual(self.school_a.ejournal_tz, "Asia/Bishkek")

    @mute_logger(*QUIET)
    def test_correction_history_cannot_be_forged(self):
        """REQ-45: the requester neither edits nor deletes the messages of a
        submitted request, nor posts in the deputy's name."""
        mark = self._past_mark(self.lesson_yesterday, self.student_5a_1)
        correction = (
            self.env["ejournal.correction"]
            .with_context(tracking_disable=False)
            .with_user(self.user_teacher)
            .create(
                {
                    "mark_id": mark.id,
                    "new_value_id": self.v3.id,
                    "reason": "Ошибка ввода",
                }
            )
        )
        posted = correction.message_post(
            body="Одобрено.",
            message_type="comment",
            author_id=self.user_deputy.partner_id.id,
        )
        self.assertEqual(posted.author_id, self.user_teacher.partner_id)
        with self.assertRefused(AccessError, "ejournal.correction"):
            correction.write({"reason": "другая"})
        note = correction.sudo().message_ids.filtered(
            lambda message: message.author_id != self.user_teacher.partner_id
        )[:1] or self.env["mail.message"].sudo().create(
            {
                "model": correction._name,
                "res_id": correction.id,
                "body": "Заместитель директора: отклонено",
                "author_id": self.user_deputy.partner_id.id,
                "message_type": "comment",
            }
        )
        with self.assertRaises(AccessError):
            note.with_user(self.user_teacher).write({"body": "подделка"})
        with self.assertRaises(AccessError):
            note.with_user(self.user_teacher).unlink()
        self.assertTrue(note.exists())

    def test_grid_without_subgroup_goes_over_xmlrpc(self):
        """REQ-44: the grid of a class without subgroups says so with ``False``,
        which XML-RPC can marshal (an empty recordset it cannot)."""
        grid = (
            self.env["ejournal.gradebook"]
            .with_user(self.user_teacher)
            .get_grid(self.class_5a.id, self.subject_math.id, False, self.quarter_1.id)
        )
        self.assertIs(grid["subgroup"], False)
