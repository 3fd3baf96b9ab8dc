from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ejournal_student_ids = fields.One2many(
        "ejournal.student", "partner_id", string="Student Cards"
    )
    ejournal_parent_ids = fields.One2many(
        "ejournal.parent", "partner_id", string="Parent Cards"
    )
