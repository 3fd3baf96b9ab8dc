from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ejournal_journal_entry import journal_is_unlocked, journal_unlocked

TARGETS = {
    "mark": "ejournal.mark",
    "attendance": "ejournal.attendance",
    "period_mark": "ejournal.period.mark",
}


class EjournalCorrection(models.Model):
    """REQ-45: the only way to change a locked mark, attendance or period mark.

    Requested with a written reason, approved by the deputy director (never by
    the requester), keeping old value, new value, who and when forever.
    """

    _name = "ejournal.correction"
    _description = "Journal Correction"
    _inherit = ["mail.thread"]
    _order = "requested_on desc, id desc"
    _check_company_auto = True
    _audit_fields = (
        "state",
        "target",
        "operation",
        "mark_id",
        "attendance_id",
        "period_mark_id",
        "old_value",
        "new_value",
        "reason",
        "requested_by_id",
        "approved_by_id",
    )

    name = fields.Char(compute="_compute_name", store=True)
    target = fields.Selection(
        [
            ("mark", "Mark"),
            ("attendance", "Attendance"),
            ("period_mark", "Period mark"),
        ],
        required=True,
        default="mark",
    )
    operation = fields.Selection(
        [("add", "Add a missing entry"), ("change", "Change"), ("delete", "Delete")],
        required=True,
        default="change",
    )
    mark_id = fields.Many2one("ejournal.mark", ondelete="set null")
    attendance_id = fields.Many2one("ejournal.attendance", ondelete="set null")
    period_mark_id = fields.Many2one("ejournal.period.mark", ondelete="set null")
    lesson_id = fields.Many2one(
        "ejournal.lesson", help="For a missing mark or attendance."
    )
    student_id = fields.Many2one("ejournal.student")
    new_value_id = fields.Many2one("ejournal.grade.scale.value", string="New Mark")
    new_work_type_id = fields.Many2one("ejournal.work.type")
    new_status = fields.Selection(
        [("absent", "Absent"), ("late", "Late"), ("present", "Present")],
        string="New Attendance",
    )
    old_value = fields.Text(readonly=True)
    new_value = fields.Text(compute="_compute_new_value", store=True)
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="requested",
        required=True,
        tracking=True,
        readonly=True,
    )
    requested_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    requested_on = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now
    )
    approved_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    approved_on = fields.Datetime(string="Decided On", readonly=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.depends("target", "operation", "student_id", "mark_id", "attendance_id")
    def _compute_name(self):
        for correction in self:
            record = correction._target_record()
            student = record.student_id if record else correction.student_id
            targets = dict(self._fields["target"]._description_selection(self.env))
            correction.name = f"{student.name or ''} · {targets.get(correction.target)}"

    @api.depends("operation", "new_value_id", "new_work_type_id", "new_status")
    def _compute_new_value(self):
        for correction in self:
            if correction.operation == "delete":
                correction.new_value = self.env._("(deleted)")
            elif correction.target == "attendance":
                correction.new_value = correction.new_status or False
            else:
                parts = [correction.new_value_id.code, correction.new_work_type_id.name]
                correction.new_value = " ".join(p for p in parts if p) or False

    @api.constrains("reason")
    def _check_reason(self):
        for correction in self:
            if not (correction.reason or "").strip():
                raise ValidationError(
                    self.env._("A correction needs a written reason (P4.2а).")
                )

    def _target_record(self):
        self.ensure_one()
        return {
            "mark": self.mark_id,
            "attendance": self.attendance_id,
            "period_mark": self.period_mark_id,
        }[self.target]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Who asked and when is a fact, not an input.
            vals.update(
                state="requested",
                requested_by_id=self.env.uid,
                requested_on=fields.Datetime.now(),
            )
        corrections = super().create(vals_list)
        for correction in corrections:
            record = correction._target_record()
            if correction.operation != "add" and not record:
                raise ValidationError(self.env._("Choose the entry to correct."))
            if record:
                # Part of the creation: logged with it below, not as a change.
                super(EjournalCorrection, correction).write(
                    {"old_value": record.display_name}
                )
        self.env["ejournal.audit.log"]._audit_end(corrections)
        return corrections

    def write(self, vals):
        if not journal_is_unlocked() and (
            {"state", "approved_by_id", "approved_on", "requested_by_id"} & set(vals)
            or self.filtered(lambda c: c.state != "requested")
        ):
            raise UserError(
                self.env._("A decided correction is kept as it is; request a new one.")
            )
        self.env["ejournal.audit.log"]._audit_begin()
        result = super().write(vals)
        self.env["ejournal.audit.log"]._audit_end(self)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Corrections are kept forever (REQ-45)."))

    def _check_decidable(self):
        if not self.env.user.has_group("ejournal_school.group_ejournal_deputy"):
            raise UserError(
                self.env._("Only the deputy director decides on corrections.")
            )
        for correction in self:
            if correction.state != "requested":
                raise UserError(self.env._("This correction is already decided."))
            if correction.requested_by_id == self.env.user:
                raise UserError(
                    self.env._(
                        "A correction cannot be approved by the person who "
                        "requested it."
                    )
                )

    def _decide(self, state):
        with journal_unlocked():
            self.write(
                {
                    "state": state,
                    "approved_by_id": self.env.uid,
                    "approved_on": fields.Datetime.now(),
                }
            )

    def action_approve(self):
        self._check_decidable()
        for correction in self:
            with journal_unlocked():
                correction._apply()
        self._decide("approved")

    def action_reject(self):
        self._check_decidable()
        self._decide("rejected")

    def _apply(self):
        self.ensure_one()
        # The deputy's decision (checked by _check_decidable) is the right to
        # change the entry: no lesson rule lets them write it. sudo() keeps the
        # uid, so the audit log still names the deputy.
        record = self._target_record().sudo()
        if self.operation == "delete" or (
            self.target == "attendance" and self.new_status == "present"
        ):
            record.unlink()
        elif self.operation == "change":
            record.write(self._new_entry_values())
        else:
            self.env[TARGETS[self.target]].sudo().create(
                dict(
                    self._new_entry_values(),
                    lesson_id=self.lesson_id.id,
                    student_id=self.student_id.id,
                )
            )

    def _new_entry_values(self):
        if self.target == "attendance":
            return {"status": self.new_status}
        values = {"value_id": self.new_value_id.id}
        if self.target == "mark" and self.new_work_type_id:
            values["work_type_id"] = self.new_work_type_id.id
        return values
