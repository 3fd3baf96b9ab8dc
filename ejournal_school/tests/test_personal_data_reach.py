from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_journal import TODAY, EjournalJournalCommon

# The record rules hide the records (ir.rule).
HIDDEN = "Uh-oh! Looks like you have stumbled upon some top-secret records."


def field_refused(field, description, model):
    """The message of a field reserved to other groups (``groups=``)."""
    return (
        f'You do not have enough rights to access the field "{field}" on '
        rf"{description} \({model}\)\."
    )


SUBGROUP_PUPILS = field_refused("student_ids", "Subgroup", "ejournal.subgroup")
CLASS_PUPILS = field_refused("student_ids", "Class", "ejournal.class")
CLASS_HISTORY = field_refused("enrolment_ids", "Class", "ejournal.class")


@tagged("post_install", "-at_install")
class TestClassmates(EjournalJournalCommon):
    """REQ-92/REQ-72: families read their own pupils, never their classmates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An individual homework for 5a_1 and a classmate, one for classmates
        # only, and a second English subgroup of 5А with 5a_3 in it.
        cls.homework_shared, cls.homework_others = cls.env["ejournal.homework"].create(
            [
                {
                    "lesson_id": cls.lesson_today.id,
                    "kind": "individual",
                    "text": "Задачи 12–14",
                    "student_ids": [
                        Command.set((cls.student_5a_1 | cls.student_5a_2).ids)
                    ],
                },
                {
                    "lesson_id": cls.lesson_today.id,
                    "kind": "individual",
                    "text": "Задача 15",
                    "student_ids": [Command.set(cls.student_5a_3.ids)],
                },
            ]
        )
        cls.homework_general = cls.env["ejournal.homework"].create(
            {"lesson_id": cls.lesson_today.id, "kind": "general", "text": "§ 4"}
        )
        cls.subgroup_5a_english_2 = cls._create_subgroup(
            cls.class_5a, cls.subject_english, cls.student_5a_3, name="Группа 2"
        )
        cls.lesson_english_1, cls.lesson_english_2 = (
            cls._create_lesson(
                TODAY,
                number=3,
                subject_id=cls.subject_english.id,
                teacher_id=cls.employee_other_teacher.id,
                subgroup_id=subgroup.id,
            )
            for subgroup in (cls.subgroup_5a_english, cls.subgroup_5a_english_2)
        )
        cls.families = (cls.user_parent, cls.user_student)

    def _as(self, user, model):
        self.env.invalidate_all()
        return self.env[model].with_user(user)

    def test_subgroup_names_no_classmates(self):
        """REQ-92: the parent and the pupil read their subgroup, not who is in
        it: by read, search_read, web_read or search on the list; grouping by
        it shows the own pupil only."""
        for user in self.families:
            with self.subTest(user=user.login):
                Subgroup = self._as(user, "ejournal.subgroup")
                subgroup = Subgroup.browse(self.subgroup_5a_english.id)
                self.assertEqual(
                    subgroup.read(["name"]),
                    [{"id": subgroup.id, "name": "Группа 1"}],
                )
                self.assertEqual(Subgroup.search([]), self.subgroup_5a_english)
                with self.assertRaisesRegex(AccessError, SUBGROUP_PUPILS):
                    subgroup.read(["student_ids"])
                with self.assertRaisesRegex(AccessError, SUBGROUP_PUPILS):
                    subgroup.web_read({"student_ids": {"fields": {"name": {}}}})
                with self.assertRaisesRegex(AccessError, SUBGROUP_PUPILS):
                    Subgroup.search_read([], ["student_ids"])
                with self.assertRaisesRegex(AccessError, SUBGROUP_PUPILS):
                    Subgroup.search([("student_ids", "in", self.student_5a_2.ids)])
                # Grouping by the list applies the pupils' rules (Odoo checks no
                # field groups there): the own pupil only.
                groups = Subgroup.formatted_read_group([], ["student_ids"], ["__count"])
                self.assertEqual(
                    [(g["student_ids"], g["__count"]) for g in groups],
                    [((self.student_5a_1.id, "Айбек Асанов"), 1)],
                )

    def test_class_lists_no_classmates(self):
        """REQ-92: the class of the pupil shows its name, not its pupils nor
        their memberships, from the class or from a lesson; the memberships
        read are the own pupils' only."""
        for user in self.families:
            with self.subTest(user=user.login):
                Class = self._as(user, "ejournal.class")
                school_class = Class.browse(self.class_5a.id)
                self.assertEqual(
                    school_class.read(["name"]),
                    [{"id": self.class_5a.id, "name": "5А"}],
                )
                for fields, message in (
                    (["student_ids"], CLASS_PUPILS),
                    (["enrolment_ids"], CLASS_HISTORY),
                ):
                    with self.assertRaisesRegex(AccessError, message):
                        school_class.read(fields)
                    with self.assertRaisesRegex(AccessError, message):
                        Class.search_read([], fields)
                    with self.assertRaisesRegex(AccessError, message):
                        school_class.web_read({fields[0]: {}})
                    with self.assertRaisesRegex(AccessError, message):
                        Class.search([(fields[0], "in", [1])])
                lesson = self._as(user, "ejournal.lesson").browse(self.lesson_today.id)
                with self.assertRaisesRegex(AccessError, CLASS_PUPILS):
                    lesson.web_read({"class_id": {"fields": {"student_ids": {}}}})
                Enrolment = self._as(user, "ejournal.class.enrolment")
                self.assertEqual(Enrolment.search([]), self.student_5a_1.enrolment_ids)
                self.assertEqual(
                    Enrolment.search_read([], ["student_id"]),
                    [
                        {
                            "id": self.student_5a_1.enrolment_ids.id,
                            "student_id": (self.student_5a_1.id, "Айбек Асанов"),
                        }
                    ],
                )
                with self.assertRaisesRegex(AccessError, HIDDEN):
                    Enrolment.browse(self.student_5a_2.enrolment_ids.id).read(
                        ["student_id"]
                    )

    def test_individual_homework_no_classmates(self):
        """REQ-92/REQ-41: a family reads the individual homework of its pupil,
        not to whom else it was given, and no homework of classmates only."""
        for user in self.families:
            with self.subTest(user=user.login):
                Homework = self._as(user, "ejournal.homework")
                self.assertEqual(
                    Homework.search_read([], ["kind", "text"], order="id"),
                    [
                        {
                            "id": self.homework_shared.id,
                            "kind": "individual",
                            "text": "Задачи 12–14",
                        },
                        {
                            "id": self.homework_general.id,
                            "kind": "general",
                            "text": "§ 4",
                        },
                    ],
                )
                homework = Homework.browse(self.homework_shared.id)
                message = field_refused("student_ids", "Homework", "ejournal.homework")
                with self.assertRaisesRegex(AccessError, message):
                    homework.read(["student_ids"])
                with self.assertRaisesRegex(AccessError, message):
                    homework.web_read({"student_ids": {"fields": {"name": {}}}})
                with self.assertRaisesRegex(AccessError, message):
                    Homework.search([("student_ids", "in", self.student_5a_2.ids)])
                with self.assertRaisesRegex(AccessError, HIDDEN):
                    Homework.browse(self.homework_others.id).read(["text"])

    def test_diary_keeps_subgroups_and_homework(self):
        """REQ-92/REQ-70: the diary of 5a_1, as the parent and the pupil, still
        shows the lessons of the pupil's own subgroup and the pupil's homework,
        nothing of the other subgroup nor of the classmates' homework; the
        staff still read the lists."""
        if not hasattr(self.env["ejournal.student"], "_diary_week"):
            self.skipTest("the diary (ejournal_school_portal) is not installed")
        for user in self.families:
            with self.subTest(user=user.login):
                student = self._as(user, "ejournal.student").browse(
                    self.student_5a_1.id
                )
                [day] = [d for d in student._diary_week(TODAY)["days"] if d["is_today"]]
                rows = {row["lesson"]: row for row in day["lessons"]}
                self.assertEqual(set(rows), {self.lesson_today, self.lesson_english_1})
                self.assertEqual(
                    [h.id for h in rows[self.lesson_today]["homeworks"]],
                    [self.homework_general.id, self.homework_shared.id],
                )
        # 5a_3 (no login) sees the other subgroup and their own homework only.
        student = self.student_5a_3.with_user(self.user_admin_school)
        self.env.invalidate_all()
        [day] = [d for d in student._diary_week(TODAY)["days"] if d["is_today"]]
        rows = {row["lesson"]: row for row in day["lessons"]}
        self.assertEqual(set(rows), {self.lesson_today, self.lesson_english_2})
        self.assertEqual(
            [h.id for h in rows[self.lesson_today]["homeworks"]],
            [self.homework_general.id, self.homework_others.id],
        )

    def test_staff_read_the_lists(self):
        """REQ-92/REQ-03: the teachers still read the lists of their classes."""
        Subgroup = self._as(self.user_class_teacher, "ejournal.subgroup")
        self.assertEqual(
            Subgroup.browse(self.subgroup_5a_english.id).read(["student_ids"]),
            [
                {
                    "id": self.subgroup_5a_english.id,
                    "student_ids": (self.student_5a_1 | self.student_5a_2).ids,
                }
            ],
        )
        Class = self._as(self.user_class_teacher, "ejournal.class")
        self.assertEqual(
            Class.search([("student_ids", "in", self.student_5a_3.ids)]),
            self.class_5a,
        )
        self.assertEqual(
            set(Class.browse(self.class_5a.id).read(["student_ids"])[0]["student_ids"]),
            set((self.student_5a_1 | self.student_5a_2 | self.student_5a_3).ids),
        )
        Homework = self._as(self.user_teacher, "ejournal.homework")
        self.assertEqual(
            Homework.browse(self.homework_shared.id).read(["student_ids"]),
            [
                {
                    "id": self.homework_shared.id,
                    "student_ids": (self.student_5a_1 | self.student_5a_2).ids,
                }
            ],
        )


@tagged("post_install", "-at_install")
class TestOtherSchoolStaff(EjournalJournalCommon):
    """REQ-92/REQ-04: the staff of school B read nothing of school A's staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_secretary_b = cls._create_staff_user(
            "ej_secretary_b",
            "ejournal_school.group_ejournal_secretary",
            school=cls.school_b,
            name="Секретарь Школы Б",
        )
        cls.user_colleague_b, cls.employee_colleague_b = cls._create_teacher(
            "Коллега Школы Б", "ej_colleague_b", school=cls.school_b
        )
        cls.user_teacher.email = "asel.uchitel@school-a.example.com"
        cls.staff_a_partners = (
            cls.user_teacher.partner_id
            | cls.employee_teacher.work_contact_id
            | cls.user_secretary.partner_id
            | cls.user_other_teacher.partner_id
        )

    def _env_b(self, user=None):
        self.env.invalidate_all()
        return self.env(
            user=user or self.user_teacher_b,
            context=dict(self.env.context, allowed_company_ids=self.school_b.ids),
        )

    def test_no_user_of_another_school(self):
        """REQ-92: neither the teacher nor the secretary of school B find or
        read the users of school A (names, logins, e-mails)."""
        for user in (self.user_teacher_b, self.user_secretary_b):
            with self.subTest(user=user.login):
                Users = self._env_b(user)["res.users"]
                self.assertFalse(Users.search([("id", "=", self.user_teacher.id)]))
                self.assertFalse(
                    Users.search([("company_ids", "in", self.school_a.ids)])
                )
                self.assertFalse(Users.name_search("Асель"))
                with self.assertRaisesRegex(AccessError, HIDDEN):
                    Users.browse(self.user_teacher.id).read(["name", "login", "email"])

    def test_no_contact_of_another_school_staff(self):
        """REQ-92: nor their partners (the users' and the employees' work
        contacts), by search, name_search or read."""
        for user in (self.user_teacher_b, self.user_secretary_b):
            with self.subTest(user=user.login):
                Partner = self._env_b(user)["res.partner"]
                self.assertFalse(
                    Partner.search([("id", "in", self.staff_a_partners.ids)])
                )
                self.assertFalse(Partner.name_search("Асель"))
                self.assertFalse(
                    Partner.with_context(active_test=False).search(
                        [("email", "=", self.user_teacher.email)]
                    )
                )
                with self.assertRaisesRegex(AccessError, HIDDEN):
                    Partner.browse(self.user_teacher.partner_id.id).read(
                        ["name", "email"]
                    )

    def test_archived_staff_stays_hidden(self):
        """REQ-92: archiving a teacher of school A reveals nothing to school B."""
        self.employee_teacher.action_archive()
        self.user_teacher.action_archive()
        env_b = self._env_b()
        self.assertFalse(
            env_b["res.partner"]
            .with_context(active_test=False)
            .search([("id", "=", self.user_teacher.partner_id.id)])
        )
        self.assertFalse(
            env_b["res.users"]
            .with_context(active_test=False)
            .search([("id", "=", self.user_teacher.id)])
        )

    def test_no_employee_of_another_school(self):
        """REQ-92: nor school A's employees and public employees (hr's
        multi-company rules: this passed before REQ-92's rules, kept as a
        guard)."""
        env_b = self._env_b()
        for model in ("hr.employee", "hr.employee.public"):
            with self.subTest(model=model):
                self.assertFalse(
                    env_b[model].search([("company_id", "=", self.school_a.id)])
                )
                with self.assertRaisesRegex(AccessError, HIDDEN):
                    env_b[model].browse(self.employee_teacher.id).read(["name"])

    def test_own_school_and_odoo_people_readable(self):
        """REQ-92: within school B everything is readable, and OdooBot and the
        administrator (users and partners) and the public partner from every
        school (chatter, mail, login)."""
        env_b = self._env_b()
        self.assertEqual(
            env_b["res.users"].search([("company_ids", "in", self.school_b.ids)]),
            self.user_teacher_b | self.user_secretary_b | self.user_colleague_b,
        )
        self.assertEqual(
            env_b["res.partner"]
            .browse(self.user_colleague_b.partner_id.id)
            .read(["name"])[0]["name"],
            "Коллега Школы Б",
        )
        self.assertEqual(
            env_b["hr.employee.public"]
            .browse(self.employee_colleague_b.id)
            .read(["name", "work_email"])[0]["name"],
            "Коллега Школы Б",
        )
        self.assertEqual(
            env_b.user.partner_id.read(["name"])[0]["name"], "Учитель Школы Б"
        )
        for xmlid in ("base.partner_root", "base.partner_admin", "base.public_partner"):
            with self.subTest(partner=xmlid):
                partner = self.env.ref(xmlid)
                self.assertEqual(
                    env_b["res.partner"].browse(partner.id).read(["name"])[0]["name"],
                    partner.name,
                )
        # (base already hides the public user, a share user of the main
        # company, from other companies' users; its partner stays readable.)
        for xmlid in ("base.user_root", "base.user_admin"):
            with self.subTest(user=xmlid):
                odoo_user = self.env.ref(xmlid)
                self.assertEqual(
                    env_b["res.users"]
                    .with_context(active_test=False)
                    .search([("id", "=", odoo_user.id)]),
                    odoo_user,
                )

    def test_school_a_keeps_its_staff(self):
        """REQ-92: within school A the journal shows teacher names, chatter its
        authors and the diary the teacher's name."""
        self.class_5a.message_post(
            body="Родительское собрание в пятницу",
            author_id=self.user_class_teacher.partner_id.id,
        )
        self.env.invalidate_all()
        env_a = self.env(user=self.user_teacher)
        lesson = env_a["ejournal.lesson"].browse(self.lesson_today.id)
        self.assertEqual(
            lesson.read(["teacher_id"])[0]["teacher_id"],
            (self.employee_teacher.id, "Асель Учитель"),
        )
        self.assertEqual(
            env_a["res.users"].browse(self.user_class_teacher.id).read(["name"]),
            [{"id": self.user_class_teacher.id, "name": "Гульнара Классная"}],
        )
        self.assertEqual(
            env_a["hr.employee.public"]
            .search([("company_id", "=", self.school_a.id)])
            .mapped("name"),
            sorted(["Асель Учитель", "Гульнара Классная", "Нурлан Другой"]),
        )
        message = env_a["ejournal.class"].browse(self.class_5a.id).message_ids[:1]
        self.assertEqual(
            message.author_id.read(["name"])[0]["name"], "Гульнара Классная"
        )
        self.env.invalidate_all()
        lesson = self.env(user=self.user_parent)["ejournal.lesson"].browse(
            self.lesson_today.id
        )
        self.assertEqual(lesson.teacher_name, "Асель Учитель")
