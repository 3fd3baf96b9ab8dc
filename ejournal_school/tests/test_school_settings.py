from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import EjournalCommon


@tagged("post_install", "-at_install")
class TestSchoolSettings(EjournalCommon):
    """School settings belong to the school administrator of that school."""

    def test_time_zone_is_a_school_setting(self):
        """REQ-90: the school's today follows ``ejournal_tz``, never the partner's
        time zone (that a contact form could change)."""
        today = self.school_a._ejournal_today()
        self.school_a.partner_id.tz = "Etc/GMT+12"
        self.assertEqual(self.school_a._ejournal_today(), today)
        self.school_a.ejournal_tz = "Pacific/Kiritimati"
        self.assertGreaterEqual(self.school_a._ejournal_today(), today)
        self.assertEqual(self.school_a.ejournal_tz, "Pacific/Kiritimati")

    def test_school_admin_changes_own_settings(self):
        """REQ-01/REQ-90: the school administrator changes her school's settings."""
        school = self.school_a.with_user(self.user_admin_school)
        school.write(
            {
                "ejournal_tz": "Asia/Almaty",
                "ejournal_control_work_days": 7,
                "school_number": "61",
                "name": "Школа № 61",
                "city": "Ош",
                "email": "s61@example.com",
            }
        )
        self.assertEqual(self.school_a.ejournal_tz, "Asia/Almaty")
        self.assertEqual(self.school_a.partner_id.city, "Ош")

    def test_others_cannot_change_settings(self):
        """REQ-01/REQ-90: teachers, the secretary, control and the deputy change
        no school setting."""
        for user in (
            self.user_class_teacher,
            self.user_secretary,
            self.user_control,
            self.user_deputy,
        ):
            with (
                self.subTest(user=user.login),
                self.assertRefusedMatching(
                    AccessError, "Only the school administrator changes school settings"
                ),
            ):
                self.school_a.with_user(user).write({"ejournal_tz": "Etc/GMT+12"})
        self.assertEqual(self.school_a.ejournal_tz, "Asia/Bishkek")

    def test_school_admin_limited_to_whitelist_and_own_school(self):
        """REQ-01: technical company fields and other schools are not hers."""
        school = self.school_a.with_user(self.user_admin_school)
        currency = self.school_a.currency_id
        with self.assertRefusedMatching(
            AccessError, "technical administrator only: Currency"
        ):
            school.write({"currency_id": self.env.ref("base.EUR").id})
        self.assertEqual(self.school_a.currency_id, currency)
        with self.assertRefusedMatching(
            AccessError, "not the administrator of Школа Б|doesn't have 'read' access"
        ):
            self.school_b.with_user(self.user_admin_school).sudo(False).write(
                {"school_number": "13"}
            )
        self.assertFalse(self.school_b.school_number)


@tagged("post_install", "-at_install")
class TestSchoolAdministratorRights(EjournalCommon):
    """The school administrator has no technical rights (6a)."""

    def test_admin_group_implies_no_technical_rights(self):
        """REQ-01: neither Access Rights nor Settings, however implied."""
        technical = self.env.ref("base.group_erp_manager") | self.env.ref(
            "base.group_system"
        )
        admin_group = self.env.ref("ejournal_school.group_ejournal_admin")
        self.assertFalse(admin_group.all_implied_ids & technical)
        self.assertFalse(self.user_admin_school.all_group_ids & technical)
        self.assertTrue(self.user_admin_school.has_group("hr.group_hr_user"))

    def test_demo_admin88_has_journal_groups_only(self):
        """REQ-01: the demo school administrator admin88 ends with exactly the
        journal groups and hr user."""
        admin88 = self.env.ref(
            "ejournal_school.res_users_demo_admin88", raise_if_not_found=False
        )
        if not admin88:
            self.skipTest("demo data not installed")
        journal = self.env["res.groups"].search(
            [
                (
                    "privilege_id",
                    "=",
                    self.env.ref("ejournal_school.res_groups_privilege_ejournal").id,
                )
            ]
        )
        expected = (journal | self.env.ref("hr.group_hr_user")).all_implied_ids
        self.assertEqual(admin88.all_group_ids, expected)
        self.assertFalse(admin88.has_group("base.group_erp_manager"))
        self.assertFalse(admin88.has_group("base.group_system"))

    def test_admin_still_creates_staff_cards(self):
        """REQ-20: staff cards stay the school administrator's job."""
        employee = (
            self.env["hr.employee"]
            .with_user(self.user_admin_school)
            .create({"name": "Новый Учитель", "company_id": self.school_a.id})
        )
        self.assertEqual(employee.company_id, self.school_a)
