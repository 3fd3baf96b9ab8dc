from odoo import fields, models


class EjournalGradeScaleValue(models.Model):
    _name = "ejournal.grade.scale.value"
    _description = "Grading Scale Value"
    _order = "scale_id, sequence, numeric_value desc"

    scale_id = fields.Many2one(
        "ejournal.grade.scale", required=True, ondelete="cascade", index=True
    )
    code = fields.Char(
        required=True, translate=True, help='What is written: "5", "зач"…'
    )
    name = fields.Char(translate=True, help="Full name, e.g. excellent.")
    sequence = fields.Integer(default=10)
    numeric_value = fields.Float(help="Used for averages.")
    counts_in_average = fields.Boolean(default=True)
    passing = fields.Boolean(default=True)
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint(
        "UNIQUE(scale_id, code)", "This value already exists in the scale."
    )

    def _compute_display_name(self):
        for value in self:
            value.display_name = value.code
