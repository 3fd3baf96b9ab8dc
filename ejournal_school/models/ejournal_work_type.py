from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# REQ-42/REQ-44: what a work type means; frozen once a mark or a lesson uses it.
MEANING_FIELDS = ("weight", "is_control_work", "company_id")


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

    def _used_work_types(self):
        used = self.browse()
        for model in ("ejournal.mark", "ejournal.lesson", "ejournal.correction"):
            fname = (
                "new_work_type_id" if model == "ejournal.correction" else "work_type_id"
            )
            groups = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                ._read_group([(fname, "in", self.ids)], [fname])
            )
            used |= self.browse([work_type.id for (work_type,) in groups])
        return used

    def write(self, vals):
        self.check_access("write")  # who may not write learns only that
        used = self._ejournal_changing(vals, MEANING_FIELDS)._used_work_types()
        if used:
            raise UserError(
                self.env._(
                    "Marks or lessons already use %(work_types)s: its weight, control "
                    "work flag and school cannot change. Archive it and create "
                    "another work type.",
                    work_types=", ".join(used.mapped("name")),
                )
            )
        # The journal's guard checks the rules after the write too: a school's
        # catalogue never becomes global.
        return super().write(vals)

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
