from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ejournal_display import display_join


class EjournalCurriculumLine(models.Model):
    _name = "ejournal.curriculum.line"
    _description = "Curriculum Line"
    _order = "curriculum_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    curriculum_id = fields.Many2one(
        "ejournal.curriculum", required=True, ondelete="cascade", index=True
    )
    subject_id = fields.Many2one("ejournal.subject", required=True, check_company=True)
    component_id = fields.Many2one(
        "ejournal.curriculum.component",
        required=True,
        check_company=True,
    )
    hours_per_week = fields.Float(string="Hours per Week", required=True, default=1.0)
    company_id = fields.Many2one(
        related="curriculum_id.company_id", store=True, index=True, string="School"
    )

    _subject_uniq = models.Constraint(
        "UNIQUE(curriculum_id, subject_id, component_id)",
        "A subject appears only once per component of a curriculum.",
    )

    @api.constrains("hours_per_week")
    def _check_hours(self):
        for line in self:
            if line.hours_per_week <= 0:
                raise ValidationError(
                    self.env._(
                        "Hours per week of %(subject)s must be greater than zero.",
                        subject=line.subject_id.name,
                    )
                )

    @api.depends("curriculum_id", "subject_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = display_join(
                (line.curriculum_id.name, line.subject_id.name),
                self.env._("New Curriculum Line"),
            )
