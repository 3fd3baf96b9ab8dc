import logging
import re
from datetime import date as date_type

from werkzeug.exceptions import NotFound

from odoo.fields import Domain
from odoo.http import content_disposition, request, route

from odoo.addons.portal.controllers import portal

_logger = logging.getLogger(__name__)

REPORT_DIARY_WEEK = "ejournal_school_portal.ejournal_student_action_report_diary_week"


class DiaryPortal(portal.CustomerPortal):
    """The families' electronic diary under /my/diary (REQ-70…REQ-74).

    Every route runs as the logged-in user, with ``auth='user'``; nothing is
    read with ``sudo()``. A pupil is found by searching as the user among
    their own diary cards (themself, their children), so the portal record
    rules and the explicit domain both apply; an id the user may not read,
    existing or not, gives the same 404 (REQ-72, REQ-92). The only write, the
    digest opt-in of the user's own card, is explained in its route.
    """

    # Home ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "diary_count" in counters:
            Student = request.env["ejournal.student"]
            values["diary_count"] = (
                Student.search_count(Student._diary_domain())
                if Student.has_access("read")
                else 0
            )
        return values

    # Helpers ---------------------------------------------------------------

    def _diary_students(self):
        Student = request.env["ejournal.student"]
        if not Student.has_access("read"):
            return Student
        return Student.search(Student._diary_domain())

    def _diary_student(self, student_id):
        """The pupil ``student_id`` if it is one of the user's diary cards,
        read as the user; otherwise the same 404 whether it exists or not."""
        Student = request.env["ejournal.student"]
        if not Student.has_access("read"):
            raise NotFound()
        student = Student.search(
            Student._diary_domain() & Domain("id", "=", student_id), limit=1
        )
        if not student:
            raise NotFound()
        return student

    @staticmethod
    def _diary_parse_date(value):
        """A date from the query string, or None when absent or invalid."""
        if not value or not isinstance(value, str):
            return None
        try:
            day = date_type.fromisoformat(value[:10])
        except ValueError:
            return None
        return day if 1900 <= day.year <= 2200 else None

    def _prepare_diary_values(self, student, view, **kwargs):
        """Values shared by the pages of one pupil: layout, child switcher."""
        values = self._prepare_portal_layout_values()
        values.update(
            page_name=f"diary_{view}",
            diary_view=view,
            student=student,
            students=self._diary_students(),
            switch_query=kwargs.get("switch_query", ""),
            school_class=student.class_id,
        )
        return values

    # Routes ----------------------------------------------------------------

    @route("/my/diary", type="http", auth="user", website=True, readonly=True)
    def portal_my_diary(self, **kw):
        """The user's diary cards: a pupil goes straight to their own week,
        a parent sees their children and the e-mail digest setting."""
        students = self._diary_students()
        parent = request.env["ejournal.parent"]
        if parent.has_access("read"):
            parent = parent.search([("user_id", "=", request.env.uid)], limit=1)
        if len(students) == 1 and not parent:
            return request.redirect(f"/my/diary/{students.id}/week")
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="diary",
            students=students,
            parent=parent,
            digest_saved=kw.get("digest") == "saved",
            digest_no_email=kw.get("digest") == "no_email",
            today_by_student={s.id: s._diary_today() for s in students},
        )
        return request.render("ejournal_school_portal.portal_my_diary", values)

    @route(
        "/my/diary/<int:student_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_diary_student(self, student_id, **kw):
        student = self._diary_student(student_id)
        return request.redirect(f"/my/diary/{student.id}/week")

    @route(
        "/my/diary/<int:student_id>/week",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_diary_week(self, student_id, date=None, **kw):
        student = self._diary_student(student_id)
        day = self._diary_parse_date(date) or student._diary_today()
        week = student._diary_week(day)
        values = self._prepare_diary_values(
            student, "week", switch_query=f"date={week['monday'].isoformat()}"
        )
        values["week"] = week
        return request.render("ejournal_school_portal.portal_diary_week", values)

    @route(
        "/my/diary/<int:student_id>/week/pdf",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_diary_week_pdf(self, student_id, date=None, download=None, **kw):
        """REQ-73: the printable weekly report, rendered as the user (the
        report reads through the record rules too)."""
        student = self._diary_student(student_id)
        day = self._diary_parse_date(date) or student._diary_today()
        content, content_type = request.env["ir.actions.report"]._render_qweb_pdf(
            REPORT_DIARY_WEEK, student.ids, data={"date": day.isoformat()}
        )
        filename = "{}_{}.pdf".format(
            re.sub(r"\W+", "_", student.name or "diary"), day.isoformat()
        )
        headers = [
            (
                "Content-Type",
                "application/pdf" if content_type == "pdf" else "text/html",
            ),
            ("Content-Length", len(content)),
            (
                "Content-Disposition",
                content_disposition(
                    filename, disposition_type="attachment" if download else "inline"
                ),
            ),
        ]
        return request.make_response(content, headers=headers)

    @route(
        "/my/diary/<int:student_id>/marks",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_diary_marks(self, student_id, period=None, **kw):
        student = self._diary_student(student_id)
        periods = student._diary_periods()
        selected = periods.browse()
        if period and period.isdigit():
            selected = periods.filtered(lambda p: p.id == int(period))
        selected = selected or student._diary_default_period(periods)
        kinds = dict(periods._fields["kind"]._description_selection(request.env))
        values = self._prepare_diary_values(
            student,
            "marks",
            switch_query=f"period={selected.id}" if selected else "",
        )
        values.update(
            period_groups=[
                (year, year_periods, kinds.get(year_periods[:1].kind, ""))
                for year in periods.year_id
                for year_periods in [
                    periods.filtered(lambda p, year=year: p.year_id == year)
                ]
            ],
            period=selected,
            marks=student._diary_marks(selected) if selected else None,
        )
        return request.render("ejournal_school_portal.portal_diary_marks", values)

    @route(
        "/my/diary/<int:student_id>/attendance",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_diary_attendance(self, student_id, **kw):
        student = self._diary_student(student_id)
        values = self._prepare_diary_values(student, "attendance")
        values["years"] = student._diary_attendance()
        return request.render("ejournal_school_portal.portal_diary_attendance", values)

    @route(
        "/my/diary/digest",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_diary_digest(self, digest_opt_in=None, **kw):
        """REQ-74: a parent turns their own daily e-mail digest on or off.

        POST with the CSRF token. The card is the one of the logged-in user,
        found by searching as the user (the portal rule gives them their own
        card only); no id comes from the request. Portal users have no write
        access to parent cards (REQ-07: read only, over RPC too), so this one
        boolean of that one card is written with ``sudo()``.
        """
        Parent = request.env["ejournal.parent"]
        parent = Parent.browse()
        if Parent.has_access("read"):
            parent = Parent.search([("user_id", "=", request.env.uid)], limit=1)
        if not parent:
            raise NotFound()
        opt_in = digest_opt_in == "1"
        if opt_in and not parent.email:
            # A digest nobody can receive: refused, nothing is saved.
            _logger.info(
                "Diary digest refused for parent card %s: no e-mail", parent.id
            )
            return request.redirect("/my/diary?digest=no_email")
        parent.sudo().digest_opt_in = opt_in
        _logger.info(
            "Diary digest %s by user %s for parent card %s",
            "on" if opt_in else "off",
            request.env.uid,
            parent.id,
        )
        return request.redirect("/my/diary?digest=saved")
