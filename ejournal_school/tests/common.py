from contextlib import closing, contextmanager

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

SCHOOL_TZ = "Asia/Bishkek"


class EjournalCommon(TransactionCase):
    """Two schools, their people and the roles of the electronic journal.

    Everything is built here, nothing comes from demo data; logins start
    with ``ej_``.

    School A (``school_a``, a new company made ``cls.env.company``, time zone
    Asia/Bishkek)
        ``year`` 2026/2027 (2026-09-01 – 2027-05-31), active, with
        ``quarter_1`` … ``quarter_4`` and ``autumn_vacation``.
        Subjects ``subject_math`` (Математика), ``subject_russian`` (Русский
        язык) and ``subject_english`` (Английский язык); the last two are in
        ``area_languages``.
        Curriculum ``curriculum_5`` for grade 5: components
        ``component_invariant`` (limit ``limit_invariant`` 25 h) and
        ``component_school``, lines Математика 5 h, Русский язык 4 h
        (invariant), Английский язык 3 h (school).

        Staff (internal users, only in school A; ``employee_*`` are their
        hr.employee):

        ==========================  ============================================
        ``user_teacher``            Teacher; teaches Математика in 5А
                                    (``assignment_math_5a``)
        ``user_class_teacher``      Teacher; class teacher of 5А, teaches nothing
        ``user_other_teacher``      Teacher; class teacher of 6А, teaches
                                    Английский язык in 6А, nothing in 5А
        ``user_secretary``          Secretary
        ``user_control``            Control (director, working group)
        ``user_deputy``             Deputy director
        ``user_admin_school``       School administrator
        ==========================  ============================================

        Classes ``class_5a`` (curriculum_5) and ``class_6a``, each with its
        English subgroup ``subgroup_5a_english`` / ``subgroup_6a_english``.

        Students, all in class since the first day of the year:

        - 5А: ``student_5a_1`` (portal ``user_student``), ``student_5a_2``,
          ``student_5a_3`` (in the subgroup ``subgroup_5a_english``: 5a_1, 5a_2);
        - 6А: ``student_6a_1`` (in ``subgroup_6a_english``), ``student_6a_2``.

        Parents:

        - ``parent_5a`` (portal ``user_parent``): mother of ``student_5a_1``;
        - ``parent_two`` (portal ``user_parent_two``): father of
          ``student_5a_2`` and ``student_6a_1``;
        - ``parent_6a`` (no login): mother of ``student_6a_2``.

        ``student_5a_3`` has no parent card.

    School B (``school_b``)
        ``year_b`` 2026/2027 (active), ``subject_b``, class ``class_b_5a``
        led by ``employee_teacher_b`` (``user_teacher_b``, Teacher of school
        B only), ``student_b`` in it.

    Helpers: ``_create_year``, ``_create_class``, ``_create_teacher``,
    ``_create_student`` (optionally with a portal login), ``_create_parent``
    (linked to children, optionally with a portal login), ``_create_subgroup``,
    ``_create_assignment``; checks: ``assertNothingSaved`` and ``_rolled_back``
    (a block always rolled back).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # School A is a new company made the current one, so that the demo
        # school of the main company (its active year, subjects, people) can
        # never interfere.
        school_a = cls.env["res.company"].create({"name": "Школа А"})
        cls.env = cls.env(
            context=dict(
                cls.env.context, tracking_disable=True, allowed_company_ids=school_a.ids
            )
        )

        # School A --------------------------------------------------------
        cls.school_a = cls.env.company
        cls.school_a.ejournal_tz = SCHOOL_TZ
        cls.year = cls._create_year(cls.school_a)
        cls.quarter_1, cls.quarter_2, cls.quarter_3, cls.quarter_4 = cls.env[
            "ejournal.period"
        ].create(
            [
                cls._period_vals(cls.year, "1st quarter", "2026-09-01", "2026-10-31"),
                cls._period_vals(cls.year, "2nd quarter", "2026-11-10", "2026-12-29"),
                cls._period_vals(cls.year, "3rd quarter", "2027-01-11", "2027-03-19"),
                cls._period_vals(cls.year, "4th quarter", "2027-03-29", "2027-05-31"),
            ]
        )
        cls.autumn_vacation = cls.env["ejournal.holiday"].create(
            {
                "name": "Осенние каникулы",
                "year_id": cls.year.id,
                "kind": "vacation",
                "date_start": "2026-11-01",
                "date_end": "2026-11-09",
            }
        )

        cls.area_languages = cls.env["ejournal.education.area"].create(
            {"name": "Языки и литература", "company_id": cls.school_a.id}
        )
        cls.subject_math, cls.subject_russian, cls.subject_english = cls.env[
            "ejournal.subject"
        ].create(
            [
                {"name": "Математика", "sequence": 1, "company_id": cls.school_a.id},
                {
                    "name": "Русский язык",
                    "sequence": 2,
                    "area_id": cls.area_languages.id,
                    "company_id": cls.school_a.id,
                },
                {
                    "name": "Английский язык",
                    "sequence": 3,
                    "area_id": cls.area_languages.id,
                    "company_id": cls.school_a.id,
                },
            ]
        )

        cls.component_invariant, cls.component_school = cls.env[
            "ejournal.curriculum.component"
        ].create(
            [
                {"name": "Инвариантная часть", "company_id": cls.school_a.id},
                {"name": "Школьный компонент", "company_id": cls.school_a.id},
            ]
        )
        cls.curriculum_5 = cls.env["ejournal.curriculum"].create(
            {
                "name": "5 класс, общеобразовательный",
                "year_id": cls.year.id,
                "grade_level": 5,
                "max_weekly_hours": 29,
                "line_ids": [
                    Command.create(cls._line_vals(cls.subject_math, 5)),
                    Command.create(cls._line_vals(cls.subject_russian, 4)),
                    Command.create(
                        cls._line_vals(cls.subject_english, 3, cls.component_school)
                    ),
                ],
                "limit_ids": [
                    Command.create(
                        {"component_id": cls.component_invariant.id, "max_hours": 25}
                    )
                ],
            }
        )
        cls.line_math_5 = cls.curriculum_5.line_ids.filtered(
            lambda line: line.subject_id == cls.subject_math
        )
        cls.limit_invariant = cls.curriculum_5.limit_ids

        # Staff of school A ----------------------------------------------
        cls.user_teacher, cls.employee_teacher = cls._create_teacher(
            "Асель Учитель", "ej_teacher"
        )
        cls.user_class_teacher, cls.employee_class_teacher = cls._create_teacher(
            "Гульнара Классная", "ej_class_teacher"
        )
        cls.user_other_teacher, cls.employee_other_teacher = cls._create_teacher(
            "Нурлан Другой", "ej_other_teacher"
        )
        cls.user_secretary = cls._create_staff_user(
            "ej_secretary", "ejournal_school.group_ejournal_secretary"
        )
        cls.user_control = cls._create_staff_user(
            "ej_control", "ejournal_school.group_ejournal_control"
        )
        cls.user_deputy = cls._create_staff_user(
            "ej_deputy", "ejournal_school.group_ejournal_deputy"
        )
        cls.user_admin_school = cls._create_staff_user(
            "ej_admin_school", "ejournal_school.group_ejournal_admin"
        )

        # Classes, subgroups and teaching assignments ---------------------
        cls.class_5a = cls._create_class(
            5,
            "А",
            class_teacher=cls.employee_class_teacher,
            curriculum=cls.curriculum_5,
        )
        cls.class_6a = cls._create_class(
            6, "А", class_teacher=cls.employee_other_teacher
        )

        # Students and parents ---------------------------------------------
        cls.student_5a_1 = cls._create_student(
            "Айбек Асанов", cls.class_5a, login="ej_pupil"
        )
        cls.user_student = cls.student_5a_1.user_id
        cls.student_5a_2 = cls._create_student("Бермет Бакирова", cls.class_5a)
        cls.student_5a_3 = cls._create_student("Данияр Дуйшеев", cls.class_5a)
        cls.student_6a_1 = cls._create_student("Элина Бакирова", cls.class_6a)
        cls.student_6a_2 = cls._create_student("Жылдыз Жумабаева", cls.class_6a)

        cls.parent_5a = cls._create_parent(
            "Айгуль Асанова", cls.student_5a_1, login="ej_parent"
        )
        cls.user_parent = cls.parent_5a.user_id
        cls.parent_two = cls._create_parent(
            "Бакыт Бакиров",
            cls.student_5a_2 | cls.student_6a_1,
            relation="father",
            login="ej_parent_two",
        )
        cls.user_parent_two = cls.parent_two.user_id
        cls.parent_6a = cls._create_parent("Жамиля Жумабаева", cls.student_6a_2)

        cls.subgroup_5a_english = cls._create_subgroup(
            cls.class_5a, cls.subject_english, cls.student_5a_1 | cls.student_5a_2
        )
        cls.subgroup_6a_english = cls._create_subgroup(
            cls.class_6a, cls.subject_english, cls.student_6a_1
        )
        cls.assignment_math_5a = cls._create_assignment(
            cls.class_5a, cls.subject_math, cls.employee_teacher
        )
        cls.assignment_english_6a = cls._create_assignment(
            cls.class_6a, cls.subject_english, cls.employee_other_teacher
        )

        # School B ---------------------------------------------------------
        cls.school_b = cls.env["res.company"].create({"name": "Школа Б"})
        cls.school_b.ejournal_tz = SCHOOL_TZ
        cls.year_b = cls._create_year(cls.school_b)
        cls.subject_b = cls.env["ejournal.subject"].create(
            {"name": "Математика", "company_id": cls.school_b.id}
        )
        cls.user_teacher_b, cls.employee_teacher_b = cls._create_teacher(
            "Учитель Школы Б", "ej_teacher_b", school=cls.school_b
        )
        cls.class_b_5a = cls._create_class(
            5, "А", year=cls.year_b, class_teacher=cls.employee_teacher_b
        )
        cls.student_b = cls._create_student("Ученик Школы Б", cls.class_b_5a)

    # Helpers ------------------------------------------------------------------

    @classmethod
    def _create_year(
        cls,
        school,
        name="2026/2027",
        start="2026-09-01",
        end="2027-05-31",
        state="active",
    ):
        year = cls.env["ejournal.academic.year"].create(
            {
                "name": name,
                "date_start": start,
                "date_end": end,
                "company_id": school.id,
            }
        )
        if state == "active":
            year.action_activate()
        return year

    @classmethod
    def _period_vals(cls, year, name, start, end, kind="quarter"):
        return {
            "name": name,
            "year_id": year.id,
            "kind": kind,
            "date_start": start,
            "date_end": end,
        }

    @classmethod
    def _line_vals(cls, subject, hours, component=None):
        return {
            "subject_id": subject.id,
            "component_id": (component or cls.component_invariant).id,
            "hours_per_week": hours,
        }

    @classmethod
    def _create_staff_user(cls, login, groups, school=None, name=None):
        school = school or cls.school_a
        return new_test_user(
            cls.env,
            login=login,
            name=name or login,
            groups=groups,
            company_id=school.id,
            company_ids=[Command.set(school.ids)],
        )

    @classmethod
    def _create_teacher(
        cls, name, login, school=None, groups="ejournal_school.group_ejournal_teacher"
    ):
        """A teacher: an internal user and the hr.employee linked to it."""
        school = school or cls.school_a
        user = cls._create_staff_user(login, groups, school=school, name=name)
        employee = cls.env["hr.employee"].create(
            {"name": name, "user_id": user.id, "company_id": school.id}
        )
        return user, employee

    @classmethod
    def _create_class(
        cls, grade, letter, year=None, class_teacher=None, curriculum=None
    ):
        return cls.env["ejournal.class"].create(
            {
                "grade_level": grade,
                "letter": letter,
                "year_id": (year or cls.year).id,
                "class_teacher_id": class_teacher.id if class_teacher else False,
                "curriculum_id": curriculum.id if curriculum else False,
            }
        )

    @classmethod
    def _create_portal_user(cls, login, name, school=None):
        school = school or cls.school_a
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            groups="base.group_portal",
            company_id=school.id,
            company_ids=[Command.set(school.ids)],
        )

    @classmethod
    def _create_student(cls, name, school_class, date_from=None, login=None, **vals):
        """A student in ``school_class`` since ``date_from`` (default: the first
        day of the class's year), through an explicit class enrolment so that
        the fixture does not depend on today's date.

        With ``login``, the student gets a portal user and the card is built on
        that user's partner.
        """
        school = school_class.company_id
        vals = {
            "name": name,
            "company_id": school.id,
            "enrolment_ids": [
                Command.create(
                    {
                        "class_id": school_class.id,
                        "date_from": date_from or school_class.year_id.date_start,
                    }
                )
            ],
            **vals,
        }
        if login:
            user = cls._create_portal_user(login, name, school)
            vals.update(partner_id=user.partner_id.id, user_id=user.id)
        return cls.env["ejournal.student"].create(vals)

    @classmethod
    def _create_parent(cls, name, children, relation="mother", login=None, **vals):
        """A parent card linked to each of ``children`` with ``relation``; with
        ``login``, a portal user built on the card's partner."""
        school = children[:1].company_id or cls.school_a
        vals = {
            "name": name,
            "company_id": school.id,
            "guardianship_ids": [
                Command.create({"student_id": child.id, "relation": relation})
                for child in children
            ],
            **vals,
        }
        if login:
            user = cls._create_portal_user(login, name, school)
            vals.update(partner_id=user.partner_id.id, user_id=user.id)
        return cls.env["ejournal.parent"].create(vals)

    @classmethod
    def _create_subgroup(cls, school_class, subject, students, name="Группа 1"):
        return cls.env["ejournal.subgroup"].create(
            {
                "name": name,
                "class_id": school_class.id,
                "subject_id": subject.id,
                "student_ids": [Command.set(students.ids)],
            }
        )

    @classmethod
    def _create_assignment(
        cls, school_class, subject, employee, subgroup=None, hours=2
    ):
        return cls.env["ejournal.teaching.assignment"].create(
            {
                "class_id": school_class.id,
                "subject_id": subject.id,
                "teacher_id": employee.id,
                "subgroup_id": subgroup.id if subgroup else False,
                "hours_per_week": hours,
            }
        )

    # Assertions ----------------------------------------------------------------

    @contextmanager
    def _rolled_back(self):
        """Run the block in a savepoint that is always rolled back, so that a
        check leaves nothing behind for the next one."""
        try:
            with closing(self.env.cr.savepoint()):
                yield
        finally:
            self.env.invalidate_all()

    @contextmanager
    def assertRefusedMatching(self, exception, regex):
        """The block raises ``exception`` matching ``regex``; whatever it wrote
        is rolled back and the cache cleared, so reads after it show the truth."""
        with self._rolled_back(), self.assertRaisesRegex(exception, regex):
            yield

    def assertNothingSaved(self, model, domain):
        """Nothing matching ``domain`` exists in ``model`` (archived included)."""
        self.assertFalse(
            self.env[model].with_context(active_test=False).search(domain),
            f"{model} {domain} should not have been saved",
        )
