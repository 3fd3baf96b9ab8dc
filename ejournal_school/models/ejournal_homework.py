from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ejournal_display import display_join


class EjournalHomework(models.Model):
    """REQ-41: general homework of a lesson, or individual homework of named pupils."""

    _name = "ejournal.homework"
    _description = "Homework"
    _order = "lesson_id, kind, id"
    _check_company_auto = True

    lesson_id = fields.Many2one(
        "ejournal.lesson",
        required=True,
        ondelete="cascade",
        index=True,
    )
    kind = fields.Selection(
        [("general", "For the whole class"), ("individual", "Individual")],
        required=True,
        default="general",
    )
    text = fields.Text(required=True)
    student_ids = fields.Many2many(
        "ejournal.student", string="Students", check_company=True
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    date = fields.Date(related="lesson_id.date", store=True, index=True)
    company_id = fields.Many2one(
        related="lesson_id.company_id", store=True, index=True, string="School"
    )

    @api.constrains("kind", "student_ids", "lesson_id")
    def _check_students(self):
        for homework in self:
            if homework.kind == "individual" and not homework.student_ids:
                raise ValidationError(
                    self.env._("Individual homework needs at least one student.")
                )
            strangers = homework.student_ids and (
                homework.student_ids - homework.lesson_id._students()
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(students)s do not attend this lesson.",
                        students=", ".join(strangers.mapped("name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lessons = self.env["ejournal.lesson"].browse(
            [vals["lesson_id"] for vals in vals_list if vals.get("lesson_id")]
        )
        self.check_access("create")  # who may not write learns only that
        lessons._check_page_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")  # who may not write learns only that
        if "lesson_id" in vals and not self.env.su:
            raise UserError(
                self.env._(
                    "Homework stays with its lesson; give it again at the other lesson."
                )
            )
        self.lesson_id._check_page_editable()
        return super().write(vals)

    def unlink(self):
        self.check_access("unlink")
        self.lesson_id._check_page_editable()
        return super().unlink()

    @api.depends("lesson_id", "text")
    def _compute_display_name(self):
        for homework in self:
            text = (homework.text or "").strip().splitlines()
            homework.display_name = display_join(
                (
                    homework.lesson_id.display_name if homework.lesson_id else "",
                    text[0][:60] if text else "",
                ),
                self.env._("New Homework"),
                sep=": ",
            )
