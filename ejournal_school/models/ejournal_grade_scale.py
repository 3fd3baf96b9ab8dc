from odoo import fields, models
from odoo.exceptions import UserError


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

    def write(self, vals):
        if "company_id" in vals:
            moved = self.filtered(lambda s: s.company_id.id != vals["company_id"])
            used = moved.with_context(active_test=False).value_ids._used_values()
            if used:
                raise UserError(
                    self.env._(
                        "Marks already carry values of %(scales)s: the scale cannot "
                        "move to another school.",
                        scales=", ".join(used.scale_id.mapped("name")),
                    )
                )
        result = super().write(vals)
        # Rules hold after the write too: a school's catalogue never becomes global.
        self.check_access("write")
        return result

    def _value_for_average(self, average):
        """The scale value nearest to a numeric average (half rounds up)."""
        self.ensure_one()
        values = self.value_ids.filtered("counts_in_average")
        if not values or average is None:
            return self.env["ejournal.grade.scale.value"]
        return min(
            values, key=lambda v: (abs(v.numeric_value - average), -v.numeric_value)
        )
