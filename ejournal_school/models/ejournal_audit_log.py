import hashlib
import hmac
import json
import logging
import os
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, config
from odoo.tools.misc import format_date, format_datetime

_logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
# pg_advisory_xact_lock(LOCK_NAMESPACE, company): one sealing lock per school.
LOCK_NAMESPACE = 0x454A4155  # "EJAU"
SEAL_MINUTES = 5  # the sealing cron's interval (data/ejournal_audit_cron.xml)
BATCH = 1000
EMPTY = "—"  # how the log shows a value that was not set

# Audited tables: the model named in the log, whether an INSERT is logged, and
# the columns kept as old/new values. UPDATE and DELETE are always logged;
# an UPDATE that changes none of the columns writes no row.
AUDITED_TABLES = {
    "ejournal_mark": (
        "ejournal.mark",
        True,
        (
            "lesson_id",
            "student_id",
            "value_id",
            "work_type_id",
            "comment",
            "date",
            "subject_id",
            "class_id",
            "period_id",
            "company_id",
        ),
    ),
    "ejournal_attendance": (
        "ejournal.attendance",
        True,
        (
            "lesson_id",
            "student_id",
            "status",
            "reason",
            "document_date",
            "reason_set_on",
            "reason_set_by_id",
            "date",
            "class_id",
            "period_id",
            "company_id",
        ),
    ),
    "ejournal_period_mark": (
        "ejournal.period.mark",
        True,
        (
            "student_id",
            "class_id",
            "subject_id",
            "kind",
            "period_id",
            "value_id",
            "company_id",
        ),
    ),
    "ejournal_correction": (
        "ejournal.correction",
        True,
        (
            "state",
            "target",
            "operation",
            "mark_id",
            "attendance_id",
            "period_mark_id",
            "lesson_id",
            "student_id",
            "new_value_id",
            "new_work_type_id",
            "new_status",
            "old_value",
            "new_value",
            "reason",
            "requested_by_id",
            "requested_on",
            "approved_by_id",
            "approved_on",
            "company_id",
        ),
    ),
    "ejournal_lesson": (
        "ejournal.lesson",
        False,
        (
            "date",
            "lesson_number",
            "class_id",
            "subgroup_id",
            "subject_id",
            "teacher_id",
            "substitute_teacher_id",
            "period_id",
            "company_id",
            "state",
        ),
    ),
    "ejournal_homework": ("ejournal.homework", False, ("lesson_id", "text", "kind")),
    "res_company": (
        "res.company",
        False,
        (
            "ejournal_tz",
            "ejournal_control_work_days",
            "ejournal_period_mark_grace_days",
            "ejournal_week_days",
            "ejournal_grade_scale_id",
        ),
    ),
    "ejournal_work_type": (
        "ejournal.work.type",
        False,
        ("weight", "is_control_work", "company_id"),
    ),
    "ejournal_grade_scale_value": (
        "ejournal.grade.scale.value",
        False,
        ("code", "numeric_value", "counts_in_average", "passing", "scale_id"),
    ),
}
# Of the tables whose INSERT is not logged, these log deletions; the settings
# tables log changes only.
DELETE_UPDATE_ONLY = {"ejournal_homework", "ejournal_lesson"}

# Replay check: the journal tables and the value columns compared with the log.
REPLAY = {
    "ejournal_mark": (
        "ejournal.mark",
        ("value_id", "work_type_id", "comment", "lesson_id", "student_id"),
    ),
    "ejournal_attendance": (
        "ejournal.attendance",
        ("status", "reason", "document_date"),
    ),
    "ejournal_period_mark": (
        "ejournal.period.mark",
        ("value_id", "kind", "period_id"),
    ),
}

# Written by the seal, once, on a row whose hash is NULL.
SEAL_COLUMNS = ("hash", "prev_hash", "seq", "key_version", "record_name")

TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION ejournal_audit_row() RETURNS trigger AS $$
DECLARE
    model text := TG_ARGV[0];
    insert_logged boolean := TG_ARGV[1]::boolean;
    cols text[] := TG_ARGV[2:];
    old_row jsonb;
    new_row jsonb;
    old_vals jsonb;
    new_vals jsonb;
    cur jsonb;
    uid integer;
    company integer;
    xact varchar := pg_current_xact_id()::text;
BEGIN
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
    -- A listed column missing from the table is skipped, not an error.
    SELECT jsonb_object_agg(c, old_row -> c) INTO old_vals
      FROM unnest(cols) AS c WHERE old_row ? c;
    SELECT jsonb_object_agg(c, new_row -> c) INTO new_vals
      FROM unnest(cols) AS c WHERE new_row ? c;
    IF TG_OP = 'UPDATE' AND old_vals IS NOT DISTINCT FROM new_vals THEN
        RETURN NULL;
    END IF;
    cur := coalesce(new_row, old_row);
    company := CASE WHEN TG_TABLE_NAME = 'res_company' THEN (cur ->> 'id')::int
                    ELSE (cur ->> 'company_id')::int END;
    IF TG_OP = 'UPDATE' THEN
        IF NOT insert_logged
           AND (old_row ->> 'create_date')::timestamp = (now() AT TIME ZONE 'UTC') THEN
            -- Created in this transaction (its INSERT is not logged): the
            -- ORM is filling in computed columns.
            RETURN NULL;
        END IF;
        -- Still in the transaction that created it and not sealed yet: the
        -- create row takes the values (the ORM writes computed columns, the
        -- school included, after the INSERT).
        UPDATE ejournal_audit_log SET new_values = new_vals::text, company_id = company
         WHERE id = (SELECT max(id) FROM ejournal_audit_log
                      WHERE model_name = model AND res_id = (cur ->> 'id')::int)
           AND operation = 'create' AND hash IS NULL AND xact_id = xact;
        IF FOUND THEN
            RETURN NULL;
        END IF;
    END IF;
    -- The Odoo user the server declared, else the ORM's stamp, else none.
    uid := nullif(current_setting('ejournal.audit_uid', true), '')::integer;
    IF uid IS NULL AND TG_OP = 'INSERT' THEN
        uid := (new_row ->> 'create_uid')::integer;
    ELSIF uid IS NULL AND TG_OP = 'UPDATE'
          AND new_row -> 'write_date' IS DISTINCT FROM old_row -> 'write_date' THEN
        uid := (new_row ->> 'write_uid')::integer;
    END IF;
    INSERT INTO ejournal_audit_log
        (log_time, user_id, db_role, model_name, res_id, operation,
         old_values, new_values, company_id, xact_id)
    VALUES (
        now() AT TIME ZONE 'UTC', uid, session_user, model, (cur ->> 'id')::int,
        CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'write'
                   ELSE 'unlink' END,
        old_vals::text, new_vals::text, company, xact);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

SEAL_ARRAY = "ARRAY[{}]".format(", ".join(f"'{name}'" for name in SEAL_COLUMNS))
GUARD_FUNCTION = """
CREATE OR REPLACE FUNCTION ejournal_audit_log_refuse() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL THEN
        -- Sealing: the seal columns, set once from NULL, nothing else.
        IF NEW.hash IS NOT NULL AND OLD.seq IS NULL AND OLD.prev_hash IS NULL
           AND OLD.key_version IS NULL AND OLD.record_name IS NULL
           AND to_jsonb(NEW) - {seal} = to_jsonb(OLD) - {seal} THEN
            RETURN NEW;
        END IF;
        -- The audit trigger completing a create row of its own transaction.
        IF pg_trigger_depth() > 1 AND NEW.hash IS NULL AND OLD.operation = 'create'
           AND OLD.xact_id = pg_current_xact_id()::text
           AND to_jsonb(NEW) - ARRAY['new_values', 'company_id']
               = to_jsonb(OLD) - ARRAY['new_values', 'company_id'] THEN
            RETURN NEW;
        END IF;
    END IF;
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
CREATE TABLE IF NOT EXISTS ejournal_audit_head (
    company_key integer PRIMARY KEY,
    sealed_at timestamp NOT NULL
);
""".replace("{seal}", SEAL_ARRAY)


def audit_keys():
    """Return ``(current version, {version: key})`` from the server configuration
    (``ejournal_audit_key``, ``ejournal_audit_key_version``, ``ejournal_audit_keys``
    as ``1:old,2:new``) or the environment (the same names in capitals)."""

    def option(name):
        return config.get(name) or os.environ.get(name.upper()) or ""

    keys = {}
    for part in str(option("ejournal_audit_keys")).split(","):
        version, _sep, key = part.strip().partition(":")
        if key:
            keys[int(version)] = key
    version = int(option("ejournal_audit_key_version") or 0) or max(keys, default=1)
    if option("ejournal_audit_key"):
        keys[version] = str(option("ejournal_audit_key"))
    return version, keys


def sign(key, message):
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()


class EjournalAuditLog(models.Model):
    """REQ-90: append-only, keyed hash chain of every change to the journal.

    PostgreSQL triggers on the audited tables write the rows (ORM, server
    action or raw SQL alike); the server seals them: per school, in sequence,
    an HMAC with a key kept outside the database. A guard trigger refuses
    ``UPDATE``, ``DELETE`` and ``TRUNCATE`` except that one sealing.
    """

    _name = "ejournal.audit.log"
    _description = "Journal Audit Log"
    _order = "id desc"
    _log_access = False

    log_time = fields.Datetime(string="Time", required=True, readonly=True)
    user_id = fields.Many2one("res.users", ondelete="restrict", readonly=True)
    db_role = fields.Char(string="Database Role", readonly=True)
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
    company_id = fields.Many2one(
        "res.company", string="School", ondelete="restrict", readonly=True, index=True
    )
    xact_id = fields.Char(string="Transaction", readonly=True)
    seq = fields.Integer(string="Sequence", readonly=True, aggregator=False)
    key_version = fields.Integer(readonly=True, aggregator=False)
    prev_hash = fields.Char(readonly=True)
    hash = fields.Char(readonly=True)

    # Display only (never stored): what a deputy director reads of a row.
    record_ref = fields.Reference(
        selection="_selection_record_ref",
        string="Record",
        compute="_compute_display",
    )
    model_description = fields.Char(string="Kind", compute="_compute_display")
    changes_display = fields.Html(
        string="Changes", compute="_compute_display", sanitize=False
    )

    _model_res_idx = models.Index("(model_name, res_id, id)")
    _unsealed_idx = models.Index("(company_id, id) WHERE hash IS NULL")
    _company_seq_uniq = models.UniqueIndex("(COALESCE(company_id, 0), seq)")

    def init(self):
        self.env.cr.execute(TRIGGER_FUNCTION)
        self.env.cr.execute(GUARD_FUNCTION)
        # The journal tables are made after this one: their triggers come last.
        self.pool.post_init(self._install_triggers)

    def _install_triggers(self):
        cr = self.env.cr
        for table, (model, insert_logged, columns) in AUDITED_TABLES.items():
            cr.execute(SQL("SELECT to_regclass(%s)", table))
            if not cr.fetchone()[0]:
                continue
            events = "UPDATE OR DELETE" if table in DELETE_UPDATE_ONLY else "UPDATE"
            if insert_logged:
                events = "INSERT OR UPDATE OR DELETE"
            cr.execute(
                SQL(
                    "CREATE OR REPLACE TRIGGER ejournal_audit AFTER %s ON %s "
                    "FOR EACH ROW EXECUTE FUNCTION ejournal_audit_row(%s)",
                    SQL(events),
                    SQL.identifier(table),
                    SQL(", ").join(
                        SQL("%s", arg)
                        for arg in (model, str(insert_logged).lower(), *columns)
                    ),
                )
            )

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The audit log cannot be changed."))

    # ------------------------------------------------------------ display

    @api.model
    def _selection_record_ref(self):
        models_ = {model for model, _insert, _columns in AUDITED_TABLES.values()}
        return [
            (name, self.env[name]._description)
            for name in sorted(models_)
            if name in self.env
        ]

    @api.depends("model_name", "res_id", "old_values", "new_values", "operation")
    @api.depends_context("lang", "tz")
    def _compute_display(self):
        """REQ-90: the row as a person reads it: each changed field by its
        label, old → new, with dates, names and labels of the user's language,
        and a link to the record when it still exists."""
        existing = {}
        for model_name in set(self.mapped("model_name")):
            if model_name not in self.env:
                continue
            ids = self.filtered(lambda r, m=model_name: r.model_name == m).mapped(
                "res_id"
            )
            Model = self.env[model_name].sudo().with_context(active_test=False)
            existing[model_name] = set(Model.browse(ids).exists().ids)
        for row in self:
            known = row.model_name in self.env
            row.model_description = (
                self.env["ir.model"]._get(row.model_name).name
                if known
                else row.model_name
            )
            row.record_ref = (
                f"{row.model_name},{row.res_id}"
                if row.res_id in existing.get(row.model_name, ())
                else False
            )
            row.changes_display = row._changes_html() if known else False

    @api.depends("operation", "record_name", "model_name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        operations = dict(self._fields["operation"]._description_selection(self.env))
        for row in self:
            what = row.record_name or (
                self.env["ir.model"]._get(row.model_name).name or row.model_name
            )
            row.display_name = f"{operations.get(row.operation)}: {what}"

    def _changes_html(self):
        self.ensure_one()
        try:
            old = json.loads(self.old_values or "{}") or {}
            new = json.loads(self.new_values or "{}") or {}
        except ValueError:
            return Markup("<pre>%s</pre>") % (self.new_values or self.old_values)
        Model = self.env[self.model_name]
        columns = next(
            (
                columns
                for model, _insert, columns in AUDITED_TABLES.values()
                if model == self.model_name
            ),
            (),
        )
        names = [*columns, *old, *new]
        lines = []
        for name in dict.fromkeys(names):
            if name not in old and name not in new:
                continue
            if name == "company_id" or name not in Model._fields:
                continue
            before, after = old.get(name), new.get(name)
            if self.operation == "write" and before == after:
                continue
            field = Model._fields[name]
            label = field._description_string(self.env)
            shown_before = self._format_value(field, before)
            shown_after = self._format_value(field, after)
            if self.operation == "create":
                change = shown_after
            elif self.operation == "unlink":
                change = shown_before
            elif shown_before == shown_after:
                continue  # e.g. another language's translation changed
            else:
                change = Markup("%s → <b>%s</b>") % (shown_before, shown_after)
            if change == EMPTY and self.operation != "write":
                continue  # nothing to read in an empty value
            lines.append(
                Markup('<div class="o_ejournal_audit_change"><b>%s</b>: %s</div>')
                % (label, change)
            )
        return Markup("").join(lines) or False

    def _format_value(self, field, value):
        """One logged value as the user reads it."""
        if value is None or value is False and field.type != "boolean":
            return EMPTY
        env = self.env
        try:
            if field.type == "many2one":
                record = env[field.comodel_name].with_context(active_test=False)
                record = record.browse(int(value))
                if not record.sudo().exists():
                    return f"#{value}"
                try:
                    return record.display_name
                except AccessError:
                    return f"#{value}"
            if field.type == "selection":
                options = dict(field._description_selection(env))
                return options.get(value, value)
            if field.type == "boolean":
                return env._("Yes") if value else env._("No")
            if field.type == "date":
                return format_date(env, fields.Date.to_date(str(value)[:10]))
            if field.type == "datetime":
                moment = fields.Datetime.to_datetime(str(value)[:19].replace("T", " "))
                return format_datetime(env, moment)
            if field.type == "float":
                return f"{float(value):g}"
            if isinstance(value, dict):  # a translated column
                lang = env.lang or "en_US"
                return (
                    value.get(lang)
                    or value.get("en_US")
                    or next(iter(value.values()), "")
                )
        except (ValueError, TypeError, KeyError):
            _logger.debug("Audit value %r of %s shown as logged", value, field.name)
        return str(value)

    @api.ondelete(at_uninstall=True)
    def _unlink_never(self):
        raise UserError(self.env._("The audit log cannot be deleted."))

    # ------------------------------------------------------------ ORM writes

    @api.model
    def _audit_begin(self):
        """Name the Odoo user in the rows the triggers write until ``_audit_end``."""
        self.env.cr.execute(
            SQL("SELECT set_config('ejournal.audit_uid', %s, true)", str(self.env.uid))
        )

    @api.model
    def _audit_end(self, records):
        """After an ORM change of ``records``: write it out, stop naming the user
        (raw SQL that follows is the database role's) and seal."""
        records.flush_recordset()
        self.env.cr.execute("SELECT set_config('ejournal.audit_uid', '', true)")
        self._seal()

    # --------------------------------------------------------------- sealing

    @staticmethod
    def _company_key(company_id):
        return company_id or 0

    @api.model
    def _seal(self):
        """Seal this transaction's visible unsealed rows, school by school.

        Return the number of rows sealed, or False when no key is configured.
        """
        version, keys = audit_keys()
        if version not in keys:
            _logger.error(
                "Audit log not sealed: no key configured (ejournal_audit_key in "
                "the server configuration or EJOURNAL_AUDIT_KEY)."
            )
            return False
        cr = self.env.cr
        cr.execute(
            "SELECT DISTINCT company_id FROM ejournal_audit_log WHERE hash IS NULL"
        )
        companies = sorted((row[0] for row in cr.fetchall()), key=self._company_key)
        sealed = 0
        for company_id in companies:
            sealed += self._seal_company(company_id, version, keys[version])
        return sealed

    @api.model
    def _seal_company(self, company_id, version, key):
        cr = self.env.cr
        company_key = self._company_key(company_id)
        cr.execute(
            SQL("SELECT pg_advisory_xact_lock(%s, %s)", LOCK_NAMESPACE, company_key)
        )
        # Odoo's REPEATABLE READ snapshot may predate a concurrent seal of this
        # school: touching its head row then fails with a serialization error,
        # which the server retries, instead of forking the chain.
        cr.execute(
            SQL(
                """INSERT INTO ejournal_audit_head (company_key, sealed_at)
                   VALUES (%s, now() AT TIME ZONE 'UTC')
                   ON CONFLICT (company_key)
                   DO UPDATE SET sealed_at = EXCLUDED.sealed_at""",
                company_key,
            )
        )
        seq, prev_hash = self._chain_head(company_id)
        cr.execute(
            SQL(
                """SELECT id, log_time, user_id, db_role, model_name, res_id, operation,
                          old_values, new_values, company_id, xact_id
                     FROM ejournal_audit_log
                    WHERE company_id IS NOT DISTINCT FROM %s AND hash IS NULL
                    ORDER BY id""",
                company_id,
            )
        )
        rows = cr.dictfetchall()
        if not rows:
            return 0
        names = self._record_names(rows)
        for row in rows:
            seq += 1
            row.update(
                record_name=names.get((row["model_name"], row["res_id"])),
                seq=seq,
                key_version=version,
                prev_hash=prev_hash,
            )
            row["hash"] = prev_hash = sign(key, self._canonical(row))
        cr.execute(
            SQL(
                """UPDATE ejournal_audit_log AS log
                      SET record_name = v.record_name, seq = v.seq, hash = v.hash,
                          prev_hash = v.prev_hash, key_version = %s
                     FROM unnest(%s::int[], %s::varchar[], %s::int[],
                                 %s::varchar[], %s::varchar[])
                          AS v(id, record_name, seq, prev_hash, hash)
                    WHERE log.id = v.id""",
                version,
                *(
                    [row[name] for row in rows]
                    for name in ("id", "record_name", "seq", "prev_hash", "hash")
                ),
            )
        )
        return len(rows)

    @api.model
    def _chain_head(self, company_id):
        self.env.cr.execute(
            SQL(
                """SELECT seq, hash FROM ejournal_audit_log
                    WHERE company_id IS NOT DISTINCT FROM %s AND seq IS NOT NULL
                    ORDER BY seq DESC LIMIT 1""",
                company_id,
            )
        )
        row = self.env.cr.fetchone()
        return (row[0], row[1]) if row else (0, GENESIS_HASH)

    @api.model
    def _record_names(self, rows):
        """The records' names as they stand, or as logged when deleted."""
        names = {}
        by_model = {}
        for row in rows:
            by_model.setdefault(row["model_name"], {})[row["res_id"]] = row
        for model_name, rows_by_id in by_model.items():
            Model = self.env[model_name].sudo().with_context(active_test=False)
            existing = Model.browse(rows_by_id).exists()
            existing.invalidate_recordset()  # raw SQL may have changed them
            for record in existing:
                names[model_name, record.id] = record.display_name
            for res_id in set(rows_by_id) - set(existing.ids):
                values = json.loads(rows_by_id[res_id]["old_values"] or "{}")
                values = {
                    name: value
                    for name, value in values.items()
                    if Model._fields[name].type in ("many2one", "char", "selection")
                }
                names[model_name, res_id] = Model.new(values).display_name
        return names

    @staticmethod
    def _canonical(row):
        return json.dumps(
            [
                row["id"],
                fields.Datetime.to_string(row["log_time"]),
                row["user_id"],
                row["db_role"],
                row["model_name"],
                row["res_id"],
                row["operation"],
                row["old_values"],
                row["new_values"],
                row["company_id"],
                row["xact_id"],
                row["record_name"],
                row["seq"],
                row["key_version"],
                row["prev_hash"],
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @api.model
    def _cron_seal(self):
        """Seal what was written outside the ORM (raw SQL, server actions)."""
        self._seal()

    # ---------------------------------------------------------------- check

    @api.model
    def _audited_companies(self):
        """The schools that have an audit chain or a checkpoint of one (a chain
        deleted whole is still checked against its checkpoint)."""
        schools = self.env["res.company"].sudo()
        for model in ("ejournal.audit.log", "ejournal.audit.checkpoint"):
            groups = (
                self.env[model]
                .sudo()
                ._read_group([("company_id", "!=", False)], ["company_id"])
            )
            schools = schools.union(*(school for (school,) in groups))
        return schools

    @api.model
    def _verify_chain(self, companies=None):
        """Check the chains of ``companies`` (all schools by default), the shared
        chain (rows without a school) included.

        Return a list of findings: dicts with ``kind``, ``company_id``,
        ``message`` and, where there is one, ``log_id``, ``model`` and ``res_id``.
        """
        version, keys = audit_keys()
        if not keys:
            return [
                {
                    "kind": "no_key",
                    "company_id": False,
                    "message": self.env._(
                        "No audit key is configured on the server: the audit log "
                        "cannot be checked."
                    ),
                }
            ]
        if companies is None:
            companies = self._audited_companies()
        findings = []
        for company_id in [False, *companies.ids]:
            findings += self._verify_company(company_id or None, keys)
        return findings

    @api.model
    def _verify_company(self, company_id, keys):
        findings = self._verify_links(company_id, keys)
        findings += self._verify_unsealed(company_id)
        findings += self._verify_checkpoints(company_id, keys)
        if company_id:
            for table, (model, columns) in REPLAY.items():
                findings += self._verify_replay(company_id, table, model, columns)
        return findings

    def _finding(self, kind, company_id, message, row=None, **extra):
        finding = {"kind": kind, "company_id": company_id or False, "message": message}
        if row:
            finding.update(
                log_id=row["id"], model=row["model_name"], res_id=row["res_id"]
            )
        finding.update(extra)
        return finding

    @api.model
    def _iter_sealed(self, company_id):
        """The sealed rows of a chain in sequence order, a batch at a time."""
        cr = self.env.cr
        last_seq = 0
        while True:
            cr.execute(
                SQL(
                    """SELECT id, log_time, user_id, db_role, model_name, res_id,
                              operation, old_values, new_values, company_id, xact_id,
                              record_name, seq, key_version, prev_hash, hash
                         FROM ejournal_audit_log
                        WHERE company_id IS NOT DISTINCT FROM %s AND seq > %s
                        ORDER BY seq LIMIT %s""",
                    company_id,
                    last_seq,
                    BATCH,
                )
            )
            rows = cr.dictfetchall()
            if not rows:
                return
            yield from rows
            last_seq = rows[-1]["seq"]

    @api.model
    def _verify_links(self, company_id, keys):
        expected_seq, expected_prev = 1, GENESIS_HASH
        for row in self._iter_sealed(company_id):
            key = keys.get(row["key_version"])
            if row["seq"] != expected_seq:
                problem = self.env._(
                    "sequence number %(seq)s where %(expected)s was expected "
                    "(rows are missing)",
                    seq=row["seq"],
                    expected=expected_seq,
                )
            elif row["prev_hash"] != expected_prev:
                problem = self.env._("it does not follow the previous entry")
            elif not key:
                problem = self.env._(
                    "it is signed with key version %(version)s, which the server "
                    "does not have",
                    version=row["key_version"],
                )
            elif not hmac.compare_digest(
                row["hash"] or "", sign(key, self._canonical(row))
            ):
                problem = self.env._("it was changed after it was sealed")
            else:
                expected_seq, expected_prev = expected_seq + 1, row["hash"]
                continue
            return [
                self._finding(
                    "broken",
                    company_id,
                    self.env._(
                        "Entry #%(id)s (%(time)s) breaks the chain: %(problem)s.",
                        id=row["id"],
                        time=row["log_time"],
                        problem=problem,
                    ),
                    row,
                    seq=row["seq"],
                )
            ]
        return []

    @api.model
    def _verify_unsealed(self, company_id):
        limit = self.env.cr.now() - timedelta(minutes=2 * SEAL_MINUTES)
        self.env.cr.execute(
            SQL(
                """SELECT count(*), min(id) FROM ejournal_audit_log
                    WHERE company_id IS NOT DISTINCT FROM %s AND hash IS NULL
                      AND log_time < %s""",
                company_id,
                limit,
            )
        )
        count, first_id = self.env.cr.fetchone()
        if not count:
            return []
        return [
            self._finding(
                "unsealed",
                company_id,
                self.env._(
                    "%(count)s entries, the first #%(id)s, were never sealed.",
                    count=count,
                    id=first_id,
                ),
                log_id=first_id,
            )
        ]

    @api.model
    def _verify_checkpoints(self, company_id, keys):
        Checkpoint = self.env["ejournal.audit.checkpoint"].sudo()
        findings = []
        self.env.cr.execute(
            SQL(
                """SELECT count(*), max(seq) FROM ejournal_audit_log
                    WHERE company_id IS NOT DISTINCT FROM %s AND seq IS NOT NULL""",
                company_id,
            )
        )
        count, last_seq = self.env.cr.fetchone()
        last_seq = last_seq or 0
        sources = (
            (self.env._("the checkpoint file"), Checkpoint._last_from_file(company_id)),
            (
                self.env._("the checkpoint table"),
                Checkpoint._last_from_table(company_id),
            ),
        )
        for source, checkpoint in sources:
            if not checkpoint:
                continue
            if not Checkpoint._signature_ok(checkpoint, keys):
                findings.append(
                    self._finding(
                        "checkpoint_forged",
                        company_id,
                        self.env._(
                            "The last checkpoint in %(origin)s does not carry a valid "
                            "signature.",
                            origin=source,
                        ),
                    )
                )
                continue
            if last_seq < checkpoint["last_seq"] or count < checkpoint["row_count"]:
                findings.append(
                    self._finding(
                        "truncated",
                        company_id,
                        self.env._(
                            "The chain ends at entry %(seq)s (%(count)s entries) but "
                            "%(origin)s of %(time)s recorded %(cp_seq)s "
                            "(%(cp_count)s entries): entries were deleted.",
                            seq=last_seq,
                            count=count,
                            origin=source,
                            time=checkpoint["checkpoint_time"],
                            cp_seq=checkpoint["last_seq"],
                            cp_count=checkpoint["row_count"],
                        ),
                        checkpoint_seq=checkpoint["last_seq"],
                    )
                )
                continue
            self.env.cr.execute(
                SQL(
                    """SELECT hash FROM ejournal_audit_log
                        WHERE company_id IS NOT DISTINCT FROM %s AND seq = %s""",
                    company_id,
                    checkpoint["last_seq"],
                )
            )
            row = self.env.cr.fetchone()
            if checkpoint["last_seq"] and (
                not row or row[0] != checkpoint["head_hash"]
            ):
                findings.append(
                    self._finding(
                        "head_differs",
                        company_id,
                        self.env._(
                            "Entry %(seq)s differs from the one %(origin)s of "
                            "%(time)s recorded.",
                            seq=checkpoint["last_seq"],
                            origin=source,
                            time=checkpoint["checkpoint_time"],
                        ),
                        checkpoint_seq=checkpoint["last_seq"],
                    )
                )
        return findings

    @api.model
    def _verify_replay(self, company_id, table, model, columns):
        """Each record's current values against its last logged ones, and every
        logged record that is gone without a logged deletion."""
        cr = self.env.cr
        findings = []
        values = SQL(", ").join(
            SQL("%s, t.%s", column, SQL.identifier(column)) for column in columns
        )
        last_id = 0
        while True:
            cr.execute(
                SQL(
                    """SELECT t.id, jsonb_build_object(%(values)s), last.operation,
                              last.new_values
                         FROM %(table)s AS t
                         LEFT JOIN LATERAL (
                              SELECT operation, new_values FROM ejournal_audit_log
                               WHERE model_name = %(model)s AND res_id = t.id
                               ORDER BY id DESC LIMIT 1) AS last ON TRUE
                        WHERE t.company_id = %(company)s AND t.id > %(last_id)s
                        ORDER BY t.id LIMIT %(batch)s""",
                    values=values,
                    table=SQL.identifier(table),
                    model=model,
                    company=company_id,
                    last_id=last_id,
                    batch=BATCH,
                )
            )
            rows = cr.fetchall()
            if not rows:
                break
            for res_id, current, operation, new_values in rows:
                logged = json.loads(new_values or "{}")
                if operation in (None, "unlink"):
                    problem = self.env._("it has no entry in the audit log")
                elif any(logged.get(column) != current[column] for column in columns):
                    problem = self.env._("its values differ from the last logged ones")
                else:
                    continue
                findings.append(
                    self._replay_finding(company_id, model, res_id, problem)
                )
            last_id = rows[-1][0]
        last_id = 0
        while True:
            cr.execute(
                SQL(
                    """SELECT last.res_id, last.operation, t.id IS NULL
                         FROM (SELECT DISTINCT ON (res_id) res_id, operation
                                 FROM ejournal_audit_log
                                WHERE model_name = %(model)s
                                  AND company_id = %(company)s
                                  AND res_id > %(last_id)s
                                ORDER BY res_id, id DESC LIMIT %(batch)s) AS last
                         LEFT JOIN %(table)s AS t ON t.id = last.res_id
                        ORDER BY last.res_id""",
                    model=model,
                    company=company_id,
                    last_id=last_id,
                    batch=BATCH,
                    table=SQL.identifier(table),
                )
            )
            rows = cr.fetchall()
            if not rows:
                break
            findings += [
                self._replay_finding(
                    company_id,
                    model,
                    res_id,
                    self.env._("it is gone but its deletion was not logged"),
                )
                for res_id, operation, missing in rows
                if missing and operation != "unlink"
            ]
            last_id = rows[-1][0]
        return findings

    def _replay_finding(self, company_id, model, res_id, problem):
        return self._finding(
            "replay",
            company_id,
            self.env._(
                "%(model)s #%(id)s: %(problem)s.",
                model=self.env[model]._description,
                id=res_id,
                problem=problem,
            ),
            model=model,
            res_id=res_id,
        )

    def action_verify_chain(self):
        """The "Verify Integrity" button (list header: called with the selected
        rows, which do not matter): the chains of the user's schools."""
        if not self.env.user.has_group("ejournal_school.group_ejournal_control"):
            raise AccessError(
                self.env._(
                    "Only the director's working group and the deputy director may "
                    "verify the audit log."
                )
            )
        findings = self.sudo()._verify_chain(self.env.user.company_ids)
        if findings:
            message = "\n".join(finding["message"] for finding in findings)
            notification_type = "danger"
        else:
            message = self.env._("The audit log is intact.")
            notification_type = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Audit log check"),
                "message": message,
                "type": notification_type,
                "sticky": True,
                "findings": findings,
            },
        }
