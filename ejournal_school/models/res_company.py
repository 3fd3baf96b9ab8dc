from datetime import datetime

import pytz

from odoo import fields, models

DEFAULT_SCHOOL_TZ = "Asia/Bishkek"


class ResCompany(models.Model):
    _inherit = "res.company"

    school_number = fields.Char()
    school_named_after = fields.Char(string="Named After")
    school_director_id = fields.Many2one("hr.employee", string="Director")
    school_tz = fields.Selection(
        related="partner_id.tz",
        readonly=False,
        string="School Time Zone",
        help="Entry windows and deadlines are computed in this time zone.",
    )
    ejournal_week_days = fields.Selection(
        [("5", "Five-day week"), ("6", "Six-day week")],
        string="School Week",
        default="5",
        required=True,
    )
    ejournal_control_work_days = fields.Integer(
        string="Control Work Checking Days",
        default=5,
        help="Marks for written control work may be entered this many days after "
        "the lesson (P4.2а).",
    )
    ejournal_period_mark_grace_days = fields.Integer(
        string="Period Mark Grace Days",
        default=3,
        help="Period marks may be entered from the last day of the period and "
        "this many days after it.",
    )
    ejournal_grade_scale_id = fields.Many2one(
        "ejournal.grade.scale", string="Grading Scale"
    )
    academic_year_ids = fields.One2many(
        "ejournal.academic.year", "company_id", string="School Years"
    )

    def _ejournal_now(self):
        """The school's current local datetime (naive), from its time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.sudo().partner_id.tz or DEFAULT_SCHOOL_TZ)
        return pytz.utc.localize(datetime.utcnow()).astimezone(tz).replace(tzinfo=None)

    def _ejournal_local_date(self, utc_datetime):
        """The school's calendar date of a stored (UTC) datetime."""
        self.ensure_one()
        tz = pytz.timezone(self.sudo().partner_id.tz or DEFAULT_SCHOOL_TZ)
        return pytz.utc.localize(utc_datetime).astimezone(tz).date()

    def _ejournal_today(self):
        """The school's today: never the client's context nor the server's zone."""
        return self._ejournal_now().date()

    def _ejournal_grade_scale(self):
        self.ensure_one()
        return self.ejournal_grade_scale_id or self.env.ref(
            "ejournal_school.ejournal_grade_scale_five", raise_if_not_found=False
        )

    def _ejournal_active_year(self):
        self.ensure_one()
        return self.env["ejournal.academic.year"].search(
            [("company_id", "=", self.id), ("state", "=", "active")],
            order="date_start desc",
            limit=1,
        )
