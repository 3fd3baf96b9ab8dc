from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import EjournalCommon


@tagged("post_install", "-at_install")
class TestCardPartner(EjournalCommon):
    """A card writes its partner with elevated rights: only its own partner,
    only contact data."""

    def test_card_cannot_point_at_another_partner(self):
        """REQ-20/REQ-23: a class teacher cannot move her pupil's card onto the
        administrator's partner and rewrite its name and e-mail."""
        admin_partner = self.env.ref("base.user_admin").partner_id
        name, email = admin_partner.name, admin_partner.email
        card = self.student_5a_2.with_user(self.user_class_teacher)
        with self.assertRefusedMatching(UserError, "cannot be changed through it"):
            card.write(
                {"partner_id": admin_partner.id, "name": "Hacked", "email": "x@x"}
            )
        self.assertEqual(self.student_5a_2.partner_id.name, "Бермет Бакирова")
        self.assertEqual((admin_partner.name, admin_partner.email), (name, email))

    def test_card_refuses_partner_x2many_and_technical_fields(self):
        """REQ-20/REQ-92: through a card nobody reaches the partner's bank
        accounts, chatter messages, followers, time zone, company or logins."""
        partner = self.student_5a_2.partner_id
        message = partner.message_post(body="Deputy's note")
        card = self.student_5a_2.with_user(self.user_class_teacher)
        attacks = [
            {"bank_ids": [Command.create({"acc_number": "KG00 0000"})]},
            {"message_ids": [Command.update(message.id, {"body": "rewritten"})]},
            {"message_ids": [Command.delete(message.id)]},
            {"message_follower_ids": [Command.clear()]},
            {"tz": "Etc/GMT+12"},
            {"company_id": self.school_b.id},
            {"user_ids": [Command.link(self.user_teacher.id)]},
            {"parent_id": self.school_a.partner_id.id},
        ]
        for vals in attacks:
            with (
                self.subTest(vals=vals),
                self.assertRefusedMatching(UserError, "cannot be changed through it"),
            ):
                card.write(vals)
        self.assertFalse(partner.bank_ids)
        self.assertIn("Deputy's note", str(message.exists().body))
        self.assertFalse(partner.tz == "Etc/GMT+12")
        self.assertEqual(self.student_5a_2.company_id, self.school_a)
        self.assertFalse(partner.parent_id)

    def test_secretary_refused_for_school_and_user_partners(self):
        """REQ-20/REQ-90: the secretary cannot build a parent card on the school's
        own partner (whose time zone once moved the school's today) nor on a
        staff member's or another card's partner."""
        Parent = self.env["ejournal.parent"].with_user(self.user_secretary)
        for partner in (
            self.school_a.partner_id,
            self.user_teacher.partner_id,
            self.employee_class_teacher.work_contact_id,
            self.parent_6a.partner_id,
        ):
            with (
                self.subTest(partner=partner.name),
                self.assertRefusedMatching(UserError, "a new card cannot use it"),
            ):
                Parent.create(
                    {"partner_id": partner.id, "company_id": self.school_a.id}
                )
        self.assertFalse(self.school_a.partner_id.ejournal_parent_ids)

    def test_create_refuses_technical_partner_fields(self):
        """REQ-20: a new card's partner gets only contact data."""
        Parent = self.env["ejournal.parent"].with_user(self.user_secretary)
        with self.assertRefusedMatching(UserError, "cannot be changed through it"):
            Parent.create(
                {"name": "Мама", "company_id": self.school_a.id, "tz": "Etc/GMT+12"}
            )

    def test_contact_fields_still_written(self):
        """REQ-20/REQ-23: the class teacher keeps her pupils' contact data."""
        card = self.student_5a_2.with_user(self.user_class_teacher)
        card.write(
            {
                "name": "Бермет Б.",
                "email": "b@example.com",
                "city": "Ош",
                "gender": "female",
            }
        )
        self.assertEqual(self.student_5a_2.partner_id.email, "b@example.com")
        parent = (
            self.env["ejournal.parent"]
            .with_user(self.user_secretary)
            .create(
                {"name": "Новая Мама", "company_id": self.school_a.id, "phone": "+996"}
            )
        )
        self.assertEqual(parent.partner_id.phone, "+996")

    def test_login_is_the_cards_own_portal_login(self):
        """REQ-21/REQ-62: a card's login is the portal login of its own person."""
        card = self.student_5a_2.with_user(self.user_class_teacher)
        for user in (self.user_teacher, self.user_parent_two):
            with (
                self.subTest(user=user.login),
                self.assertRefusedMatching(
                    ValidationError, "must be a portal login of this very person"
                ),
            ):
                card.write({"user_id": user.id})
        self.assertFalse(self.student_5a_2.user_id)


@tagged("post_install", "-at_install")
class TestRulesAfterWrite(EjournalCommon):
    """Record rules hold for the record after the write, not only before."""

    def test_link_cannot_move_to_another_child(self):
        """REQ-23/REQ-72: the class teacher of 5А cannot re-point a link of her
        class to a pupil of 6А (that parent would read the other child's diary)."""
        link = self.parent_5a.guardianship_ids.with_user(self.user_class_teacher)
        with self.assertRefusedMatching(
            UserError, "Only the relation of a parent-child"
        ):
            link.write({"student_id": self.student_6a_2.id})
        with self.assertRefusedMatching(
            UserError, "Only the relation of a parent-child"
        ):
            link.write({"parent_id": self.parent_6a.id})
        self.assertEqual(self.parent_5a.guardianship_ids.student_id, self.student_5a_1)
        link.write({"relation": "guardian"})
        self.assertEqual(link.relation, "guardian")

    def test_link_through_card_commands(self):
        """REQ-23: the same attack through the card's x2many commands."""
        card = self.parent_5a.with_user(self.user_class_teacher)
        link = self.parent_5a.guardianship_ids
        with self.assertRefusedMatching(
            UserError, "Only the relation of a parent-child"
        ):
            card.write(
                {
                    "guardianship_ids": [
                        Command.update(link.id, {"student_id": self.student_6a_2.id})
                    ]
                }
            )
        self.assertEqual(link.student_id, self.student_5a_1)

    def test_link_sides_in_one_school(self):
        """REQ-23/REQ-04: a link's school follows the pupil; both sides in it."""
        with self.assertRefusedMatching(UserError, "no company crossover is allowed"):
            self.env["ejournal.guardianship"].with_user(self.user_secretary).create(
                {"student_id": self.student_5a_3.id, "parent_id": self._parent_b().id}
            )

    def _parent_b(self):
        return self.env["ejournal.parent"].create(
            {"name": "Родитель Б", "company_id": self.school_b.id}
        )

    def test_card_cannot_leave_the_writers_reach(self):
        """REQ-23: the class teacher cannot move her pupil's card out of her
        class (movement orders are the secretary's)."""
        card = self.student_5a_2.with_user(self.user_class_teacher)
        with self.assertRefusedMatching(AccessError, "not allowed to modify"):
            card.write({"class_id": self.class_6a.id})
        self.assertEqual(self.student_5a_2.class_id, self.class_5a)
