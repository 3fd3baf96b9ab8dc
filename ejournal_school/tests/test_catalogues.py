from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_journal import EjournalJournalCommon


@tagged("post_install", "-at_install")
class TestCatalogues(EjournalJournalCommon):
    """Grade scales and work types: who keeps them, and values in use."""

    def test_deputy_of_another_school_cannot_rename_global_value(self):
        """REQ-42/REQ-46: the deputy of school B renamed "2" to "FIVE" and school
        A's diary showed "FIVE": global catalogues are the technical
        administrator's; the deputy only reads them."""
        deputy_b = self._create_staff_user(
            "ej_deputy_b", "ejournal_school.group_ejournal_deputy", school=self.school_b
        )
        for user in (deputy_b, self.user_deputy, self.user_admin_school):
            ctx = {"allowed_company_ids": user.company_ids.ids}
            with (
                self.subTest(user=user.login),
                self.assertRefusedMatching(
                    AccessError, "not allowed to modify|doesn't have 'write' access"
                ),
            ):
                self.v2.with_user(user).with_context(**ctx).write({"code": "FIVE"})
            with (
                self.subTest(user=user.login),
                self.assertRefusedMatching(
                    AccessError, "not allowed to modify|doesn't have 'write' access"
                ),
            ):
                self.wt_test.with_user(user).with_context(**ctx).write({"weight": 10})
        self.assertEqual(self.v2.code, "2")
        self.assertEqual(self.wt_test.weight, 1.5)
        self.assertEqual(self.v2.with_user(self.user_deputy).code, "2")

    def test_school_admin_keeps_own_catalogue_only(self):
        """REQ-42: a school's own scale is kept by its school administrator;
        another school neither sees nor changes it."""
        scale = (
            self.env["ejournal.grade.scale"]
            .with_user(self.user_admin_school)
            .create(
                {
                    "name": "10-point",
                    "company_id": self.school_a.id,
                    "value_ids": [(0, 0, {"code": "10", "numeric_value": 10})],
                }
            )
        )
        self.assertEqual(scale.value_ids.company_id, self.school_a)
        scale.value_ids.write({"name": "Brilliant"})
        with self.assertRefusedMatching(AccessError, "doesn't have 'write' access"):
            scale.write({"company_id": False})
        self.assertEqual(scale.company_id, self.school_a)
        admin_b = self._create_staff_user(
            "ej_admin_b", "ejournal_school.group_ejournal_admin", school=self.school_b
        )
        self.assertFalse(
            self.env["ejournal.grade.scale.value"]
            .with_user(admin_b)
            .with_context(allowed_company_ids=self.school_b.ids)
            .search([("id", "=", scale.value_ids.id)])
        )
        with self.assertRefusedMatching(
            AccessError, "doesn't have '(read|write)' access"
        ):
            scale.value_ids.with_user(admin_b).with_context(
                allowed_company_ids=self.school_b.ids
            ).write({"code": "X"})
        self.assertEqual(scale.value_ids.code, "10")

    def test_value_in_use_keeps_its_meaning(self):
        """REQ-42/REQ-46: once a mark carries a value, its code, numeric value,
        average and passing flags and scale are frozen, even for the technical
        administrator: archive it and create another."""
        self._past_mark(self.lesson_yesterday, self.student_5a_1, self.v2)
        self._give_admin_school_a()
        admin = self.env.ref("base.user_admin")
        for vals in (
            {"code": "FIVE"},
            {"numeric_value": 5},
            {"counts_in_average": False},
            {"passing": True},
            {"scale_id": self.v_pass.scale_id.id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRefusedMatching(UserError, "Marks already carry 2"),
            ):
                self.v2.with_user(admin).write(vals)
        self.assertEqual(
            (self.v2.code, self.v2.numeric_value, self.v2.passing), ("2", 2.0, False)
        )
        self.v2.with_user(admin).write({"name": "Poor", "active": False})
        self.assertFalse(self.v2.active)
        self.v4.with_user(admin).write({"numeric_value": 4.0})  # unchanged: fine

    def test_work_type_in_use_keeps_its_meaning(self):
        """REQ-42/REQ-44: once a mark or a lesson uses a work type, its weight,
        control work flag and school are frozen."""
        self._past_mark(self.lesson_yesterday, self.student_5a_1, self.v5, self.wt_test)
        self._give_admin_school_a()
        admin = self.env.ref("base.user_admin")
        for vals in (
            {"weight": 3},
            {"is_control_work": True},
            {"company_id": self.school_a.id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRefusedMatching(UserError, "already use"),
            ):
                self.wt_test.with_user(admin).write(vals)
        self.assertEqual(self.wt_test.weight, 1.5)
        self.wt_test.with_user(admin).write({"short_name": "T"})
