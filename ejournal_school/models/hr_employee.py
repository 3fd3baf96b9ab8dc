from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    ejournal_rank = fields.Char(
        string="Rank", groups="hr.group_hr_user", help="Tariff rank (разряд)."
    )
    ejournal_category = fields.Selection(
        [
            ("none", "No category"),
            ("second", "Second category"),
            ("first", "First category"),
            ("highest", "Highest category"),
        ],
        string="Qualification Category",
        groups="hr.group_hr_user",
    )
    ejournal_subject_ids = fields.Many2many(
        "ejournal.subject",
        "ejournal_subject_hr_employee_rel",
        "employee_id",
        "subject_id",
        string="Subjects Taught",
    )
    ejournal_class_ids = fields.One2many(
        "ejournal.class", "class_teacher_id", string="Led Classes"
    )
    ejournal_is_staff = fields.Boolean(
        string="School Staff",
        compute="_compute_ejournal_is_staff",
        search="_search_ejournal_is_staff",
        help="Has a journal role, teaches a subject or leads a class.",
    )

    def _ejournal_staff_domain(self):
        groups = [
            self.env.ref(xmlid).id
            for xmlid in (
                "ejournal_school.group_ejournal_teacher",
                "ejournal_school.group_ejournal_secretary",
                "ejournal_school.group_ejournal_control",
            )
        ]
        return [
            "|",
            "|",
            ("user_id.all_group_ids", "in", groups),
            ("ejournal_subject_ids", "!=", False),
            ("ejournal_class_ids", "!=", False),
        ]

    def _compute_ejournal_is_staff(self):
        staff = self.filtered_domain(self._ejournal_staff_domain())
        for employee in self:
            employee.ejournal_is_staff = employee in staff

    def _search_ejournal_is_staff(self, operator, value):
        """REQ-20: the journal's staff list shows the school's staff, not every
        employee of the database."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = self._ejournal_staff_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    def write(self, vals):
        if "user_id" not in vals:
            return super().write(vals)
        before = self.sudo().user_id
        res = super().write(vals)
        (before | self.sudo().user_id)._ejournal_set_home_action()
        return res
