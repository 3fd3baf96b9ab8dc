from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EjournalHoliday(models.Model):
    _name = "ejournal.holiday"
    _description = "Vacation, Holiday or Day Off"
    _order = "date_start"
    _check_company_auto = True

    name = fields.Char(required=True)
    year_id = fields.Many2one(
        "ejournal.academic.year",
        string="School Year",
        required=True,
        ondelete="cascade",
        index=True,
    )
    kind = fields.Selection(
        [
            ("vacation", "Vacation"),
            ("holiday", "Public holiday"),
            ("day_off", "Day off"),
        ],
        required=True,
        default="holiday",
    )
    grade_level = fields.Integer(
        string="Only for Grade",
        help="Set for extra vacations of one parallel (e.g. grade 1); empty for all.",
    )
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    company_id = fields.Many2one(
        related="year_id.company_id", store=True, index=True, string="School"
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for holiday in self:
            if holiday.date_end < holiday.date_start:
                raise ValidationError(
                    self.env._(
                        "%(name)s must end on or after its first day.",
                        name=holiday.name,
                    )
                )
