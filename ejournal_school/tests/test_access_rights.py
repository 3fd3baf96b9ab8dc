"""Who may read, write, create and delete the records of the school's foundation.

Each role test gives a table of ``(record, allowed operations)``
and ``_assert_access`` proves, for each of read (``r``), write (``w``), create
(``c``) and unlink (``u``), that the role succeeds when the letter is there and
gets an AccessError when it is not. Create and unlink work on a new record
"like" the one in the table (same school, class, pupil), so that the record
rules are checked as well as the ACLs; every check is rolled back.
"""

import re

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EjournalCommon

OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}
ACL_VERBS = {
    "read": "access",
    "write": "modify",
    "create": "create",
    "unlink": "delete",
}


def denied(model, operation, by="acl|rule"):
    """The message of the AccessError refusing ``operation`` on ``model``: by
    its access rights (``acl``: "You are not allowed to modify 'Student'
    (ejournal.student) records.") or by its record rules (``rule``: "...
    doesn't have 'write' access to: - Student... (ejournal.student...")."""
    model = re.escape(model)
    patterns = {
        "acl": rf"You are not allowed to {ACL_VERBS[operation]} '[^']+' \({model}\)"
        " records\\.",
        "rule": rf"doesn't have '{operation}' access to:\n- [^\n]*\({model}[:)]",
    }
    return "|".join(f"(?:{patterns[kind]})" for kind in by.split("|"))


@tagged("ejournal", "ejournal_security")
class TestAccessRights(EjournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.enrolment_5a_1 = cls.student_5a_1.enrolment_ids
        cls.enrolment_5a_2 = cls.student_5a_2.enrolment_ids
        cls.enrolment_6a_2 = cls.student_6a_2.enrolment_ids
        cls.guardianship_5a = cls.parent_5a.guardianship_ids
        cls.guardianship_two_5a = cls.parent_two.guardianship_ids.filtered(
            lambda link: link.student_id == cls.student_5a_2
        )
        cls.guardianship_6a = cls.parent_6a.guardianship_ids

        # The rest of school B: one record of every model.
        b = cls.school_b
        cls.period_b = cls.env["ejournal.period"].create(
            cls._period_vals(cls.year_b, "1st quarter", "2026-09-01", "2026-10-31")
        )
        cls.holiday_b = cls.env["ejournal.holiday"].create(
            {
                "name": "Осенние каникулы",
                "year_id": cls.year_b.id,
                "date_start": "2026-11-01",
                "date_end": "2026-11-09",
            }
        )
        cls.area_b = cls.env["ejournal.education.area"].create(
            {"name": "Математика", "company_id": b.id}
        )
        cls.component_b = cls.env["ejournal.curriculum.component"].create(
            {"name": "Инвариантная часть", "company_id": b.id}
        )
        cls.curriculum_b = cls.env["ejournal.curriculum"].create(
            {
                "name": "5 класс",
                "year_id": cls.year_b.id,
                "grade_level": 5,
                "line_ids": [
                    Command.create(
                        {
                            "subject_id": cls.subject_b.id,
                            "component_id": cls.component_b.id,
                        }
                    )
                ],
                "limit_ids": [
                    Command.create(
                        {"component_id": cls.component_b.id, "max_hours": 20}
                    )
                ],
            }
        )
        cls.subgroup_b = cls._create_subgroup(
            cls.class_b_5a, cls.subject_b, cls.student_b
        )
        cls.assignment_b = cls._create_assignment(
            cls.class_b_5a, cls.subject_b, cls.employee_teacher_b
        )
        cls.parent_b = cls._create_parent("Родитель Школы Б", cls.student_b)
        cls.records_b = (
            cls.year_b,
            cls.period_b,
            cls.holiday_b,
            cls.area_b,
            cls.subject_b,
            cls.component_b,
            cls.curriculum_b,
            cls.curriculum_b.line_ids,
            cls.curriculum_b.limit_ids,
            cls.class_b_5a,
            cls.student_b.enrolment_ids,
            cls.subgroup_b,
            cls.assignment_b,
            cls.student_b,
            cls.parent_b,
            cls.parent_b.guardianship_ids,
        )

    # Helpers ------------------------------------------------------------------

    def _write_vals(self, record):
        """A harmless change of a field of the model itself."""
        return {
            "ejournal.academic.year": {"name": "2026/2027 (изм.)"},
            "ejournal.period": {"name": "Четверть (изм.)"},
            "ejournal.holiday": {"name": "Каникулы (изм.)"},
            "ejournal.education.area": {"sequence": 5},
            "ejournal.subject": {"sequence": 5},
            "ejournal.curriculum.component": {"sequence": 5},
            "ejournal.curriculum": {"profile": "естественно-научный"},
            "ejournal.curriculum.line": {"hours_per_week": 6},
            "ejournal.curriculum.limit": {"max_hours": 26},
            "ejournal.class": {"room": "101"},
            "ejournal.class.enrolment": {"date_from": "2026-09-02"},
            "ejournal.subgroup": {"name": "Группа 3"},
            "ejournal.teaching.assignment": {"hours_per_week": 3},
            "ejournal.student": {"birth_date": "2015-04-01"},
            "ejournal.parent": {"birth_date": "1985-04-01"},
            "ejournal.guardianship": {"relation": "guardian"},
        }[record._name]

    def _create_vals(self, record):
        """Values of a new record in the same school, class or family as
        ``record``, valid for every constraint, so that only the access rights
        decide."""
        model = record._name
        if model == "ejournal.academic.year":
            return {
                "name": "2031/2032",
                "date_start": "2031-09-01",
                "date_end": "2032-05-31",
                "company_id": record.company_id.id,
            }
        if model == "ejournal.period":
            return self._period_vals(
                record.year_id, "1st half-year", "2026-09-01", "2026-12-29", "half_year"
            )
        if model == "ejournal.holiday":
            return {
                "name": "Международный женский день",
                "year_id": record.year_id.id,
                "date_start": "2027-03-08",
                "date_end": "2027-03-08",
            }
        if model in ("ejournal.education.area", "ejournal.curriculum.component"):
            return {"name": "Новая запись", "company_id": record.company_id.id}
        if model == "ejournal.subject":
            return {"name": "Информатика", "company_id": record.company_id.id}
        if model == "ejournal.curriculum":
            return {"name": "7 класс", "year_id": record.year_id.id, "grade_level": 7}
        if model == "ejournal.curriculum.line":
            return {
                "curriculum_id": record.curriculum_id.id,
                "subject_id": self.subject_russian.id,
                "component_id": self.component_school.id,
                "hours_per_week": 1,
            }
        if model == "ejournal.curriculum.limit":
            return {
                "curriculum_id": record.curriculum_id.id,
                "component_id": self.component_school.id,
                "max_hours": 6,
            }
        if model == "ejournal.class":
            return {"grade_level": 7, "letter": "Б", "year_id": record.year_id.id}
        if model == "ejournal.class.enrolment":
            # An earlier, closed membership of the same pupil in the same class.
            return {
                "student_id": record.student_id.id,
                "class_id": record.class_id.id,
                "date_from": "2025-09-01",
                "date_to": "2026-05-31",
            }
        if model == "ejournal.subgroup":
            return {
                "name": "Группа 2",
                "class_id": record.class_id.id,
                "subject_id": record.subject_id.id,
                "student_ids": [Command.set(record.student_ids.ids)],
            }
        if model == "ejournal.teaching.assignment":
            return {
                "class_id": record.class_id.id,
                "subject_id": self.subject_russian.id,
                "teacher_id": record.teacher_id.id,
            }
        if model == "ejournal.student":
            return {
                "name": "Новый ученик",
                "company_id": record.company_id.id,
                "class_id": record.class_id.id,
            }
        if model == "ejournal.parent":
            return {
                "name": "Новый родитель",
                "company_id": record.company_id.id,
                "guardianship_ids": [
                    Command.create({"student_id": child.id, "relation": "guardian"})
                    for child in record.student_ids
                ],
            }
        if model == "ejournal.guardianship":
            other_parent = (
                self.parent_6a if record.parent_id != self.parent_6a else self.parent_5a
            )
            return {
                "student_id": record.student_id.id,
                "parent_id": other_parent.id,
                "relation": "guardian",
            }
        raise NotImplementedError(model)

    def _assert_operation(self, user, record, operation, allowed):
        Model = self.env[record._name].with_user(user)
        if operation == "read":
            found = (
                Model.search([("id", "=", record.id)])
                if Model.browse().has_access("read")
                else Model.browse()
            )
            if allowed:
                self.assertEqual(found, record, "the role should find the record")
                record.with_user(user).read(["display_name"])
            else:
                self.assertFalse(found, "the role should not find the record")
                with self.assertRaisesRegex(AccessError, denied(record._name, "read")):
                    record.with_user(user).read(["display_name"])
            return
        if operation == "write":
            vals = self._write_vals(record)

            def run():
                record.with_user(user).write(vals)

        elif operation == "create":
            vals = self._create_vals(record)

            def run():
                Model.create(vals)

        else:
            victim = self.env[record._name].create(self._create_vals(record))

            def run():
                victim.with_user(user).unlink()

        if allowed:
            run()
            self.env.flush_all()
        else:
            # Refused for this model and operation, not by a side effect on
            # another model or by another check.
            with self.assertRaisesRegex(AccessError, denied(record._name, operation)):
                run()

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def _assert_access(self, user, table):
        """Check every operation of every row ``(record, ops)``: ``ops`` holds
        the letters of the allowed operations (``rwcu``)."""
        for record, allowed in table:
            for letter, operation in OPERATIONS.items():
                with self.subTest(
                    user=user.login,
                    model=record._name,
                    record=record.display_name,
                    operation=operation,
                ):
                    with self._rolled_back():
                        self._assert_operation(
                            user, record, operation, letter in allowed
                        )

    def _school_setup_rows(self, ops):
        """The school-wide set-up of school A, with the same operations."""
        return [
            (record, ops)
            for record in (
                self.year,
                self.quarter_1,
                self.autumn_vacation,
                self.area_languages,
                self.subject_math,
                self.component_invariant,
                self.curriculum_5,
                self.line_math_5,
                self.limit_invariant,
            )
        ]

    # One test per role ---------------------------------------------------------

    def test_teacher(self):
        """REQ-03, REQ-92: a teacher reads the school's set-up, classes,
        subgroups and assignments, and the pupils of the classes they teach;
        nothing of other pupils, no parent cards or parent links; changes
        nothing."""
        self._assert_access(
            self.user_teacher,
            self._school_setup_rows("r")
            + [
                (self.class_5a, "r"),
                (self.class_6a, "r"),
                (self.enrolment_5a_2, "r"),
                (self.enrolment_6a_2, "r"),
                (self.subgroup_5a_english, "r"),
                (self.subgroup_6a_english, "r"),
                (self.assignment_math_5a, "r"),
                (self.assignment_english_6a, "r"),
                (self.student_5a_2, "r"),
                (self.student_6a_2, ""),
                (self.parent_5a, ""),
                (self.parent_6a, ""),
                (self.guardianship_5a, ""),
                (self.guardianship_6a, ""),
            ],
        )

    def test_class_teacher(self):
        """REQ-04, REQ-23, REQ-92: the class teacher of 5А keeps the student and
        parent cards and the parent links of 5А (no new cards: REQ-23, they come
        from the administrator); nothing of 6А's pupils and families."""
        self._assert_access(
            self.user_class_teacher,
            self._school_setup_rows("r")
            + [
                (self.class_5a, "r"),
                (self.class_6a, "r"),
                (self.enrolment_5a_2, "r"),
                (self.enrolment_6a_2, "r"),
                (self.subgroup_5a_english, "r"),
                (self.assignment_math_5a, "r"),
                (self.student_5a_2, "rw"),
                (self.student_6a_2, ""),
                (self.parent_5a, "rw"),
                (self.parent_6a, ""),
                (self.guardianship_5a, "rwcu"),
                (self.guardianship_6a, ""),
            ],
        )

    def test_other_teacher(self):
        """REQ-03, REQ-04, REQ-92: the class teacher of 6А who teaches nothing in
        5А keeps the cards of 6А and cannot even read those of 5А."""
        self._assert_access(
            self.user_other_teacher,
            [
                (self.student_6a_2, "rw"),
                (self.student_5a_2, ""),
                (self.parent_6a, "rw"),
                (self.parent_5a, ""),
                (self.guardianship_6a, "rwcu"),
                (self.guardianship_5a, ""),
            ],
        )

    def test_secretary(self):
        """REQ-05, REQ-23: the secretary keeps the movement book (class
        memberships) and the cards and links of every pupil and parent, may not
        delete a card, and only reads the school's set-up."""
        self._assert_access(
            self.user_secretary,
            self._school_setup_rows("r")
            + [
                (self.class_5a, "r"),
                (self.subgroup_5a_english, "r"),
                (self.assignment_math_5a, "r"),
                (self.enrolment_5a_2, "rwcu"),
                (self.enrolment_6a_2, "rwcu"),
                (self.student_5a_2, "rwc"),
                (self.student_6a_2, "rwc"),
                (self.parent_5a, "rwc"),
                (self.parent_6a, "rwc"),
                (self.guardianship_5a, "rwcu"),
                (self.guardianship_6a, "rwcu"),
            ],
        )

    def test_control(self):
        """REQ-06: the director and the control working group read everything of
        their school and change nothing."""
        self._assert_access(
            self.user_control,
            self._school_setup_rows("r")
            + [
                (record, "r")
                for record in (
                    self.class_5a,
                    self.class_6a,
                    self.enrolment_5a_2,
                    self.subgroup_6a_english,
                    self.assignment_math_5a,
                    self.student_5a_2,
                    self.student_6a_2,
                    self.parent_5a,
                    self.parent_6a,
                    self.guardianship_5a,
                    self.guardianship_6a,
                )
            ],
        )

    def test_deputy(self):
        """REQ-02, REQ-06: the deputy director keeps the school's set-up,
        curriculum, classes, subgroups and teaching assignments (but deletes no
        school year), and reads every pupil, parent and membership without
        changing them (movement book: REQ-05; cards: REQ-23)."""
        self._assert_access(
            self.user_deputy,
            [(self.year, "rwc")]
            + [
                (record, "rwcu")
                for record in (
                    self.quarter_1,
                    self.autumn_vacation,
                    self.area_languages,
                    self.subject_math,
                    self.component_invariant,
                    self.curriculum_5,
                    self.line_math_5,
                    self.limit_invariant,
                    self.class_5a,
                    self.subgroup_5a_english,
                    self.assignment_math_5a,
                )
            ]
            + [
                (self.enrolment_5a_2, "r"),
                (self.student_5a_2, "r"),
                (self.student_6a_2, "r"),
                (self.parent_5a, "r"),
                (self.guardianship_5a, "r"),
            ],
        )

    def test_school_administrator(self):
        """REQ-01, REQ-23: the school administrator sets up the school and
        keeps every record, cards of pupils and parents included."""
        self._assert_access(
            self.user_admin_school,
            self._school_setup_rows("rwcu")
            + [
                (self.class_5a, "rwcu"),
                (self.enrolment_5a_2, "rwcu"),
                (self.subgroup_5a_english, "rwcu"),
                (self.assignment_math_5a, "rwcu"),
                (self.student_5a_2, "rwcu"),
                (self.student_6a_2, "rwcu"),
                (self.parent_5a, "rwcu"),
                (self.guardianship_6a, "rwcu"),
            ],
        )

    def test_parent_portal(self):
        """REQ-07, REQ-72, REQ-92: a parent reads, and only reads, their own
        card, their child's card, class, memberships, subgroups and parent
        links, and the school's calendar and subjects; nothing of the
        curriculum or the assignments, nothing of any other child or family."""
        self._assert_access(
            self.user_parent,
            [
                (self.year, "r"),
                (self.quarter_1, "r"),
                (self.autumn_vacation, "r"),
                (self.area_languages, "r"),
                (self.subject_math, "r"),
                (self.component_invariant, ""),
                (self.curriculum_5, ""),
                (self.line_math_5, ""),
                (self.limit_invariant, ""),
                (self.assignment_math_5a, ""),
                (self.class_5a, "r"),
                (self.class_6a, ""),
                (self.enrolment_5a_1, "r"),
                (self.enrolment_5a_2, ""),
                (self.subgroup_5a_english, "r"),
                (self.subgroup_6a_english, ""),
                (self.student_5a_1, "r"),
                (self.student_5a_2, ""),
                (self.parent_5a, "r"),
                (self.parent_two, ""),
                (self.guardianship_5a, "r"),
                (self.guardianship_two_5a, ""),
            ],
        )

    def test_student_portal(self):
        """REQ-08, REQ-72, REQ-92: a pupil reads, and only reads, their own card,
        class, membership, subgroups and parent links and the school's calendar
        and subjects; not their parents' cards, nothing of any other pupil."""
        self._assert_access(
            self.user_student,
            [
                (self.year, "r"),
                (self.quarter_1, "r"),
                (self.autumn_vacation, "r"),
                (self.area_languages, "r"),
                (self.subject_math, "r"),
                (self.component_invariant, ""),
                (self.curriculum_5, ""),
                (self.line_math_5, ""),
                (self.limit_invariant, ""),
                (self.assignment_math_5a, ""),
                (self.class_5a, "r"),
                (self.class_6a, ""),
                (self.enrolment_5a_1, "r"),
                (self.enrolment_5a_2, ""),
                (self.subgroup_5a_english, "r"),
                (self.subgroup_6a_english, ""),
                (self.student_5a_1, "r"),
                (self.student_5a_2, ""),
                (self.parent_5a, ""),
                (self.guardianship_5a, "r"),
                (self.guardianship_two_5a, ""),
            ],
        )

    # Rules beyond the tables -----------------------------------------------------

    def test_teachers_list_the_pupils_of_their_classes(self):
        """REQ-03, REQ-06, REQ-92: searching pupils gives a teacher those of the
        classes they teach or lead, the control group every pupil of the school."""
        Student = self.env["ejournal.student"]
        pupils_5a = self.student_5a_1 | self.student_5a_2 | self.student_5a_3
        pupils_6a = self.student_6a_1 | self.student_6a_2
        for user, expected in (
            (self.user_teacher, pupils_5a),
            (self.user_class_teacher, pupils_5a),
            (self.user_other_teacher, pupils_6a),
            (self.user_control, pupils_5a | pupils_6a),
            (self.user_deputy, pupils_5a | pupils_6a),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(Student.with_user(user).search([]), expected)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_pupil_moved_to_another_class(self):
        """REQ-03, REQ-04: after a pupil moves from 5А to 6А, the 5А teacher still
        reads them (their marks stay in 5А's journal), the class teacher of 6А
        now keeps their card and the class teacher of 5А no longer may."""
        pupil = self.student_5a_3
        pupil.enrolment_ids.date_to = "2026-12-31"
        self.env["ejournal.class.enrolment"].create(
            {
                "student_id": pupil.id,
                "class_id": self.class_6a.id,
                "date_from": "2027-01-11",
            }
        )
        self.assertEqual(pupil.class_id, self.class_6a)

        pupil.with_user(self.user_teacher).read(["name"])
        pupil.with_user(self.user_other_teacher).write({"birth_date": "2015-02-02"})
        with self.assertRaisesRegex(
            AccessError, denied("ejournal.student", "write", "rule")
        ):
            pupil.with_user(self.user_class_teacher).write({"birth_date": "2015-03-03"})
        self.assertEqual(str(pupil.birth_date), "2015-02-02")

    @freeze_time("2026-12-15 06:00:00")
    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_class_teacher_cannot_move_pupils(self):
        """REQ-05, REQ-50: moving a pupil to another class is the movement book's
        (secretary); the class teacher cannot do it through the card."""
        with (
            self.assertRaisesRegex(
                AccessError, denied("ejournal.class.enrolment", "write", "acl")
            ),
            self._rolled_back(),
        ):
            self.student_5a_2.with_user(self.user_class_teacher).write(
                {"class_id": self.class_6a.id}
            )
        self.assertEqual(self.student_5a_2.class_id, self.class_5a)
        self.assertEqual(len(self.student_5a_2.enrolment_ids), 1)
        self.student_5a_2.with_user(self.user_secretary).write(
            {"class_id": self.class_6a.id}
        )
        self.assertEqual(self.student_5a_2.class_id, self.class_6a)
        self.assertEqual(len(self.student_5a_2.enrolment_ids), 2)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_parent_of_two_children(self):
        """REQ-07, REQ-72: a parent reads each of their children (in 5А and 6А),
        their cards and contacts, both classes and the links; no other child."""
        user = self.user_parent_two
        children = self.student_5a_2 | self.student_6a_1
        self.assertEqual(
            self.env["ejournal.student"].with_user(user).search([]), children
        )
        children.with_user(user).read(["name", "class_id", "birth_date"])
        children.partner_id.with_user(user).read(["name"])
        self.assertEqual(
            self.env["ejournal.class"].with_user(user).search([]),
            self.class_5a | self.class_6a,
        )
        self.assertEqual(
            self.env["ejournal.guardianship"].with_user(user).search([]),
            self.parent_two.guardianship_ids,
        )
        for other in (self.student_5a_1, self.student_6a_2):
            with (
                self.subTest(other=other.name),
                self.assertRaisesRegex(
                    AccessError, denied("ejournal.student", "read", "rule")
                ),
            ):
                other.with_user(user).read(["name"])
            with (
                self.subTest(other=other.name),
                self.assertRaisesRegex(
                    AccessError, denied("res.partner", "read", "rule")
                ),
            ):
                other.partner_id.with_user(user).read(["name"])

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_school_b_invisible_to_school_a(self):
        """REQ-10, REQ-92: every record of school B is invisible to every role of
        school A: a search finds nothing and reading raises AccessError; school
        B's own teacher does read them."""
        users_a = (
            self.user_teacher,
            self.user_class_teacher,
            self.user_other_teacher,
            self.user_secretary,
            self.user_control,
            self.user_deputy,
            self.user_admin_school,
            self.user_parent,
            self.user_student,
        )
        for record in self.records_b:
            Model = self.env[record._name]
            for user in users_a:
                with self.subTest(model=record._name, user=user.login):
                    if Model.with_user(user).has_access("read"):
                        self.assertFalse(
                            Model.with_user(user).search(
                                [("company_id", "=", self.school_b.id)]
                            )
                        )
                    with self.assertRaisesRegex(
                        AccessError, denied(record._name, "read")
                    ):
                        record.with_user(user).read(["display_name"])
        teacher_b = self.user_teacher_b
        for record in (self.year_b, self.subject_b, self.class_b_5a, self.student_b):
            with self.subTest(model=record._name, user=teacher_b.login):
                self.assertEqual(
                    self.env[record._name]
                    .with_user(teacher_b)
                    .with_context(allowed_company_ids=self.school_b.ids)
                    .search([]),
                    record,
                )

    # The cards of pupils and parents ---------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_cards_contact_data_kept_by_their_keepers(self):
        """REQ-04, REQ-23: the class teacher corrects the name and phone on the
        cards of their class, the secretary and the school administrator on any
        card."""
        for user, student, parent in (
            (self.user_class_teacher, self.student_5a_2, self.parent_5a),
            (self.user_secretary, self.student_6a_2, self.parent_6a),
            (self.user_admin_school, self.student_6a_2, self.parent_6a),
        ):
            with self.subTest(user=user.login), self._rolled_back():
                self.assertNotEqual(student.name, "Исправленное Имя")
                self.assertNotEqual(parent.phone, "+996 555 000 000")
                student.with_user(user).write(
                    {"name": "Исправленное Имя", "phone": "+996 555 111 111"}
                )
                parent.with_user(user).write(
                    {"name": "Исправленный Родитель", "phone": "+996 555 000 000"}
                )
                self.env.flush_all()
                self.env.invalidate_all()
                # Read back as the keeper, then from the database itself.
                self.assertEqual(
                    student.with_user(user).read(["name", "phone"])[0],
                    {
                        "id": student.id,
                        "name": "Исправленное Имя",
                        "phone": "+996 555 111 111",
                    },
                )
                self.assertEqual(
                    parent.with_user(user).read(["name", "phone"])[0],
                    {
                        "id": parent.id,
                        "name": "Исправленный Родитель",
                        "phone": "+996 555 000 000",
                    },
                )
                self.env.cr.execute(
                    "SELECT id, name, phone FROM res_partner WHERE id IN %s"
                    " ORDER BY id",
                    [(student.partner_id.id, parent.partner_id.id)],
                )
                self.assertEqual(
                    self.env.cr.fetchall(),
                    sorted(
                        [
                            (
                                student.partner_id.id,
                                "Исправленное Имя",
                                "+996 555 111 111",
                            ),
                            (
                                parent.partner_id.id,
                                "Исправленный Родитель",
                                "+996 555 000 000",
                            ),
                        ]
                    ),
                )

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_cards_open_with_their_relations(self):
        """REQ-04, REQ-08: the class teacher opens the card of a parent who also
        has a child in another class, with the children they may see; a pupil
        opens their own card with its parent links."""
        self.assertEqual(
            self.parent_two.student_ids, self.student_5a_2 | self.student_6a_1
        )
        with self._rolled_back():
            values = self.parent_two.with_user(self.user_class_teacher).read(
                ["student_ids"]
            )
            self.assertEqual(values[0]["student_ids"], self.student_5a_2.ids)
        with self._rolled_back():
            [values] = self.student_5a_1.with_user(self.user_student).read(
                ["name", "guardianship_ids", "parent_ids"]
            )
            self.assertEqual(values["name"], self.student_5a_1.name)
            # The links are the pupil's; the parents' cards are not theirs to
            # read (test_student_portal), so the parents list shows none.
            self.assertEqual(values["guardianship_ids"], self.guardianship_5a.ids)
            self.assertEqual(values["parent_ids"], [])
            self.assertEqual(self.student_5a_1.parent_ids, self.parent_5a)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_contact_data_of_other_families_is_private(self):
        """REQ-92: a teacher who neither teaches nor leads 6А reads no contact
        data of its pupils and parents."""
        with self.assertRaisesRegex(
            AccessError, denied("ejournal.parent", "read", "rule")
        ):
            self.parent_6a.with_user(self.user_teacher).read(["phone"])
        with self._rolled_back():
            with self.assertRaisesRegex(
                AccessError, denied("res.partner", "read", "rule")
            ):
                self.parent_6a.partner_id.with_user(self.user_teacher).read(["phone"])
