from datetime import timedelta

from markupsafe import Markup

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
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
    old_value = fields.Text(string="Old Value as Stored", readonly=True)
    new_value = fields.Text(
        string="New Value as Stored", compute="_compute_new_value", store=True
    )
    # The entry as the request saw it, kept by the journal (never an input), so
    # that every reader reads the old value in their own language.
    old_value_id = fields.Many2one(
        "ejournal.grade.scale.value", string="Old Mark", readonly=True
    )
    old_work_type_id = fields.Many2one("ejournal.work.type", readonly=True)
    old_status = fields.Selection(
        [("absent", "Absent"), ("late", "Late"), ("present", "Present")],
        string="Old Attendance",
        readonly=True,
    )
    old_value_display = fields.Char(
        string="Old Value", compute="_compute_value_display"
    )
    new_value_display = fields.Char(
        string="New Value", compute="_compute_value_display"
    )
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

    # The deputy director's form: the whole context of the request.
    context_date = fields.Date(string="Lesson Date", compute="_compute_context")
    context_subject_id = fields.Many2one(
        "ejournal.subject", string="Subject", compute="_compute_context"
    )
    context_student_id = fields.Many2one(
        "ejournal.student", string="Pupil", compute="_compute_context"
    )
    context_current_value = fields.Char(
        string="Current Entry", compute="_compute_context"
    )
    change_display = fields.Char(string="Change", compute="_compute_context")

    def _school_lang(self):
        """The language the journal stores the request's words in: the school's
        (its partner's), else the requester's, else English (REQ-45)."""
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        for lang in (
            self.sudo().company_id.partner_id.lang,
            self.sudo().requested_by_id.lang or self.env.user.lang,
        ):
            if lang in installed:
                return lang
        return "en_US"

    @api.depends("target", "operation", "student_id", "mark_id", "attendance_id")
    def _compute_name(self):
        for correction in self:
            env = correction.with_context(lang=correction._school_lang()).env
            record = correction._target_record()
            student = (
                record.student_id
                if record and "student_id" in record
                else correction.student_id
            )
            targets = dict(self._fields["target"]._description_selection(env))
            correction.name = f"{student.name or ''} · {targets.get(correction.target)}"

    @api.depends("operation", "new_value_id", "new_work_type_id", "new_status")
    def _compute_new_value(self):
        for correction in self:
            lang = correction._school_lang()
            correction.new_value = correction.with_context(lang=lang)._new_value_text()

    @api.depends_context("lang")
    def _compute_display_name(self):
        targets = dict(self._fields["target"]._description_selection(self.env))
        for correction in self:
            student = correction.context_student_id or correction.student_id
            correction.display_name = (
                f"{student.name or ''} · {targets.get(correction.target)}"
            )

    @api.depends(
        "old_value", "old_value_id", "old_work_type_id", "old_status", "new_value"
    )
    @api.depends_context("lang")
    def _compute_value_display(self):
        """REQ-45: old and new value in the reader's language."""
        statuses = dict(self._fields["old_status"]._description_selection(self.env))
        for correction in self:
            if correction.target == "attendance" and correction.old_status:
                old = statuses.get(correction.old_status)
            elif correction.target == "mark" and correction.old_value_id:
                value = correction.old_value_id.code
                old = f"{value} ({correction.old_work_type_id.name})"
            elif correction.target == "period_mark" and correction.old_value_id:
                old = correction.old_value_id.display_name
            else:
                old = correction.old_value
            correction.old_value_display = old or False
            correction.new_value_display = correction._new_value_text()

    def _new_value_text(self):
        """The new value as words of the current language."""
        self.ensure_one()
        if self.operation == "delete":
            return self.env._("(deleted)")
        if self.target == "attendance":
            statuses = dict(self._fields["new_status"]._description_selection(self.env))
            return statuses.get(self.new_status) or False
        work_type = self.new_work_type_id.with_env(self.env)
        parts = [self.new_value_id.code, work_type.name]
        return " ".join(p for p in parts if p) or False

    @api.depends(
        "target",
        "mark_id",
        "attendance_id",
        "period_mark_id",
        "lesson_id",
        "old_value",
        "new_value",
    )
    @api.depends_context("lang")
    def _compute_context(self):
        for correction in self:
            record = correction._target_record()
            lesson = (
                record
                if correction.target == "lesson"
                else (record.lesson_id if record and "lesson_id" in record else None)
            ) or correction.lesson_id
            correction.context_date = lesson.date if lesson else False
            correction.context_subject_id = (
                record.subject_id
                if record and "subject_id" in record
                else lesson.subject_id
            )
            correction.context_student_id = (
                record.student_id
                if record and "student_id" in record
                else correction.student_id
            )
            correction.context_current_value = (
                record.display_name if record else self.env._("(no entry)")
            )
            correction.change_display = "{} → {}".format(
                correction.old_value_display or self.env._("(no entry)"),
                correction.new_value_display or "",
            )

    @api.constrains("reason")
    def _check_reason(self):
        for correction in self:
            if not (correction.reason or "").strip():
                raise ValidationError(
                    self.env._("A correction needs a written reason.")
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
            # Part of the creation: the state of the entry as the request saw it
            # (the requester may not write a submitted request).
            super(EjournalCorrection, correction.sudo()).write(
                {"company_id": correction._school().id}
            )
            super(EjournalCorrection, correction.sudo()).write(
                dict(
                    correction._old_value_snapshot(),
                    old_value=correction._old_value_text(),
                )
            )
        self.env["ejournal.audit.log"]._audit_end(corrections)
        corrections._notify_deputies()
        return corrections

    def _old_value_snapshot(self):
        """The concerned entry's value, status and work type (the journal's own
        record of what the request saw)."""
        self.ensure_one()
        record = self._target_record()
        if not record or self.target == "lesson":
            return {}
        if self.target == "attendance":
            return {"old_status": record.status}
        values = {"old_value_id": record.value_id.id}
        if self.target == "mark":
            values["old_work_type_id"] = record.work_type_id.id
        return values

    def _old_value_text(self):
        """The entry concerned as it is now, in the school's language."""
        self.ensure_one()
        record = self._target_record()
        if not record:
            return False
        record = record.with_context(lang=self._school_lang())
        # The entries' names do not declare the language they depend on.
        record.invalidate_recordset(["display_name"])
        return record.display_name

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
        raise UserError(self.env._("Corrections are kept forever."))

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
        self._notify_decision()

    def action_reject(self):
        self._check_decidable()
        self._decide("rejected")
        self._notify_decision()

    # ------------------------------------------------------------ notifications

    def _deciders(self):
        """REQ-45: who decides on this request: the deputy directors of its
        school (the school administrators when it has none), never the
        requester, who may not decide on their own request."""
        self.ensure_one()
        Users = self.env["res.users"].sudo()
        deputy = self.env.ref("ejournal_school.group_ejournal_deputy")
        admin = self.env.ref("ejournal_school.group_ejournal_admin")
        users = (
            Users.search(
                [
                    ("share", "=", False),
                    ("company_ids", "in", self.company_id.id),
                    ("all_group_ids", "in", deputy.id),
                ],
                order="id",
            )
            - self.requested_by_id
        )
        return users.filtered(lambda u: admin not in u.all_group_ids) or users

    def _decision_deadline(self):
        """The day the decision is due: the school's correction days counted
        in school days of its calendar (weekdays when it has no active year)."""
        self.ensure_one()
        school = self.company_id.sudo()
        today = school._ejournal_today()
        days = max(school.ejournal_correction_days, 0)
        if not days:
            return today
        year = school._ejournal_active_year()
        school_days = (
            sorted(year._calendar(today + timedelta(days=1), year.date_end))
            if year
            else []
        )
        if len(school_days) >= days:
            return school_days[days - 1]
        week_days = int(school.ejournal_week_days or 5)
        day = today
        while days:
            day += timedelta(days=1)
            if day.weekday() < week_days:
                days -= 1
        return day

    def _notify_deputies(self):
        """REQ-45: a To-Do for each deputy director of the school.

        The requester may not create activities for other users: the activity
        records only are created as superuser, from values the journal
        computes here (the model, this request, its deciders, the deadline),
        never from the request's input.
        """
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model = self.env["ir.model"]._get_id(self._name)
        values = []
        for correction in self:
            deadline = correction._decision_deadline()
            for user in correction._deciders():
                summary = correction.with_context(lang=user.lang)
                values.append(
                    {
                        "res_model_id": model,
                        "res_id": correction.id,
                        "activity_type_id": todo.id if todo else False,
                        "user_id": user.id,
                        "date_deadline": deadline,
                        "summary": summary.env._("Decide on a journal correction"),
                    }
                )
        if values:
            self.env["mail.activity"].sudo().create(values)

    def _notify_decision(self):
        """REQ-45: the requester learns the decision (a message on the request,
        sent to them) and the deciders' To-Do is done."""
        for correction in self:
            requester = correction.requested_by_id.sudo()
            lang = requester.lang or correction._school_lang()
            lang_env = correction.with_context(lang=lang).env
            if correction.state == "approved":
                text = lang_env._(
                    "Your correction request was approved and applied to the "
                    "journal: %(change)s.",
                    change=correction.with_env(lang_env).change_display,
                )
            else:
                text = lang_env._(
                    "Your correction request was rejected: %(change)s. The "
                    "journal is unchanged.",
                    change=correction.with_env(lang_env).change_display,
                )
            correction.message_post(
                body=Markup("<p>%s</p>") % text,
                partner_ids=requester.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            # The decider may not write others' activities: the To-Do of this
            # request only, closed as superuser (the feedback names no input).
            correction.sudo().activity_ids._action_done()

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
        if self.operation != "add" and self._old_value_text() != self.old_value:
            raise UserError(
                self.env._(
                    "%(entry)s has changed since the request (it was %(old)s): "
                    "reject this request and ask for a new one.",
                    entry=record.with_env(self.env).display_name,
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
