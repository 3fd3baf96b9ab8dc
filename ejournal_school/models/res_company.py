from datetime import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

DEFAULT_SCHOOL_TZ = "Asia/Bishkek"
# Settings that change a window or the meaning of facts (audited by triggers).
AUDITED_SETTINGS = frozenset(
    {
        "ejournal_tz",
        "ejournal_week_days",
        "ejournal_control_work_days",
        "ejournal_period_mark_grace_days",
        "ejournal_grade_scale_id",
    }
)

# REQ-10/REQ-90: what the school administrator may change on the school card.
SCHOOL_SETTINGS = frozenset(
    {
        "ejournal_tz",
        "ejournal_week_days",
        "ejournal_control_work_days",
        "ejournal_period_mark_grace_days",
        "ejournal_grade_scale_id",
        "ejournal_correction_days",
        "ejournal_half_year_grade",
        "school_number",
        "school_named_after",
        "school_director_id",
        "name",
        "logo",
        "street",
        "street2",
        "city",
        "zip",
        "state_id",
        "country_id",
        "email",
        "phone",
    }
)


class ResCompany(models.Model):
    _inherit = "res.company"

    school_number = fields.Char()
    school_named_after = fields.Char(string="Named After")
    school_director_id = fields.Many2one("hr.employee", string="Director")
    # A school setting of its own, not the partner's tz: a contact form must not
    # move the school's "today".
    ejournal_tz = fields.Selection(
        _tz_get,
        string="School Time Zone",
        default=DEFAULT_SCHOOL_TZ,
        required=True,
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
        "the lesson (the school's checking norm).",
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
    # REQ-45: how long the deputy director has to decide on a correction.
    ejournal_correction_days = fields.Integer(
        string="Correction Decision Days",
        default=2,
        help="A correction request is due for the deputy director's decision "
        "this many school days after it is made.",
    )
    # REQ-71: which parallels work by half-years (the others by quarters).
    ejournal_half_year_grade = fields.Integer(
        string="Half-years from Grade",
        default=10,
        help="Classes of this grade and above are assessed by half-years, the "
        "others by quarters. 0: every class works by quarters.",
    )
    academic_year_ids = fields.One2many(
        "ejournal.academic.year", "company_id", string="School Years"
    )

    def write(self, vals):
        companies = self
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            self._check_school_settings_write(vals)
            # Checked: the school's contact data lives on its partner, which the
            # school administrator may not write as a contact.
            companies = self.sudo()
        if not AUDITED_SETTINGS & set(vals):
            return super(ResCompany, companies).write(vals)
        # REQ-90: the triggers log these columns; name who changed them.
        audit = self.env["ejournal.audit.log"]
        audit._audit_begin()
        result = super(ResCompany, companies).write(vals)
        if "ejournal_period_mark_grace_days" in vals:
            self._apply_grace_days_forward()
        audit._audit_end(self)
        return result

    def _apply_grace_days_forward(self):
        """REQ-46: new grace days apply to windows not open yet, never reopen one."""
        for school in self.sudo():
            not_ended = [
                ("company_id", "=", school.id),
                ("date_end", ">", school._ejournal_today()),
            ]
            grace = {"mark_grace_days": school.ejournal_period_mark_grace_days}
            for model in ("ejournal.period", "ejournal.academic.year"):
                self.env[model].sudo().search(not_ended).write(grace)

    def _check_school_settings_write(self, vals):
        """REQ-01/REQ-90: only the school administrator of these schools changes
        their settings, and only those; the rest is the technical administrator's."""
        user = self.env.user
        if not user.has_group("ejournal_school.group_ejournal_admin"):
            raise AccessError(
                self.env._("Only the school administrator changes school settings.")
            )
        foreign = self - user.company_ids
        if foreign:
            raise AccessError(
                self.env._(
                    "You are not the administrator of %(schools)s.",
                    schools=", ".join(foreign.sudo().mapped("name")),
                )
            )
        if "ejournal_tz" in vals:
            self._check_time_zone_changeable(vals["ejournal_tz"])
        refused = sorted(set(vals) - SCHOOL_SETTINGS)
        if refused:
            raise AccessError(
                self.env._(
                    "These school fields are changed by the technical administrator "
                    "only: %(fields)s.",
                    fields=", ".join(
                        self._fields[name].string
                        for name in refused
                        if name in self._fields
                    ),
                )
            )

    def _check_time_zone_changeable(self, time_zone):
        """REQ-44: the time zone decides the school's "today"; once the journal
        has entries, moving it would reopen or close days already held."""
        used = self.filtered(lambda school: school.ejournal_tz != time_zone)
        if used and self.env["ejournal.lesson"].sudo().search_count(
            [("company_id", "in", used.ids), ("mark_count", ">", 0)], limit=1
        ):
            raise UserError(
                self.env._(
                    "The journal of %(school)s already has entries: its time zone is "
                    "changed by the technical administrator only.",
                    school=used[0].name,
                )
            )

    @api.constrains("school_director_id", "ejournal_grade_scale_id")
    def _check_school_settings_company(self):
        for school in self:
            director = school.school_director_id
            scale = school.ejournal_grade_scale_id
            if (director and director.company_id != school) or (
                scale.company_id and scale.company_id != school
            ):
                raise ValidationError(
                    self.env._(
                        "The director and the grading scale of %(school)s must "
                        "belong to this school.",
                        school=school.name,
                    )
                )

    def _ejournal_tz(self):
        return pytz.timezone(self.sudo().ejournal_tz or DEFAULT_SCHOOL_TZ)

    def _ejournal_now(self):
        """The school's current local datetime (naive), from its time zone."""
        self.ensure_one()
        return (
            pytz.utc.localize(datetime.utcnow())
            .astimezone(self._ejournal_tz())
            .replace(tzinfo=None)
        )

    def _ejournal_local_date(self, utc_datetime):
        """The school's calendar date of a stored (UTC) datetime."""
        self.ensure_one()
        return pytz.utc.localize(utc_datetime).astimezone(self._ejournal_tz()).date()

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
