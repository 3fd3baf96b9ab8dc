from odoo import fields, models


class EjournalGradeScale(models.Model):
    _name = "ejournal.grade.scale"
    _description = "Grading Scale"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    value_ids = fields.One2many(
        "ejournal.grade.scale.value", "scale_id", string="Values"
    )
    company_id = fields.Many2one(
        "res.company", string="School", index=True, help="Empty: every school."
    )
    active = fields.Boolean(default=True)

    def _value_for_average(self, average):
        """The scale value nearest to a numeric average (half rounds up)."""
        self.ensure_one()
        values = self.value_ids.filtered("counts_in_average")
        if not values or average is None:
            return self.env["ejournal.grade.scale.value"]
        return min(
            values, key=lambda v: (abs(v.numeric_value - average), -v.numeric_value)
        )
