from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EjournalBell(models.Model):
    _name = "ejournal.bell"
    _description = "Bell Schedule"
    _order = "shift, lesson_number"

    lesson_number = fields.Integer(required=True)
    shift = fields.Selection(
        [("1", "First shift"), ("2", "Second shift")], default="1", required=True
    )
    time_start = fields.Float(string="Start", required=True)
    time_end = fields.Float(string="End", required=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _number_uniq = models.Constraint(
        "UNIQUE(company_id, shift, lesson_number)",
        "This lesson number already has a bell in this shift.",
    )

    @api.depends("lesson_number", "time_start", "time_end")
    def _compute_display_name(self):
        for bell in self:
            start = "{:02d}:{:02d}".format(*divmod(round(bell.time_start * 60), 60))
            end = "{:02d}:{:02d}".format(*divmod(round(bell.time_end * 60), 60))
            bell.display_name = f"{bell.lesson_number}. {start}–{end}"

    @api.constrains("time_start", "time_end")
    def _check_times(self):
        for bell in self:
            if not 0 <= bell.time_start < bell.time_end <= 24:
                raise ValidationError(
                    self.env._(
                        "Lesson %(number)s must end after it starts, within the day.",
                        number=bell.lesson_number,
                    )
                )
