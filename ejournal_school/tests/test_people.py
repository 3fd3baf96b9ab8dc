"""Cards of students and parents, class membership and its history."""

from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EjournalCommon


@tagged("ejournal")
class TestPeople(EjournalCommon):
    # Student and parent cards -----------------------------------------------------

    def test_enrolled_student_needs_a_class_of_the_active_year(self):
        """REQ-21: an enrolled student belongs to a class of the active school
        year; a school without an active year may register students first."""
        draft_year = self._create_year(
            self.school_a, "2027/2028", "2027-09-01", "2028-05-31", state="draft"
        )
        class_next_year = self._create_class(5, "А", year=draft_year)
        for label, vals in (
            ("no class", {}),
            ("class of a draft year", {"class_id": class_next_year.id}),
        ):
            with self.subTest(label):
                name = f"Ученик без класса ({label})"
                with (
                    self.assertRaises(ValidationError) as error,
                    self.env.cr.savepoint(),
                ):
                    self.env["ejournal.student"].create(
                        {"name": name, "company_id": self.school_a.id, **vals}
                    )
                self.assertIn(name, str(error.exception))
                self.assertNothingSaved(
                    "ejournal.student",
                    [("company_id", "=", self.school_a.id), ("name", "=", name)],
                )
                self.assertNothingSaved("res.partner", [("name", "=", name)])

        # A withdrawn pupil keeps no class.
        with freeze_time("2026-12-15 06:00:00"):
            self.student_5a_3.write({"state": "withdrawn", "class_id": False})
        self.assertFalse(self.student_5a_3.class_id)
        self.assertEqual(str(self.student_5a_3.enrolment_ids.date_to), "2026-12-14")

        school_c = self.env["res.company"].create({"name": "Новая школа"})
        student = self.env["ejournal.student"].create(
            {"name": "Будущий ученик", "company_id": school_c.id}
        )
        self.assertFalse(student.class_id)

    def test_guardianship_not_with_oneself(self):
        """REQ-22: a person cannot be linked to themself as their own parent."""
        same_person = self.env["ejournal.parent"].create(
            {
                "partner_id": self.student_5a_3.partner_id.id,
                "company_id": self.school_a.id,
            }
        )
        self.assertEqual(same_person.name, self.student_5a_3.name)
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self.env["ejournal.guardianship"].create(
                {"student_id": self.student_5a_3.id, "parent_id": same_person.id}
            )
        self.assertIn(self.student_5a_3.name, str(error.exception))
        self.assertNothingSaved(
            "ejournal.guardianship", [("parent_id", "=", same_person.id)]
        )

    def test_parent_linked_once_per_child(self):
        """REQ-22: a parent is linked to a child once (with one relation)."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["ejournal.guardianship"].create(
                {
                    "student_id": self.student_5a_1.id,
                    "parent_id": self.parent_5a.id,
                    "relation": "guardian",
                }
            )
            self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            self.env["ejournal.guardianship"]
            .search(
                [
                    ("student_id", "=", self.student_5a_1.id),
                    ("parent_id", "=", self.parent_5a.id),
                ]
            )
            .relation,
            "mother",
        )

    def test_cards_show_parents_and_children(self):
        """REQ-21, REQ-22: a student card shows the pupil's parents, a parent card
        their children, each link with its relation."""
        self.assertEqual(self.student_5a_1.parent_ids, self.parent_5a)
        self.assertEqual(self.student_5a_2.parent_ids, self.parent_two)
        self.assertFalse(self.student_5a_3.parent_ids)
        self.assertEqual(
            self.parent_two.student_ids, self.student_5a_2 | self.student_6a_1
        )
        self.assertEqual(
            set(self.parent_two.guardianship_ids.mapped("relation")), {"father"}
        )

        self.env["ejournal.guardianship"].create(
            {
                "student_id": self.student_5a_2.id,
                "parent_id": self.parent_6a.id,
                "relation": "guardian",
            }
        )
        self.assertEqual(self.student_5a_2.parent_ids, self.parent_two | self.parent_6a)
        self.assertEqual(
            self.parent_6a.student_ids, self.student_6a_2 | self.student_5a_2
        )

        self.parent_two.guardianship_ids.filtered(
            lambda link: link.student_id == self.student_6a_1
        ).unlink()
        self.assertEqual(self.parent_two.student_ids, self.student_5a_2)
        self.assertFalse(self.student_6a_1.parent_ids)

    # Class membership -------------------------------------------------------------

    def test_moving_a_student_keeps_history(self):
        """REQ-21, REQ-50: moving a pupil to another class closes the old
        membership the day before and opens a new one on the school's today
        (Asia/Bishkek), so each class lists the right pupils on each date."""
        pupil = self.student_5a_3
        # 20:00 UTC on 14 December is already 15 December in Bishkek (UTC+6).
        with freeze_time("2026-12-14 20:00:00"):
            self.assertEqual(self.school_a._ejournal_today(), date(2026, 12, 15))
            pupil.class_id = self.class_6a

        self.assertEqual(pupil.class_id, self.class_6a)
        old, new = pupil.enrolment_ids.sorted("date_from")
        self.assertRecordValues(
            old | new,
            [
                {
                    "class_id": self.class_5a.id,
                    "date_from": date(2026, 9, 1),
                    "date_to": date(2026, 12, 14),
                },
                {
                    "class_id": self.class_6a.id,
                    "date_from": date(2026, 12, 15),
                    "date_to": False,
                },
            ],
        )
        before, after = date(2026, 12, 14), date(2026, 12, 15)
        self.assertEqual(
            self.class_5a._students_on(before),
            self.student_5a_1 | self.student_5a_2 | pupil,
        )
        self.assertEqual(
            self.class_5a._students_on(after), self.student_5a_1 | self.student_5a_2
        )
        self.assertEqual(
            self.class_6a._students_on(before), self.student_6a_1 | self.student_6a_2
        )
        self.assertEqual(
            self.class_6a._students_on(after),
            self.student_6a_2 | self.student_6a_1 | pupil,
        )
        # Ordered by name.
        self.assertEqual(
            self.class_6a._students_on(after).mapped("name"),
            sorted(
                [pupil.name, self.student_6a_1.name, self.student_6a_2.name],
                key=str.lower,
            ),
        )
        # Before the year started nobody was in the class.
        self.assertFalse(self.class_5a._students_on(date(2026, 8, 31)))

    def test_enrolments_do_not_overlap(self):
        """REQ-21, REQ-50: a pupil is in one class at a time."""
        Enrolment = self.env["ejournal.class.enrolment"]
        pupil = self.student_5a_1
        # The open membership in 5А overlaps any later one.
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            Enrolment.create(
                {
                    "student_id": pupil.id,
                    "class_id": self.class_6a.id,
                    "date_from": "2027-01-11",
                }
            )
        self.assertIn(pupil.name, str(error.exception))
        self.assertNothingSaved(
            "ejournal.class.enrolment",
            [("student_id", "=", pupil.id), ("class_id", "=", self.class_6a.id)],
        )

        # Last year in 6А, closed on 31 May: a membership over that day
        # overlaps it, one in the summer overlaps nothing.
        Enrolment.create(
            {
                "student_id": pupil.id,
                "class_id": self.class_6a.id,
                "date_from": "2025-09-01",
                "date_to": "2026-05-31",
            }
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Enrolment.create(
                {
                    "student_id": pupil.id,
                    "class_id": self.class_5a.id,
                    "date_from": "2026-05-31",
                    "date_to": "2026-06-30",
                }
            )
        self.assertNothingSaved(
            "ejournal.class.enrolment",
            [("student_id", "=", pupil.id), ("date_from", "=", "2026-05-31")],
        )
        # Nor may a membership end before it starts.
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Enrolment.create(
                {
                    "student_id": pupil.id,
                    "class_id": self.class_5a.id,
                    "date_from": "2026-08-31",
                    "date_to": "2026-06-01",
                }
            )
        self.assertNothingSaved(
            "ejournal.class.enrolment",
            [("student_id", "=", pupil.id), ("date_from", "=", "2026-08-31")],
        )
        Enrolment.create(
            {
                "student_id": pupil.id,
                "class_id": self.class_5a.id,
                "date_from": "2026-06-01",
                "date_to": "2026-08-31",
            }
        )
        self.assertEqual(len(pupil.enrolment_ids), 3)
        self.assertEqual(pupil.class_id, self.class_5a)

    # Subgroups and teaching assignments --------------------------------------------

    def test_subgroup_students_from_its_class(self):
        """REQ-13: a subgroup holds pupils of its own class only."""
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self._create_subgroup(
                self.class_5a,
                self.subject_english,
                self.student_5a_3 | self.student_6a_1,
                name="Группа 2",
            )
        self.assertIn(self.student_6a_1.name, str(error.exception))
        self.assertNothingSaved(
            "ejournal.subgroup",
            [("class_id", "=", self.class_5a.id), ("name", "=", "Группа 2")],
        )

        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.subgroup_5a_english.student_ids = [Command.link(self.student_6a_2.id)]
        self.env.invalidate_all()
        self.assertEqual(
            self.subgroup_5a_english.student_ids, self.student_5a_1 | self.student_5a_2
        )
        self.subgroup_5a_english.student_ids = [Command.link(self.student_5a_3.id)]
        self.assertIn(self.student_5a_3, self.subgroup_5a_english.student_ids)

    def test_assignment_subgroup_of_its_class_and_subject(self):
        """REQ-15: a teaching assignment with a subgroup uses a subgroup of the
        same class and subject."""
        base = {
            "subject_id": self.subject_english.id,
            "teacher_id": self.employee_teacher.id,
        }
        for label, vals in (
            (
                "subgroup of another class",
                {
                    "class_id": self.class_5a.id,
                    "subgroup_id": self.subgroup_6a_english.id,
                },
            ),
            (
                "subgroup of another subject",
                {
                    "class_id": self.class_5a.id,
                    "subgroup_id": self.subgroup_5a_english.id,
                    "subject_id": self.subject_math.id,
                },
            ),
        ):
            with self.subTest(label):
                with (
                    self.assertRaises(ValidationError) as error,
                    self.env.cr.savepoint(),
                ):
                    self.env["ejournal.teaching.assignment"].create({**base, **vals})
                self.assertIn(self.class_5a.name, str(error.exception))
                self.assertNothingSaved(
                    "ejournal.teaching.assignment",
                    [
                        ("teacher_id", "=", self.employee_teacher.id),
                        ("subgroup_id", "=", vals["subgroup_id"]),
                    ],
                )
        assignment = self.env["ejournal.teaching.assignment"].create(
            {
                **base,
                "class_id": self.class_5a.id,
                "subgroup_id": self.subgroup_5a_english.id,
            }
        )
        self.assertEqual(assignment.year_id, self.year)
