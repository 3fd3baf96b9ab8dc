from odoo import fields, models
from odoo.exceptions import UserError


class EjournalSubject(models.Model):
    _name = "ejournal.subject"
    _description = "Subject"
    _inherit = ["hr.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    short_name = fields.Char(translate=True)
    sequence = fields.Integer(default=10)
    area_id = fields.Many2one(
        "ejournal.education.area", string="Education Area", check_company=True
    )
    teacher_ids = fields.Many2many(
        "hr.employee",
        "ejournal_subject_hr_employee_rel",
        "subject_id",
        "employee_id",
        string="Teachers",
        check_company=True,
    )
    grade_scale_id = fields.Many2one(
        "ejournal.grade.scale",
        string="Grading Scale",
        help="Empty: the school's scale. Set a pass/fail scale for unmarked subjects.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)

    _name_company_uniq = models.Constraint(
        "UNIQUE(name, company_id)", "This subject already exists in this school."
    )

    def write(self, vals):
        if {"grade_scale_id", "company_id"} & set(vals):
            marked = (
                self.env["ejournal.mark"]
                .sudo()
                ._read_group([("subject_id", "in", self.ids)], ["subject_id"])
            )
            if marked:
                raise UserError(
                    self.env._(
                        "%(subject)s already has marks: its grading scale and school "
                        "are kept, so that no mark changes meaning.",
                        subject=marked[0][0].name,
                    )
                )
        return super().write(vals)
