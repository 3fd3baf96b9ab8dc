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
