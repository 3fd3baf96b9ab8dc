import json
import re
from contextlib import contextmanager
from datetime import date

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tools import format_date

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

from .common import EjournalCommon

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# 10:00 UTC is 16:00 in Bishkek (UTC+6): a Wednesday of the first quarter.
NOW = "2026-10-14 10:00:00"
TODAY = date(2026, 10, 14)
YESTERDAY = date(2026, 10, 13)
TOMORROW = date(2026, 10, 15)


class EjournalJournalCommon(EjournalCommon):
    """The journal of school A on top of :class:`EjournalCommon`.

    The fixture and every test run at ``NOW`` (``freeze_time``, 2026-10-14
    16:00 in Bishkek), unless the class sets ``frozen_now`` to another moment
    or to ``None``.

    Added here:

    - ``bell_1`` … ``bell_6``: the first shift's bells;
    - the maths timetable of 5А, taught by ``employee_teacher``
      (``user_teacher``) in room 201: lesson 1 on Monday, Wednesday and Friday
      (``slot_math_mon``, ``slot_math_wed``, ``slot_math_fri``), lesson 2 on
      Tuesday and Thursday (``slot_math_tue``, ``slot_math_thu``);
    - maths lessons of 5А from that timetable: ``lesson_today`` (2026-10-14),
      ``lesson_yesterday`` (2026-10-13, the previous school day) and
      ``lesson_future`` (2026-10-15);
    - the work types ``wt_answer`` (weight 1), ``wt_test`` (1.5) and
      ``wt_control`` (written control work, weight 2) and the marks ``v5``,
      ``v4``, ``v3``, ``v2``, ``v_na`` (н/а) of the 5-point scale, ``v_pass``
      (зач) of the pass/fail scale.
    """

    frozen_now = NOW

    @classmethod
    def setUpClass(cls):
        if cls.frozen_now:
            # The fixture too is built at that moment (defaults such as
            # ``entered_on`` read the school's today).
            freezer = freeze_time(cls.frozen_now)
            freezer.start()
            cls.addClassCleanup(freezer.stop)
        super().setUpClass()
        ref = cls.env.ref
        cls.wt_answer = ref("ejournal_school.ejournal_work_type_answer")
        cls.wt_test = ref("ejournal_school.ejournal_work_type_test")
        cls.wt_control = ref("ejournal_school.ejournal_work_type_control")
        cls.v5 = ref("ejournal_school.ejournal_grade_scale_value_5")
        cls.v4 = ref("ejournal_school.ejournal_grade_scale_value_4")
        cls.v3 = ref("ejournal_school.ejournal_grade_scale_value_3")
        cls.v2 = ref("ejournal_school.ejournal_grade_scale_value_2")
        cls.v_na = ref("ejournal_school.ejournal_grade_scale_value_na")
        cls.v_pass = ref("ejournal_school.ejournal_grade_scale_value_pass")

        cls.bell_1, cls.bell_2, cls.bell_3, cls.bell_4, cls.bell_5, cls.bell_6 = (
            cls.env["ejournal.bell"].create(
                [
                    {
                        "lesson_number": number,
                        "time_start": start,
                        "time_end": start + 0.75,
                        "company_id": cls.school_a.id,
                    }
                    for number, start in enumerate(
                        (8.0, 8.916, 9.833, 10.833, 11.75, 12.666), start=1
                    )
                ]
            )
        )

        (
            cls.slot_math_mon,
            cls.slot_math_tue,
            cls.slot_math_wed,
            cls.slot_math_thu,
            cls.slot_math_fri,
        ) = cls.env["ejournal.timetable.slot"].create(
            [
                cls._slot_vals(cls.class_5a, weekday, 1 if weekday in "024" else 2)
                for weekday in "01234"
            ]
        )
        cls.lesson_yesterday = cls._create_lesson(YESTERDAY, slot=cls.slot_math_tue)
        cls.lesson_today = cls._create_lesson(TODAY, slot=cls.slot_math_wed)
        cls.lesson_future = cls._create_lesson(TOMORROW, slot=cls.slot_math_thu)

    # Helpers ------------------------------------------------------------------

    @classmethod
    def _slot_vals(cls, school_class, weekday, number, **vals):
        return {
            "class_id": school_class.id,
            "weekday": weekday,
            "lesson_number": number,
            "subject_id": cls.subject_math.id,
            "teacher_id": cls.employee_teacher.id,
            "room": "201",
            "date_from": cls.year.date_start,
            "date_to": cls.year.date_end,
            **vals,
        }

    @classmethod
    def _create_lesson(cls, day, slot=None, number=None, **vals):
        """A lesson on ``day``: from ``slot`` when given, else maths of 5А."""
        if slot:
            values = slot._lesson_values(day)
        else:
            values = {
                "date": day,
                "lesson_number": 1,
                "class_id": cls.class_5a.id,
                "subject_id": cls.subject_math.id,
                "teacher_id": cls.employee_teacher.id,
            }
        if number:
            values["lesson_number"] = number
        values.update(vals)
        return cls.env["ejournal.lesson"].create(values)

    @classmethod
    def _mark_vals(cls, lesson, student, value=None, work_type=None, **vals):
        return {
            "lesson_id": lesson.id,
            "student_id": student.id,
            "value_id": (value or cls.v5).id,
            "work_type_id": (work_type or cls.wt_answer).id,
            **vals,
        }

    @classmethod
    def _past_mark(cls, lesson, student, value=None, work_type=None, **vals):
        """A mark written while its lesson was open (the lock lifted by code)."""
        with journal_unlocked():
            return cls.env["ejournal.mark"].create(
                cls._mark_vals(lesson, student, value, work_type, **vals)
            )

    @classmethod
    def _past_attendance(cls, lesson, student, status="absent", **vals):
        with journal_unlocked():
            return cls.env["ejournal.attendance"].create(
                {
                    "lesson_id": lesson.id,
                    "student_id": student.id,
                    "status": status,
                    **vals,
                }
            )

    @classmethod
    def _give_admin_school_a(cls):
        """``base.user_admin`` works in school A (the tests' current company)."""
        admin = cls.env.ref("base.user_admin")
        admin.write(
            {
                "company_ids": [Command.link(cls.school_a.id)],
                "company_id": cls.school_a.id,
            }
        )
        return admin

    @contextmanager
    def assertRefused(self, exception, *words):
        """The block raises ``exception`` itself, not a subclass (a
        ValidationError or an AccessError is no answer to ``UserError``), rolled
        back to a savepoint, unlike ``assertRaisesRegex``; its message contains
        each of ``words`` (give at least one: several checks may refuse the
        same block). An ISO date among them is looked for as the user reads
        it."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIs(type(catcher.exception), exception, str(catcher.exception))
        for word in words:
            if ISO_DATE.fullmatch(word):
                word = format_date(self.env, fields.Date.to_date(word))
            self.assertIn(word, str(catcher.exception))

    @contextmanager
    def assertLocked(self, *words):
        """The block is refused by the journal lock: a plain UserError (neither
        an AccessError, which a missing right would give, nor a ValidationError)
        naming the reason."""
        with self.assertRefused(UserError, *words) as catcher:
            yield catcher

    def _audit_rows(self, record, operation=None):
        domain = [("model_name", "=", record._name), ("res_id", "in", record.ids)]
        if operation:
            domain.append(("operation", "=", operation))
        return self.env["ejournal.audit.log"].search(domain, order="id")

    @staticmethod
    def _json(text):
        return json.loads(text) if text else {}
