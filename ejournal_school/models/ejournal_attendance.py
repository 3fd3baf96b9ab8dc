from odoo import api, fields, models
from odoo.exceptions import UserError

from .ejournal_display import display_join
from .ejournal_journal_entry import server_values
from .ejournal_reason_fields import (
    ReasonBoolean,
    ReasonDate,
    ReasonDatetime,
    ReasonMany2one,
    ReasonSelection,
)

# What the class teacher writes, and what the journal records with it.
REASON_INPUT_FIELDS = {"reason", "document_date"}
REASON_FIELDS = REASON_INPUT_FIELDS | {"reason_set_on", "reason_set_by_id"}
REASON_DEADLINE_WORKING_DAYS = 2


class EjournalAttendance(models.Model):
    """REQ-43: an absence or a lateness of a pupil at a lesson."""

    _name = "ejournal.attendance"
    _description = "Attendance"
    _inherit = ["ejournal.journal.entry"]
    _order = "date desc, lesson_id, student_id"
    _audit_fields = ("lesson_id", "student_id", "status", "reason", "document_date")
    _create_fields = ("lesson_id", "student_id", "status", "reason", "document_date")
    _write_fields = ("status", "reason", "document_date")

    status = fields.Selection(
        [("absent", "Absent"), ("late", "Late")], required=True, default="absent"
    )
    # REQ-92: personal data, read only by those who may (see ejournal_reason_fields).
    reason = ReasonSelection(
        [("illness", "Illness"), ("valid", "Valid reason"), ("unexcused", "Unexcused")],
        help="Set by the class teacher from the document brought by the family.",
    )
    document_date = ReasonDate(
        string="Document Brought On",
        help="When the family brought the note or certificate explaining the absence.",
    )
    reason_set_on = ReasonDatetime(readonly=True)
    reason_set_by_id = ReasonMany2one("res.users", readonly=True)
    reason_is_late = ReasonBoolean(
        string="Reason Set Late",
        compute="_compute_reason_is_late",
        store=True,
        help="The reason was set more than 2 working days after the document date.",
    )

    _lesson_student_uniq = models.Constraint(
        "UNIQUE(lesson_id, student_id)",
        "Attendance of this pupil at this lesson is already recorded.",
    )

    @api.depends("reason_set_on", "document_date")
    def _compute_reason_is_late(self):
        for attendance in self:
            set_on = attendance.reason_set_on
            attendance.reason_is_late = bool(
                set_on
                and attendance.document_date
                and attendance.lesson_id.year_id._working_days_between(
                    attendance.document_date,
                    attendance.company_id._ejournal_local_date(set_on),
                )
                > REASON_DEADLINE_WORKING_DAYS
            )

    @api.depends("student_id", "status", "date")
    def _compute_display_name(self):
        statuses = dict(self._fields["status"]._description_selection(self.env))
        for attendance in self:
            attendance.display_name = display_join(
                (
                    attendance.student_id.name,
                    statuses.get(attendance.status) if attendance.student_id else "",
                    attendance.date and attendance.date.strftime("%d.%m.%Y"),
                ),
                self.env._("New Absence or Lateness"),
            )

    def _lock_reason(self, values):
        # REQ-43: the class teacher fixes reasons after the lesson's day too.
        if self and values and set(values) <= REASON_FIELDS:
            return False
        return super()._lock_reason(values)

    def _check_may_set_reason(self):
        """REQ-43: reasons are set by the class teacher (or the deputy director)."""
        user = self.env.user
        if self.env.su or user.has_group("ejournal_school.group_ejournal_deputy"):
            return
        for attendance in self:
            if attendance.class_id.class_teacher_id.user_id != user:
                raise UserError(
                    self.env._(
                        "Only the class teacher of %(class_name)s sets absence "
                        "reasons.",
                        class_name=attendance.class_id.name,
                    )
                )

    def _check_document_date(self, document_date):
        if document_date and fields.Date.to_date(document_date) > self._school_today():
            raise UserError(
                self.env._("A document cannot be brought on a day still to come.")
            )

    def _school_today(self):
        return (self.company_id[:1] or self.env.company)._ejournal_today()

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        now = fields.Datetime.now()
        for vals in vals_list:
            self._check_input_fields(vals, self._create_fields)
            self._check_document_date(vals.get("document_date"))
            if vals.get("reason"):
                lesson = self.env["ejournal.lesson"].browse(vals.get("lesson_id"))
                vals.update(reason_set_on=now, reason_set_by_id=self.env.uid)
                vals.setdefault("document_date", lesson._today())
        with server_values():
            records = super().create(vals_list)
        records.filtered("reason")._check_may_set_reason()
        return records

    def write(self, vals):
        # Access rights first: who may not write learns that, not our rules.
        self.check_access("write")
        self._check_input_fields(vals, self._write_fields)
        if "status" in vals:
            self.lesson_id._check_conducts()
        if not REASON_INPUT_FIELDS & set(vals):
            return super().write(vals)
        self._check_may_set_reason()
        self._check_document_date(vals.get("document_date"))
        # Who set the reason and when is recorded, never taken from input.
        vals = dict(
            vals, reason_set_on=fields.Datetime.now(), reason_set_by_id=self.env.uid
        )
        undated = self.filtered(lambda a: not a.document_date)
        with server_values():
            if vals.get("reason") and "document_date" not in vals and undated:
                # One write per record, so each change is one audit row.
                for attendance in undated:
                    super(EjournalAttendance, attendance).write(
                        dict(vals, document_date=attendance._school_today())
                    )
                return super(EjournalAttendance, self - undated).write(vals)
            return super().write(vals)
