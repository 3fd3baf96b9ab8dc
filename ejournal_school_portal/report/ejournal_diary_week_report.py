from datetime import date

from odoo import api, models


class ReportDiaryWeek(models.AbstractModel):
    """REQ-73 (R8.10): the printed weekly report of a pupil's diary.

    Reads as the user who prints: from the portal a parent gets their own
    child only, the record rules refuse any other pupil; the school staff
    print it from the pupil's card with their own rights. The week comes
    from ``data['date']`` (any day of it), else the school's current week.
    """

    _name = "report.ejournal_school_portal.report_diary_week"
    _description = "Weekly Diary Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        students = self.env["ejournal.student"].browse(docids)
        students.check_access("read")
        day = self._parse_date((data or {}).get("date"))
        weeks = {
            student.id: student._diary_week(day or student._diary_today())
            for student in students
        }
        Checkpoint = self.env["ejournal.audit.checkpoint"]
        return {
            "doc_ids": students.ids,
            "doc_model": "ejournal.student",
            "docs": students,
            "weeks": weeks,
            # REQ-90: the journal's last checkpoint, published on paper too.
            "checkpoints": {
                school.id: Checkpoint._last_code(school)
                for school in students.company_id
            },
        }

    @api.model
    def _parse_date(self, value):
        if not isinstance(value, str):
            return None
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
