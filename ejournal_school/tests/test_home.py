from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import EjournalCommon

STEPS = [
    "school",
    "year",
    "holidays",
    "subjects",
    "curriculum",
    "classes",
    "staff",
    "pupils",
    "timetable",
    "accounts",
]


class TestHomeActions(EjournalCommon):
    """REQ-02, REQ-04: each back-office role has its home action."""

    def test_each_role_gets_its_home(self):
        """REQ-02, REQ-04: the home action follows the highest journal role;
        a teacher who leads a class lands on the class, not the gradebook."""
        ref = self.env.ref
        home = "ejournal_school.ejournal_home_"
        expected = {
            self.user_teacher: "ejournal_school.ejournal_gradebook_action",
            self.user_class_teacher: home + "class_teacher_action",
            self.user_deputy: home + "deputy_action",
            self.user_control: home + "director_action",
            self.user_admin_school: "ejournal_school.ejournal_setup_checklist_action",
            self.user_secretary: "ejournal_school.ejournal_student_action",
        }
        for user, xmlid in expected.items():
            with self.subTest(login=user.login):
                self.assertEqual(user.action_id.id, ref(xmlid).id)
        self.assertFalse(self.user_parent.action_id)

    def test_home_follows_the_group_and_the_class(self):
        """REQ-04: getting a group or losing the class moves the home; a home
        the user chose outside the journal is kept."""
        self.user_teacher.group_ids = [
            (4, self.env.ref("ejournal_school.group_ejournal_deputy").id)
        ]
        self.assertEqual(
            self.user_teacher.action_id.id,
            self.env.ref("ejournal_school.ejournal_home_deputy_action").id,
        )
        self.class_5a.class_teacher_id = self.employee_teacher
        self.assertEqual(
            self.user_class_teacher.action_id.id,
            self.env.ref("ejournal_school.ejournal_gradebook_action").id,
        )
        own = self.env.ref("ejournal_school.ejournal_lesson_action")
        self.user_other_teacher.action_id = own.id
        self.user_other_teacher._ejournal_set_home_action()
        self.assertEqual(self.user_other_teacher.action_id.id, own.id)

    def test_class_teacher_cards_are_their_class(self):
        """REQ-04: the class teacher's home counts their own class only."""
        home = (
            self.env["ejournal.home"]
            .with_user(self.user_class_teacher)
            .get_home("class_teacher")
        )
        counts = {card["key"]: card["count"] for card in home["cards"]}
        pupils = self.env["ejournal.student"].search_count(
            [("class_id", "=", self.class_5a.id)]
        )
        self.assertEqual(home["subtitle"], "Class 5А")
        self.assertEqual(counts["pupils"], pupils)
        self.assertEqual(
            counts["pupils_without_login"],
            self.env["ejournal.student"].search_count(
                [("class_id", "=", self.class_5a.id), ("user_id", "=", False)]
            ),
        )
        action = (
            self.env["ejournal.home"]
            .with_user(self.user_class_teacher)
            .action_open("class_teacher", "pupils")
        )
        self.assertEqual(action["domain"], [("class_id", "in", self.class_5a.ids)])
        with self.assertRaisesRegex(UserError, "^Unknown card.$"):
            self.env["ejournal.home"].action_open("deputy", "pupils")

    def test_staff_list_shows_school_staff(self):
        """REQ-20: the journal's staff list filters on the school's staff."""
        stranger = self.env["hr.employee"].create({"name": "HR only"})
        staff = self.env["hr.employee"].search([("ejournal_is_staff", "=", True)])
        self.assertIn(self.employee_teacher, staff)
        self.assertNotIn(stranger, staff)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ejournal_school.ejournal_staff_action"
        )
        self.assertIn("'search_default_ejournal_school_staff': 1", action["context"])


class TestSetupChecklist(EjournalCommon):
    """REQ-10 (R2, R4): the set-up checklist in the regulation's order."""

    def _steps(self):
        return {
            step["key"]: step
            for step in self.env["ejournal.home"]
            .with_user(self.user_admin_school)
            ._setup_steps(self.school_a)
        }

    def test_order_and_state(self):
        """REQ-10: ten steps in the regulation's order; the fixture school has
        a year, holidays, subjects, classes, pupils, but no timetable."""
        steps = self._steps()
        self.assertEqual(list(steps), STEPS)
        self.assertEqual([s["sequence"] for s in steps.values()], list(range(1, 11)))
        done = {key for key, step in steps.items() if step["done"]}
        self.assertTrue({"year", "holidays", "subjects", "classes", "pupils"} <= done)
        self.assertFalse(steps["timetable"]["done"])
        self.assertEqual(steps["timetable"]["detail"], "2 classes without a timetable")
        self.assertEqual(steps["year"]["count"], 4)

    def test_school_card_step(self):
        """REQ-10 (R2): the school card is done once number, director, address
        and time zone are filled."""
        self.school_a.write({"school_number": False, "street": False})
        step = self._steps()["school"]
        self.assertFalse(step["done"])
        self.assertEqual(step["detail"], "Missing: number, director, address")
        self.school_a.write(
            {
                "school_number": "61",
                "street": "Main St 1",
                "school_director_id": self.employee_teacher.id,
            }
        )
        step = self._steps()["school"]
        self.assertTrue(step["done"])
        self.assertEqual(
            step["action"]["views"],
            [(self.env.ref("ejournal_school.res_company_view_form_school").id, "form")],
        )
        self.assertEqual(step["action"]["res_id"], self.school_a.id)

    def test_classes_and_accounts_steps(self):
        """REQ-10 (R4): a class without a class teacher and a teacher without a
        login are missing steps."""
        self.assertFalse(self._steps()["accounts"]["done"])  # no teacher yet
        self.employee_teacher.ejournal_subject_ids = self.subject_math
        self.assertTrue(self._steps()["accounts"]["done"])
        self.class_6a.class_teacher_id = False
        step = self._steps()["classes"]
        self.assertFalse(step["done"])
        self.assertEqual(step["detail"], "1 classes without a class teacher")
        loginless = self.env["hr.employee"].create(
            {
                "name": "No Login",
                "company_id": self.school_a.id,
                "ejournal_subject_ids": [(4, self.subject_math.id)],
            }
        )
        step = self._steps()["accounts"]
        self.assertFalse(step["done"])
        self.assertEqual(step["count"], 1)
        self.assertEqual(step["action"]["domain"], [("id", "in", loginless.ids)])

    def test_missing_year(self):
        """REQ-10 (R4): without an active year the year step is missing."""
        school = self.env["res.company"].create({"name": "Empty school"})
        steps = self.env["ejournal.home"]._setup_steps(school)
        self.assertEqual(
            {key for key, step in ((s["key"], s) for s in steps) if not step["done"]},
            set(STEPS),
        )
        self.assertEqual(steps[1]["detail"], "No active school year")


@tagged("post_install", "-at_install")
class TestHomeTours(EjournalCommon, HttpCase):
    """REQ-02, REQ-04, REQ-10: each role's tour starts at login and lands on
    its home."""

    def test_tours(self):
        for login, tour in (
            ("ej_teacher", "ejournal_home_teacher_tour"),
            ("ej_class_teacher", "ejournal_home_class_teacher_tour"),
            ("ej_deputy", "ejournal_home_deputy_tour"),
            ("ej_control", "ejournal_home_director_tour"),
            ("ej_admin_school", "ejournal_home_setup_tour"),
        ):
            with self.subTest(tour=tour):
                self.start_tour("/odoo", tour, login=login)
