from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ejournal_display import display_join


class EjournalGuardianship(models.Model):
    _name = "ejournal.guardianship"
    _description = "Parent–Child Link"
    _order = "student_id, relation"
    _check_company_auto = True

    student_id = fields.Many2one(
        "ejournal.student",
        required=True,
        ondelete="cascade",
        index=True,
    )
    parent_id = fields.Many2one(
        "ejournal.parent",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    relation = fields.Selection(
        [
            ("mother", "Mother"),
            ("father", "Father"),
            ("guardian", "Guardian"),
            ("other", "Other"),
        ],
        required=True,
        default="mother",
    )
    student_class_id = fields.Many2one(
        related="student_id.class_id", string="Class", store=True, index=True
    )
    parent_phone = fields.Char(related="parent_id.phone", string="Phone")
    company_id = fields.Many2one(
        related="student_id.company_id", store=True, index=True, string="School"
    )

    _pair_uniq = models.Constraint(
        "UNIQUE(student_id, parent_id)", "This parent is already linked to this child."
    )

    def write(self, vals):
        # REQ-23: a link is never moved to another child or parent (out of the
        # writer's reach, into another family's diary): it is deleted and made anew.
        refused = set(vals) - {"relation"}
        if refused and not self.env.su:
            raise UserError(
                self.env._(
                    "Only the relation of a parent-child link can change; to link "
                    "another person, delete this link and create a new one."
                )
            )
        return super().write(vals)

    @api.constrains("student_id", "parent_id")
    def _check_not_self(self):
        for link in self:
            if link.student_id.partner_id == link.parent_id.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s cannot be their own parent.",
                        person=link.student_id.name,
                    )
                )

    @api.depends("parent_id", "student_id")
    def _compute_display_name(self):
        for link in self:
            link.display_name = display_join(
                (link.parent_id.name, link.student_id.name),
                self.env._("New Guardianship"),
                sep=" → ",
            )
