import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

# A first digest, or one after a long pause, covers at most this much.
DIGEST_FIRST_PERIOD = timedelta(days=1)
DIGEST_MAX_PERIOD = timedelta(days=7)
# A digest reports what was entered up to a few minutes ago: an entry whose
# transaction was still open when the digest was read comes in the next one.
DIGEST_SETTLE_TIME = timedelta(minutes=10)


class EjournalParent(models.Model):
    _inherit = "ejournal.parent"
    # The parent's own choice, made in the diary, and the digest's own stamp.
    _ejournal_server_set = ("digest_opt_in", "last_digest_at")

    last_digest_at = fields.Datetime(
        string="Last Digest Up To",
        readonly=True,
        copy=False,
        help="The daily e-mail digest reported everything entered up to this "
        "moment; the next digest starts from here, so nothing is sent twice.",
    )

    # Daily e-mail digest (REQ-74) ---------------------------------------------

    @api.model
    def _cron_send_diary_digest(self):
        """Scheduled action: the digest of every parent who opted in, each
        committed on its own so that a failure never sends a digest twice."""
        parents = self.search(
            [("digest_opt_in", "=", True), ("email", "!=", False)], order="id"
        )
        until = fields.Datetime.now() - DIGEST_SETTLE_TIME
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=len(parents))
        for parent in parents:
            parent._send_diary_digest(until)
            if not cron._commit_progress(1):
                break

    def _send_diary_digest(self, until=None):
        """Queue one e-mail per parent with the marks and absences entered
        since their last digest, for the children they are linked to now.

        Runs as the scheduled action's user (superuser): the parents and the
        children come from the database, never from a request.
        """
        until = until or fields.Datetime.now() - DIGEST_SETTLE_TIME
        for parent in self.filtered(lambda p: p.digest_opt_in and p.email):
            since = max(
                parent.last_digest_at or until - DIGEST_FIRST_PERIOD,
                until - DIGEST_MAX_PERIOD,
            )
            values = parent._diary_digest_values(since, until)
            if values["children"]:
                parent._queue_diary_digest(values)
            parent.last_digest_at = until

    def _diary_digest_values(self, since, until):
        """New marks and absences of the parent's current children, entered
        after ``since`` and up to ``until`` (REQ-74)."""
        self.ensure_one()
        children = self.guardianship_ids.student_id.filtered("active")
        window = [
            ("student_id", "in", children.ids),
            ("create_date", ">", since),
            ("create_date", "<=", until),
        ]
        marks = self.env["ejournal.mark"].search(window, order="date, lesson_id, id")
        attendances = self.env["ejournal.attendance"].search(
            window, order="date, lesson_id, id"
        )
        rows = []
        for child in children:
            child_marks = marks.filtered(lambda m, child=child: m.student_id == child)
            child_attendances = attendances.filtered(
                lambda a, child=child: a.student_id == child
            )
            if child_marks or child_attendances:
                rows.append(
                    {
                        "student": child,
                        "marks": child_marks,
                        "attendances": child_attendances,
                    }
                )
        return {
            "parent": self,
            "children": rows,
            "since": since,
            "until": until,
            "base_url": self.get_base_url(),
        }

    def _queue_diary_digest(self, values):
        self.ensure_one()
        lang = self.user_id.lang or self.lang
        parent = self.with_context(lang=lang)
        body = parent.env["ir.qweb"]._render(
            "ejournal_school_portal.ejournal_diary_digest_mail", values
        )
        company = self.company_id
        mail_values = {
            "subject": parent.env._(
                "%(school)s: new marks and absences in the diary",
                school=company.name,
            ),
            "body_html": body,
            "recipient_ids": [fields.Command.link(self.partner_id.id)],
            "auto_delete": True,
        }
        if company.email:
            mail_values["email_from"] = company.email_formatted
        mail = self.env["mail.mail"].create(mail_values)
        _logger.info("Diary digest queued for parent %s (mail %s)", self.id, mail.id)
        return mail
