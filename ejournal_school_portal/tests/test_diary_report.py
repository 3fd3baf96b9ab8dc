import re

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PASSWORD, DiaryHttpCase

REPORT = "ejournal_school_portal.ejournal_student_action_report_diary_week"
REPORT_NAME = "ejournal_school_portal.report_diary_week"


@tagged("post_install", "-at_install")
class TestDiaryWeekReport(DiaryHttpCase):
    """REQ-73 (R8.10): the printed weekly report, as the user who prints."""

    def test_pdf_as_the_parent(self):
        """REQ-73, REQ-72: a real PDF (wkhtmltopdf), rendered as the parent,
        for their child only."""
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_parent)
            .with_context(force_report_rendering=True)
        )
        content, kind = Report._render_qweb_pdf(
            REPORT, self.child_a.ids, data={"date": self.monday.isoformat()}
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        with self.assertRaisesRegex(
            AccessError,
            re.escape("doesn't have 'read' access to:\n- Student (ejournal.student)\n"),
        ):
            Report._render_qweb_pdf(REPORT, self.classmate.ids)

    def test_report_content(self):
        """REQ-73, REQ-70: the week's lessons, topics, homework, marks and
        attendance."""
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_parent)
            ._render_qweb_html(
                REPORT, self.child_b.ids, data={"date": self.monday.isoformat()}
            )[0]
            .decode()
        )
        for text in (
            self.child_b.name,
            "6A homework",
            "Control work",
            "Absent",
            "6A museum trip",
        ):
            self.assertIn(text, html)
        self.assertNotIn("Exercise 12, page 40", html)

    def test_report_carries_the_journal_checkpoint(self):
        """REQ-90: the printed report carries the school's last checkpoint of the
        audit chain, so paper copies can prove later tampering."""
        checkpoint = self.env["ejournal.audit.checkpoint"]._make(
            self.child_b.company_id
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_parent)
            ._render_qweb_html(
                REPORT, self.child_b.ids, data={"date": self.monday.isoformat()}
            )[0]
            .decode()
        )
        self.assertTrue(checkpoint.checkpoint_code)
        self.assertIn(
            f'Journal checkpoint: <span class="font-monospace">'
            f"{checkpoint.checkpoint_code}</span>",
            html,
        )

    def test_portal_route(self):
        """REQ-73: /my/diary/<child>/week/pdf for the parent's own child
        (HTML in tests, see ODOO19-NOTES section 4), never for another child."""
        self.authenticate("diary_parent", PASSWORD)
        response = self.url_open(
            self.url(self.child_a, "week/pdf", f"?date={self.monday}")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("inline", response.headers["Content-Disposition"])
        self.assertIn("Exercise 12, page 40", response.text)
        self.assertIn("Weekly report", response.text)
        download = self.url_open(self.url(self.child_a, "week/pdf", "?download=1"))
        self.assertIn("attachment", download.headers["Content-Disposition"])

    def test_standard_report_routes_follow_the_rules(self):
        """REQ-72, REQ-92: the generic /report routes render as the user too:
        another child is refused, with none of its data."""
        self.authenticate("diary_parent", PASSWORD)
        own = self.url_open(f"/report/html/{REPORT_NAME}/{self.child_a.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn(self.child_a.name, own.text)
        for converter in ("html", "pdf"):
            with self.subTest(converter=converter):
                response = self.url_open(
                    f"/report/{converter}/{REPORT_NAME}/{self.classmate.id}",
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 403)
                self.assertNotIn(self.classmate.name, response.text)
                self.assertNotIn("Classmate&#39;s secret task", response.text)
        # A crafted date in the options is only ever a date.
        crafted = self.url_open(
            f"/report/html/{REPORT_NAME}/{self.child_a.id}",
            params={"options": '{"date": "<script>alert(1)</script>"}'},
        )
        self.assertEqual(crafted.status_code, 200)
        self.assertNotIn("<script>alert(1)</script>", crafted.text)

    def test_school_prints_it_from_the_student_card(self):
        """REQ-73 (R8.10): the report is bound to the pupil's card for the
        school."""
        report = self.env.ref(REPORT)
        self.assertEqual(report.binding_model_id.model, "ejournal.student")
        html = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, self.child_a.ids
        )[0]
        self.assertIn(self.child_a.name, html.decode())

    def test_one_week_on_one_landscape_page(self):
        """REQ-73 (R8.10): a pupil's week prints on one landscape A4 page with
        the school's name and logo in its header."""
        import base64
        import io

        from PyPDF2 import PdfReader

        school = self.child_b.company_id
        self.child_b.name = "Бермет Асанова"
        school.logo = base64.b64encode(
            base64.b64decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
            )
        )
        report = self.env.ref(REPORT)
        self.assertEqual(report.paperformat_id.orientation, "Landscape")
        self.assertEqual(report.paperformat_id.format, "A4")
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_parent)
            ._render_qweb_html(
                REPORT, self.child_b.ids, data={"date": self.monday.isoformat()}
            )[0]
            .decode()
        )
        self.assertIn(
            'class="o_diary_report_school_name" style="font-size: 11pt; '
            f'font-weight: bold;">{school.name}</div>',
            html,
        )
        self.assertRegex(
            html, r'<img class="o_diary_report_logo" [^>]*src="data:image/png;base64,'
        )
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_parent)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                REPORT, self.child_b.ids, data={"date": self.monday.isoformat()}
            )
        )
        pages = PdfReader(io.BytesIO(content)).pages
        self.assertEqual(len(pages), 1)
        box = pages[0].mediabox
        self.assertGreater(float(box.width), float(box.height))
        # Rendered as a document of its own (an "article"): in UTF-8, so the
        # pupil's Cyrillic name reads as written, not as mojibake.
        self.assertIn(self.child_b.name, pages[0].extract_text())

    def test_week_pdf_waits_for_no_script(self):
        """REQ-73: the weekly diary runs no JavaScript, so wkhtmltopdf does not
        wait Odoo's print delay for it; other reports keep the delay."""
        Report = self.env["ir.actions.report"]
        diary = self.env.ref(REPORT).paperformat_id
        args = Report._build_wkhtmltopdf_args(diary, True)
        self.assertEqual(args[args.index("--javascript-delay") + 1], "0")
        other = self.env.ref("base.paperformat_euro")
        args = Report._build_wkhtmltopdf_args(other, False)
        self.assertEqual(args[args.index("--javascript-delay") + 1], "1000")
