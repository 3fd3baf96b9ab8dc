from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    """Browser tours of the back office."""

    def setUp(self):
        super().setUp()
        company = self.env.company
        # Far from any real year, so that it overlaps no other active year.
        self.year = self.env["ejournal.academic.year"].create(
            {
                "name": "Tour Year 2090–2091",
                "date_start": "2090-09-01",
                "date_end": "2091-05-31",
                "company_id": company.id,
            }
        )
        self.year.action_activate()
        self.teacher = self.env["hr.employee"].create(
            {"name": "Tour Teacher Petrova", "company_id": company.id}
        )
        self.deputy = new_test_user(
            self.env,
            login="deputy_tour",
            groups="ejournal_school.group_ejournal_deputy",
        )

    def test_class_tour(self):
        """REQ-02, REQ-13: a deputy director creates a class with its class
        teacher from the Electronic Journal app and finds it in the class list."""
        self.start_tour("/odoo", "ejournal_class_tour", login="deputy_tour")
        school_class = self.env["ejournal.class"].search(
            [("year_id", "=", self.year.id), ("name", "=", "5А")]
        )
        self.assertEqual(len(school_class), 1)
        self.assertEqual(school_class.grade_level, 5)
        self.assertEqual(school_class.class_teacher_id, self.teacher)
        self.assertEqual(school_class.create_uid, self.deputy)
