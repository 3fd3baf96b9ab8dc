from odoo import api, models

from .ejournal_home import HOME_ACTIONS


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._ejournal_set_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "group_ids" in vals or any(k.startswith("sel_groups_") for k in vals):
            self._ejournal_set_home_action()
        return res

    def _ejournal_home_role(self):
        """REQ-02, REQ-04: the role whose home the user lands on, the highest
        journal role first."""
        self.ensure_one()
        if self.has_group("ejournal_school.group_ejournal_admin"):
            return "admin"
        if self.has_group("ejournal_school.group_ejournal_deputy"):
            return "deputy"
        if self.has_group("ejournal_school.group_ejournal_control"):
            return "director"
        if self.has_group("ejournal_school.group_ejournal_teacher"):
            led = (
                self.env["ejournal.class"]
                .sudo()
                .search_count(
                    [
                        ("class_teacher_id.user_id", "=", self.id),
                        ("year_id.state", "=", "active"),
                    ],
                    limit=1,
                )
            )
            return "class_teacher" if led else "teacher"
        if self.has_group("ejournal_school.group_ejournal_secretary"):
            return "secretary"
        return False

    def _ejournal_set_home_action(self):
        """Set the home action (``action_id``) from the journal role, unless the
        user has a home action of their own that is not a journal home."""
        homes = {
            role: self.env.ref(xmlid, raise_if_not_found=False)
            for role, xmlid in HOME_ACTIONS.items()
        }
        ours = {action.id for action in homes.values() if action}
        for user in self.sudo():
            if user.share or (user.action_id and user.action_id.id not in ours):
                continue
            role = user._ejournal_home_role()
            action = homes.get(role) if role else False
            if (action.id if action else False) != user.action_id.id:
                super(ResUsers, user).write(
                    {"action_id": action.id if action else False}
                )
        return True
