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
    lesson_number = fields.Integer(required=True)
    subject_id = fields.Many2one("ejournal.subject", required=True, check_company=True)
    teacher_id = fields.Many2one(
        "hr.employee", required=True, check_company=True, index=True
    )
    room = fields.Char()
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid To", required=True)
    company_id = fields.Many2one(
        related="class_id.company_id", store=True, index=True, string="School"
    )

    @api.depends("class_id", "subgroup_id", "weekday", "lesson_number", "subject_id")
    def _compute_display_name(self):
        weekdays = dict(self._fields["weekday"]._description_selection(self.env))
        for slot in self:
            group = slot.subgroup_id.name or slot.class_id.name
            slot.display_name = (
                f"{group} · {weekdays.get(slot.weekday)} {slot.lesson_number} · "
                f"{slot.subject_id.name}"
            )

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
