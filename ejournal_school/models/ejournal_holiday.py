from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

AFFECTED_LIST_LIMIT = 20


def lessons_list(lessons, limit=AFFECTED_LIST_LIMIT):
    """The lessons as lines for a message, at most ``limit`` of them."""
    lines = [f"• {lesson.display_name}" for lesson in lessons[:limit]]
    if len(lessons) > limit:
        lines.append(f"… (+{len(lessons) - limit})")
    return "\n".join(lines)


def check_lessons_removable(lessons):
    """REQ-31, REQ-45: lessons of a day that stops being a school day are removed
    only while they are to come and empty; otherwise the change is refused,
    naming them."""
    if not lessons:
        return
    env = lessons.env
    today = lessons[:1]._today()
    kept = lessons.filtered(
        lambda lesson: (
            lesson.date < today or lesson._is_over() or lesson._has_journal_facts()
        )
    )
    if kept:
        raise UserError(
            env._(
                "These lessons are past or have journal entries (marks, attendance, "
                "homework or a topic), so the school calendar cannot change under "
                "them. Cancel them through a correction first:\n%(lessons)s",
                lessons=lessons_list(kept),
            )
        )


def regenerate_lessons(year, date_from, date_to):
    """REQ-30: the timetable's lessons again on the days from today on."""
    if not year:
        return year.env["ejournal.lesson"]
    date_from = max(date_from, year.company_id._ejournal_today())
    if date_from > date_to:
        return year.env["ejournal.lesson"]
    slots = year.env["ejournal.timetable.slot"].search(
        [
            ("class_id.year_id", "=", year.id),
            ("date_from", "<=", date_to),
            ("date_to", ">=", date_from),
        ]
    )
    return year.env["ejournal.lesson"].create(
        slots._planned_lesson_values(date_from, date_to)
    )


class EjournalHoliday(models.Model):
    _name = "ejournal.holiday"
    _description = "Vacation, Holiday or Day Off"
    _order = "date_start"
    _check_company_auto = True

    name = fields.Char(required=True)
    year_id = fields.Many2one(
        "ejournal.academic.year",
        string="School Year",
        required=True,
        ondelete="cascade",
        index=True,
        default=lambda self: self.env.company._ejournal_active_year(),
    )
    kind = fields.Selection(
        [
            ("vacation", "Vacation"),
            ("holiday", "Public holiday"),
            ("day_off", "Day off"),
        ],
        required=True,
        default="holiday",
    )
    grade_level = fields.Integer(
        string="Only for Grade",
        aggregator=False,
        help="Set for extra vacations of one parallel (e.g. grade 1); empty for all.",
    )
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    company_id = fields.Many2one(
        related="year_id.company_id", store=True, index=True, string="School"
    )
    affected_lesson_ids = fields.Many2many(
        "ejournal.lesson",
        compute="_compute_affected_lesson_ids",
        string="Lessons Removed",
        help="The lessons planned on these days: saving removes them.",
    )
    affected_lesson_count = fields.Integer(compute="_compute_affected_lesson_ids")
    blocking_lesson_count = fields.Integer(
        compute="_compute_affected_lesson_ids",
        help="Lessons on these days that are past or have journal entries.",
    )

    @api.depends("name", "date_start", "date_end")
    def _compute_display_name(self):
        for holiday in self:
            holiday.display_name = holiday.name or self.env._("New Holiday")

    @api.depends("year_id", "date_start", "date_end", "grade_level")
    def _compute_affected_lesson_ids(self):
        for holiday in self:
            lessons = holiday._affected_lessons()
            holiday.affected_lesson_ids = lessons
            holiday.affected_lesson_count = len(lessons)
            today = holiday.year_id.company_id._ejournal_today()
            holiday.blocking_lesson_count = len(
                lessons.filtered(
                    lambda les, today=today: (
                        les.date < today or les._is_over() or les._has_journal_facts()
                    )
                )
            )

    def _affected_lessons(self, date_start=None, date_end=None):
        """Lessons that are not cancelled on the days of the holiday."""
        self.ensure_one()
        date_start = date_start or self.date_start
        date_end = date_end or self.date_end
        if not (self.year_id and date_start and date_end) or date_end < date_start:
            return self.env["ejournal.lesson"]
        domain = [
            ("year_id", "=", self.year_id.id),
            ("date", ">=", date_start),
            ("date", "<=", date_end),
            ("state", "!=", "cancelled"),
        ]
        if self.grade_level:
            domain.append(("class_id.grade_level", "=", self.grade_level))
        return self.env["ejournal.lesson"].search(domain, order="date, lesson_number")

    def _remove_affected_lessons(self):
        """REQ-31: a day off after the lessons were generated leaves none."""
        for holiday in self:
            lessons = holiday._affected_lessons()
            # Days a transfer makes work keep their lessons.
            working = set(
                self.env["ejournal.day.transfer"]
                .search([("year_id", "=", holiday.year_id.id)])
                .mapped("date")
            )
            lessons = lessons.filtered(lambda les, days=working: les.date not in days)
            check_lessons_removable(lessons)
            lessons.unlink()

    @api.model_create_multi
    def create(self, vals_list):
        holidays = super().create(vals_list)
        holidays._remove_affected_lessons()
        return holidays

    def write(self, vals):
        calendar = {"date_start", "date_end", "grade_level", "year_id"} & set(vals)
        before = [
            (holiday.year_id, holiday.date_start, holiday.date_end) for holiday in self
        ]
        result = super().write(vals)
        if calendar:
            self._remove_affected_lessons()
            for year, start, end in before:
                regenerate_lessons(year, start, end)
        return result

    def unlink(self):
        before = [
            (holiday.year_id, holiday.date_start, holiday.date_end) for holiday in self
        ]
        result = super().unlink()
        for year, start, end in before:
            regenerate_lessons(year, start, end)
        return result

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for holiday in self:
            if holiday.date_end < holiday.date_start:
                raise ValidationError(
                    self.env._(
                        "%(name)s must end on or after its first day.",
                        name=holiday.name,
                    )
                )
