from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EjournalStudent(models.Model):
    _name = "ejournal.student"
    _description = "Student"
    _inherit = ["ejournal.person"]
    _inherits = {"res.partner": "partner_id"}
    _order = "name, id"
    _registry_fields = ("active", "state", "personal_file_number")

    class_id = fields.Many2one(
        "ejournal.class",
        compute="_compute_class_id",
        inverse="_inverse_class_id",
        store=True,
        index=True,
        check_company=True,
        help="The current class; the history is kept in the class membership.",
    )
    enrolment_ids = fields.One2many(
        "ejournal.class.enrolment", "student_id", string="Class History"
    )
    personal_file_number = fields.Char(string="Personal File No.")
    state = fields.Selection(
        [
            ("enrolled", "Enrolled"),
            ("withdrawn", "Withdrawn"),
            ("graduated", "Graduated"),
        ],
        string="Status",
        default="enrolled",
        required=True,
        index=True,
    )
    guardianship_ids = fields.One2many(
        "ejournal.guardianship", "student_id", string="Parents and Guardians"
    )
    parent_ids = fields.Many2many(
        "ejournal.parent", compute="_compute_parent_ids", string="Parents"
    )

    _file_number_uniq = models.Constraint(
        "UNIQUE(personal_file_number, company_id)",
        "This personal file number is already used in this school.",
    )

    @api.depends("enrolment_ids.class_id", "enrolment_ids.date_to")
    def _compute_class_id(self):
        for student in self:
            open_enrolments = student.enrolment_ids.filtered(lambda e: not e.date_to)
            student.class_id = open_enrolments[:1].class_id

    def _inverse_class_id(self):
        Enrolment = self.env["ejournal.class.enrolment"]
        for student in self:
            current = student.enrolment_ids.filtered(lambda e: not e.date_to)
            if current.class_id == student.class_id:
                continue
            start = student.company_id._ejournal_today()
            if student.class_id:
                start = max(start, student.class_id.year_id.date_start)
            if current and current.date_from >= start:
                # A same-day fix of a wrong class: no history to keep.
                if student.class_id:
                    current.class_id = student.class_id
                else:
                    current.unlink()
                continue
            if current:
                current.date_to = start - timedelta(days=1)
            if student.class_id:
                Enrolment.create(
                    {
                        "student_id": student.id,
                        "class_id": student.class_id.id,
                        "date_from": start,
                    }
                )

    @api.depends("guardianship_ids.parent_id")
    @api.depends_context("uid")
    def _compute_parent_ids(self):
        for student in self:
            links = student.guardianship_ids._filtered_access("read")
            student.parent_ids = links.parent_id._filtered_access("read")

    @api.constrains("class_id", "state")
    def _check_class_in_active_year(self):
        for student in self.filtered(lambda s: s.state == "enrolled"):
            if student.class_id.year_id.state == "active":
                continue
            if student.company_id._ejournal_active_year():
                raise ValidationError(
                    self.env._(
                        "%(student)s is enrolled, so they must belong to a class "
                        "of the active school year.",
                        student=student.name,
                    )
                )
