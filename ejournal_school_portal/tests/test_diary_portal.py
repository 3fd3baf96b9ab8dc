import re
from datetime import timedelta
from urllib.parse import urlsplit

from odoo.tests import tagged

from .common import PASSWORD, DiaryHttpCase

VIEWS = ("week", "marks", "attendance", "week/pdf")


@tagged("post_install", "-at_install")
class TestDiaryPortal(DiaryHttpCase):
    """The diary's routes, as a parent, a pupil, a stranger and nobody."""

    def _get(self, url, **kwargs):
        return self.url_open(url, allow_redirects=False, **kwargs)

    @staticmethod
    def _normalize(html):
        """A page without what differs from one request to the next: the
        CSRF token and the ids in the URL."""
        html = re.sub(r'csrf_token: "[^"]*"', "csrf_token", html)
        return re.sub(r"\d+", "N", html)

    def _missing_id(self):
        Student = self.env["ejournal.student"].with_context(active_test=False)
        return Student.search([], order="id desc", limit=1).id + 1000

    def test_home_card_and_counter(self):
        """REQ-70: /my shows a Diary card counting the user's diaries: the
        children of a parent, 1 for a pupil, none for anybody else."""
        expected = {
            "diary_parent": 2,
            "diary_pupil": 1,
            "diary_other_parent": 1,
            "diary_stranger": 0,
        }
        for login, count in expected.items():
            with self.subTest(login=login):
                self.authenticate(login, PASSWORD)
                result = self.make_jsonrpc_request(
                    "/my/counters", {"counters": ["diary_count"]}
                )
                self.assertEqual(result["diary_count"], count)
        self.authenticate("diary_parent", PASSWORD)
        home = self._get("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn('href="/my/diary"', home.text)
        self.assertIn('data-placeholder_count="diary_count"', home.text)

    def test_parent_reads_both_children(self):
        """REQ-07, REQ-70, REQ-72: the parent's overview lists both children,
        each with their own week, marks and attendance."""
        self.authenticate("diary_parent", PASSWORD)
        overview = self._get("/my/diary")
        self.assertEqual(overview.status_code, 200)
        for child in (self.child_a, self.child_b):
            self.assertIn(child.name, overview.text)
            self.assertIn(f"/my/diary/{child.id}/week", overview.text)
        self.assertNotIn(self.classmate.name, overview.text)

        week = self._get(self.url(self.child_a))
        self.assertEqual(week.status_code, 200)
        self.assertIn("Exercise 12, page 40", week.text)
        self.assertIn("Own task: multiplication table", week.text)
        self.assertIn("Group 1 vocabulary", week.text)
        self.assertIn("Nurlan Substitute", week.text)
        self.assertIn("Parents&#39; meeting", week.text)
        for foreign in (
            "Classmate&#39;s secret task",
            "Group 2 reading",
            "6A homework",
        ):
            self.assertNotIn(foreign, week.text)
        # The child switcher leads to the other child, on the same week.
        self.assertIn(
            f"/my/diary/{self.child_b.id}/week?date={self.monday.isoformat()}",
            week.text,
        )

        week_b = self._get(self.url(self.child_b))
        self.assertEqual(week_b.status_code, 200)
        self.assertIn("6A homework", week_b.text)
        self.assertIn("6A museum trip", week_b.text)
        self.assertNotIn("Exercise 12, page 40", week_b.text)

        marks = self._get(self.url(self.child_a, "marks"))
        self.assertEqual(marks.status_code, 200)
        self.assertIn("3.80", marks.text)
        q1 = self._get(self.url(self.child_a, "marks", f"?period={self.quarter_1.id}"))
        self.assertIn("Fractions", q1.text)
        attendance = self._get(self.url(self.child_a, "attendance"))
        self.assertEqual(attendance.status_code, 200)
        self.assertIn("Illness", attendance.text)

    def test_week_navigation(self):
        """REQ-70: previous and next week by date; a bad date falls back to
        the school's current week."""
        self.authenticate("diary_parent", PASSWORD)
        last_week = self._get(
            self.url(
                self.child_a,
                query=f"?date={(self.monday - timedelta(days=5)).isoformat()}",
            )
        )
        self.assertEqual(last_week.status_code, 200)
        self.assertIn("Fractions", last_week.text)
        self.assertNotIn("Exercise 12, page 40", last_week.text)
        vacation = self._get(
            self.url(
                self.child_a,
                query=f"?date={(self.monday + timedelta(days=9)).isoformat()}",
            )
        )
        self.assertIn("Winter vacation", vacation.text)
        self.assertNotIn("Exercise 12, page 40", vacation.text)
        for garbage in (
            "yesterday",
            "2026-13-45",
            "0001-01-01",
            "9999-12-31",
            "x" * 300,
        ):
            with self.subTest(date=garbage):
                response = self._get(self.url(self.child_a, query=f"?date={garbage}"))
                self.assertEqual(response.status_code, 200)
                self.assertIn("Exercise 12, page 40", response.text)

    def test_other_child_by_id_is_not_found(self):
        """REQ-72, REQ-92: another child's diary by id, existing or not, gives
        the same 404 on every route, and none of its data."""
        self.authenticate("diary_parent", PASSWORD)
        missing = self._missing_id()
        for view in ("", "/week", "/marks", "/attendance", "/week/pdf"):
            with self.subTest(view=view):
                foreign = self._get(f"/my/diary/{self.classmate.id}{view}")
                absent = self._get(f"/my/diary/{missing}{view}")
                huge = self._get(f"/my/diary/{2**40}{view}")
                self.assertEqual(foreign.status_code, 404)
                self.assertEqual(absent.status_code, 404)
                self.assertEqual(huge.status_code, 404)
                self.assertEqual(
                    self._normalize(foreign.text), self._normalize(absent.text)
                )
                for text in (foreign.text, absent.text):
                    self.assertNotIn(self.classmate.name, text)
                    self.assertNotIn("Classmate&#39;s secret task", text)
        # The period of a year the pupil never studied is ignored, not shown.
        response = self._get(self.url(self.child_a, "marks", "?period=999999"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("2nd quarter", response.text)

    def test_pupil_sees_only_themself(self):
        """REQ-08, REQ-72: a pupil goes straight to their own week; a
        classmate's diary is not found."""
        self.authenticate("diary_pupil", PASSWORD)
        response = self._get("/my/diary")
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/diary/{self.child_a.id}/week")
        )
        own = self._get(self.url(self.child_a))
        self.assertEqual(own.status_code, 200)
        self.assertIn("Own task: multiplication table", own.text)
        self.assertNotIn("o_diary_switcher", own.text)
        for student in (self.classmate, self.child_b):
            for view in VIEWS:
                with self.subTest(student=student.name, view=view):
                    response = self._get(self.url(student, view))
                    self.assertEqual(response.status_code, 404)
                    self.assertNotIn(student.name, response.text)

    def test_stranger_has_no_diary(self):
        """REQ-72: a portal user linked to nobody sees no diary at all."""
        self.authenticate("diary_stranger", PASSWORD)
        overview = self._get("/my/diary")
        self.assertEqual(overview.status_code, 200)
        self.assertIn("No pupil is linked to your account", overview.text)
        for student in (self.child_a, self.classmate):
            self.assertEqual(self._get(self.url(student)).status_code, 404)

    def test_anonymous_is_sent_to_login(self):
        """REQ-92: nobody reads the diary without logging in."""
        for url in (
            "/my/diary",
            self.url(self.child_a),
            self.url(self.child_a, "week/pdf"),
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertEqual(response.status_code, 303)
                self.assertEqual(
                    urlsplit(response.headers["Location"]).path, "/web/login"
                )
        counters = self.url_open(
            "/my/counters",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"counters": ["diary_count"]},
            },
        )
        self.assertEqual(counters.status_code, 200)
        self.assertNotIn("result", counters.json())
        self.assertEqual(
            counters.json()["error"]["data"]["name"],
            "odoo.http.SessionExpiredException",
        )

    def test_unlinked_parent_loses_access_on_next_request(self):
        """REQ-72: once the school removes the link, the next request of the
        parent no longer finds the child."""
        self.authenticate("diary_parent", PASSWORD)
        self.assertEqual(self._get(self.url(self.child_b)).status_code, 200)
        self.parent.guardianship_ids.filtered(
            lambda link: link.student_id == self.child_b
        ).unlink()
        self.env.flush_all()
        self.assertEqual(self._get(self.url(self.child_b)).status_code, 404)
        self.assertEqual(self._get(self.url(self.child_b, "week/pdf")).status_code, 404)
        self.assertEqual(self._get(self.url(self.child_a)).status_code, 200)
        result = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["diary_count"]}
        )
        self.assertEqual(result["diary_count"], 1)

    def test_xss_in_homework_is_escaped(self):
        """REQ-92: a homework text with markup is shown as text, never run,
        in the week page and in the weekly report."""
        from odoo.addons.ejournal_school.models.ejournal_journal_entry import (
            journal_unlocked,
        )

        payload = "<script>alert(1)</script> and <img src=x onerror=alert(1)>"
        with journal_unlocked():
            self.homework_general.text = payload
        self.env.flush_all()
        self.authenticate("diary_parent", PASSWORD)
        for url in (self.url(self.child_a), self.url(self.child_a, "week/pdf")):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("<script>alert(1)</script>", response.text)
                self.assertNotIn("<img src=x onerror", response.text)
                self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", response.text)
                self.assertIn("&lt;img src=x onerror=alert(1)&gt;", response.text)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_parent)
            ._render_qweb_html(
                "ejournal_school_portal.ejournal_student_action_report_diary_week",
                self.child_a.ids,
                data={"date": self.monday.isoformat()},
            )[0]
            .decode()
        )
        self.assertNotIn("<script>alert(1)</script>", html)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;", html)
