from odoo import api, models
from odoo.exceptions import UserError


class Base(models.AbstractModel):
    """Rules every journal model follows, whoever writes and however.

    REQ-44: stored related and computed fields are the journal's own, never
    taken from input; record rules hold for the record as it stands after the
    write, not only before it.
    """

    _inherit = "base"

    # Plain stored fields that a journal model sets itself (e.g. when a record
    # was entered, which decides whether it was entered late).
    _ejournal_server_set = ()

    def _ejournal_guarded(self):
        return self._name.startswith("ejournal.") and not self.env.su

    def _ejournal_changing(self, vals, field_names):
        """The records of ``self`` whose ``field_names`` ``vals`` would change."""
        names = [name for name in field_names if name in vals]
        return self.filtered(
            lambda record: any(
                record._fields[name].convert_to_write(record[name], record)
                != vals[name]
                for name in names
            )
        )

    def _ejournal_server_fields(self, vals):
        """The fields of ``vals`` that only the journal itself sets."""
        refused = []
        for name in vals:
            field = self._fields.get(name)
            if not field or not field.store or field.type == "one2many":
                continue
            derived = field.related or (field.compute and not field.inverse)
            if (derived and field.readonly) or name in self._ejournal_server_set:
                refused.append(field)
        return refused

    def _ejournal_check_input(self, vals):
        refused = self._ejournal_server_fields(vals)
        if refused:
            raise UserError(
                self.env._(
                    "%(model)s: these fields are set by the journal itself and "
                    "cannot be written: %(fields)s.",
                    model=self._description,
                    fields=", ".join(field.string for field in refused),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._ejournal_guarded():
            return super().create(vals_list)
        self.check_access("create")  # who may not write learns only that
        for vals in vals_list:
            self._ejournal_check_input(vals)
        records = super().create(vals_list)
        records.check_access("create")
        return records

    def write(self, vals):
        if not self._ejournal_guarded():
            return super().write(vals)
        self.check_access("write")  # who may not write learns only that
        self._ejournal_check_input(vals)
        result = super().write(vals)
        self.check_access("write")
        return result
