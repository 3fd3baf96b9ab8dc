import hmac
import json
import logging
import os

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, config

from .ejournal_audit_log import audit_keys, sign

_logger = logging.getLogger(__name__)

SIGNED_FIELDS = (
    "company_id",
    "checkpoint_time",
    "last_seq",
    "last_log_id",
    "row_count",
    "head_hash",
    "key_version",
)


class EjournalAuditCheckpoint(models.Model):
    """REQ-90: a school's audit chain head, signed and published outside the
    database (a JSON-lines file, the director's weekly e-mail, a short code on
    printed reports), so that deleting the last entries or rewriting the chain
    is detected. Append-only like the log."""

    _name = "ejournal.audit.checkpoint"
    _description = "Audit Log Checkpoint"
    _order = "id desc"
    _log_access = False

    company_id = fields.Many2one(
        "res.company", string="School", ondelete="restrict", readonly=True, index=True
    )
    checkpoint_time = fields.Datetime(string="Time", required=True, readonly=True)
    last_seq = fields.Integer(string="Last Entry", readonly=True, aggregator=False)
    last_log_id = fields.Integer(string="Last Row", readonly=True, aggregator=False)
    row_count = fields.Integer(string="Entries", readonly=True, aggregator=False)
    head_hash = fields.Char(readonly=True)
    key_version = fields.Integer(readonly=True, aggregator=False)
    signature = fields.Char(readonly=True)
    checkpoint_code = fields.Char(
        compute="_compute_checkpoint_code",
        help="The head in short, as printed on reports and e-mailed to the director.",
    )

    def init(self):
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION ejournal_audit_checkpoint_refuse()
            RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'ejournal_audit_checkpoint is append-only: % refused',
                    TG_OP;
            END;
            $$ LANGUAGE plpgsql;
            CREATE OR REPLACE TRIGGER ejournal_audit_checkpoint_no_change
                BEFORE UPDATE OR DELETE ON ejournal_audit_checkpoint
                FOR EACH ROW EXECUTE FUNCTION ejournal_audit_checkpoint_refuse();
            CREATE OR REPLACE TRIGGER ejournal_audit_checkpoint_no_truncate
                BEFORE TRUNCATE ON ejournal_audit_checkpoint
                FOR EACH STATEMENT EXECUTE FUNCTION ejournal_audit_checkpoint_refuse();
            """
        )

    @api.depends("head_hash", "last_seq")
    def _compute_checkpoint_code(self):
        for checkpoint in self:
            head = (checkpoint.head_hash or "").upper()
            checkpoint.checkpoint_code = (
                f"{checkpoint.last_seq}-{head[:4]}-{head[4:8]}" if head else False
            )

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("A checkpoint cannot be changed."))

    @api.ondelete(at_uninstall=True)
    def _unlink_never(self):
        raise UserError(self.env._("A checkpoint cannot be deleted."))

    # -------------------------------------------------------------- making

    @api.model
    def _make(self, companies):
        """Seal, then record each school's chain head; publish after commit."""
        AuditLog = self.env["ejournal.audit.log"].sudo()
        if AuditLog._seal() is False:
            raise UserError(
                self.env._(
                    "No audit key is configured on the server: no checkpoint can "
                    "be made."
                )
            )
        version, keys = audit_keys()
        cr = self.env.cr
        vals_list = []
        for company in companies:
            cr.execute(
                SQL(
                    """SELECT count(*), max(seq), max(id) FROM ejournal_audit_log
                        WHERE company_id = %s AND seq IS NOT NULL""",
                    company.id,
                )
            )
            count, _last_seq, last_id = cr.fetchone()
            last_seq, head_hash = AuditLog._chain_head(company.id)
            vals = {
                "company_id": company.id,
                "checkpoint_time": fields.Datetime.to_string(cr.now()),
                "last_seq": last_seq,
                "last_log_id": last_id or 0,
                "row_count": count,
                "head_hash": head_hash,
                "key_version": version,
            }
            vals["signature"] = sign(keys[version], self._message(vals))
            vals_list.append(vals)
        checkpoints = self.sudo().create(vals_list)
        lines = {vals["company_id"]: self._message(vals, vals) for vals in vals_list}
        cr.postcommit.add(lambda: self._publish_file(lines))
        return checkpoints

    @staticmethod
    def _message(vals, signed=None):
        """The canonical text that is signed (``signed``: with the signature,
        as a line of the checkpoint file)."""
        content = {name: vals[name] for name in SIGNED_FIELDS}
        if signed:
            content["signature"] = signed["signature"]
        return json.dumps(content, sort_keys=True, separators=(",", ":"))

    @api.model
    def _directory(self):
        return config.get("ejournal_audit_checkpoint_dir") or os.path.join(
            config["data_dir"], "ejournal_checkpoints", self.env.cr.dbname
        )

    @api.model
    def _file(self, company_id):
        return os.path.join(self._directory(), f"school_{company_id or 0}.jsonl")

    @api.model
    def _publish_file(self, lines):
        """Append each school's checkpoint line to its file outside the database."""
        os.makedirs(self._directory(), exist_ok=True)
        for company_id, line in lines.items():
            with open(self._file(company_id), "a", encoding="utf-8") as file:
                file.write(line + "\n")

    # ------------------------------------------------------------- reading

    @api.model
    def _last_from_file(self, company_id):
        path = self._file(company_id)
        if not os.path.exists(path):
            return None
        last = None
        with open(path, encoding="utf-8") as file:
            for line in file:
                if line.strip():
                    last = line
        return json.loads(last) if last else None

    @api.model
    def _last_from_table(self, company_id):
        checkpoint = self.sudo().search(
            [("company_id", "=", company_id or False)], order="id desc", limit=1
        )
        if not checkpoint:
            return None
        vals = checkpoint.read([*SIGNED_FIELDS, "signature"], load=None)[0]
        vals["checkpoint_time"] = fields.Datetime.to_string(vals["checkpoint_time"])
        return vals

    @api.model
    def _signature_ok(self, checkpoint, keys):
        key = keys.get(checkpoint.get("key_version"))
        return bool(key) and hmac.compare_digest(
            checkpoint.get("signature") or "", sign(key, self._message(checkpoint))
        )

    @api.model
    def _last_code(self, company):
        """The short code of the school's last checkpoint, for printed reports."""
        return (
            self.sudo()
            .search([("company_id", "=", company.id)], order="id desc", limit=1)
            .checkpoint_code
        )

    # ----------------------------------------------------- cron and button

    @api.model
    def _cron_checkpoint(self):
        """Weekly: a checkpoint per school, e-mailed to its director."""
        companies = self.env["ejournal.audit.log"]._audited_companies()
        for checkpoint in self._make(companies):
            checkpoint._send_to_director()

    def _send_to_director(self):
        self.ensure_one()
        company = self.company_id
        email = company.school_director_id.work_email or company.email
        if not email:
            _logger.warning(
                "Audit checkpoint of %s: no e-mail to send it to.", company.name
            )
            return self.env["mail.mail"]
        checkpoint = self.with_context(lang=company.partner_id.lang)
        body = checkpoint.env["ir.qweb"]._render(
            "ejournal_school.ejournal_audit_checkpoint_mail", {"checkpoint": checkpoint}
        )
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": checkpoint.env._(
                        "%(school)s: weekly audit log checkpoint %(code)s",
                        school=company.name,
                        code=self.checkpoint_code,
                    ),
                    "body_html": body,
                    "email_to": email,
                    "email_from": company.email_formatted or False,
                    "auto_delete": False,
                }
            )
        )

    def action_make_checkpoint(self):
        """The deputy's button: a checkpoint of each of their schools now."""
        if not self.env.user.has_group("ejournal_school.group_ejournal_deputy"):
            raise AccessError(
                self.env._("Only the deputy director makes audit log checkpoints.")
            )
        self._make(self.env.user.company_ids)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("Checkpoint made."),
                "type": "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
