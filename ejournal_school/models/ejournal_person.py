from odoo import fields, models


class EjournalPerson(models.AbstractModel):
    """What the cards of students and parents share; the person is a partner."""

    _name = "ejournal.person"
    _description = "School Person"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Related Contact",
        required=True,
        ondelete="cascade",
        index=True,
    )
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    birth_date = fields.Date(string="Date of Birth")
    user_id = fields.Many2one(
        "res.users",
        string="Portal User",
        index=True,
        copy=False,
        help="The personal login of this person in the diary.",
    )
    company_id = fields.Many2one(
        "res.company",
        related="partner_id.company_id",
        store=True,
        readonly=False,
        required=True,
        index=True,
        string="School",
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)

    _user_uniq = models.Constraint(
        "UNIQUE(user_id)", "This login already belongs to another card."
    )
