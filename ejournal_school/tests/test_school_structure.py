"""Set-up of the school: years, study periods, vacations, classes, curriculum.

Bad input is refused with a clear, translated error and nothing is saved.
"""

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EjournalCommon


@tagged("ejournal")
class TestSchoolStructure(EjournalCommon):
    # School years, study periods, vacations -------------------------------------

    def test_period_outside_its_school_year(self):
        """REQ-11: a study period lies within its school year."""
        Period = self.env["ejournal.period"]
        for name, start, end in (
            ("Летний триместр", "2027-04-01", "2027-06-15"),
            ("Ранний триместр", "2026-08-25", "2026-11-30"),
        ):
            with self.subTest(period=name):
                with (
                    self.assertRaises(ValidationError) as error,
                    self.env.cr.savepoint(),
                ):
                    Period.create(
                        self._period_vals(self.year, name, start, end, "trimester")
                    )
                self.assertIn(name, str(error.exception))
                self.assertIn(self.year.name, str(error.exception))
                self.assertNothingSaved(
                    "ejournal.period",
                    [("year_id", "=", self.year.id), ("name", "=", name)],
                )
        # On the boundaries of the year it is fine.
        Period.create(
            self._period_vals(
                self.year, "1st trimester", "2026-09-01", "2026-11-30", "trimester"
            )
        )
        Period.create(
            self._period_vals(
                self.year, "3rd trimester", "2027-03-01", "2027-05-31", "trimester"
            )
        )

    def test_periods_of_one_kind_do_not_overlap(self):
        """REQ-11: quarters (or half-years, trimesters) of a year do not overlap;
        periods of another kind may cover the same dates."""
        Period = self.env["ejournal.period"]
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            Period.create(
                self._period_vals(
                    self.year, "Лишняя четверть", "2026-10-20", "2026-11-20"
                )
            )
        self.assertIn("Лишняя четверть", str(error.exception))
        self.assertNothingSaved(
            "ejournal.period",
            [("year_id", "=", self.year.id), ("name", "=", "Лишняя четверть")],
        )

        # Before the second quarter begins, while its dates may still move.
        with (
            freeze_time("2026-10-14 10:00:00"),
            self.assertRaisesRegex(ValidationError, "overlap"),
            self.env.cr.savepoint(),
        ):
            self.quarter_2.date_start = "2026-10-31"
        self.env.invalidate_all()
        self.assertEqual(str(self.quarter_2.date_start), "2026-11-10")

        half_year = Period.create(
            self._period_vals(
                self.year, "1st half-year", "2026-09-01", "2026-12-29", "half_year"
            )
        )
        self.assertEqual(half_year.kind, "half_year")

    def test_dates_end_before_start(self):
        """REQ-11: a school year, a study period and a vacation end after they
        start."""
        cases = (
            (
                "ejournal.academic.year",
                {
                    "name": "2030/2031",
                    "date_start": "2031-05-31",
                    "date_end": "2030-09-01",
                    "company_id": self.school_a.id,
                },
            ),
            (
                "ejournal.academic.year",
                {
                    "name": "2030/2030",
                    "date_start": "2030-09-01",
                    "date_end": "2030-09-01",
                    "company_id": self.school_a.id,
                },
            ),
            (
                "ejournal.period",
                self._period_vals(
                    self.year, "Перевёрнутый", "2026-12-20", "2026-09-10", "trimester"
                ),
            ),
            (
                "ejournal.holiday",
                {
                    "name": "Зимние каникулы",
                    "year_id": self.year.id,
                    "kind": "vacation",
                    "date_start": "2027-01-10",
                    "date_end": "2026-12-30",
                },
            ),
        )
        for model, vals in cases:
            with self.subTest(model=model, name=vals["name"]):
                with (
                    self.assertRaises(ValidationError) as error,
                    self.env.cr.savepoint(),
                ):
                    self.env[model].create(vals)
                self.assertIn(vals["name"], str(error.exception))
                self.assertNothingSaved(
                    model,
                    [
                        ("company_id", "=", self.school_a.id),
                        ("name", "=", vals["name"]),
                    ],
                )
        # A one-day holiday is fine.
        self.env["ejournal.holiday"].create(
            {
                "name": "Новый год",
                "year_id": self.year.id,
                "date_start": "2027-01-01",
                "date_end": "2027-01-01",
            }
        )

    def test_one_active_year_at_a_time(self):
        """REQ-10, REQ-11: two overlapping school years cannot both be active in
        one school; they can in two different schools, and a school may prepare
        the next year as a draft."""
        next_year = self._create_year(
            self.school_a, "2027/2028", "2027-05-01", "2028-05-31", state="draft"
        )
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            next_year.action_activate()
        self.assertIn("2026/2027", str(error.exception))
        self.env.invalidate_all()
        self.assertEqual(next_year.state, "draft")

        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["ejournal.academic.year"].create(
                {
                    "name": "2026/2027 bis",
                    "date_start": "2026-09-01",
                    "date_end": "2027-05-31",
                    "state": "active",
                    "company_id": self.school_a.id,
                }
            )
        self.assertNothingSaved(
            "ejournal.academic.year",
            [("company_id", "=", self.school_a.id), ("name", "=", "2026/2027 bis")],
        )

        # The same dates are active in school B (fixture) and in a third school.
        self.assertEqual(self.year_b.state, "active")
        school_c = self.env["res.company"].create({"name": "Школа В"})
        year_c = self._create_year(school_c)
        self.assertEqual(year_c.state, "active")

        # Once this year is closed, the next one can be activated.
        self.year.action_close()
        next_year.action_activate()
        self.assertEqual(next_year.state, "active")

    # Classes --------------------------------------------------------------------

    def test_class_name_from_grade_and_letter(self):
        """REQ-13: a class is named from its grade and letter, e.g. "5А"."""
        self.assertEqual(self.class_5a.name, "5А")
        school_class = self._create_class(7, " б ")
        self.assertEqual(school_class.name, "7Б")
        school_class.write({"grade_level": 8, "letter": "В"})
        self.assertEqual(school_class.name, "8В")

    def test_grade_between_1_and_11(self):
        """REQ-13: grades go from 1 to 11."""
        for grade in (0, 12, -5):
            with self.subTest(grade=grade):
                with (
                    self.assertRaises(ValidationError) as error,
                    self.env.cr.savepoint(),
                ):
                    self._create_class(grade, "Г")
                self.assertIn(str(grade), str(error.exception))
                self.assertNothingSaved(
                    "ejournal.class",
                    [("grade_level", "=", grade), ("year_id", "=", self.year.id)],
                )
        self.assertEqual(
            (self._create_class(1, "Г") | self._create_class(11, "Г")).mapped("name"),
            ["1Г", "11Г"],
        )

    def test_class_name_unique_in_year(self):
        """REQ-13: one year has one class of each name; another year may reuse it."""
        for letter in ("А", "а"):
            with self.subTest(letter=letter):
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaises(IntegrityError),
                    self.env.cr.savepoint(),
                ):
                    self._create_class(5, letter)
                    self.env.flush_all()
                self.env.invalidate_all()
                self.assertEqual(
                    self.env["ejournal.class"].search_count(
                        [("year_id", "=", self.year.id), ("name", "=", "5А")]
                    ),
                    1,
                )
        next_year = self._create_year(
            self.school_a, "2027/2028", "2027-09-01", "2028-05-31", state="draft"
        )
        self.assertEqual(self._create_class(5, "А", year=next_year).name, "5А")

    def test_no_crossover_between_schools(self):
        """REQ-10, REQ-13, REQ-15: a class teacher, a subject or a component
        of another school cannot be used in this school."""
        cases = (
            (
                "ejournal.class",
                {
                    "grade_level": 7,
                    "letter": "Д",
                    "year_id": self.year.id,
                    "class_teacher_id": self.employee_teacher_b.id,
                },
            ),
            (
                "ejournal.teaching.assignment",
                {
                    "class_id": self.class_5a.id,
                    "subject_id": self.subject_b.id,
                    "teacher_id": self.employee_teacher.id,
                },
            ),
            (
                "ejournal.subgroup",
                {
                    "name": "Группа Б",
                    "class_id": self.class_5a.id,
                    "subject_id": self.subject_b.id,
                },
            ),
            (
                "ejournal.curriculum.line",
                {
                    "curriculum_id": self.curriculum_5.id,
                    "subject_id": self.subject_b.id,
                    "component_id": self.component_school.id,
                },
            ),
        )
        for model, vals in cases:
            with self.subTest(model=model):
                count = self.env[model].search_count([])
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    self.env[model].create(vals)
                self.assertEqual(self.env[model].search_count([]), count)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.class_6a.class_teacher_id = self.employee_teacher_b
        self.env.invalidate_all()
        self.assertEqual(self.class_6a.class_teacher_id, self.employee_other_teacher)

    # Curriculum -------------------------------------------------------------------

    def test_curriculum_hours_positive(self):
        """REQ-14: hours per week of a subject in the curriculum are positive."""
        for hours in (0, -2):
            with self.subTest(hours=hours):
                with (
                    self.assertRaises(ValidationError) as error,
                    self.env.cr.savepoint(),
                ):
                    self.env["ejournal.curriculum.line"].create(
                        {
                            "curriculum_id": self.curriculum_5.id,
                            "subject_id": self.subject_russian.id,
                            "component_id": self.component_school.id,
                            "hours_per_week": hours,
                        }
                    )
                self.assertIn(self.subject_russian.name, str(error.exception))
                self.assertEqual(len(self.curriculum_5.line_ids), 3)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.line_math_5.hours_per_week = 0
        self.env.invalidate_all()
        self.assertEqual(self.line_math_5.hours_per_week, 5)

    def test_curriculum_load_warning(self):
        """REQ-14: the curriculum, and its classes, warn when the hours of a
        component exceed its limit or the weekly load exceeds the maximum; the
        warning goes away below the limits."""
        curriculum = self.env["ejournal.curriculum"].create(
            {
                "name": "6 класс",
                "year_id": self.year.id,
                "grade_level": 6,
                "max_weekly_hours": 10,
                "line_ids": [
                    Command.create(self._line_vals(self.subject_math, 4)),
                    Command.create(
                        self._line_vals(self.subject_english, 2, self.component_school)
                    ),
                ],
                "limit_ids": [
                    Command.create(
                        {"component_id": self.component_invariant.id, "max_hours": 6}
                    )
                ],
            }
        )
        self.class_6a.curriculum_id = curriculum
        math_line = curriculum.line_ids.filtered(
            lambda line: line.subject_id == self.subject_math
        )
        self.assertEqual(curriculum.total_hours, 6)
        self.assertFalse(curriculum.is_overloaded)
        self.assertFalse(curriculum.load_warning)

        # The invariant component goes over its limit of 6 h.
        math_line.hours_per_week = 7
        self.assertTrue(curriculum.is_overloaded)
        self.assertIn(self.component_invariant.name, curriculum.load_warning)
        self.assertTrue(self.class_6a.is_overloaded)
        self.assertEqual(self.class_6a.load_warning, curriculum.load_warning)
        self.assertEqual(self.class_6a.weekly_hours, 9)

        math_line.hours_per_week = 6
        self.assertFalse(curriculum.is_overloaded)
        self.assertFalse(self.class_6a.load_warning)

        # The weekly load (6 + 2 + 3 = 11 h) goes over the maximum of 10 h.
        russian_line = self.env["ejournal.curriculum.line"].create(
            dict(
                self._line_vals(self.subject_russian, 3, self.component_school),
                curriculum_id=curriculum.id,
            )
        )
        self.assertEqual(curriculum.total_hours, 11)
        self.assertTrue(curriculum.is_overloaded)
        self.assertIn("11", curriculum.load_warning)
        self.assertIn("10", curriculum.load_warning)
        self.assertNotIn(self.component_invariant.name, curriculum.load_warning)

        russian_line.unlink()
        self.assertEqual(curriculum.total_hours, 8)
        self.assertFalse(curriculum.is_overloaded)
        self.assertFalse(curriculum.load_warning)

        # Raising the limit itself clears the warning too.
        math_line.hours_per_week = 8
        self.assertTrue(curriculum.is_overloaded)
        curriculum.limit_ids.max_hours = 8
        self.assertFalse(curriculum.is_overloaded)
