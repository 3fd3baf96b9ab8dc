from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ejournal_display import display_join


class EjournalCurriculumLimit(models.Model):
    _name = "ejournal.curriculum.limit"
    _description = "Curriculum Component Limit"
    _check_company_auto = True

    curriculum_id = fields.Many2one(
        "ejournal.curriculum", required=True, ondelete="cascade", index=True
    )
    component_id = fields.Many2one(
        "ejournal.curriculum.component",
        required=True,
        check_company=True,
    )
    max_hours = fields.Float(string="Maximum Hours per Week", required=True)
    company_id = fields.Many2one(
        related="curriculum_id.company_id", store=True, index=True, string="School"
    )

    _component_uniq = models.Constraint(
        "UNIQUE(curriculum_id, component_id)",
        "A component has one limit per curriculum.",
    )

    @api.constrains("max_hours")
    def _check_max_hours(self):
        for limit in self:
            if limit.max_hours <= 0:
                raise ValidationError(
                    self.env._(
                        "The limit of %(component)s must be greater than zero.",
                        component=limit.component_id.name,
                    )
                )

    @api.depends("curriculum_id", "component_id")
    def _compute_display_name(self):
        for limit in self:
            limit.display_name = display_join(
                (limit.curriculum_id.name, limit.component_id.name),
                self.env._("New Curriculum Limit"),
            )
