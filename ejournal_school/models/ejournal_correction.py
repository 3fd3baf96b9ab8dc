from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ejournal_journal_entry import journal_is_unlocked, journal_unlocked

# What the requester says; everything else is the journal's own record.
REQUEST_FIELDS = {
    "target",
    "operation",
    "mark_id",
    "attendance_id",
    "period_mark_id",
    "lesson_id",
    "student_id",
    "new_value_id",
    "new_work_type_id",
    "new_status",
    "reason",
    "company_id",
}
DECISION_FIELDS = {"state", "approved_by_id", "approved_on"}

TARGETS = {
    "mark": "ejournal.mark",
    "attendance": "ejournal.attendance",
    "period_mark": "ejournal.period.mark",
    "lesson": "ejournal.lesson",
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
    _mail_post_access = "read"  # the requester comments a request frozen to them
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
            ("lesson", "Lesson (cancel it)"),
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
            student = (
                record.student_id
                if record and "student_id" in record
                else correction.student_id
            )
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
            "lesson": self.lesson_id,
        }[self.target]

    @api.model_create_multi
    def create(self, vals_list):
        requested_schools = []
        for vals in vals_list:
            requested_schools.append(
                self.env["res.company"].browse(vals.get("company_id"))
            )
            refused = set(vals) - REQUEST_FIELDS
            if refused and not self.env.su:
                raise UserError(
                    self.env._(
                        "A correction request states what to correct and why; "
                        "these fields are recorded by the journal: %(fields)s.",
                        fields=", ".join(
                            self._fields[name].string
                            for name in sorted(refused)
                            if name in self._fields
                        ),
                    )
                )
            # Who asked and when is a fact, not an input.
            vals.update(
                state="requested",
                requested_by_id=self.env.uid,
                requested_on=fields.Datetime.now(),
                old_value=False,
            )
        corrections = super().create(vals_list)
        for correction, school in zip(corrections, requested_schools, strict=True):
            correction._check_request(school)
            record = correction._target_record()
            # Part of the creation: the state of the entry as the request saw it
            # (the requester may not write a submitted request).
            super(EjournalCorrection, correction.sudo()).write(
                {
                    "old_value": record.display_name if record else False,
                    "company_id": correction._school().id,
                }
            )
        self.env["ejournal.audit.log"]._audit_end(corrections)
        return corrections

    def write(self, vals):
        self.check_access("write")  # who may not write learns only that
        # Frozen once submitted: only the deputy's decision is recorded later.
        allowed = DECISION_FIELDS if journal_is_unlocked() else set()
        if self.env.su:
            allowed = allowed | {"message_main_attachment_id"}
        if set(vals) - allowed:
            raise UserError(
                self.env._(
                    "A correction is kept as it was submitted; request a new one."
                )
            )
        self.env["ejournal.audit.log"]._audit_begin()
        result = super().write(vals)
        self.env["ejournal.audit.log"]._audit_end(self)
        return result

    def _school(self):
        """The school of the entry concerned: a correction never leaves it."""
        record = self._target_record()
        return record.company_id if record else self.lesson_id.company_id

    def _check_request(self, requested_school):
        """REQ-45: a request names an entry of its school that the requester sees."""
        self.ensure_one()
        record = self._target_record()
        if self.target == "lesson" and self.operation != "delete":
            raise ValidationError(self.env._("A lesson is corrected by cancelling it."))
        if self.operation == "add":
            if self.target == "period_mark":
                raise ValidationError(
                    self.env._("A missing period mark is entered in its window.")
                )
            if not (self.lesson_id and self.student_id):
                raise ValidationError(
                    self.env._("Choose the lesson and the pupil of the missing entry.")
                )
            if record:
                raise ValidationError(
                    self.env._("A missing entry is added, not an existing one.")
                )
            entries = [self.lesson_id, self.student_id]
        elif not record:
            raise ValidationError(self.env._("Choose the entry to correct."))
        else:
            entries = [record]
        schools = self.lesson_id.company_id | self.student_id.company_id
        if record:
            schools |= record.company_id
        if len(schools) != 1 or (requested_school and requested_school != schools):
            raise ValidationError(
                self.env._("A correction concerns entries of one school only.")
            )
        if not self.env.su:
            for entry in entries:
                entry.check_access("read")

    def message_post(self, **kwargs):
        # Nobody posts in somebody else's name on the record of a correction.
        if not self.env.su:
            kwargs["author_id"] = self.env.user.partner_id.id
        return super().message_post(**kwargs)

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
        if self._school() != self.company_id or (
            self.student_id and self.student_id.company_id != self.company_id
        ):
            raise UserError(
                self.env._("A correction concerns entries of one school only.")
            )
        if self.operation != "add" and record.display_name != self.old_value:
            raise UserError(
                self.env._(
                    "%(entry)s has changed since the request (it was %(old)s): "
                    "reject this request and ask for a new one.",
                    entry=record.display_name,
                    old=self.old_value,
                )
            )
        if self.target == "lesson":
            # REQ-45: a held lesson is cancelled with its entries, all logged.
            record.mark_ids.unlink()
            record.attendance_ids.unlink()
            record.write({"state": "cancelled"})
        elif self.operation == "delete" or (
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
