from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

NOTICE_DAYS = {"school": 14, "class": 7}


class EjournalEvent(models.Model):
    """REQ-32: a school or class event; late entries are flagged, not refused."""

    _name = "ejournal.event"
    _description = "School Event"
    _ejournal_server_set = ("entered_on",)  # the day it was entered, never input
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    description = fields.Text()
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    class_id = fields.Many2one(
        "ejournal.class",
        index=True,
        check_company=True,
        help="Empty for an event of the whole school.",
    )
    scope = fields.Selection(
        [("school", "School event"), ("class", "Class event")],
        compute="_compute_scope",
        store=True,
    )
    responsible_id = fields.Many2one("hr.employee", check_company=True)
    entered_on = fields.Date(
        required=True,
        readonly=True,
        default=lambda self: self.env.company._ejournal_today(),
    )
    is_late = fields.Boolean(
        string="Entered Late",
        compute="_compute_is_late",
        store=True,
        help="School events are entered at least 2 weeks before, class events "
        "at least 1 week before (R7.3, R7.4).",
    )
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.depends("class_id")
    def _compute_scope(self):
        for event in self:
            event.scope = "class" if event.class_id else "school"

    @api.depends("scope", "date_start", "entered_on")
    def _compute_is_late(self):
        for event in self:
            notice = timedelta(days=NOTICE_DAYS[event.scope or "school"])
            event.is_late = event.date_start - event.entered_on < notice

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for event in self:
            if event.date_end < event.date_start:
                raise ValidationError(
                    self.env._(
                        "%(event)s must end on or after its first day.",
                        event=event.name,
                    )
                )
