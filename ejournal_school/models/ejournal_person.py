from odoo import api, fields, models


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
        precompute=True,
        readonly=False,
        required=True,
        index=True,
        string="School",
    )
    active = fields.Boolean(default=True)

    _user_uniq = models.Constraint(
        "UNIQUE(user_id)", "This login already belongs to another card."
    )

    def _partner_field_names(self):
        """Fields that live on the card's partner (delegated or related to it)."""
        return {
            name
            for name, field in self._fields.items()
            if name != "partner_id"
            and (field.inherited or (field.related or "").startswith("partner_id."))
        }

    # The card owns its partner. Whoever may create or change the card (ACLs and
    # record rules of the card, checked first) creates or changes its partner,
    # without rights on every contact of the database (base.group_partner_manager).
    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        records = super(EjournalPerson, self.sudo()).create(vals_list).sudo(False)
        records.check_access("create")  # the card's record rules, as the user
        return records

    def write(self, vals):
        partner_fields = self._partner_field_names()
        partner_vals = {name: vals[name] for name in vals if name in partner_fields}
        if partner_vals:
            self.check_access("write")
            self.partner_id.sudo().write(partner_vals)
        own_vals = {name: vals[name] for name in vals if name not in partner_fields}
        return super().write(own_vals) if own_vals else True
