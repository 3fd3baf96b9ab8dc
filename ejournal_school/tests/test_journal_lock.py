"""The entry window: no backdating, no corrections outside it (REQ-44, REQ-45)."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

from .common_journal import TODAY, TOMORROW, EjournalJournalCommon

# The lock of a past day's journal (marks and attendance), and of a lesson that
# has not taken place; the ISO date is looked for as the user reads it.
LOCKED = (
    "is locked: marks and attendance are entered on the day of the lesson; "
    "the school's regulation forbids backdating. Ask the deputy director for a "
    "correction."
)
YESTERDAY_LOCKED = ("The journal of", "2026-10-13", LOCKED)
NOT_YET = "has not taken place yet."
FUTURE_LOCKED = ("The lesson of", "2026-10-15", NOT_YET)


def control_locked(day, deadline):
    return (
        "Marks for the written control work of",
        day,
        "could be entered until",
        deadline,
        "Ask the deputy director for a correction.",
    )


@tagged("ejournal", "ejournal_journal")
class TestJournalLock(EjournalJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mark_yesterday = cls._past_mark(cls.lesson_yesterday, cls.student_5a_1)
        cls.absence_yesterday = cls._past_attendance(
            cls.lesson_yesterday, cls.student_5a_2
        )
        # The administrator conducts both lessons as a substitute, so that no
        # access right stands between them and the journal: only the lock.
        cls.user_admin = cls._give_admin_school_a()
        cls.employee_admin = cls.env["hr.employee"].create(
            {
                "name": "Администратор",
                "user_id": cls.user_admin.id,
                "company_id": cls.school_a.id,
            }
        )
        with journal_unlocked():  # named before yesterday's lesson was over
            (
                cls.lesson_yesterday | cls.lesson_today
            ).substitute_teacher_id = cls.employee_admin

    def _assert_yesterday_unchanged(self):
        self.env.invalidate_all()
        self.assertEqual(
            self.env["ejournal.mark"].search(
                [("lesson_id", "=", self.lesson_yesterday.id)]
            ),
            self.mark_yesterday,
        )
        self.assertEqual(
            (self.mark_yesterday.value_id, self.mark_yesterday.work_type_id),
            (self.v5, self.wt_answer),
        )
        self.assertEqual(
            self.env["ejournal.attendance"].search(
                [("lesson_id", "=", self.lesson_yesterday.id)]
            ),
            self.absence_yesterday,
        )
        self.assertEqual(self.absence_yesterday.status, "absent")

    def _assert_locked_for(self, env, *words):
        """Create, write and unlink of yesterday's entries are all refused by
        the lock of yesterday's journal."""
        words = words or YESTERDAY_LOCKED
        with self.assertLocked(*words):
            env["ejournal.mark"].create(
                self._mark_vals(self.lesson_yesterday, self.student_5a_2)
            )
        with self.assertLocked(*words):
            self.mark_yesterday.with_env(env).value_id = self.v2
        with self.assertLocked(*words):
            self.mark_yesterday.with_env(env).unlink()
        with self.assertLocked(*words):
            env["ejournal.attendance"].create(
                {
                    "lesson_id": self.lesson_yesterday.id,
                    "student_id": self.student_5a_1.id,
                }
            )
        with self.assertLocked(*words):
            self.absence_yesterday.with_env(env).status = "late"
        with self.assertLocked(*words):
            self.absence_yesterday.with_env(env).unlink()
        self._assert_yesterday_unchanged()

    def test_today_open_yesterday_locked_for_teacher(self):
        """REQ-44, REQ-45: the teacher enters marks and attendance on the day of
        the lesson; yesterday's journal is locked for create, write and unlink."""
        env = self.env(user=self.user_teacher)
        mark = env["ejournal.mark"].create(
            self._mark_vals(self.lesson_today, self.student_5a_1)
        )
        mark.value_id = self.v4
        absence = env["ejournal.attendance"].create(
            {"lesson_id": self.lesson_today.id, "student_id": self.student_5a_2.id}
        )
        absence.status = "late"
        self.assertEqual((mark.value_id, absence.status), (self.v4, "late"))
        absence.unlink()
        self.assertFalse(absence.exists())

        self._assert_locked_for(env, *YESTERDAY_LOCKED)

    def test_yesterday_locked_for_superuser_and_admin(self):
        """REQ-45: the administrator and the superuser cannot backdate either,
        although they may write today's journal."""
        admin_env = self.env(user=self.user_admin)
        for env in (self.env, self.env(su=True), admin_env, admin_env(su=True)):
            today_mark = env["ejournal.mark"].create(
                self._mark_vals(self.lesson_today, self.student_5a_1)
            )
            today_mark.unlink()
            self._assert_locked_for(env, *YESTERDAY_LOCKED)

    def test_control_work_window(self):
        """REQ-44: marks of written control work may be entered within the
        checking norm after the lesson, and no longer; other marks may not."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        self.assertEqual(self.school_a.ejournal_control_work_days, 5)
        with journal_unlocked():  # recorded as a written control work on its day
            self.lesson_yesterday.work_type_id = self.wt_control
        control = Mark.create(
            self._mark_vals(
                self.lesson_yesterday, self.student_5a_2, self.v3, self.wt_control
            )
        )
        control.value_id = self.v4
        self.assertEqual(control.value_id, self.v4)
        with self.assertLocked(*YESTERDAY_LOCKED):
            Mark.create(
                self._mark_vals(
                    self.lesson_yesterday, self.student_5a_3, self.v3, self.wt_answer
                )
            )
        # An oral answer cannot become control work to slip into the window,
        # nor the other way round.
        with self.assertLocked(*YESTERDAY_LOCKED):
            self.mark_yesterday.with_user(
                self.user_teacher
            ).work_type_id = self.wt_control
        with self.assertLocked(*YESTERDAY_LOCKED):
            control.work_type_id = self.wt_answer
        self.assertEqual(control.work_type_id, self.wt_control)

        week_ago = self._create_lesson(
            date(2026, 10, 7), slot=self.slot_math_wed, work_type_id=self.wt_control.id
        )
        with self.assertLocked(*control_locked("2026-10-07", "2026-10-12")):
            Mark.create(
                self._mark_vals(week_ago, self.student_5a_1, self.v3, self.wt_control)
            )
        # The norm's last day (the 18th for the 13th) is in, the next day out.
        with freeze_time("2026-10-18 12:00:00"):
            control.value_id = self.v5
            self.assertEqual(control.value_id, self.v5)
        with (
            freeze_time("2026-10-19 12:00:00"),
            self.assertLocked(*control_locked("2026-10-13", "2026-10-18")),
        ):
            control.value_id = self.v2
        # A new norm applies to lessons recorded from then on, never to this one.
        self.school_a.ejournal_control_work_days = 0
        self.env.invalidate_all()
        self.assertEqual(
            self.lesson_yesterday.control_work_deadline, date(2026, 10, 18)
        )
        control.value_id = self.v4
        control.value_id = self.v5
        self.assertEqual(control.value_id, self.v5)
        self.assertNothingSaved(
            "ejournal.mark",
            [("lesson_id", "in", week_ago.ids)],
        )

    def test_future_lesson_refused(self):
        """REQ-44: nothing is entered for a lesson that has not taken place."""
        env = self.env(user=self.user_teacher)
        with self.assertLocked(*FUTURE_LOCKED):
            env["ejournal.mark"].create(
                self._mark_vals(self.lesson_future, self.student_5a_1)
            )
        with self.assertLocked(*FUTURE_LOCKED):
            env["ejournal.mark"].create(
                self._mark_vals(
                    self.lesson_future, self.student_5a_1, work_type=self.wt_control
                )
            )
        with self.assertLocked(*FUTURE_LOCKED):
            env["ejournal.attendance"].create(
                {"lesson_id": self.lesson_future.id, "student_id": self.student_5a_1.id}
            )
        # Nor can a mark of today be moved to it.
        mark = env["ejournal.mark"].create(
            self._mark_vals(self.lesson_today, self.student_5a_1)
        )
        with self.assertRefused(UserError, "set by the journal itself"):
            mark.lesson_id = self.lesson_future
        self.assertEqual(mark.lesson_id, self.lesson_today)
        self.assertFalse(self.lesson_future.mark_ids)
        self.assertFalse(self.lesson_future.attendance_ids)

    def test_entry_lock_reason(self):
        """REQ-44: the lesson tells why its journal is locked."""
        self.assertFalse(self.lesson_today.entry_lock_reason)
        self.assertEqual(
            self.lesson_yesterday.entry_lock_reason,
            f"The journal of 10/13/2026 {LOCKED}",
        )
        self.assertEqual(
            self.lesson_future.entry_lock_reason, f"The lesson of 10/15/2026 {NOT_YET}"
        )
        self.lesson_future.action_cancel()
        self.lesson_future.invalidate_recordset(["entry_lock_reason"])
        self.assertEqual(
            self.lesson_future.entry_lock_reason,
            "The lesson of 10/15/2026 was cancelled.",
        )
        with freeze_time("2026-10-15 06:00:00"):
            lessons = self.lesson_today | self.lesson_yesterday
            lessons.invalidate_recordset(["entry_lock_reason"])
            self.assertEqual(
                self.lesson_today.entry_lock_reason,
                f"The journal of 10/14/2026 {LOCKED}",
            )
        # What the lesson shows is what the lock applies (the same message as
        # above, written out, not read from the lesson).
        with self.assertLocked(*YESTERDAY_LOCKED):
            self.env["ejournal.mark"].create(
                self._mark_vals(self.lesson_yesterday, self.student_5a_3)
            )

    def test_context_cannot_move_or_open_the_window(self):
        """REQ-44, REQ-45: the window follows the school's time zone; a client
        time zone or a context key that looks like a bypass changes nothing."""
        # 16:00 in Bishkek is already 00:00 of the 15th in Kiritimati (UTC+14).
        kiritimati = "Pacific/Kiritimati"
        self.user_teacher.tz = kiritimati
        envs = (
            self.env(user=self.user_teacher),
            self.env(user=self.user_teacher, context={"tz": kiritimati}),
            self.env(context=dict(self.env.context, tz=kiritimati)),
        )
        for env in envs:
            mark = env["ejournal.mark"].create(
                self._mark_vals(self.lesson_today, self.student_5a_1)
            )
            mark.unlink()
            with self.assertLocked(*FUTURE_LOCKED):
                env["ejournal.mark"].create(
                    self._mark_vals(self.lesson_future, self.student_5a_1)
                )
            self._assert_locked_for(env)

        bypass = {
            "ejournal_unlocked": True,
            "journal_unlocked": True,
            "bypass": True,
            "ejournal_journal_unlocked": True,
            "force": True,
            "install_mode": True,
            "import_file": True,
            "tracking_disable": True,
        }
        for env in (
            self.env(user=self.user_teacher, context=bypass),
            self.env(context=bypass),
            self.env(user=self.user_admin, context=bypass),
        ):
            self._assert_locked_for(env)

        # Only the school's own time zone moves the window.
        self.school_a.ejournal_tz = kiritimati
        self.assertEqual(self.school_a._ejournal_today(), TOMORROW)
        mark = self.env["ejournal.mark"].create(
            self._mark_vals(self.lesson_future, self.student_5a_1)
        )
        self.assertEqual(mark.lesson_id.date, TOMORROW)

    def test_time_zone_edge(self):
        """REQ-44: the school's day ends at midnight in Bishkek: at 23:30 the
        lesson of the day is open, at 00:30 it is locked."""
        Mark = self.env["ejournal.mark"].with_user(self.user_teacher)
        with freeze_time("2026-10-14 17:30:00"):  # 23:30 in Bishkek
            self.assertEqual(self.school_a._ejournal_today(), TODAY)
            late_evening = Mark.create(
                self._mark_vals(self.lesson_today, self.student_5a_1)
            )
            self.lesson_today.invalidate_recordset(["entry_lock_reason"])
            self.assertFalse(self.lesson_today.entry_lock_reason)
        with freeze_time("2026-10-14 18:30:00"):  # 00:30 of the 15th in Bishkek
            self.assertEqual(self.school_a._ejournal_today(), TOMORROW)
            today_locked = ("The journal of", "2026-10-14", LOCKED)
            with self.assertLocked(*today_locked):
                Mark.create(self._mark_vals(self.lesson_today, self.student_5a_2))
            with self.assertLocked(*today_locked):
                late_evening.value_id = self.v3
            with self.assertLocked(*today_locked):
                late_evening.unlink()
            self.lesson_today.invalidate_recordset(["entry_lock_reason"])
            self.assertTrue(self.lesson_today.entry_lock_reason)
            # The lesson of the 15th opened at midnight.
            Mark.create(self._mark_vals(self.lesson_future, self.student_5a_2))
        self.assertEqual(
            self.env["ejournal.mark"].search(
                [("lesson_id", "=", self.lesson_today.id)]
            ),
            late_evening,
        )
        self.assertEqual(late_evening.value_id, self.v5)
