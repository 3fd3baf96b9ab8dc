from odoo.exceptions import AccessError
from odoo.tests import JsonRpcException, tagged

from .common import PASSWORD, DiaryCase, DiaryHttpCase

# Every model the diary reads for a pupil.
DIARY_MODELS = (
    "ejournal.student",
    "ejournal.parent",
    "ejournal.guardianship",
    "ejournal.class",
    "ejournal.class.enrolment",
    "ejournal.subgroup",
    "ejournal.lesson",
    "ejournal.homework",
    "ejournal.mark",
    "ejournal.attendance",
    "ejournal.period.mark",
    "ejournal.period",
    "ejournal.academic.year",
    "ejournal.holiday",
    "ejournal.event",
    "ejournal.bell",
    "ejournal.day.transfer",
    "ejournal.subject",
    "ejournal.work.type",
    "ejournal.grade.scale",
    "ejournal.grade.scale.value",
)
ACCESS_ERROR = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install")
class TestDiaryAccessRights(DiaryCase):
    """REQ-07, REQ-08, REQ-72: what portal users may do with each model the
    diary reads, through the ORM as the user (what RPC calls reach)."""

    def test_portal_users_change_nothing(self):
        """REQ-07, REQ-08: read only: no create, write or delete on any diary
        model, the parent's own card included (its digest opt-in is changed by
        the diary's form only, see test_diary_digest)."""
        for user in (self.user_parent, self.user_pupil):
            for model in DIARY_MODELS:
                Model = self.env[model].with_user(user)
                with self.subTest(user=user.login, model=model):
                    self.assertTrue(Model.has_access("read"))
                    self.assertFalse(Model.has_access("write"))
                    self.assertFalse(Model.has_access("create"))
                    self.assertFalse(Model.has_access("unlink"))

    def test_own_parent_card_is_read_only(self):
        """REQ-07, REQ-74: the parent's own card, digest opt-in included, is
        not writable through the ORM; nor is anybody else's."""
        own = self.parent.with_user(self.user_parent)
        self.assertEqual(own.read(["digest_opt_in"])[0]["digest_opt_in"], False)
        for vals in (
            {"digest_opt_in": True},
            {"name": "Hacker"},
            {"email": "evil@example.com"},
            {"last_digest_at": "2000-01-01 00:00:00"},
            {"user_id": self.user_stranger.id},
            {"guardianship_ids": [(0, 0, {"student_id": self.classmate.id})]},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                own.write(vals)
        with self.assertRaises(AccessError):
            self.other_parent.with_user(self.user_parent).write({"digest_opt_in": True})
        self.assertEqual(self.parent.name, "Aigul Asanova")
        self.assertFalse(self.parent.digest_opt_in)
        self.assertFalse(self.other_parent.digest_opt_in)

    def test_foreign_records_are_unreadable(self):
        """REQ-72, REQ-92: nothing personal of a classmate is readable."""
        foreign = {
            "ejournal.student": self.classmate,
            "ejournal.parent": self.other_parent,
            "ejournal.guardianship": self.other_parent.guardianship_ids,
            "ejournal.class.enrolment": self.classmate.enrolment_ids,
            "ejournal.subgroup": self.group_2,
            "ejournal.homework": self.homework_classmate,
            "ejournal.mark": self.mark_classmate,
            "ejournal.attendance": self.absence_classmate,
            "ejournal.period.mark": self.period_mark_classmate,
            "res.partner": self.classmate.partner_id,
        }
        for user in (self.user_parent, self.user_pupil):
            for model, records in foreign.items():
                with self.subTest(user=user.login, model=model):
                    self.assertTrue(records)
                    with self.assertRaises(AccessError):
                        records.with_user(user).read(["display_name"])
        # The pupil does not read their sibling either.
        with self.assertRaises(AccessError):
            self.child_b.with_user(self.user_pupil).read(["name"])
        with self.assertRaises(AccessError):
            self.mark_b.with_user(self.user_pupil).read(["value_id"])


@tagged("post_install", "-at_install")
class TestDiaryJsonRpc(DiaryHttpCase):
    """REQ-72, REQ-92: the same rules over JSON-RPC with a portal session."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assertRefused(self, model, method, *args, errors=(ACCESS_ERROR,), **kwargs):
        with self.assertRaises(JsonRpcException) as catcher:
            self._call(model, method, *args, **kwargs)
        self.assertIn(str(catcher.exception), errors)

    def test_portal_session_cannot_write(self):
        """REQ-07, REQ-08, REQ-45: no create, write or delete over JSON-RPC on
        the diary's models.

        A mark or absence of a past lesson may be refused by the journal
        lock (UserError) before the access rights are checked: refused
        either way, and nothing changes."""
        either = (ACCESS_ERROR, "odoo.exceptions.UserError")
        for login in ("diary_parent", "diary_pupil"):
            self.authenticate(login, PASSWORD)
            with self.subTest(login=login):
                self.assertRefused(
                    "ejournal.mark",
                    "create",
                    [
                        self._mark_vals(
                            self.lesson(self.class_5a, 0, 2),
                            self.child_a,
                            self.v5,
                            self.wt_answer,
                        )
                    ],
                    errors=either,
                )
                self.assertRefused(
                    "ejournal.mark",
                    "write",
                    self.mark_a_test.ids,
                    {"value_id": self.v5.id},
                    errors=either,
                )
                self.assertRefused(
                    "ejournal.mark", "unlink", self.mark_a_test.ids, errors=either
                )
                self.assertRefused(
                    "ejournal.attendance",
                    "write",
                    self.absence_a.ids,
                    {"reason": "valid"},
                    errors=either,
                )
                self.assertRefused(
                    "ejournal.attendance", "unlink", self.absence_a.ids, errors=either
                )
                self.assertRefused(
                    "ejournal.homework",
                    "write",
                    self.homework_own.ids,
                    {"text": "Done"},
                    errors=either,
                )
                self.assertRefused(
                    "ejournal.homework",
                    "create",
                    {"lesson_id": self.lesson(self.class_5a, 0, 1).id, "text": "More"},
                    errors=either,
                )
                # A classmate's records: refused by the access rules, before
                # any journal lock could say anything about them.
                self.assertRefused(
                    "ejournal.mark",
                    "write",
                    self.mark_classmate.ids,
                    {"value_id": self.v5.id},
                )
                self.assertRefused("ejournal.mark", "unlink", self.mark_classmate.ids)
                self.assertRefused(
                    "ejournal.attendance", "unlink", self.absence_classmate.ids
                )
                self.assertRefused(
                    "ejournal.homework",
                    "write",
                    self.homework_classmate.ids,
                    {"text": "x"},
                )
                self.assertRefused(
                    "ejournal.period.mark",
                    "write",
                    self.period_mark_a.ids,
                    {"value_id": self.v5.id},
                    errors=either,
                )
                self.assertRefused(
                    "ejournal.lesson",
                    "write",
                    [self.lesson(self.class_5a, 0, 1).id],
                    {"room": "1"},
                )
                self.assertRefused(
                    "ejournal.student", "write", self.child_a.ids, {"name": "X"}
                )
                self.assertRefused("ejournal.student", "create", {"name": "Nobody"})
                self.assertRefused(
                    "ejournal.guardianship",
                    "create",
                    {"student_id": self.classmate.id, "parent_id": self.parent.id},
                )
                self.assertRefused(
                    "ejournal.guardianship", "unlink", self.parent.guardianship_ids.ids
                )
                self.assertRefused(
                    "ejournal.class.enrolment",
                    "write",
                    self.child_a.enrolment_ids.ids,
                    {"date_to": "2000-01-01"},
                )
                self.assertRefused(
                    "ejournal.parent", "write", self.parent.ids, {"name": "X"}
                )
                self.assertRefused("ejournal.parent", "unlink", self.parent.ids)
        self.env.invalidate_all()
        self.assertEqual(self.mark_a_test.value_id, self.v3)
        self.assertEqual(self.mark_classmate.value_id, self.v2)
        self.assertEqual(self.absence_a.reason, "illness")
        self.assertEqual(self.homework_own.text, "Own task: multiplication table")
        self.assertEqual(self.child_a.name, "Aibek Asanov")
        self.assertEqual(len(self.parent.guardianship_ids), 2)

    def test_portal_session_reads_own_only(self):
        """REQ-72: search_read returns the user's own pupils' records only;
        reading a classmate's record by id is refused."""
        self.authenticate("diary_parent", PASSWORD)
        marks = self._call("ejournal.mark", "search_read", [], ["student_id"])
        self.assertEqual(
            {mark["student_id"][0] for mark in marks},
            {self.child_a.id, self.child_b.id},
        )
        students = self._call("ejournal.student", "search_read", [], ["name"])
        self.assertEqual(
            {s["id"] for s in students}, {self.child_a.id, self.child_b.id}
        )
        self.assertRefused(
            "ejournal.mark", "read", self.mark_classmate.ids, ["value_id"]
        )
        self.assertRefused("ejournal.student", "read", self.classmate.ids, ["name"])
        self.assertRefused(
            "ejournal.homework", "read", self.homework_classmate.ids, ["text"]
        )
        self.assertRefused(
            "res.partner", "read", self.classmate.partner_id.ids, ["name"]
        )
        # Private diary methods are not reachable over RPC.
        with self.assertRaises(JsonRpcException):
            self._call(
                "ejournal.student", "_diary_week", self.classmate.ids, "2026-01-01"
            )

        self.authenticate("diary_pupil", PASSWORD)
        students = self._call("ejournal.student", "search_read", [], ["name"])
        self.assertEqual([s["id"] for s in students], self.child_a.ids)
        homeworks = self._call("ejournal.homework", "search_read", [], ["text"])
        self.assertNotIn("Classmate's secret task", [h["text"] for h in homeworks])

    def test_no_write_over_rpc_even_the_digest(self):
        """REQ-07, REQ-74: over RPC a parent changes nothing, not even their
        own digest opt-in (only the diary's CSRF-protected form does)."""
        self.authenticate("diary_parent", PASSWORD)
        for parent in (self.parent, self.other_parent):
            self.assertRefused(
                "ejournal.parent", "write", parent.ids, {"digest_opt_in": True}
            )
        self.assertRefused(
            "ejournal.parent", "write", self.parent.ids, {"email": "x@example.com"}
        )
        self.env.invalidate_all()
        self.assertFalse(self.parent.digest_opt_in)
        self.assertFalse(self.other_parent.digest_opt_in)
