from odoo import fields, models


class EjournalCurriculumComponent(models.Model):
    _name = "ejournal.curriculum.component"
    _description = "Curriculum Component"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
