from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EjournalSubgroup(models.Model):
    _name = "ejournal.subgroup"
    _description = "Subgroup"
    _order = "class_id, subject_id, name"
    _check_company_auto = True

    name = fields.Char(required=True)
    class_id = fields.Many2one(
        "ejournal.class",
        required=True,
        ondelete="cascade",
        index=True,
    )
    subject_id = fields.Many2one("ejournal.subject", required=True, check_company=True)
    student_ids = fields.Many2many(
        "ejournal.student",
        string="Students",
        check_company=True,
        domain="[('class_id', '=', class_id)]",
    )
    company_id = fields.Many2one(
        related="class_id.company_id", store=True, index=True, string="School"
    )

    @api.depends("name", "class_id", "subject_id")
    def _compute_display_name(self):
        for subgroup in self:
            subgroup.display_name = (
                f"{subgroup.class_id.name} {subgroup.subject_id.name}: {subgroup.name}"
            )

    @api.constrains("student_ids", "class_id")
    def _check_students_in_class(self):
        for subgroup in self:
            strangers = subgroup.student_ids.filtered(
                lambda s, subgroup=subgroup: (
                    subgroup.class_id not in s.enrolment_ids.class_id
                )
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(students)s never studied in class %(class_name)s.",
                        students=", ".join(strangers.mapped("name")),
                        class_name=subgroup.class_id.name,
                    )
                )
