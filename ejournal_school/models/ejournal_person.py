from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# REQ-20..23: the contact data a card keeps on its partner. A card writes its
# partner with elevated rights, so it writes nothing else (no time zone, no
# company, no logins, no x2many such as bank accounts, messages or followers).
CARD_CONTACT_FIELDS = frozenset(
    {
        "name",
        "phone",
        "mobile",
        "email",
        "street",
        "street2",
        "city",
        "zip",
        "state_id",
        "country_id",
        "lang",
        "image_1920",
    }
)


class EjournalPerson(models.AbstractModel):
    """What the cards of students and parents share; the person is a partner."""

    _name = "ejournal.person"
    _description = "School Person"
    _registry_fields = ()  # kept by the secretary: the movement book's facts
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

    def _check_partner_vals(self, vals, allowed):
        """Refuse partner fields outside ``allowed`` (the superuser excepted)."""
        if self.env.su:
            return
        refused = (set(vals) & self._partner_field_names()) - allowed
        if self and "partner_id" in vals:
            refused.add("partner_id")
        if refused:
            raise UserError(
                self.env._(
                    "A card changes only the contact data of its person; these "
                    "fields cannot be changed through it: %(fields)s.",
                    fields=", ".join(sorted(self._fields[f].string for f in refused)),
                )
            )

    def _check_partner_adoptable(self, partner, user_id):
        """A new card adopts only a contact that is nobody else's: not a company,
        a login (other than the card's own portal login), a staff member or
        another card."""
        partner = partner.sudo().with_context(active_test=False)
        users = partner.user_ids
        if (
            partner.is_company
            or partner.ejournal_student_ids
            or partner.ejournal_parent_ids
            or (users and (users.ids != [user_id] or not users.share))
            or self.env["res.company"]
            .sudo()
            .search_count([("partner_id", "=", partner.id)], limit=1)
            or self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("work_contact_id", "=", partner.id)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "%(contact)s is the contact of a school, a login, a staff "
                    "member or another card: a new card cannot use it.",
                    contact=partner.display_name,
                )
            )

    # The card owns its partner. Whoever may create or change the card (ACLs and
    # record rules of the card, checked first) creates or changes its partner,
    # without rights on every contact of the database (base.group_partner_manager).
    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        for vals in vals_list:
            self._check_partner_vals(vals, CARD_CONTACT_FIELDS | {"company_id"})
            if vals.get("partner_id") and not self.env.su:
                self._check_partner_adoptable(
                    self.env["res.partner"].browse(vals["partner_id"]),
                    vals.get("user_id"),
                )
        records = super(EjournalPerson, self.sudo()).create(vals_list).sudo(False)
        records.check_access("create")  # the card's record rules, as the user
        return records

    def write(self, vals):
        self.check_access("write")  # who may not write learns only that
        self._check_partner_vals(vals, CARD_CONTACT_FIELDS)
        self._check_registry_vals(vals)
        if "email" in vals:
            self._check_login_email()
        partner_fields = self._partner_field_names()
        partner_vals = {name: vals[name] for name in vals if name in partner_fields}
        if partner_vals:
            self.check_access("write")
            self.partner_id.sudo().write(partner_vals)
        own_vals = {name: vals[name] for name in vals if name not in partner_fields}
        if not own_vals:
            return True
        result = super().write(own_vals)
        # Record rules hold for the card after the write too (REQ-23): nobody
        # moves a card out of their own reach (to a class they do not lead).
        self.check_access("write")
        return result

    def _check_login_email(self):
        """REQ-60, REQ-92: a login's e-mail is where its password is reset; a card
        never redirects it (that would hand over a family's diary)."""
        if self.env.su:
            return
        with_login = self.filtered(lambda card: card.sudo().partner_id.user_ids)
        if with_login:
            raise UserError(
                self.env._(
                    "%(person)s has a login: their e-mail is changed by the technical "
                    "administrator only, since password resets are sent there.",
                    person=with_login[0].name,
                )
            )

    def _check_registry_vals(self, vals):
        """REQ-50: the movement book's facts on a card are the secretary's."""
        registry = sorted(set(vals) & set(self._registry_fields))
        if registry and not (
            self.env.su
            or self.env.user.has_group("ejournal_school.group_ejournal_secretary")
        ):
            raise UserError(
                self.env._(
                    "Only the secretary changes %(fields)s of a card.",
                    fields=", ".join(self._fields[name].string for name in registry),
                )
            )

    @api.constrains("user_id", "partner_id")
    def _check_user_is_own_login(self):
        for card in self.filtered("user_id"):
            if card.user_id.partner_id != card.partner_id or not card.user_id.share:
                raise ValidationError(
                    self.env._(
                        "The login of %(person)s must be a portal login of this "
                        "very person.",
                        person=card.partner_id.name,
                    )
                )
