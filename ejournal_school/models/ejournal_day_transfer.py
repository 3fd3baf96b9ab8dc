from datetime import timedelta

from odoo import api, fields, models

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
