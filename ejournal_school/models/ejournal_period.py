from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

PERIOD_KINDS = [
    ("quarter", "Quarter"),
    ("half_year", "Half-year"),
    ("trimester", "Trimester"),
]


class EjournalPeriod(models.Model):
    _name = "ejournal.period"
    _description = "Study Period"
    _order = "year_id, kind, date_start"
    _check_company_auto = True

    name = fields.Char(required=True)
    year_id = fields.Many2one(
        "ejournal.academic.year",
        string="School Year",
        required=True,
        ondelete="cascade",
        index=True,
    )
    kind = fields.Selection(PERIOD_KINDS, required=True, default="quarter")
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    company_id = fields.Many2one(
        related="year_id.company_id", store=True, index=True, string="School"
    )
    mark_grace_days = fields.Integer(
        string="Period Mark Grace Days",
        compute="_compute_mark_grace_days",
        store=True,
        help="Days after the period's end for its marks: the school's setting as it "
        "stood before the period ended.",
    )

    @api.depends("company_id")
    def _compute_mark_grace_days(self):
        for period in self:
            period.mark_grace_days = period.company_id.ejournal_period_mark_grace_days

    def write(self, vals):
        if "mark_grace_days" in vals and not self.env.su:
            raise UserError(
                self.env._("The grace days of a period follow the school's setting.")
            )
        if {"date_start", "date_end", "kind", "year_id"} & set(vals):
            self._check_not_begun()
        return super().write(vals)

    def _check_not_begun(self):
        """REQ-44: the dates of a period decide where its marks belong."""
        for period in self:
            if period.date_start <= period.company_id._ejournal_today():
                raise UserError(
                    self.env._(
                        "Study period %(period)s began on %(date)s: its dates and kind "
                        "are kept as they are.",
                        period=period.name,
                        date=format_date(self.env, period.date_start),
                    )
                )

    @api.constrains("date_start", "date_end", "year_id")
    def _check_dates(self):
        for period in self:
            if period.date_end < period.date_start:
                raise ValidationError(
                    self.env._(
                        "Study period %(period)s must end after it starts.",
                        period=period.name,
                    )
                )
            year = period.year_id
            if period.date_start < year.date_start or period.date_end > year.date_end:
                raise ValidationError(
                    self.env._(
                        "Study period %(period)s must lie within school year "
                        "%(year)s (%(start)s – %(end)s).",
                        period=period.name,
                        year=year.name,
                        start=year.date_start,
                        end=year.date_end,
                    )
                )

    @api.constrains("date_start", "date_end", "year_id", "kind")
    def _check_overlap(self):
        for period in self:
            overlapping = self.search(
                [
                    ("id", "!=", period.id),
                    ("year_id", "=", period.year_id.id),
                    ("kind", "=", period.kind),
                    ("date_start", "<=", period.date_end),
                    ("date_end", ">=", period.date_start),
                ],
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "Study periods %(period)s and %(other)s overlap.",
                        period=period.name,
                        other=overlapping.name,
                    )
                )

    @api.model
    def _find_for_date(self, company, date, kind="quarter"):
        return self.search(
            [
                ("company_id", "=", company.id),
                ("kind", "=", kind),
                ("date_start", "<=", date),
                ("date_end", ">=", date),
            ],
            limit=1,
        )

    def _generate_lessons(self):
        """REQ-30: the lessons of the period for every school day, from the timetable.

        Idempotent: an existing lesson is never changed nor deleted, so marks,
        topics and substitutions survive a new run.
        """
        Lesson = self.env["ejournal.lesson"]
        created = Lesson
        for period in self:
            slots = self.env["ejournal.timetable.slot"].search(
                [
                    ("class_id.year_id", "=", period.year_id.id),
                    ("date_from", "<=", period.date_end),
                    ("date_to", ">=", period.date_start),
                ]
            )
            created |= Lesson.create(
                slots._planned_lesson_values(period.date_start, period.date_end)
            )
        return created

    def action_generate_lessons(self):
        return self._generate_lessons()._created_notification()
