from datetime import timedelta

from odoo import api, fields, models

from .ejournal_holiday import check_lessons_removable, regenerate_lessons
from .ejournal_timetable_slot import WEEKDAYS

TRANSFER_NOTICE_WORKING_DAYS = 3


class EjournalDayTransfer(models.Model):
    """REQ-31: a date that works with another weekday's timetable."""

    _name = "ejournal.day.transfer"
    _description = "School Day Transfer"
    _ejournal_server_set = ("entered_on",)  # the day it was entered, never input
    _order = "date desc"
    _check_company_auto = True

    date = fields.Date(required=True, help="The date on which school works.")
    weekday = fields.Selection(
        WEEKDAYS, string="Timetable of", required=True, help="Whose timetable is used."
    )
    reason = fields.Char()
    year_id = fields.Many2one(
        "ejournal.academic.year",
        string="School Year",
        required=True,
        ondelete="cascade",
        default=lambda self: self.env.company._ejournal_active_year(),
    )
    entered_on = fields.Date(
        required=True,
        readonly=True,
        default=lambda self: self.env.company._ejournal_today(),
    )
    is_late = fields.Boolean(
        string="Entered Late",
        compute="_compute_is_late",
        store=True,
        help="Entered less than 3 working days before the date (R7.4).",
    )
    company_id = fields.Many2one(
        related="year_id.company_id", store=True, index=True, string="School"
    )

    affected_lesson_ids = fields.Many2many(
        "ejournal.lesson",
        compute="_compute_affected_lesson_ids",
        string="Lessons Replaced",
        help="The lessons planned on this date: saving replaces them with the "
        "lessons of the other weekday's timetable.",
    )
    affected_lesson_count = fields.Integer(compute="_compute_affected_lesson_ids")

    _date_uniq = models.Constraint(
        "UNIQUE(year_id, date)", "This date is already transferred."
    )

    @api.depends("date", "entered_on")
    def _compute_is_late(self):
        for transfer in self:
            transfer.is_late = (
                transfer.year_id._working_days_between(
                    transfer.entered_on, transfer.date - timedelta(days=1)
                )
                < TRANSFER_NOTICE_WORKING_DAYS
            )

    @api.depends("date", "weekday")
    def _compute_display_name(self):
        weekdays = dict(self._fields["weekday"]._description_selection(self.env))
        for transfer in self:
            if not transfer.date:
                transfer.display_name = self.env._("New Day Transfer")
                continue
            transfer.display_name = " → ".join(
                part
                for part in (
                    transfer.date.strftime("%d.%m.%Y"),
                    weekdays.get(transfer.weekday),
                )
                if part
            )

    @api.depends("date", "year_id")
    def _compute_affected_lesson_ids(self):
        for transfer in self:
            lessons = transfer._lessons_on(transfer.year_id, transfer.date)
            transfer.affected_lesson_ids = lessons
            transfer.affected_lesson_count = len(lessons)

    def _lessons_on(self, year, day):
        if not (year and day):
            return self.env["ejournal.lesson"]
        return self.env["ejournal.lesson"].search(
            [
                ("year_id", "=", year.id),
                ("date", "=", day),
                ("state", "!=", "cancelled"),
            ],
            order="class_id, lesson_number",
        )

    def _replan(self, days):
        """REQ-31: the lessons of each (year, date) follow the calendar again:
        those planned are removed (refused, listed, if any is past or has
        entries) and the timetable's lessons of the day made anew."""
        for year, day in days:
            if not (year and day):
                continue
            lessons = self._lessons_on(year, day)
            check_lessons_removable(lessons)
            lessons.unlink()
            regenerate_lessons(year, day, day)

    @api.model_create_multi
    def create(self, vals_list):
        transfers = super().create(vals_list)
        transfers._replan([(t.year_id, t.date) for t in transfers])
        return transfers

    def write(self, vals):
        if not {"date", "weekday", "year_id"} & set(vals):
            return super().write(vals)
        days = [(t.year_id, t.date) for t in self]
        result = super().write(vals)
        self._replan(list(dict.fromkeys(days + [(t.year_id, t.date) for t in self])))
        return result

    def unlink(self):
        days = [(t.year_id, t.date) for t in self]
        result = super().unlink()
        self.env["ejournal.day.transfer"]._replan(days)
        return result
