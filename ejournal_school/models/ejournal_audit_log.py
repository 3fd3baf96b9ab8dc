import hashlib
import json

from odoo import api, fields, models
from odoo.exceptions import UserError

GENESIS_HASH = "0" * 64


class EjournalAuditLog(models.Model):
    """REQ-90: append-only, hash-chained trace of every change to the journal.

    The ORM refuses to change or delete a row, and a PostgreSQL trigger
    refuses ``UPDATE``, ``DELETE`` and ``TRUNCATE`` even for direct SQL.
    """

    _name = "ejournal.audit.log"
    _description = "Journal Audit Log"
    _order = "id desc"
    _log_access = False

    log_time = fields.Datetime(string="Time", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", required=True, ondelete="restrict", readonly=True
    )
    model_name = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Integer(string="Document ID", required=True, readonly=True)
    record_name = fields.Char(string="Document", readonly=True)
    operation = fields.Selection(
        [("create", "Created"), ("write", "Changed"), ("unlink", "Deleted")],
        required=True,
        readonly=True,
    )
    old_values = fields.Text(readonly=True)
    new_values = fields.Text(readonly=True)
    prev_hash = fields.Char(readonly=True)
    hash = fields.Char(readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", string="School", ondelete="restrict", readonly=True, index=True
    )

    _model_res_idx = models.Index("(model_name, res_id)")

    def init(self):
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION ejournal_audit_log_refuse() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'ejournal_audit_log is append-only: % refused', TG_OP;
            END;
            $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS ejournal_audit_log_no_change ON ejournal_audit_log;
            CREATE TRIGGER ejournal_audit_log_no_change
                BEFORE UPDATE OR DELETE ON ejournal_audit_log
                FOR EACH ROW EXECUTE FUNCTION ejournal_audit_log_refuse();
            DROP TRIGGER IF EXISTS ejournal_audit_log_no_truncate ON ejournal_audit_log;
            CREATE TRIGGER ejournal_audit_log_no_truncate
                BEFORE TRUNCATE ON ejournal_audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION ejournal_audit_log_refuse();
            """
        )

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The audit log cannot be changed."))

    @api.ondelete(at_uninstall=True)
    def _unlink_never(self):
        raise UserError(self.env._("The audit log cannot be deleted."))

    @api.model
    def _snapshot(self, records):
        fields_to_log = records._audit_fields
        return {record.id: self._serialize(record, fields_to_log) for record in records}

    @api.model
    def _serialize(self, record, field_names):
        values = {}
        for name in field_names:
            value = record[name]
            field = record._fields[name]
            if field.type == "many2one":
                value = [value.id, value.display_name] if value else False
            elif field.type in ("date", "datetime"):
                value = fields.Datetime.to_string(value) if value else False
            values[name] = value
        return values

    @staticmethod
    def _compute_hash(prev_hash, payload):
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256((prev_hash + data).encode()).hexdigest()

    @api.model
    def _payload(self, vals):
        return {
            key: vals.get(key) or False
            for key in (
                "log_time",
                "user_id",
                "model_name",
                "res_id",
                "record_name",
                "operation",
                "old_values",
                "new_values",
                "company_id",
            )
        }

    @api.model
    def _record(self, records, operation, old_values=None):
        """Append one row per record; call after create/write, before unlink."""
        if not records:
            return self.browse()
        # One writer at a time keeps the chain linear across transactions.
        self.env.cr.execute(
            "SELECT pg_advisory_xact_lock(hashtext('ejournal_audit_log'))"
        )
        self.env.cr.execute(
            "SELECT hash FROM ejournal_audit_log ORDER BY id DESC LIMIT 1"
        )
        row = self.env.cr.fetchone()
        prev_hash = row[0] if row else GENESIS_HASH
        log_time = fields.Datetime.to_string(self.env.cr.now())
        vals_list = []
        for record in records:
            new = (
                self._serialize(record, records._audit_fields)
                if operation != "unlink"
                else {}
            )
            old = (old_values or {}).get(record.id)
            if operation == "unlink":
                old = self._serialize(record, records._audit_fields)
            vals = {
                "log_time": log_time,
                "user_id": self.env.uid,
                "model_name": record._name,
                "res_id": record.id,
                "record_name": record.display_name,
                "operation": operation,
                "old_values": json.dumps(old, ensure_ascii=False, sort_keys=True)
                if old
                else False,
                "new_values": json.dumps(new, ensure_ascii=False, sort_keys=True)
                if new
                else False,
                "company_id": record.company_id.id,
                "prev_hash": prev_hash,
            }
            vals["hash"] = prev_hash = self._compute_hash(
                prev_hash, self._payload(vals)
            )
            vals_list.append(vals)
        return self.sudo().create(vals_list)

    @api.model
    def _verify_chain(self):
        """Return the first row whose hash does not follow from the chain, if any."""
        self.env.cr.execute(
            """SELECT id, log_time, user_id, model_name, res_id, record_name,
                      operation, old_values, new_values, company_id, prev_hash, hash
                 FROM ejournal_audit_log ORDER BY id"""
        )
        prev_hash = GENESIS_HASH
        for row in self.env.cr.dictfetchall():
            vals = dict(row, log_time=fields.Datetime.to_string(row["log_time"]))
            expected = self._compute_hash(prev_hash, self._payload(vals))
            if row["prev_hash"] != prev_hash or row["hash"] != expected:
                return self.browse(row["id"])
            prev_hash = row["hash"]
        return self.browse()

    @api.model
    def action_verify_chain(self):
        broken = self._verify_chain()
        if broken:
            message = self.env._(
                "The audit log is broken at entry #%(id)s (%(time)s): it was changed "
                "after it was written.",
                id=broken.id,
                time=broken.log_time,
            )
            notification_type = "danger"
        else:
            message = self.env._("The audit log is intact.")
            notification_type = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": notification_type, "sticky": True},
        }
