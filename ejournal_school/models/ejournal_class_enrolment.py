from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ejournal_display import display_join


class EjournalClassEnrolment(models.Model):
    _name = "ejournal.class.enrolment"
    _description = "Class Membership"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    student_id = fields.Many2one(
        "ejournal.student",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    class_id = fields.Many2one(
        "ejournal.class",
        required=True,
        ondelete="restrict",
        index=True,
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To")
    company_id = fields.Many2one(
        related="class_id.company_id", store=True, index=True, string="School"
    )

    _student_dates_idx = models.Index("(student_id, date_from, date_to)")

    @api.constrains("date_from", "date_to", "student_id")
    def _check_dates(self):
        for enrolment in self:
            if enrolment.date_to and enrolment.date_to < enrolment.date_from:
                raise ValidationError(
                    self.env._(
                        "Class membership of %(student)s must end after it starts.",
                        student=enrolment.student_id.name,
                    )
                )
            domain = [
                ("id", "!=", enrolment.id),
                ("student_id", "=", enrolment.student_id.id),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", enrolment.date_from),
            ]
            if enrolment.date_to:
                domain.append(("date_from", "<=", enrolment.date_to))
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "%(student)s cannot be in two classes at the same time.",
                        student=enrolment.student_id.name,
                    )
                )

    @api.depends("student_id", "class_id", "date_from")
    def _compute_display_name(self):
        for enrolment in self:
            enrolment.display_name = display_join(
                (
                    enrolment.student_id.name,
                    enrolment.class_id.name,
                    enrolment.date_from and enrolment.date_from.strftime("%d.%m.%Y"),
                ),
                self.env._("New Class Membership"),
            )
