from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class EjournalLessonGenerateWizard(models.TransientModel):
    """REQ-30: the lessons of timetable slots, from today on, after a preview."""

    _name = "ejournal.lesson.generate.wizard"
    _description = "Generate Lessons from the Timetable"

    slot_ids = fields.Many2many("ejournal.timetable.slot", string="Timetable Slots")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    lesson_count = fields.Integer(
        string="Lessons to Create", compute="_compute_preview"
    )
    first_date = fields.Date(compute="_compute_preview")
    last_date = fields.Date(compute="_compute_preview")
    summary = fields.Char(compute="_compute_preview")

    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = self.env._("Generate Lessons")

    @api.depends("slot_ids", "date_from", "date_to")
    def _compute_preview(self):
        for wizard in self:
            vals_list = wizard._lesson_values()
            days = sorted({vals["date"] for vals in vals_list})
            wizard.lesson_count = len(vals_list)
            wizard.first_date = days[0] if days else False
            wizard.last_date = days[-1] if days else False
            wizard.summary = (
                self.env._(
                    "%(count)s lessons will be created, from %(start)s to %(end)s.",
                    count=len(vals_list),
                    start=format_date(self.env, days[0]),
                    end=format_date(self.env, days[-1]),
                )
                if days
                else self.env._(
                    "Every lesson of these slots already exists: nothing to create."
                )
            )

    def _start(self):
        """Never before the school's today: past lessons are not made here."""
        today = self.env.company._ejournal_today()
        return max(self.date_from or today, today)

    def _lesson_values(self):
        self.ensure_one()
        if not (self.slot_ids and self.date_to):
            return []
        return self.slot_ids._planned_lesson_values(self._start(), self.date_to)

    def action_generate(self):
        self.ensure_one()
        self.env["ejournal.lesson"]._check_timetable_keeper()
        vals_list = self._lesson_values()
        if not vals_list:
            raise UserError(
                self.env._(
                    "Every lesson of these slots already exists: nothing to create."
                )
            )
        return self.env["ejournal.lesson"].create(vals_list)._created_notification()
