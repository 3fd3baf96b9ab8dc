"""Who reads and who writes the journal (REQ-03, REQ-07, REQ-08, REQ-47, REQ-72).

Each test states, per journal model, the exact set of fixture records a role
finds with ``search`` (the record rules filter them), and that the records
outside the set, or any write, raise ``AccessError``.
"""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
    journal_unlocked,
)

from .common_journal import TODAY, EjournalJournalCommon

JOURNAL_MODELS = (
    "ejournal.lesson",
    "ejournal.homework",
    "ejournal.mark",
    "ejournal.attendance",
    "ejournal.period.mark",
    "ejournal.correction",
    "ejournal.audit.log",
)


@tagged("ejournal", "ejournal_journal", "ejournal_security")
class TestJournalAccess(EjournalJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Mark = cls.env["ejournal.mark"]
        Attendance = cls.env["ejournal.attendance"]
        Homework = cls.env["ejournal.homework"]
        PeriodMark = cls.env["ejournal.period.mark"]

        # School A, 5А (maths, user_teacher) and 6А (English, user_other_teacher).
        cls.lesson_6a = cls._create_lesson(
            TODAY,
            number=2,
            class_id=cls.class_6a.id,
            subject_id=cls.subject_english.id,
            teacher_id=cls.employee_other_teacher.id,
        )
        with journal_unlocked():
            cls.mark_5a_1, cls.mark_5a_2, cls.mark_6a_1 = Mark.create(
                [
                    cls._mark_vals(cls.lesson_today, cls.student_5a_1),
                    cls._mark_vals(cls.lesson_today, cls.student_5a_2, cls.v4),
                    cls._mark_vals(cls.lesson_6a, cls.student_6a_1, cls.v3),
                ]
            )
            cls.att_5a_1, cls.att_5a_3, cls.att_6a_2 = Attendance.create(
                [
                    {
                        "lesson_id": cls.lesson_yesterday.id,
                        "student_id": cls.student_5a_1.id,
                        "status": "late",
                    },
                    {
                        "lesson_id": cls.lesson_today.id,
                        "student_id": cls.student_5a_3.id,
                    },
                    {
                        "lesson_id": cls.lesson_6a.id,
                        "student_id": cls.student_6a_2.id,
                    },
                ]
            )
            cls.pm_5a_1, cls.pm_5a_2, cls.pm_6a_1 = PeriodMark.create(
                [
                    cls._period_mark_vals(cls.student_5a_1, cls.subject_math),
                    cls._period_mark_vals(cls.student_5a_2, cls.subject_math),
                    cls._period_mark_vals(cls.student_6a_1, cls.subject_english),
                ]
            )
        cls.hw_general, cls.hw_5a_1, cls.hw_5a_2, cls.hw_6a = Homework.create(
            [
                {"lesson_id": cls.lesson_today.id, "text": "№ 125"},
                cls._individual(cls.lesson_today, cls.student_5a_1),
                cls._individual(cls.lesson_today, cls.student_5a_2),
                {"lesson_id": cls.lesson_6a.id, "text": "Exercise 4"},
            ]
        )
        Correction = cls.env["ejournal.correction"]
        cls.corr_teacher, cls.corr_other = (
            Correction.with_user(user)
            .create({"mark_id": mark.id, "new_value_id": cls.v4.id, "reason": "Ошибка"})
            .with_env(cls.env)
            for user, mark in (
                (cls.user_teacher, cls.mark_5a_1),
                (cls.user_other_teacher, cls.mark_6a_1),
            )
        )

        # School B.
        env_b = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.school_b.ids)
        )
        cls.lesson_b = env_b["ejournal.lesson"].create(
            {
                "date": TODAY,
                "lesson_number": 1,
                "class_id": cls.class_b_5a.id,
                "subject_id": cls.subject_b.id,
                "teacher_id": cls.employee_teacher_b.id,
            }
        )
        with journal_unlocked():
            cls.mark_b = env_b["ejournal.mark"].create(
                cls._mark_vals(cls.lesson_b, cls.student_b)
            )
            cls.att_b = env_b["ejournal.attendance"].create(
                {"lesson_id": cls.lesson_b.id, "student_id": cls.student_b.id}
            )
        cls.hw_b = env_b["ejournal.homework"].create(
            {"lesson_id": cls.lesson_b.id, "text": "Школа Б"}
        )

        cls.all_records = {
            "ejournal.lesson": cls.lesson_yesterday
            | cls.lesson_today
            | cls.lesson_future
            | cls.lesson_6a
            | cls.lesson_b,
            "ejournal.homework": cls.hw_general
            | cls.hw_5a_1
            | cls.hw_5a_2
            | cls.hw_6a
            | cls.hw_b,
            "ejournal.mark": cls.mark_5a_1 | cls.mark_5a_2 | cls.mark_6a_1 | cls.mark_b,
            "ejournal.attendance": cls.att_5a_1
            | cls.att_5a_3
            | cls.att_6a_2
            | cls.att_b,
            "ejournal.period.mark": cls.pm_5a_1 | cls.pm_5a_2 | cls.pm_6a_1,
            "ejournal.correction": cls.corr_teacher | cls.corr_other,
        }
        AuditLog = cls.env["ejournal.audit.log"]
        cls.all_records["ejournal.audit.log"] = AuditLog.search(
            [
                ("model_name", "=", "ejournal.mark"),
                ("res_id", "in", cls.all_records["ejournal.mark"].ids),
            ]
        )
        cls.audit_b = cls.all_records["ejournal.audit.log"].filtered(
            lambda row: row.res_id == cls.mark_b.id
        )

    @classmethod
    def _period_mark_vals(cls, student, subject):
        return {
            "student_id": student.id,
            "class_id": student.class_id.id,
            "subject_id": subject.id,
            "kind": "quarter",
            "period_id": cls.quarter_1.id,
            "value_id": cls.v4.id,
        }

    @classmethod
    def _individual(cls, lesson, student):
        return {
            "lesson_id": lesson.id,
            "kind": "individual",
            "text": f"Карточка для {student.name}",
            "student_ids": [Command.set(student.ids)],
        }

    def _school_a(self, model):
        """The fixture records of ``model`` in school A."""
        return self.all_records[model].filtered(
            lambda record: record.company_id == self.school_a
        )

    def _denied(self, model, operation, by="acl"):
        """The exact AccessError message refusing ``operation`` on ``model`` by
        its access rights (``acl``) or by its record rules (``rule``)."""
        name = self.env["ir.model"]._get(model).name
        if by == "acl":
            verb = {"read": "access", "write": "modify", "unlink": "delete"}.get(
                operation, operation
            )
            return f"You are not allowed to {verb} '{name}' ({model}) records."
        return f"doesn't have '{operation}' access to:\n- {name} ({model})\n"

    def _assert_reads(self, user, expected, env=None):
        """``user`` finds exactly ``expected[model]`` among the fixture records,
        reads them, and gets an AccessError on each of the others. A model
        missing from ``expected`` is not readable at all."""
        env = env or self.env(user=user)
        for model in JOURNAL_MODELS:
            records = self.all_records[model]
            with self.subTest(user=user.login, model=model):
                if model not in expected:
                    with (
                        mute_logger("odoo.models"),
                        self.assertRefused(AccessError, self._denied(model, "read")),
                    ):
                        env[model].search([("id", "in", records.ids)])
                    continue
                found = env[model].search([("id", "in", records.ids)])
                self.assertEqual(found, expected[model].with_env(env))
                found.read(["display_name"])
                for hidden in records - expected[model]:
                    with (
                        mute_logger("odoo.models"),
                        self.assertRefused(
                            AccessError, self._denied(model, "read", "rule")
                        ),
                    ):
                        hidden.with_env(env).read(["display_name"])

    def _assert_attempts_refused(self, user, attempts):
        """Each attempt, named "<operation> <model>", is refused by the access
        rights of that model for that operation."""
        for name, attempt in attempts.items():
            operation, model = name.split(" ", 1)
            model = "ejournal." + model.replace(" ", ".")
            with self.subTest(user=user.login, attempt=name):
                with (
                    mute_logger("odoo.models"),
                    self.assertRefused(AccessError, self._denied(model, operation)),
                ):
                    attempt()

    def _assert_writes_nothing(self, user):
        """``user`` neither creates, changes nor deletes any journal entry."""
        env = self.env(user=user)
        attempts = {
            "create mark": lambda: env["ejournal.mark"].create(
                self._mark_vals(self.lesson_today, self.student_5a_3)
            ),
            "write mark": lambda: self.mark_5a_1.with_env(env).write(
                {"value_id": self.v2.id}
            ),
            "unlink mark": lambda: self.mark_5a_1.with_env(env).unlink(),
            "create attendance": lambda: env["ejournal.attendance"].create(
                {"lesson_id": self.lesson_today.id, "student_id": self.student_5a_1.id}
            ),
            "write attendance": lambda: self.att_5a_3.with_env(env).write(
                {"status": "late"}
            ),
            "unlink attendance": lambda: self.att_5a_3.with_env(env).unlink(),
            "write lesson": lambda: self.lesson_today.with_env(env).write(
                {"topic": "Чужая тема"}
            ),
            "create homework": lambda: env["ejournal.homework"].create(
                {"lesson_id": self.lesson_today.id, "text": "Чужое задание"}
            ),
            "write homework": lambda: self.hw_general.with_env(env).write(
                {"text": "Чужое задание"}
            ),
            "unlink homework": lambda: self.hw_general.with_env(env).unlink(),
            "create correction": lambda: env["ejournal.correction"].create(
                {
                    "mark_id": self.mark_5a_2.id,
                    "new_value_id": self.v5.id,
                    "reason": "x",
                }
            ),
        }
        self._assert_attempts_refused(user, attempts)
        # Period marks: on the last day of the quarter, when their window is open.
        with freeze_time("2026-10-31 06:00:00"):
            attempts = {
                "create period mark": lambda: env["ejournal.period.mark"].create(
                    self._period_mark_vals(self.student_5a_3, self.subject_math)
                ),
                "write period mark": lambda: self.pm_5a_1.with_env(env).write(
                    {"value_id": self.v2.id}
                ),
                "unlink period mark": lambda: self.pm_5a_1.with_env(env).unlink(),
            }
            self._assert_attempts_refused(user, attempts)
        self.env.invalidate_all()
        self.assertEqual(self.mark_5a_1.value_id, self.v5)
        self.assertEqual(self.att_5a_3.status, "absent")
        self.assertFalse(self.lesson_today.topic)
        self.assertEqual(self.hw_general.text, "№ 125")
        self.assertEqual(self.pm_5a_1.value_id, self.v4)
        self.assertEqual(self.lesson_today.mark_ids, self.mark_5a_1 | self.mark_5a_2)
        self.assertFalse(
            self.env["ejournal.correction"].search(
                [("mark_id", "=", self.mark_5a_2.id)]
            )
        )
        self.assertNothingSaved(
            "ejournal.period.mark", [("student_id", "=", self.student_5a_3.id)]
        )

    def test_control_reads_all_writes_nothing(self):
        """REQ-06, REQ-47: the control group reads every journal of the school,
        corrections and the audit log included, and changes nothing."""
        self._assert_reads(
            self.user_control,
            {model: self._school_a(model) for model in JOURNAL_MODELS},
        )
        self._assert_writes_nothing(self.user_control)

    def test_deputy_reads_all(self):
        """REQ-02, REQ-47: the deputy director reads every journal of the school;
        marks of others' lessons change only through corrections."""
        self._assert_reads(
            self.user_deputy,
            {model: self._school_a(model) for model in JOURNAL_MODELS},
        )
        env = self.env(user=self.user_deputy)
        with (
            mute_logger("odoo.models"),
            self.assertRefused(
                AccessError, self._denied("ejournal.mark", "write", "rule")
            ),
        ):
            self.mark_5a_1.with_env(env).value_id = self.v2
        with (
            mute_logger("odoo.models"),
            self.assertRefused(
                AccessError, self._denied("ejournal.mark", "create", "rule")
            ),
        ):
            env["ejournal.mark"].create(
                self._mark_vals(self.lesson_today, self.student_5a_3)
            )
        self.assertEqual(self.mark_5a_1.value_id, self.v5)

    def test_teacher_reads_classes_taught_or_led(self):
        """REQ-03, REQ-04: a teacher reads the journal of the classes they teach
        or lead, not of the others; their own correction requests only; never
        the audit log."""
        lessons_5a = self.lesson_yesterday | self.lesson_today | self.lesson_future
        journal_5a = {
            "ejournal.lesson": lessons_5a,
            "ejournal.homework": self.hw_general | self.hw_5a_1 | self.hw_5a_2,
            "ejournal.mark": self.mark_5a_1 | self.mark_5a_2,
            "ejournal.attendance": self.att_5a_1 | self.att_5a_3,
            "ejournal.period.mark": self.pm_5a_1 | self.pm_5a_2,
        }
        Correction = self.env["ejournal.correction"]
        self._assert_reads(
            self.user_teacher,
            dict(journal_5a, **{"ejournal.correction": self.corr_teacher}),
        )
        self._assert_reads(
            self.user_class_teacher,
            dict(journal_5a, **{"ejournal.correction": Correction}),
        )
        self._assert_reads(
            self.user_other_teacher,
            {
                "ejournal.lesson": self.lesson_6a,
                "ejournal.homework": self.hw_6a,
                "ejournal.mark": self.mark_6a_1,
                "ejournal.attendance": self.att_6a_2,
                "ejournal.period.mark": self.pm_6a_1,
                "ejournal.correction": self.corr_other,
            },
        )

    def test_parent_reads_own_children(self):
        """REQ-07, REQ-70, REQ-72: a parent reads the marks, attendance, period
        marks and homework of their own children only; another child's
        individual homework stays hidden."""
        self._assert_reads(
            self.user_parent,
            {
                "ejournal.lesson": self.lesson_yesterday
                | self.lesson_today
                | self.lesson_future,
                "ejournal.homework": self.hw_general | self.hw_5a_1,
                "ejournal.mark": self.mark_5a_1,
                "ejournal.attendance": self.att_5a_1,
                "ejournal.period.mark": self.pm_5a_1,
            },
        )
        # A parent of two children in two classes reads both.
        self._assert_reads(
            self.user_parent_two,
            {
                "ejournal.lesson": self.lesson_yesterday
                | self.lesson_today
                | self.lesson_future
                | self.lesson_6a,
                "ejournal.homework": self.hw_general | self.hw_5a_2 | self.hw_6a,
                "ejournal.mark": self.mark_5a_2 | self.mark_6a_1,
                "ejournal.attendance": self.env["ejournal.attendance"],
                "ejournal.period.mark": self.pm_5a_2 | self.pm_6a_1,
            },
        )
        mark = self.mark_5a_1.with_user(self.user_parent)
        self.assertEqual(mark.value_id.code, "5")
        self.assertEqual(mark.work_type_id, self.wt_answer)

    def test_student_reads_self(self):
        """REQ-08, REQ-72: a pupil reads only their own journal."""
        self._assert_reads(
            self.user_student,
            {
                "ejournal.lesson": self.lesson_yesterday
                | self.lesson_today
                | self.lesson_future,
                "ejournal.homework": self.hw_general | self.hw_5a_1,
                "ejournal.mark": self.mark_5a_1,
                "ejournal.attendance": self.att_5a_1,
                "ejournal.period.mark": self.pm_5a_1,
            },
        )

    def test_portal_writes_nothing(self):
        """REQ-07, REQ-08: the diary is read-only for parents and pupils."""
        for user in (self.user_parent, self.user_student):
            self._assert_writes_nothing(user)

    def test_second_school_invisible(self):
        """REQ-10: the journal of another school is invisible, both ways."""
        self._assert_reads(
            self.user_teacher_b,
            {
                "ejournal.lesson": self.lesson_b,
                "ejournal.homework": self.hw_b,
                "ejournal.mark": self.mark_b,
                "ejournal.attendance": self.att_b,
                "ejournal.period.mark": self.env["ejournal.period.mark"],
                "ejournal.correction": self.env["ejournal.correction"],
            },
            env=self.env(
                user=self.user_teacher_b,
                context=dict(self.env.context, allowed_company_ids=self.school_b.ids),
            ),
        )
        # School A's control group and deputy see nothing of school B (their
        # reads above compare with school A's records only); a direct read, in
        # the user's own company (school B's records are bound to a context
        # allowing school B, which alone would refuse them):
        for user in (self.user_control, self.user_deputy, self.user_teacher):
            env = self.env(
                user=user,
                context=dict(self.env.context, allowed_company_ids=self.school_a.ids),
            )
            with (
                self.subTest(user=user.login),
                mute_logger("odoo.models"),
                self.assertRefused(
                    AccessError, self._denied("ejournal.mark", "read", "rule")
                ),
            ):
                self.mark_b.with_env(env).read(["value_id"])
            with (
                self.subTest(user=user.login),
                mute_logger("odoo.models"),
                self.assertRefused(
                    AccessError, self._denied("ejournal.lesson", "read", "rule")
                ),
            ):
                self.lesson_b.with_env(env).read(["date"])
