from odoo import api, fields, models
from odoo.exceptions import UserError

# REQ-42/REQ-46: what a value means; frozen once a mark carries it.
MEANING_FIELDS = ("code", "numeric_value", "counts_in_average", "passing", "scale_id")


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
    company_id = fields.Many2one(
        related="scale_id.company_id", store=True, index=True, string="School"
    )

    _code_uniq = models.Constraint(
        "UNIQUE(scale_id, code)", "This value already exists in the scale."
    )

    def _compute_display_name(self):
        for value in self:
            value.display_name = value.code

    def _used_values(self):
        """The values of ``self`` that a mark, a period mark or a correction carries."""
        used = self.browse()
        for model in ("ejournal.mark", "ejournal.period.mark", "ejournal.correction"):
            fname = "new_value_id" if model == "ejournal.correction" else "value_id"
            groups = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                ._read_group([(fname, "in", self.ids)], [fname])
            )
            used |= self.browse([value.id for (value,) in groups])
        return used

    def write(self, vals):
        self.check_access("write")  # who may not write learns only that
        used = self._ejournal_changing(vals, MEANING_FIELDS)._used_values()
        if used:
            raise UserError(
                self.env._(
                    "Marks already carry %(values)s: its code, numeric value, "
                    "average and passing flags and scale cannot change. Archive it "
                    "and create another value.",
                    values=", ".join(used.mapped("code")),
                )
            )
        # The journal's guard checks the rules after the write too: a school's
        # catalogue never becomes global.
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self._used_values()
        if used:
            raise UserError(
                self.env._(
                    "Marks already carry %(values)s: archive it instead of deleting.",
                    values=", ".join(used.mapped("code")),
                )
            )
