import re

from odoo.tests import tagged

from .common import PASSWORD, DiaryHttpCase

NO_EMAIL = "The daily e-mail was not turned on: no e-mail address is known for you."


@tagged("post_install", "-at_install")
class TestDiaryDigestNeedsEmail(DiaryHttpCase):
    """REQ-74: a digest nobody can receive is not turned on."""

    def _csrf(self):
        page = self.url_open("/my/diary")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_refused_without_email(self):
        """REQ-74: without an e-mail address the opt-in is refused with a
        clear message and what to do; nothing is saved; turning off works."""
        self.parent.partner_id.email = False
        self.authenticate("diary_parent", PASSWORD)
        page = self.url_open("/my/diary").text
        self.assertIn("The daily e-mail can be turned on once it is there.", page)
        response = self.url_open(
            "/my/diary/digest",
            data={"csrf_token": self._csrf(), "digest_opt_in": "1"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith("/my/diary?digest=no_email")
        )
        self.parent.invalidate_recordset()
        self.assertFalse(self.parent.digest_opt_in)
        page = self.url_open("/my/diary?digest=no_email").text
        self.assertIn(NO_EMAIL, page)
        self.assertIn(
            "Ask the class teacher to add your e-mail address to your parent card, "
            "then turn it on here.",
            page,
        )
        self.assertNotIn("Your choice is saved", page)
        self.assertNotIn("Every day you receive an e-mail", page)
        # An opt-in made before the address was removed can still be stopped.
        self.parent.sudo().digest_opt_in = True
        page = self.url_open("/my/diary").text
        self.assertIn(
            "The daily e-mail is on, but it cannot be sent until an e-mail address "
            "is known for you.",
            page,
        )
        self.url_open(
            "/my/diary/digest", data={"csrf_token": self._csrf(), "digest_opt_in": "0"}
        )
        self.parent.invalidate_recordset()
        self.assertFalse(self.parent.digest_opt_in)

    def test_accepted_with_email(self):
        """REQ-74: with an address the opt-in is saved as before."""
        self.authenticate("diary_parent", PASSWORD)
        self.url_open(
            "/my/diary/digest", data={"csrf_token": self._csrf(), "digest_opt_in": "1"}
        )
        self.parent.invalidate_recordset()
        self.assertTrue(self.parent.digest_opt_in)
