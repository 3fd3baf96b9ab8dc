from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ejournal_display import display_join


class EjournalTeachingAssignment(models.Model):
    _name = "ejournal.teaching.assignment"
    _description = "Teaching Assignment"
    _order = "year_id desc, class_id, subject_id"
    _check_company_auto = True

    class_id = fields.Many2one(
        "ejournal.class",
        required=True,
        ondelete="cascade",
        index=True,
    )
    year_id = fields.Many2one(
        related="class_id.year_id", store=True, index=True, string="School Year"
    )
    subgroup_id = fields.Many2one(
        "ejournal.subgroup",
        check_company=True,
        domain="[('class_id', '=', class_id), ('subject_id', '=', subject_id)]",
    )
    subject_id = fields.Many2one("ejournal.subject", required=True, check_company=True)
    teacher_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        check_company=True,
    )
    teacher_user_id = fields.Many2one(
        related="teacher_id.user_id", store=True, index=True, string="Teacher User"
    )
    hours_per_week = fields.Float(string="Hours per Week")
    company_id = fields.Many2one(
        related="class_id.company_id", store=True, index=True, string="School"
    )

    _assignment_uniq = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (class_id, subgroup_id, subject_id, teacher_id)",
        "This teacher already teaches this subject to this class or subgroup.",
    )

    @api.depends("class_id", "subgroup_id", "subject_id", "teacher_id")
    def _compute_display_name(self):
        for assignment in self:
            group = assignment.subgroup_id.name or assignment.class_id.name
            assignment.display_name = display_join(
                (group, assignment.subject_id.name, assignment.teacher_id.name),
                self.env._("New Teaching Assignment"),
            )

    @api.constrains("subgroup_id", "class_id", "subject_id")
    def _check_subgroup(self):
        for assignment in self.filtered("subgroup_id"):
            subgroup = assignment.subgroup_id
            if (
                subgroup.class_id != assignment.class_id
                or subgroup.subject_id != assignment.subject_id
            ):
                raise ValidationError(
                    self.env._(
                        "Subgroup %(subgroup)s does not belong to %(class_name)s, "
                        "%(subject)s.",
                        subgroup=subgroup.name,
                        subject=assignment.subject_id.name,
                        class_name=assignment.class_id.name,
                    )
                )
