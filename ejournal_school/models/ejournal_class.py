from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class EjournalClass(models.Model):
    _name = "ejournal.class"
    _description = "Class"
    _inherit = ["mail.thread"]
    _order = "year_id desc, grade_level, letter"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, index=True)
    grade_level = fields.Integer(
        string="Grade",
        required=True,
        tracking=True,
        aggregator=False,
        default=lambda self: self.env.context.get("default_grade_level") or 1,
    )
    letter = fields.Char(required=True, tracking=True)
    year_id = fields.Many2one(
        "ejournal.academic.year",
        string="School Year",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.company._ejournal_active_year(),
    )
    class_teacher_id = fields.Many2one(
        "hr.employee",
        check_company=True,
        index=True,
        tracking=True,
    )
    class_teacher_user_id = fields.Many2one(
        related="class_teacher_id.user_id", string="Class Teacher User"
    )
    curriculum_id = fields.Many2one(
        "ejournal.curriculum",
        check_company=True,
        domain="[('year_id', '=', year_id), ('grade_level', '=', grade_level)]",
    )
    weekly_hours = fields.Float(
        related="curriculum_id.total_hours", string="Weekly Load"
    )
    load_warning = fields.Text(related="curriculum_id.load_warning")
    is_overloaded = fields.Boolean(
        related="curriculum_id.is_overloaded", string="Load Exceeded"
    )
    shift = fields.Selection(
        [("1", "First shift"), ("2", "Second shift")], default="1", required=True
    )
    room = fields.Char()
    # REQ-92: the pupils and the memberships of a class are for staff only: a
    # family reads its own pupils' memberships (ejournal.class.enrolment), never
    # the class list.
    student_ids = fields.One2many(
        "ejournal.student", "class_id", string="Students", groups="base.group_user"
    )
    student_count = fields.Integer(compute="_compute_student_count", string="Pupils")
    enrolment_ids = fields.One2many(
        "ejournal.class.enrolment",
        "class_id",
        string="Class History",
        groups="base.group_user",
    )
    lesson_ids = fields.One2many("ejournal.lesson", "class_id", string="Lessons")
    subgroup_ids = fields.One2many("ejournal.subgroup", "class_id", string="Subgroups")
    assignment_ids = fields.One2many(
        "ejournal.teaching.assignment", "class_id", string="Teaching Assignments"
    )
    company_id = fields.Many2one(
        related="year_id.company_id", store=True, index=True, string="School"
    )
    active = fields.Boolean(default=True)

    _name_year_uniq = models.Constraint(
        "UNIQUE(name, year_id)", "A class with this name already exists in this year."
    )

    @api.depends("grade_level", "letter")
    def _compute_name(self):
        for school_class in self:
            letter = (school_class.letter or "").strip().upper()
            school_class.name = (
                f"{school_class.grade_level or ''}{letter}" if letter else False
            )

    @api.depends("name", "letter", "year_id")
    def _compute_display_name(self):
        for school_class in self:
            school_class.display_name = (
                school_class.name if school_class.letter else self.env._("New Class")
            )

    def _compute_student_count(self):
        """REQ-92: the same number for whoever may see the class: the pupils
        enrolled in it on the day it is looked at (within its school year),
        counted over its own enrolments, only the number read."""
        counts = {}
        Enrolment = self.env["ejournal.class.enrolment"].sudo()
        for school_class in self.filtered("id"):
            year = school_class.sudo().year_id
            today = school_class.sudo().company_id._ejournal_today()
            day = min(max(today, year.date_start or today), year.date_end or today)
            counts[school_class.id] = len(
                set(
                    Enrolment.search_fetch(
                        [
                            ("class_id", "=", school_class.id),
                            ("date_from", "<=", day),
                            "|",
                            ("date_to", "=", False),
                            ("date_to", ">=", day),
                        ],
                        ["student_id"],
                    ).student_id.ids
                )
            )
        for school_class in self:
            school_class.student_count = counts.get(school_class.id, 0)

    @api.constrains("grade_level")
    def _check_grade_level(self):
        for school_class in self:
            if not 1 <= school_class.grade_level <= 11:
                raise ValidationError(
                    self.env._(
                        "Grade %(grade)s is not valid: grades go from 1 to 11.",
                        grade=school_class.grade_level,
                    )
                )

    def _students_on(self, date):
        """Pupils of the class on a date, from the dated class membership."""
        self.ensure_one()
        return (
            self.env["ejournal.class.enrolment"]
            .search(
                [
                    ("class_id", "=", self.id),
                    ("date_from", "<=", date),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", date),
                ]
            )
            .student_id.sorted(lambda s: (s.name or "").lower())
        )

    def action_view_students(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ejournal_school.ejournal_student_action"
        )
        action["domain"] = [("class_id", "=", self.id)]
        action["context"] = {"default_class_id": self.id}
        return action

    def write(self, vals):
        if "year_id" in vals and self.sudo().lesson_ids:
            raise UserError(
                self.env._(
                    "A class with lessons stays in its school year: its lessons "
                    "and their marks belong to it."
                )
            )
        return super().write(vals)
