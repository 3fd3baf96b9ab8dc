"""Period marks: when, by whom, and the proposed mark (REQ-46)."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

from .common_journal import EjournalJournalCommon

LAST_DAY = "2026-10-31 06:00:00"  # 12:00 in Bishkek, the last day of the 1st quarter
# The record rules of period marks refuse the operation (%) to the user.
HIDDEN = "doesn't have '%s' access to:\n- Period Mark (ejournal.period.mark)\n"


@tagged("ejournal", "ejournal_journal")
class TestPeriodMark(EjournalJournalCommon):
    def _vals(self, student=None, subject=None, value=None, **vals):
        student = student or self.student_5a_1
        return {
            "student_id": student.id,
            "class_id": student.class_id.id,
            "subject_id": (subject or self.subject_math).id,
            "kind": "quarter",
            "period_id": self.quarter_1.id,
            "value_id": (value or self.v4).id,
            **vals,
        }

    def _domain(self, student=None):
        return [("student_id", "=", (student or self.student_5a_1).id)]

    def test_window(self):
        """REQ-46: a period mark is entered from the last day of the period and
        within the grace days, never before, never after."""
        PeriodMark = self.env["ejournal.period.mark"].with_user(self.user_teacher)
        with self.assertLocked("2026-10-31"):
            PeriodMark.create(self._vals())
        with freeze_time("2026-10-30 17:00:00"), self.assertLocked("2026-10-31"):
            PeriodMark.create(self._vals())  # 23:00 of the 30th in Bishkek
        self.assertNothingSaved("ejournal.period.mark", self._domain())

        with freeze_time("2026-10-30 18:30:00"):  # 00:30 of the 31st in Bishkek
            mark = PeriodMark.create(self._vals())
        with freeze_time("2026-11-03 12:00:00"):  # the last of 3 grace days
            mark.value_id = self.v5
            PeriodMark.create(self._vals(self.student_5a_2))
        with freeze_time("2026-11-04 03:00:00"):
            for operation in (
                lambda: PeriodMark.create(self._vals(self.student_5a_3)),
                lambda: mark.write({"value_id": self.v3.id}),
                lambda: mark.unlink(),
                lambda: mark.sudo().write({"value_id": self.v3.id}),
            ):
                with self.assertLocked("2026-11-03"):
                    operation()
        self.env.invalidate_all()
        self.assertEqual(mark.value_id, self.v5)
        self.assertNothingSaved("ejournal.period.mark", self._domain(self.student_5a_3))

        # Annual marks wait for the end of the year.
        with freeze_time(LAST_DAY), self.assertLocked("2027-05-31"):
            PeriodMark.create(self._vals(kind="annual", period_id=False))
        with freeze_time("2027-05-31 06:00:00"):
            annual = PeriodMark.create(self._vals(kind="annual", period_id=False))
        self.assertEqual(annual.date_end, date(2027, 5, 31))

    def test_who_sets_it(self):
        """REQ-03, REQ-04, REQ-46: the subject teacher sets the marks of their
        subject in their class, the class teacher of every subject of the class;
        nobody else."""
        Model = self.env["ejournal.period.mark"]
        with freeze_time(LAST_DAY):
            by_teacher = Model.with_user(self.user_teacher).create(self._vals())
            by_class_teacher = Model.with_user(self.user_class_teacher).create(
                self._vals(subject=self.subject_russian)
            )
            by_teacher.with_user(self.user_class_teacher).value_id = self.v5
            refused = (
                (self.user_other_teacher, self._vals(self.student_5a_2)),
                (
                    self.user_teacher,
                    self._vals(self.student_5a_2, self.subject_russian),
                ),
                (self.user_teacher, self._vals(self.student_6a_2)),
                (
                    self.user_other_teacher,
                    self._vals(self.student_5a_2, self.subject_english),
                ),
            )
            for user, vals in refused:
                with (
                    self.subTest(user=user.login, vals=vals),
                    mute_logger("odoo.models"),
                    self.assertRefused(AccessError, HIDDEN % "create"),
                ):
                    Model.with_user(user).create(vals)
            with (
                mute_logger("odoo.models"),
                self.assertRefused(AccessError, HIDDEN % "write"),
            ):
                by_class_teacher.with_user(self.user_teacher).value_id = self.v2
            with (
                mute_logger("odoo.models"),
                self.assertRefused(AccessError, HIDDEN % "unlink"),
            ):
                by_teacher.with_user(self.user_other_teacher).unlink()
            # The class teacher of 6А sets English there, which they also teach.
            Model.with_user(self.user_other_teacher).create(
                self._vals(self.student_6a_2, self.subject_english)
            )
        self.env.invalidate_all()
        self.assertEqual(by_teacher.value_id, self.v5)
        self.assertEqual(by_class_teacher.value_id, self.v4)
        self.assertEqual(
            by_teacher.teacher_user_ids, self.user_teacher | self.user_class_teacher
        )
        self.assertEqual(
            Model.search([("class_id", "=", self.class_5a.id)]),
            by_teacher | by_class_teacher,
        )

    def test_proposal(self):
        """REQ-46: the proposed mark is the weighted average of the period's
        current marks: 5 (answer, weight 1) and 4 (control work, weight 2) give
        13 / 3 = 4.33, proposed 4."""
        self._past_mark(self.lesson_yesterday, self.student_5a_1, self.v5)
        self._past_mark(self.lesson_today, self.student_5a_1, self.v4, self.wt_control)
        # Not counted: "н/а", another subject, another pupil, another quarter.
        self._past_mark(
            self._create_lesson(date(2026, 10, 7), slot=self.slot_math_wed),
            self.student_5a_1,
            self.v_na,
        )
        russian = self._create_lesson(
            date(2026, 10, 12), number=3, subject_id=self.subject_russian.id
        )
        self._past_mark(russian, self.student_5a_1, self.v2)
        self._past_mark(self.lesson_today, self.student_5a_2, self.v2)
        self._past_mark(
            self._create_lesson(date(2026, 11, 10), slot=self.slot_math_tue),
            self.student_5a_1,
            self.v2,
        )

        with freeze_time(LAST_DAY):
            mark = (
                self.env["ejournal.period.mark"]
                .with_user(self.user_teacher)
                .create(self._vals(value=self.v5))
            )
            self.assertAlmostEqual(mark.proposed_average, 13 / 3, places=2)
            self.assertEqual(mark.proposed_value_id, self.v4)
            self.assertEqual(mark.proposed_formula, "(4×2 + 5×1) / (2 + 1) = 4.33 → 4")
            # The teacher decides: the proposal is shown, not imposed.
            self.assertEqual(mark.value_id, self.v5)

            other = self.env["ejournal.period.mark"].new(self._vals(self.student_5a_2))
            self.assertEqual(other.proposed_value_id, self.v2)
            self.assertEqual(other.proposed_formula, "(2×1) / (1) = 2.00 → 2")
            nothing = self.env["ejournal.period.mark"].new(
                self._vals(self.student_5a_3)
            )
            self.assertFalse(nothing.proposed_value_id)
            self.assertEqual(nothing.proposed_average, 0.0)

    def test_proposal_half_rounds_up_and_annual(self):
        """REQ-46: an average of 4.5 proposes 5; the annual proposal is the
        average of the quarter marks."""
        self._past_mark(self.lesson_yesterday, self.student_5a_1, self.v5)
        self._past_mark(self.lesson_today, self.student_5a_1, self.v4)
        PeriodMark = self.env["ejournal.period.mark"]
        quarter = PeriodMark.new(self._vals())
        self.assertAlmostEqual(quarter.proposed_average, 4.5)
        self.assertEqual(quarter.proposed_value_id, self.v5)

        with journal_unlocked():
            PeriodMark.create(
                [
                    self._vals(value=self.v4),
                    self._vals(value=self.v3, period_id=self.quarter_2.id),
                    self._vals(value=self.v5, period_id=self.quarter_3.id),
                    self._vals(
                        self.student_5a_2, value=self.v2, period_id=self.quarter_2.id
                    ),
                ]
            )
        annual = PeriodMark.new(self._vals(kind="annual", period_id=False))
        self.assertAlmostEqual(annual.proposed_average, 4.0)
        self.assertEqual(annual.proposed_value_id, self.v4)
        self.assertTrue(annual.proposed_formula.endswith("/ (1 + 1 + 1) = 4.00 → 4"))
