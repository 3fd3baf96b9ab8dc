from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EjournalBell(models.Model):
    _name = "ejournal.bell"
    _description = "Bell Schedule"
    _order = "shift, lesson_number"

    lesson_number = fields.Integer(required=True, aggregator=False)
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
            if not bell.lesson_number:
                bell.display_name = self.env._("New Bell")
                continue
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

    @api.model_create_multi
    def create(self, vals_list):
        bells = super().create(vals_list)
        bells._recompute_lesson_ends()
        return bells

    def write(self, vals):
        if {"lesson_number", "shift", "time_end", "company_id"} & set(vals):
            self._recompute_lesson_ends()  # the lessons the bell rang for
            result = super().write(vals)
            self._recompute_lesson_ends()
            return result
        return super().write(vals)

    def unlink(self):
        schools = self.company_id
        result = super().unlink()
        self.env["ejournal.bell"]._recompute_lesson_ends(schools)
        return result

    def _recompute_lesson_ends(self, schools=None):
        """REQ-47: lessons from today on end when their bell now says."""
        schools = schools or self.company_id
        Lesson = self.env["ejournal.lesson"].sudo()
        for school in schools:
            lessons = Lesson.search(
                [
                    ("company_id", "=", school.id),
                    ("date", ">=", school._ejournal_today() - timedelta(days=1)),
                ]
            )
            self.env.add_to_compute(Lesson._fields["ends_at"], lessons)
