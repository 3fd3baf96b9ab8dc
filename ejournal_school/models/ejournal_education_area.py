from odoo import fields, models


class EjournalEducationArea(models.Model):
    _name = "ejournal.education.area"
    _description = "Education Area"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    subject_ids = fields.One2many("ejournal.subject", "area_id", string="Subjects")
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)
