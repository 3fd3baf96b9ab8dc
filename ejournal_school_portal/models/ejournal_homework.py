from odoo import fields, models


class EjournalHomework(models.Model):
    _inherit = "ejournal.homework"

    # REQ-92: who an individual homework is given to is for staff only. The
    # rules let a family read the individual homework of its own pupils, but the
    # pupils of a homework given to several would name classmates (over read,
    # web_read, or a search by pupil); the diary finds its own pupil's homework
    # with ``ejournal.student._diary_individual_homework``.
    student_ids = fields.Many2many(groups="base.group_user")
