import re
from datetime import timedelta
from urllib.parse import urljoin

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

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
# The record rules of ``model`` hide its records from the portal user.
HIDDEN = "doesn't have '{operation}' access to:\n- {name} ({model})\n"
# The access rights of ``model`` refuse the operation to the portal user.
NOT_ALLOWED = "You are not allowed to {verb} '{name}' ({model}) records."
VERBS = {"read": "access", "write": "modify", "create": "create", "unlink": "delete"}


def hidden(env, model, operation="read"):
    name = env["ir.model"]._get(model).name
    return HIDDEN.format(operation=operation, name=name, model=model)


def not_allowed(env, model, operation):
    name = env["ir.model"]._get(model).name
    return NOT_ALLOWED.format(verb=VERBS[operation], name=name, model=model)


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
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(
                    AccessError,
                    re.escape(not_allowed(self.env, "ejournal.parent", "write")),
                ),
            ):
                own.write(vals)
        with self.assertRaisesRegex(
            AccessError, re.escape(not_allowed(self.env, "ejournal.parent", "write"))
        ):
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
                    with self.assertRaisesRegex(
                        AccessError, re.escape(hidden(self.env, model))
                    ):
                        records.with_user(user).read(["display_name"])
        # The pupil does not read their sibling either.
        with self.assertRaisesRegex(
            AccessError, re.escape(hidden(self.env, "ejournal.student"))
        ):
            self.child_b.with_user(self.user_pupil).read(["name"])
        with self.assertRaisesRegex(
            AccessError, re.escape(hidden(self.env, "ejournal.mark"))
        ):
            self.mark_b.with_user(self.user_pupil).read(["value_id"])


@tagged("post_install", "-at_install")
class TestDiaryJsonRpc(DiaryHttpCase):
    """REQ-72, REQ-92: the same rules over JSON-RPC with a portal session."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _call_error(self, model, method, *args, **kwargs):
        """The error data of a JSON-RPC call that must fail: its ``name`` (the
        exception class) and ``message``."""
        response = self.opener.post(
            urljoin(self.base_url(), "/web/dataset/call_kw"),
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            },
            timeout=12,
        )
        response.raise_for_status()
        decoded = response.json()
        self.assertIn("error", decoded, f"{model}.{method} was not refused")
        return decoded["error"]["data"]

    def assertRefused(
        self, model, method, *args, message=None, error=ACCESS_ERROR, **kwargs
    ):
        """The call is refused with ``error`` (the exception's class) whose
        message contains ``message``; by default, an AccessError: the access
        rights of ``model`` refuse ``method``."""
        if message is None:
            message = not_allowed(self.env, model, method)
        data = self._call_error(model, method, *args, **kwargs)
        self.assertEqual(data["name"], error, data["message"])
        self.assertIn(message, data["message"])

    def test_portal_session_cannot_write(self):
        """REQ-07, REQ-08, REQ-45: no create, write or delete over JSON-RPC on
        the diary's models: the access rights refuse each call (they are
        checked before the journal lock, so a portal user learns nothing of the
        lock), and nothing changes."""
        # After the vacation: a lesson whatever the real day of the week is.
        future_lesson = self.env["ejournal.lesson"].create(
            self._lesson_vals(
                self.class_5a, self.monday + timedelta(days=14), 1, self.math
            )
        )
        future_homework = self.env["ejournal.homework"].create(
            {
                "lesson_id": future_lesson.id,
                "kind": "individual",
                "text": "Own task for later",
                "student_ids": [Command.set(self.child_a.ids)],
            }
        )
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
                )
                self.assertRefused(
                    "ejournal.mark",
                    "write",
                    self.mark_a_test.ids,
                    {"value_id": self.v5.id},
                )
                self.assertRefused("ejournal.mark", "unlink", self.mark_a_test.ids)
                self.assertRefused(
                    "ejournal.attendance",
                    "write",
                    self.absence_a.ids,
                    {"status": "late"},
                )
                # The reason too: the access rights refuse before any rule.
                self.assertRefused(
                    "ejournal.attendance",
                    "write",
                    self.absence_a.ids,
                    {"reason": "valid"},
                )
                self.assertRefused("ejournal.attendance", "unlink", self.absence_a.ids)
                # Homework of a lesson still to come: its page is open, so only
                # the access rights refuse (a past page is refused by its lock
                # first, whoever asks).
                self.assertRefused(
                    "ejournal.homework",
                    "write",
                    future_homework.ids,
                    {"text": "Done"},
                )
                self.assertRefused(
                    "ejournal.homework",
                    "create",
                    {"lesson_id": future_homework.lesson_id.id, "text": "More"},
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
        self.assertEqual(future_homework.text, "Own task for later")
        self.assertEqual(future_lesson.homework_ids, future_homework)
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
        for model, records, fields in (
            ("ejournal.mark", self.mark_classmate, ["value_id"]),
            ("ejournal.student", self.classmate, ["name"]),
            ("ejournal.homework", self.homework_classmate, ["text"]),
            ("res.partner", self.classmate.partner_id, ["name"]),
        ):
            with self.subTest(model=model):
                self.assertRefused(
                    model, "read", records.ids, fields, message=hidden(self.env, model)
                )
        # Private diary methods are not reachable over RPC, even for a child of
        # the user's own.
        for child in (self.classmate, self.child_a):
            self.assertRefused(
                "ejournal.student",
                "_diary_week",
                child.ids,
                "2026-01-01",
                message="Private methods (such as 'ejournal.student._diary_week')"
                " cannot be called remotely.",
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
