from odoo import api, fields, models


class EjournalParent(models.Model):
    _name = "ejournal.parent"
    _description = "Parent or Guardian"
    _inherit = ["ejournal.person"]
    _inherits = {"res.partner": "partner_id"}
    _order = "name, id"
    _registry_fields = ("active",)
    _ejournal_server_set = ("digest_opt_in",)  # the parent's own choice, in the diary

    guardianship_ids = fields.One2many(
        "ejournal.guardianship", "parent_id", string="Children"
    )
    student_ids = fields.Many2many(
        "ejournal.student", compute="_compute_student_ids", string="Children Cards"
    )
    digest_opt_in = fields.Boolean(
        string="Daily E-mail Digest",
        help="Receive a daily e-mail with the children's new marks and absences.",
    )

    @api.depends("guardianship_ids.student_id")
    @api.depends_context("uid")
    def _compute_student_ids(self):
        # Only the children this user may see (the class teacher sees their class).
        for parent in self:
            links = parent.guardianship_ids._filtered_access("read")
            parent.student_ids = links.student_id._filtered_access("read")
