import contextlib
import contextvars

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

# Set only by Python code (an approved correction, the demo generator); no RPC
# call and no context key can reach it, so the lock holds for everybody else.
_JOURNAL_UNLOCKED = contextvars.ContextVar("ejournal_journal_unlocked", default=False)


@contextlib.contextmanager
def journal_unlocked():
    token = _JOURNAL_UNLOCKED.set(True)
    try:
        yield
    finally:
        _JOURNAL_UNLOCKED.reset(token)


def journal_is_unlocked():
    return _JOURNAL_UNLOCKED.get()


# Set by a model's own create/write around the values it adds itself (who set a
# reason and when), after it has checked the caller's values.
_SERVER_VALUES = contextvars.ContextVar("ejournal_server_values", default=False)


@contextlib.contextmanager
def server_values():
    token = _SERVER_VALUES.set(True)
    try:
        yield
    finally:
        _SERVER_VALUES.reset(token)


class EjournalLockedRecord(models.AbstractModel):
    """A journal fact that is written inside its entry window only.

    REQ-44/45: after the window nobody, the administrator included, may
    create, change or delete it; the only way is an approved correction.
    REQ-90: every change is written to the audit log in the same transaction.
    """

    _name = "ejournal.locked.record"
    _description = "Locked Journal Record"

    # What input may set, on creation and afterwards; every other field
    # (stored related and computed ones included) is the server's, whoever asks.
    _create_fields = ()
    _write_fields = ()

    def _lock_reason(self, values):
        """Why ``self`` (or the record ``values`` would create) is locked, or False."""
        raise NotImplementedError()

    def _check_unlocked(self, values=None):
        if journal_is_unlocked():
            return
        reason = self._lock_reason(values or {})
        if reason:
            raise UserError(reason)

    @api.model_create_multi
    def create(self, vals_list):
        # Access rights first: who may not write learns that, not why it is locked.
        self.check_access("create")
        for vals in vals_list:
            self._check_input_fields(vals, self._create_fields)
            self.browse()._check_unlocked(vals)
        records = super().create(vals_list)
        self.env["ejournal.audit.log"]._audit_end(records)
        return records

    def write(self, vals):
        self.check_access("write")
        self._check_input_fields(vals, self._write_fields)
        for record in self:
            record._check_unlocked(vals)
        self.env["ejournal.audit.log"]._audit_begin()
        result = super().write(vals)
        self.env["ejournal.audit.log"]._audit_end(self)
        return result

    def _check_input_fields(self, values, allowed):
        """REQ-44: a journal fact is changed, never moved: only its own value
        fields are taken from input."""
        refused = sorted(set(values) - set(allowed))
        if refused and not _SERVER_VALUES.get():
            raise UserError(
                self.env._(
                    "%(model)s: these fields are set by the journal itself and "
                    "cannot be written: %(fields)s.",
                    model=self._description,
                    fields=", ".join(
                        self._fields[name].string if name in self._fields else name
                        for name in refused
                    ),
                )
            )

    def unlink(self):
        self.check_access("unlink")
        for record in self:
            record._check_unlocked()
        self.env["ejournal.audit.log"]._audit_begin()
        result = super().unlink()
        self.env["ejournal.audit.log"]._audit_end(self.browse())
        return result


class EjournalJournalEntry(models.AbstractModel):
    """A mark or an attendance record: a fact about one pupil at one lesson."""

    _name = "ejournal.journal.entry"
    _description = "Journal Entry"
    _inherit = ["ejournal.locked.record"]
    _check_company_auto = True

    lesson_id = fields.Many2one(
        "ejournal.lesson",
        required=True,
        ondelete="restrict",
        index=True,
    )
    student_id = fields.Many2one(
        "ejournal.student",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    date = fields.Date(related="lesson_id.date", store=True, index=True)
    subject_id = fields.Many2one(
        related="lesson_id.subject_id", store=True, index=True, string="Subject"
    )
    class_id = fields.Many2one(
        related="lesson_id.class_id", store=True, index=True, string="Class"
    )
    period_id = fields.Many2one(
        related="lesson_id.period_id", store=True, index=True, string="Period"
    )
    company_id = fields.Many2one(
        related="lesson_id.company_id", store=True, index=True, string="School"
    )

    @api.constrains("lesson_id", "student_id")
    def _check_student_in_lesson(self):
        pupils = {}  # one class list per lesson, not per entry
        for entry in self:
            if entry.lesson_id not in pupils:
                pupils[entry.lesson_id] = entry.lesson_id._students()
            if entry.student_id not in pupils[entry.lesson_id]:
                raise ValidationError(
                    self.env._(
                        "%(student)s is not a pupil of %(group)s on %(date)s.",
                        student=entry.student_id.name,
                        group=entry.lesson_id.group_name,
                        date=format_date(self.env, entry.lesson_id.date),
                    )
                )

    def _lessons_concerned(self, values):
        lessons = self.lesson_id
        if values.get("lesson_id"):
            lessons |= self.env["ejournal.lesson"].browse(values["lesson_id"])
        return lessons

    def _lock_reason(self, values):
        for lesson in self._lessons_concerned(values):
            reason = lesson._entry_lock_reason()
            if reason:
                return reason
        return False
