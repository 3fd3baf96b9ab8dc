from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EjournalMark(models.Model):
    """REQ-42: a current mark of a pupil at a lesson, for a type of work."""

    _name = "ejournal.mark"
    _description = "Mark"
    _inherit = ["ejournal.journal.entry"]
    _order = "date desc, lesson_id, student_id, id"
    _audit_fields = ("lesson_id", "student_id", "value_id", "work_type_id", "comment")
    _create_fields = ("lesson_id", "student_id", "value_id", "work_type_id", "comment")
    _write_fields = ("value_id", "work_type_id", "comment")

    value_id = fields.Many2one(
        "ejournal.grade.scale.value", string="Mark", required=True, ondelete="restrict"
    )
    work_type_id = fields.Many2one(
        "ejournal.work.type", required=True, ondelete="restrict"
    )
    comment = fields.Char()
    numeric_value = fields.Float(related="value_id.numeric_value")
    weight = fields.Float(related="work_type_id.weight")
    topic = fields.Char(related="lesson_id.topic")

    # REQ-93: one mark per pupil, lesson and work type, even under concurrent saves.
    _lesson_student_work_type_uniq = models.Constraint(
        "UNIQUE(lesson_id, student_id, work_type_id)",
        "This pupil already has a mark for this work at this lesson.",
    )
    _student_subject_date_idx = models.Index("(student_id, subject_id, date)")

    @api.depends("value_id", "work_type_id")
    def _compute_display_name(self):
        for mark in self:
            name = mark.value_id.code or ""
            if name and mark.work_type_id:
                name = f"{name} ({mark.work_type_id.name})"
            mark.display_name = name or self.env._("New Mark")

    @api.constrains("value_id", "lesson_id")
    def _check_value_in_scale(self):
        for mark in self:
            if mark.value_id.scale_id != mark.lesson_id.grade_scale_id:
                raise ValidationError(
                    self.env._(
                        "%(value)s is not a mark of the scale %(scale)s used by "
                        "this lesson.",
                        value=mark.value_id.code,
                        scale=mark.lesson_id.grade_scale_id.name,
                    )
                )

    def _lock_reason(self, values):
        """REQ-44: written control work may be marked within the checking norm."""
        work_types = self.work_type_id | self.env["ejournal.work.type"].browse(
            values.get("work_type_id")
        )
        for lesson in self._lessons_concerned(values):
            reason = lesson._entry_lock_reason(work_types)
            if reason:
                return reason
        return False
