from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_date

from .ejournal_journal_entry import journal_is_unlocked

PAGE_FIELDS = (
    "plan_line_id",
    "topic",
    "material",
    "work_done",
    "work_type_id",
    "attendance_taken",
    "attachment_ids",
)
# What makes a lesson the lesson it is: frozen once its day has begun or it has facts.
IDENTITY_FIELDS = (
    "date",
    "lesson_number",
    "class_id",
    "subgroup_id",
    "subject_id",
    "teacher_id",
    "slot_id",
)


class EjournalLesson(models.Model):
    _name = "ejournal.lesson"
    _description = "Lesson"
    _order = "date desc, lesson_number, class_id"
    _check_company_auto = True

    date = fields.Date(required=True, index=True)
    lesson_number = fields.Integer(required=True, aggregator=False)
    class_id = fields.Many2one(
        "ejournal.class",
        required=True,
        ondelete="restrict",
        index=True,
    )
    subgroup_id = fields.Many2one("ejournal.subgroup", check_company=True, index=True)
    group_name = fields.Char(compute="_compute_group_name", string="Group")
    subject_id = fields.Many2one(
        "ejournal.subject",
        required=True,
        index=True,
        check_company=True,
    )
    teacher_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True
    )
    substitute_teacher_id = fields.Many2one(
        "hr.employee",
        index=True,
        check_company=True,
        help="Conducts the lesson and fills its journal.",
    )
    teacher_user_id = fields.Many2one(
        related="teacher_id.user_id", store=True, index=True, string="Teacher User"
    )
    substitute_user_id = fields.Many2one(
        related="substitute_teacher_id.user_id",
        store=True,
        index=True,
        string="Substitute User",
    )
    teacher_name = fields.Char(
        compute="_compute_teacher_name",
        compute_sudo=True,
        string="Conducted by",
        help="Name of whoever conducts the lesson; readable by the diary.",
    )
    slot_id = fields.Many2one(
        "ejournal.timetable.slot",
        string="Timetable Slot",
        ondelete="set null",
        index=True,
    )
    room = fields.Char()
    year_id = fields.Many2one(
        related="class_id.year_id", store=True, index=True, string="School Year"
    )
    period_id = fields.Many2one(
        "ejournal.period",
        compute="_compute_period_id",
        store=True,
        index=True,
    )
    state = fields.Selection(
        [("planned", "Planned"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
    )
    ends_at = fields.Datetime(
        compute="_compute_ends_at",
        store=True,
        index=True,
        help="When the lesson is over: its bell's end in the school's time zone, "
        "or the end of its day without a bell.",
    )
    lesson_state = fields.Selection(
        [("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")],
        string="Status",
        compute="_compute_lesson_state",
        search="_search_lesson_state",
        help="Held once the lesson's time is over or its journal is filled.",
    )
    page_editable = fields.Boolean(
        compute="_compute_page_editable",
        help="Whether you may write the lesson page (topic, homework) now.",
    )
    entries_editable = fields.Boolean(
        compute="_compute_page_editable",
        help="Whether you may enter marks and attendance of the lesson now.",
    )
    grade_scale_id = fields.Many2one(
        "ejournal.grade.scale",
        string="Grading Scale",
        compute="_compute_grade_scale_id",
        store=True,
    )
    plan_line_id = fields.Many2one(
        "ejournal.thematic.plan.line",
        string="Planned Topic",
        index=True,
        domain="[('plan_id.class_id', '=', class_id),"
        " ('plan_id.subject_id', '=', subject_id)]",
    )
    topic = fields.Char(compute="_compute_topic", store=True, readonly=False)
    material = fields.Text(string="Material Studied")
    work_done = fields.Text()
    work_type_id = fields.Many2one(
        "ejournal.work.type",
        default=lambda self: self.env.ref(
            "ejournal_school.ejournal_work_type_answer", raise_if_not_found=False
        ),
        help="Type of the work done; the default work type of the lesson's marks.",
    )
    homework_ids = fields.One2many("ejournal.homework", "lesson_id")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    mark_ids = fields.One2many("ejournal.mark", "lesson_id", string="Marks")
    attendance_ids = fields.One2many(
        "ejournal.attendance", "lesson_id", string="Absences and Lateness"
    )
    has_topic = fields.Boolean(compute="_compute_completeness", store=True)
    has_homework = fields.Boolean(compute="_compute_completeness", store=True)
    mark_count = fields.Integer(compute="_compute_completeness", store=True)
    attendance_taken = fields.Boolean(
        help="The teacher has checked who is present (absences may be none)."
    )
    entry_lock_reason = fields.Char(
        compute="_compute_entry_lock_reason", string="Why Locked"
    )
    control_work_deadline = fields.Date(
        string="Control Work Marks Until",
        compute="_compute_control_work_deadline",
        store=True,
        help="The lesson was a written control work: its marks may be entered until "
        "this day, by the checking norm in force when it was recorded.",
    )
    company_id = fields.Many2one(
        related="class_id.company_id", store=True, index=True, string="School"
    )

    _slot_date_uniq = models.UniqueIndex(
        "(class_id, COALESCE(subgroup_id, 0), date, lesson_number, subject_id)",
        "This lesson already exists.",
    )

    @api.depends("class_id", "subgroup_id", "subject_id", "date", "lesson_number")
    def _compute_display_name(self):
        for lesson in self:
            parts = [
                lesson.group_name,
                lesson.subject_id.name,
                lesson.date and lesson.date.strftime("%d.%m.%Y"),
            ]
            name = " · ".join(part for part in parts if part)
            if name and lesson.lesson_number:
                name = f"{name} ({lesson.lesson_number})"
            lesson.display_name = name or self.env._("New Lesson")

    @api.depends("date", "lesson_number", "class_id.shift", "company_id")
    def _compute_ends_at(self):
        """REQ-47: a lesson is due once its bell has rung at its end."""
        bells = {
            (bell.company_id.id, bell.shift, bell.lesson_number): bell.time_end
            for bell in self.env["ejournal.bell"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids)])
        }
        for lesson in self:
            if not lesson.date:
                lesson.ends_at = False
                continue
            school = lesson.company_id or self.env.company
            end = bells.get(
                (school.id, lesson.class_id.shift or "1", lesson.lesson_number)
            )
            if end is None:
                local = datetime.combine(lesson.date + timedelta(days=1), time())
            else:
                local = datetime.combine(lesson.date, time()) + timedelta(
                    minutes=round(end * 60)
                )
            lesson.ends_at = (
                school.sudo()
                ._ejournal_tz()
                .localize(local)
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )

    def _is_over(self):
        self.ensure_one()
        return bool(self.ends_at) and self.ends_at <= fields.Datetime.now()

    @api.depends(
        "state",
        "ends_at",
        "has_topic",
        "has_homework",
        "mark_count",
        "attendance_taken",
        "attendance_ids",
        "material",
        "work_done",
    )
    def _compute_lesson_state(self):
        for lesson in self:
            if lesson.state == "cancelled":
                lesson.lesson_state = "cancelled"
            elif lesson._is_over() or (
                lesson.id
                and lesson.date <= lesson._today()
                and lesson._has_journal_facts()
            ):
                lesson.lesson_state = "held"
            else:
                lesson.lesson_state = "planned"

    _FACT_TERMS = (
        ("has_topic", "=", True),
        ("has_homework", "=", True),
        ("mark_count", ">", 0),
        ("attendance_taken", "=", True),
        ("attendance_ids", "!=", False),
        ("material", "!=", False),
        ("work_done", "!=", False),
    )

    def _search_lesson_state(self, operator, value):
        """REQ-47: held = not cancelled, and over or with journal facts."""
        if operator in ("=", "!="):
            operator, value = ("in" if operator == "=" else "not in"), [value]
        if operator not in ("in", "not in"):
            return NotImplemented
        today = self.env.company._ejournal_today()
        over_or_filled = Domain("ends_at", "<=", fields.Datetime.now()) | (
            Domain("date", "<=", today)
            & Domain.OR([Domain(*term) for term in self._FACT_TERMS])
        )
        states = {
            "cancelled": Domain("state", "=", "cancelled"),
            "held": Domain("state", "!=", "cancelled") & over_or_filled,
            "planned": Domain("state", "!=", "cancelled") & ~over_or_filled,
        }
        domain = Domain.OR([states[key] for key in value if key in states])
        return ~domain if operator == "not in" else domain

    @api.depends("state", "date", "teacher_id", "substitute_teacher_id", "work_type_id")
    @api.depends_context("uid")
    def _compute_page_editable(self):
        for lesson in self:
            if lesson.state == "cancelled" or not lesson.date:
                lesson.page_editable = lesson.entries_editable = not lesson.id
                continue
            conducts = self.env.su or self.env.uid in (
                lesson.teacher_user_id.id,
                lesson.substitute_user_id.id,
            )
            lesson.page_editable = conducts and lesson.date >= lesson._today()
            lesson.entries_editable = conducts and (
                not lesson._entry_lock_reason()
                or not lesson._entry_lock_reason(work_types=lesson.work_type_id)
            )

    @api.depends("class_id", "subgroup_id")
    def _compute_group_name(self):
        for lesson in self:
            lesson.group_name = (
                f"{lesson.class_id.name} ({lesson.subgroup_id.name})"
                if lesson.subgroup_id
                else lesson.class_id.name
            )

    @api.depends("teacher_id", "substitute_teacher_id")
    def _compute_teacher_name(self):
        for lesson in self:
            lesson.teacher_name = (
                lesson.substitute_teacher_id or lesson.teacher_id
            ).name

    @api.depends("date", "class_id.year_id.period_ids")
    def _compute_period_id(self):
        for lesson in self:
            lesson.period_id = lesson.class_id.year_id.period_ids.filtered(
                lambda p, day=lesson.date: (
                    p.kind == "quarter" and p.date_start <= day <= p.date_end
                )
            )[:1]

    @api.depends("subject_id.grade_scale_id", "company_id")
    def _compute_grade_scale_id(self):
        for lesson in self:
            lesson.grade_scale_id = (
                lesson.subject_id.grade_scale_id
                or lesson.company_id._ejournal_grade_scale()
            )

    @api.depends("work_type_id", "date")
    def _compute_control_work_deadline(self):
        # Deliberately not depending on the school's norm: a new norm applies
        # to lessons recorded from then on, never to those already held.
        for lesson in self:
            lesson.control_work_deadline = (
                lesson.date
                + timedelta(days=lesson.company_id.ejournal_control_work_days)
                if lesson.date and lesson.work_type_id.is_control_work
                else False
            )

    @api.depends("plan_line_id")
    def _compute_topic(self):
        for lesson in self:
            if lesson.plan_line_id:
                lesson.topic = lesson.plan_line_id.name

    @api.depends("topic", "homework_ids", "mark_ids")
    def _compute_completeness(self):
        for lesson in self:
            lesson.has_topic = bool(lesson.topic)
            lesson.has_homework = bool(lesson.homework_ids)
            lesson.mark_count = len(lesson.mark_ids)

    def _compute_entry_lock_reason(self):
        for lesson in self:
            lesson.entry_lock_reason = (
                lesson.date and lesson._entry_lock_reason() or False
            )

    @api.constrains("date", "class_id")
    def _check_school_day(self):
        for lesson in self:
            reason = lesson.year_id._non_school_day_reason(
                lesson.date, lesson.class_id.grade_level
            )
            if reason:
                raise ValidationError(
                    self.env._(
                        "No lesson can take place on %(date)s: %(reason)s.",
                        date=format_date(self.env, lesson.date),
                        reason=reason,
                    )
                )

    @api.constrains("subgroup_id", "class_id", "subject_id")
    def _check_subgroup(self):
        for lesson in self.filtered("subgroup_id"):
            if lesson.subgroup_id.class_id != lesson.class_id:
                raise ValidationError(
                    self.env._(
                        "Subgroup %(subgroup)s is not a part of class %(class_name)s.",
                        subgroup=lesson.subgroup_id.name,
                        class_name=lesson.class_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lessons = super().create(vals_list)
        lessons._check_created_empty()
        return lessons

    def _created_notification(self):
        """What a generation says: how many lessons the timetable gave."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._(
                    "%(count)s lessons created from the timetable.", count=len(self)
                ),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _check_created_empty(self):
        """REQ-44: a lesson made after its day is an empty page, locked: no topic,
        no control work, no substitute, no entries."""
        if self.env.su or journal_is_unlocked():
            return
        for lesson in self:
            if lesson.date < lesson._today() and (
                lesson._has_journal_facts()
                or lesson.control_work_deadline
                or lesson.substitute_teacher_id
            ):
                raise UserError(
                    self.env._(
                        "The lesson of %(date)s is over: it can only be added as "
                        "an empty page, which stays locked.",
                        date=format_date(self.env, lesson.date),
                    )
                )

    def write(self, vals):
        self.check_access("write")  # who may not write learns only that
        if set(PAGE_FIELDS) & set(vals):
            self._check_page_editable()
        if set(IDENTITY_FIELDS) & set(vals):
            self._check_identity_changeable(vals)
        if "substitute_teacher_id" in vals:
            self._check_substitute_changeable()
        if "state" in vals:
            self._check_state_changeable(vals["state"])
        return super().write(vals)

    def _has_journal_facts(self):
        self.ensure_one()
        return bool(
            self.mark_ids
            or self.attendance_ids
            or self.homework_ids
            or self.attendance_taken
            or self.topic
            or self.material
            or self.work_done
        )

    def _check_timetable_keeper(self):
        if not (
            self.env.su
            or self.env.user.has_group("ejournal_school.group_ejournal_deputy")
        ):
            raise UserError(
                self.env._(
                    "Only the deputy director changes the timetable of lessons and "
                    "names substitutes."
                )
            )

    def _check_identity_changeable(self, vals):
        """REQ-44: a lesson is never moved once its day has begun or it has facts."""
        self._check_timetable_keeper()
        if journal_is_unlocked():
            return
        for lesson in self:
            today = lesson._today()
            if lesson.date <= today or lesson._has_journal_facts():
                raise UserError(
                    self.env._(
                        "The lesson %(lesson)s has begun or has journal entries: its "
                        "date, number, class, group, subject and teacher are kept as "
                        "they are. Cancel it through a correction and plan another "
                        "lesson instead.",
                        lesson=lesson.display_name,
                    )
                )
            if "date" in vals and fields.Date.to_date(vals["date"]) <= today:
                raise UserError(
                    self.env._(
                        "A lesson can only be moved to a day still to come, not to "
                        "%(date)s.",
                        date=format_date(self.env, vals["date"]),
                    )
                )

    def _check_substitute_changeable(self):
        """REQ-33: a substitute named after the day would reopen its journal."""
        self._check_timetable_keeper()
        if journal_is_unlocked():
            return
        for lesson in self:
            if lesson.date < lesson._today():
                raise UserError(
                    self.env._(
                        "The lesson of %(date)s is over: its substitute can no longer "
                        "be changed.",
                        date=format_date(self.env, lesson.date),
                    )
                )

    def _check_state_changeable(self, state):
        """REQ-45: a held lesson, or one with facts, is cancelled by a correction."""
        self._check_timetable_keeper()
        if journal_is_unlocked():
            return
        for lesson in self.filtered(lambda les: les.state != state):
            if lesson.date < lesson._today() or (
                state == "cancelled" and lesson._has_journal_facts()
            ):
                raise UserError(
                    self.env._(
                        "The lesson %(lesson)s is past or has journal entries: ask the "
                        "deputy director for a correction to cancel it.",
                        lesson=lesson.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_journal_entries(self):
        if journal_is_unlocked():
            return
        for lesson in self:
            if lesson.date < lesson._today() or lesson._has_journal_facts():
                raise UserError(
                    self.env._(
                        "The lesson %(lesson)s is past or has journal entries: it "
                        "cannot be deleted; cancel it through a correction.",
                        lesson=lesson.display_name,
                    )
                )

    def _today(self):
        return (self.company_id or self.env.company)._ejournal_today()

    def _students(self):
        """Pupils of the lesson on its date: the class list, or the subgroup's."""
        self.ensure_one()
        students = self.class_id._students_on(self.date)
        if self.subgroup_id:
            students &= self.subgroup_id.student_ids
        return students

    def _entry_lock_reason(self, work_types=None):
        """REQ-44: why marks and attendance of this lesson can't be written now.

        ``work_types``: of the marks concerned. After the lesson's day, a lesson
        recorded as written control work still takes marks of its own work type
        within the checking norm; nothing else.
        """
        self.ensure_one()
        if self.state == "cancelled":
            return self.env._(
                "The lesson of %(date)s was cancelled.",
                date=format_date(self.env, self.date),
            )
        today = self._today()
        if self.date > today:
            return self.env._(
                "The lesson of %(date)s has not taken place yet.",
                date=format_date(self.env, self.date),
            )
        if self.date == today:
            return False
        deadline = self.control_work_deadline
        if deadline and work_types and work_types == self.work_type_id:
            if today <= deadline:
                return False
            return self.env._(
                "Marks for the written control work of %(date)s could be entered "
                "until %(deadline)s. Ask the deputy director for a correction.",
                date=format_date(self.env, self.date),
                deadline=format_date(self.env, deadline),
            )
        return self.env._(
            "The journal of %(date)s is locked: marks and attendance are entered on "
            "the day of the lesson; the school's regulation forbids backdating. "
            "Ask the deputy director for a correction.",
            date=format_date(self.env, self.date),
        )

    def _check_conducts(self):
        """REQ-03, REQ-33: a lesson's journal is filled by whoever conducts it."""
        if self.env.su or journal_is_unlocked():
            return
        for lesson in self:
            if self.env.uid not in (
                lesson.teacher_user_id.id,
                lesson.substitute_user_id.id,
            ):
                raise UserError(
                    self.env._(
                        "Only the teacher who conducts the lesson of %(date)s fills "
                        "its journal.",
                        date=format_date(self.env, lesson.date),
                    )
                )

    def _check_page_editable(self):
        """REQ-44: topic, homework and work done are written up to the lesson's day,
        by whoever conducts it."""
        if journal_is_unlocked():
            return
        self._check_conducts()
        for lesson in self:
            if lesson.date < lesson._today():
                raise UserError(
                    self.env._(
                        "The lesson page of %(date)s is locked: topics and homework "
                        "are entered on the day of the lesson, as the school's "
                        "regulation requires.",
                        date=format_date(self.env, lesson.date),
                    )
                )

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_restore(self):
        self.write({"state": "planned"})
