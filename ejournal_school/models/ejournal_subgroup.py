from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ejournal_display import display_join


class EjournalSubgroup(models.Model):
    _name = "ejournal.subgroup"
    _description = "Subgroup"
    _order = "class_id, subject_id, name"
    _check_company_auto = True

    name = fields.Char(required=True)
    class_id = fields.Many2one(
        "ejournal.class",
        required=True,
        ondelete="cascade",
        index=True,
    )
    subject_id = fields.Many2one("ejournal.subject", required=True, check_company=True)
    # REQ-92: staff only. Families read a subgroup (its name in the diary), not who
    # else is in it: a portal user reading or searching the list is refused, even
    # where the rules would filter it (the rule check fills the cache as superuser).
    # The diary (ejournal_school_portal) finds its pupil's subgroups with
    # ``ejournal.student._diary_subgroups``.
    student_ids = fields.Many2many(
        "ejournal.student",
        string="Students",
        check_company=True,
        domain="[('class_id', '=', class_id)]",
        groups="base.group_user",
    )
    company_id = fields.Many2one(
        related="class_id.company_id", store=True, index=True, string="School"
    )

    @api.depends("name", "class_id", "subject_id")
    def _compute_display_name(self):
        for subgroup in self:
            what = display_join(
                (subgroup.class_id.name, subgroup.subject_id.name), "", sep=" "
            )
            subgroup.display_name = display_join(
                (what, subgroup.name), self.env._("New Subgroup"), sep=": "
            )

    @api.constrains("student_ids", "class_id")
    def _check_students_in_class(self):
        for subgroup in self:
            strangers = subgroup.student_ids.filtered(
                lambda s, subgroup=subgroup: (
                    subgroup.class_id not in s.enrolment_ids.class_id
                )
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(students)s never studied in class %(class_name)s.",
                        students=", ".join(strangers.mapped("name")),
                        class_name=subgroup.class_id.name,
                    )
                )
