from odoo import api, fields, models
from odoo.exceptions import ValidationError

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
        check_company=True,
    )
    kind = fields.Selection(PERIOD_KINDS, required=True, default="quarter")
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    company_id = fields.Many2one(
        related="year_id.company_id", store=True, index=True, string="School"
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
