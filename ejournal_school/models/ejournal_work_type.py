from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EjournalWorkType(models.Model):
    _name = "ejournal.work.type"
    _description = "Work Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    short_name = fields.Char(translate=True, help="Small label shown beside a mark.")
    sequence = fields.Integer(default=10)
    weight = fields.Float(
        default=1.0, required=True, help="Weight of its marks in the weighted average."
    )
    is_control_work = fields.Boolean(
        string="Written Control Work",
        help="Its marks may be entered within the checking norm after the lesson.",
    )
    company_id = fields.Many2one(
        "res.company", string="School", index=True, help="Empty: every school."
    )
    active = fields.Boolean(default=True)

    @api.constrains("weight")
    def _check_weight(self):
        for work_type in self:
            if work_type.weight <= 0:
                raise ValidationError(
                    self.env._(
                        "The weight of %(work_type)s must be greater than zero.",
                        work_type=work_type.name,
                    )
                )
