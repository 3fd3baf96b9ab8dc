import re
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.ejournal_school.models.ejournal_journal_entry import journal_unlocked

from .common import PASSWORD, DiaryCase, DiaryHttpCase


@tagged("post_install", "-at_install")
class TestDiaryDigest(DiaryCase):
    """REQ-74: the daily e-mail digest of new marks and absences."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parent.digest_opt_in = True
        cls.other_parent.digest_opt_in = True

    @staticmethod
    def now():
        # A second ahead: create_date has microseconds, Datetime.now() not.
        return fields.Datetime.now() + timedelta(seconds=1)

    def _mails(self, parent):
        return self.env["mail.mail"].search(
            [("recipient_ids", "in", parent.partner_id.ids)], order="id"
        )

    def _age(self, records, until):
        """Make ``records`` look entered one minute before ``until`` (in a
        test, every record of the transaction has the same create_date)."""
        records.flush_recordset()
        self.env.cr.execute(
            f"UPDATE {records._table} SET create_date = %s WHERE id = ANY(%s)",  # noqa: S608
            [until - timedelta(minutes=1), records.ids],
        )
        records.invalidate_recordset(["create_date"])

    def test_digest_lists_new_marks_and_absences_of_own_children(self):
        """REQ-74, REQ-72: one e-mail per parent with the new marks and
        absences of their own children, never of another child."""
        until = self.now()
        self.parent._send_diary_digest(until)
        mail = self._mails(self.parent)
        self.assertEqual(len(mail), 1)
        body = mail.body_html
        for text in (self.child_a.name, self.child_b.name, "Mathematics", "Russian"):
            self.assertIn(text, body)
        self.assertIn(f"/my/diary/{self.child_a.id}/week", body)
        self.assertIn("Absent", body)
        self.assertIn("Late", body)
        self.assertNotIn(self.classmate.name, body)
        self.assertEqual(self.parent.last_digest_at, until)
        # The classmate's parent gets the classmate's news, nothing of ours.
        self.other_parent._send_diary_digest(until)
        other = self._mails(self.other_parent)
        self.assertEqual(len(other), 1)
        self.assertIn(self.classmate.name, other.body_html)
        self.assertNotIn(self.child_a.name, other.body_html)

    def test_nothing_is_sent_twice(self):
        """REQ-74: each digest starts where the previous one ended."""
        first = self.now()
        self.parent._send_diary_digest(first)
        self.assertEqual(len(self._mails(self.parent)), 1)
        # Nothing new: no e-mail, the digest moves on.
        second = first + timedelta(days=1)
        self.parent._send_diary_digest(second)
        self.assertEqual(len(self._mails(self.parent)), 1)
        self.assertEqual(self.parent.last_digest_at, second)
        # A mark entered since: the next digest has it, and only it.
        with journal_unlocked():
            new_mark = self.env["ejournal.mark"].create(
                self._mark_vals(
                    self.lesson(self.class_5a, 2, 1),
                    self.child_a,
                    self.v4,
                    self.wt_control,
                )
            )
        third = second + timedelta(days=1)
        self._age(new_mark, third)
        self.parent._send_diary_digest(third)
        mails = self._mails(self.parent)
        self.assertEqual(len(mails), 2)
        self.assertIn(self.wt_control.name, mails[-1].body_html)
        self.assertNotIn(self.wt_dictation.name, mails[-1].body_html)
        self.assertNotIn("Absent", mails[-1].body_html)

    def test_no_mail_about_an_unlinked_child(self):
        """REQ-74, REQ-72: nothing is sent about a child the parent is no
        longer linked to."""
        self.parent.guardianship_ids.filtered(
            lambda link: link.student_id == self.child_b
        ).unlink()
        self.parent._send_diary_digest(self.now())
        body = self._mails(self.parent).body_html
        self.assertIn(self.child_a.name, body)
        self.assertNotIn(self.child_b.name, body)
        self.parent.guardianship_ids.unlink()
        self.parent._send_diary_digest(self.now() + timedelta(hours=1))
        self.assertEqual(len(self._mails(self.parent)), 1)

    def test_only_parents_who_opted_in_with_an_email(self):
        """REQ-74: opt-in only, and an e-mail address is needed."""
        self.parent.digest_opt_in = False
        self.other_parent.email = False
        (self.parent | self.other_parent)._send_diary_digest(self.now())
        self.assertFalse(self._mails(self.parent))
        self.assertFalse(self._mails(self.other_parent))
        self.assertFalse(self.parent.last_digest_at)

    def test_scheduled_action(self):
        """REQ-74: a daily scheduled action sends the digests."""
        cron = self.env.ref("ejournal_school_portal.ejournal_parent_cron_diary_digest")
        self.assertTrue(cron.active)
        self.assertEqual(cron.model_id.model, "ejournal.parent")
        self.assertEqual(cron.code.strip(), "model._cron_send_diary_digest()")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))


@tagged("post_install", "-at_install")
class TestDiaryDigestToggle(DiaryHttpCase):
    """REQ-74: the opt-in form of the diary (POST with the CSRF token)."""

    def _csrf(self):
        page = self.url_open("/my/diary")
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_parent_turns_the_digest_on_and_off(self):
        """REQ-74: the parent opts in and out from the diary, own card only."""
        self.authenticate("diary_parent", PASSWORD)
        self.assertIn("Send me a daily e-mail", self.url_open("/my/diary").text)
        response = self.url_open(
            "/my/diary/digest",
            data={"csrf_token": self._csrf(), "digest_opt_in": "1"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/diary?digest=saved"))
        self.parent.invalidate_recordset()
        self.assertTrue(self.parent.digest_opt_in)
        page = self.url_open("/my/diary?digest=saved")
        self.assertIn("Your choice is saved", page.text)
        self.assertIn("Stop the daily e-mail", page.text)
        self.url_open(
            "/my/diary/digest", data={"csrf_token": self._csrf(), "digest_opt_in": "0"}
        )
        self.parent.invalidate_recordset()
        self.assertFalse(self.parent.digest_opt_in)
        self.assertFalse(self.other_parent.digest_opt_in)

    def test_toggle_needs_post_and_csrf(self):
        """REQ-74, REQ-92: no change without POST and the CSRF token."""
        self.authenticate("diary_parent", PASSWORD)
        response = self.url_open(
            "/my/diary/digest", data={"digest_opt_in": "1"}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.url_open("/my/diary/digest").status_code, 405)
        self.parent.invalidate_recordset()
        self.assertFalse(self.parent.digest_opt_in)

    def test_toggle_without_a_parent_card(self):
        """REQ-74, REQ-08: a pupil or a stranger has no card to change: 404,
        nothing written."""
        for login in ("diary_pupil", "diary_stranger"):
            with self.subTest(login=login):
                self.authenticate(login, PASSWORD)
                page = self.url_open(
                    "/my/diary/"
                    + ("" if login == "diary_stranger" else f"{self.child_a.id}/week")
                )
                token = re.search(r'csrf_token: "([^"]+)"', page.text).group(1)
                response = self.url_open(
                    "/my/diary/digest",
                    data={"csrf_token": token, "digest_opt_in": "1"},
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 404)
        (self.parent | self.other_parent).invalidate_recordset()
        self.assertFalse(self.parent.digest_opt_in)
        self.assertFalse(self.other_parent.digest_opt_in)
