from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date


class EjournalAcademicYear(models.Model):
    _name = "ejournal.academic.year"
    _description = "School Year"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    period_ids = fields.One2many("ejournal.period", "year_id", string="Study Periods")
    holiday_ids = fields.One2many(
        "ejournal.holiday", "year_id", string="Vacations and Holidays"
    )
    class_ids = fields.One2many("ejournal.class", "year_id", string="Classes")
    class_count = fields.Integer(compute="_compute_class_count")
    mark_grace_days = fields.Integer(
        string="Annual Mark Grace Days",
        compute="_compute_mark_grace_days",
        store=True,
        help="Days after the year's end for annual marks: the school's setting as it "
        "stood before the year ended.",
    )

    _name_company_uniq = models.Constraint(
        "UNIQUE(name, company_id)",
        "A school year with this name already exists in this school.",
    )

    @api.depends("company_id")
    def _compute_mark_grace_days(self):
        for year in self:
            year.mark_grace_days = year.company_id.ejournal_period_mark_grace_days

    def write(self, vals):
        if "mark_grace_days" in vals and not self.env.su:
            raise UserError(
                self.env._("The grace days of a year follow the school's setting.")
            )
        if {"date_start", "date_end", "company_id"} & set(vals):
            for year in self:
                if year.date_start <= year.company_id._ejournal_today():
                    raise UserError(
                        self.env._(
                            "School year %(year)s began on %(date)s: its dates are "
                            "kept as they are.",
                            year=year.name,
                            date=format_date(self.env, year.date_start),
                        )
                    )
        return super().write(vals)

    def _compute_class_count(self):
        counts = dict(
            self.env["ejournal.class"]._read_group(
                [("year_id", "in", self.ids)], ["year_id"], ["__count"]
            )
        )
        for year in self:
            year.class_count = counts.get(year, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for year in self:
            if year.date_end <= year.date_start:
                raise ValidationError(
                    self.env._(
                        "School year %(year)s must end after it starts.", year=year.name
                    )
                )

    @api.constrains("date_start", "date_end", "state", "company_id")
    def _check_active_overlap(self):
        for year in self.filtered(lambda y: y.state == "active"):
            overlapping = self.search(
                [
                    ("id", "!=", year.id),
                    ("company_id", "=", year.company_id.id),
                    ("state", "=", "active"),
                    ("date_start", "<=", year.date_end),
                    ("date_end", ">=", year.date_start),
                ],
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "School years %(year)s and %(other)s overlap and cannot both "
                        "be active in one school.",
                        year=year.name,
                        other=overlapping.name,
                    )
                )

    def action_activate(self):
        self.write({"state": "active"})

    def action_close(self):
        self.write({"state": "closed"})

    def action_reset_to_draft(self):
        self.write({"state": "draft"})

    def action_view_classes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ejournal_school.ejournal_class_action"
        )
        action["domain"] = [("year_id", "=", self.id)]
        action["context"] = {"default_year_id": self.id}
        return action

    def _calendar(self, date_from, date_to, grade_level=None):
        """School days of the year in a range: ``{date: weekday of the timetable}``.

        Vacations, holidays and days off are skipped, days outside the school
        week too, unless a day transfer makes the date work (REQ-30, REQ-31).
        """
        self.ensure_one()
        transfers = {
            transfer.date: int(transfer.weekday)
            for transfer in self.env["ejournal.day.transfer"].search(
                [("year_id", "=", self.id)]
            )
        }
        holidays = self.holiday_ids.filtered(
            lambda h: not h.grade_level or h.grade_level == grade_level
        )
        week_days = int(self.company_id.ejournal_week_days or 5)
        days = {}
        day = max(date_from, self.date_start)
        last = min(date_to, self.date_end)
        while day <= last:
            if day in transfers:
                days[day] = transfers[day]
            elif day.weekday() < week_days and not any(
                h.date_start <= day <= h.date_end for h in holidays
            ):
                days[day] = day.weekday()
            day += timedelta(days=1)
        return days

    def _non_school_day_reason(self, date, grade_level=None):
        """Why ``date`` is not a school day, or False when it is one."""
        self.ensure_one()
        if self._calendar(date, date, grade_level):
            return False
        holiday = self.holiday_ids.filtered(
            lambda h: (
                h.date_start <= date <= h.date_end
                and (not h.grade_level or h.grade_level == grade_level)
            )
        )[:1]
        if holiday:
            return holiday.name
        if not self.date_start <= date <= self.date_end:
            return self.env._("outside school year %(year)s", year=self.name)
        return self.env._("not a school day of the week")

    def _working_days_between(self, date_from, date_to):
        """School days strictly after ``date_from`` and up to ``date_to``."""
        self.ensure_one()
        if not date_from or not date_to or date_to <= date_from:
            return 0
        return len(self._calendar(date_from + timedelta(days=1), date_to))
