from odoo import api, fields, models
from odoo.exceptions import ValidationError

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
]


class EjournalTimetableSlot(models.Model):
    _name = "ejournal.timetable.slot"
    _description = "Timetable Slot"
    _order = "class_id, weekday, lesson_number"
    _check_company_auto = True

    class_id = fields.Many2one(
        "ejournal.class",
        required=True,
        ondelete="cascade",
        index=True,
    )
    subgroup_id = fields.Many2one(
        "ejournal.subgroup",
        check_company=True,
        domain="[('class_id', '=', class_id)]",
    )
    weekday = fields.Selection(WEEKDAYS, required=True)
    lesson_number = fields.Integer(required=True, aggregator=False)
    subject_id = fields.Many2one("ejournal.subject", required=True, check_company=True)
    teacher_id = fields.Many2one(
        "hr.employee", required=True, check_company=True, index=True
    )
    room = fields.Char()
    date_from = fields.Date(
        string="Valid From",
        required=True,
        default=lambda self: self._default_year().date_start,
    )
    date_to = fields.Date(
        string="Valid To",
        required=True,
        default=lambda self: self._default_year().date_end,
    )
    company_id = fields.Many2one(
        related="class_id.company_id", store=True, index=True, string="School"
    )

    @api.model
    def _default_year(self):
        """The school year of the class given in the context, else the active one."""
        class_id = self.env.context.get("default_class_id")
        if class_id:
            return self.env["ejournal.class"].browse(class_id).year_id
        return self.env.company._ejournal_active_year()

    @api.onchange("class_id")
    def _onchange_class_id_dates(self):
        year = self.class_id.year_id
        if year and (
            not self.date_from or not year.date_start <= self.date_from <= year.date_end
        ):
            self.date_from = max(year.date_start, self.date_from or year.date_start)
            self.date_from = min(self.date_from, year.date_end)
        if year and (
            not self.date_to or not year.date_start <= self.date_to <= year.date_end
        ):
            self.date_to = year.date_end

    @api.depends("class_id", "subgroup_id", "weekday", "lesson_number", "subject_id")
    def _compute_display_name(self):
        weekdays = dict(self._fields["weekday"]._description_selection(self.env))
        for slot in self:
            group = slot.subgroup_id.name or slot.class_id.name
            when = " ".join(
                part
                for part in (
                    weekdays.get(slot.weekday),
                    slot.lesson_number and str(slot.lesson_number),
                )
                if part
            )
            name = " · ".join(
                part for part in (group, when, slot.subject_id.name) if part
            )
            slot.display_name = name or self.env._("New Timetable Slot")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for slot in self:
            if slot.date_to < slot.date_from:
                raise ValidationError(
                    self.env._("A timetable slot must end after it starts.")
                )

    @api.constrains(
        "class_id",
        "subgroup_id",
        "weekday",
        "lesson_number",
        "teacher_id",
        "room",
        "date_from",
        "date_to",
    )
    def _check_clashes(self):
        for slot in self:
            same_time = [
                ("id", "!=", slot.id),
                ("company_id", "=", slot.company_id.id),
                ("weekday", "=", slot.weekday),
                ("lesson_number", "=", slot.lesson_number),
                ("date_from", "<=", slot.date_to),
                ("date_to", ">=", slot.date_from),
                ("class_id.shift", "=", slot.class_id.shift),
            ]
            teacher_clash = self.search(
                same_time + [("teacher_id", "=", slot.teacher_id.id)], limit=1
            )
            class_domain = same_time + [("class_id", "=", slot.class_id.id)]
            if slot.subgroup_id:
                # Two subgroups of one class may learn at the same time.
                class_domain += [
                    "|",
                    ("subgroup_id", "=", False),
                    ("subgroup_id", "=", slot.subgroup_id.id),
                ]
            class_clash = self.search(class_domain, limit=1)
            room_clash = slot.room and self.search(
                same_time + [("room", "=", slot.room)], limit=1
            )
            clash = teacher_clash or class_clash or room_clash
            if clash:
                what = (
                    self.env._("teacher %(name)s", name=slot.teacher_id.name)
                    if teacher_clash
                    else self.env._("class %(name)s", name=slot.class_id.name)
                    if class_clash
                    else self.env._("room %(name)s", name=slot.room)
                )
                raise ValidationError(
                    self.env._(
                        "Timetable clash for %(what)s: %(slot)s overlaps %(other)s.",
                        what=what,
                        slot=slot.display_name,
                        other=clash.display_name,
                    )
                )

    def _lesson_values(self, day):
        self.ensure_one()
        return {
            "date": day,
            "lesson_number": self.lesson_number,
            "class_id": self.class_id.id,
            "subgroup_id": self.subgroup_id.id,
            "subject_id": self.subject_id.id,
            "teacher_id": self.teacher_id.id,
            "room": self.room,
            "slot_id": self.id,
        }

    def _planned_lesson_values(self, date_from, date_to):
        """REQ-30, REQ-31: values of the lessons these slots still owe between two
        dates, day by day from the school calendar (a transferred day follows
        the other weekday's timetable); lessons that exist are left out."""
        Lesson = self.env["ejournal.lesson"]
        vals_list = []
        for year in self.class_id.year_id:
            year_slots = self.filtered(lambda s, y=year: s.class_id.year_id == y)
            start = max(date_from, year.date_start)
            end = min(date_to, year.date_end)
            if start > end:
                continue
            existing = {
                (
                    les.class_id.id,
                    les.subgroup_id.id,
                    les.date,
                    les.lesson_number,
                    les.subject_id.id,
                )
                for les in Lesson.sudo().search_fetch(
                    [
                        ("class_id", "in", year_slots.class_id.ids),
                        ("date", ">=", start),
                        ("date", "<=", end),
                    ],
                    ["class_id", "subgroup_id", "date", "lesson_number", "subject_id"],
                )
            }
            for grade_level in sorted(set(year_slots.class_id.mapped("grade_level"))):
                calendar = year._calendar(start, end, grade_level)
                grade_slots = year_slots.filtered(
                    lambda s, grade=grade_level: s.class_id.grade_level == grade
                )
                for day, weekday in sorted(calendar.items()):
                    for slot in grade_slots:
                        key = (
                            slot.class_id.id,
                            slot.subgroup_id.id,
                            day,
                            slot.lesson_number,
                            slot.subject_id.id,
                        )
                        if (
                            slot.weekday != str(weekday)
                            or not slot.date_from <= day <= slot.date_to
                            or key in existing
                        ):
                            continue
                        existing.add(key)
                        vals_list.append(slot._lesson_values(day))
        return vals_list

    def action_generate_lessons(self):
        """REQ-30: the lessons of the timetable from today on, after a preview."""
        today = self.env.company._ejournal_today()
        slots = self.filtered(lambda s: s.date_to >= today) or self.search(
            [("company_id", "=", self.env.company.id), ("date_to", ">=", today)]
        )
        wizard = self.env["ejournal.lesson.generate.wizard"].create(
            {
                "slot_ids": [fields.Command.set(slots.ids)],
                "date_from": today,
                "date_to": max(slots.mapped("date_to"), default=today),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate Lessons"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
