"""19.0.1.1.0: the school's time zone became a school setting (``ejournal_tz``).

Schools kept it on their partner until now; the new column starts at the
default, so each school takes over the zone its partner had.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE res_company company
           SET ejournal_tz = partner.tz
          FROM res_partner partner
         WHERE partner.id = company.partner_id
           AND partner.tz IS NOT NULL
           AND company.ejournal_tz IS DISTINCT FROM partner.tz
        """
    )
