import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { attendanceLabel, attendanceLetter, cellKey, isMember } from "./gradebook_utils";

/**
 * One pupil's row of the gradebook. Rendered on its own so that moving the
 * active cell or saving a cell re-renders one or two rows, not the whole grid.
 */
export class GradebookRow extends Component {
    static template = "ejournal_school.GradebookRow";
    static props = {
        student: Object,
        index: Number,
        grid: Object,
        activeCol: Number,
        editing: { type: [String, Boolean] },
        gradebook: Object,
    };

    cellOf(lesson) {
        return this.props.grid.cells[cellKey(lesson.id, this.props.student.id)];
    }

    attendanceClass(attendance) {
        return {
            o_gb_attendance: true,
            [`o_gb_${attendance.status}`]: true,
            o_gb_pending: Boolean(attendance.pending),
        };
    }

    member(lesson) {
        return isMember(this.props.student, lesson.date);
    }

    cellClass(lesson, lessonIndex) {
        const member = this.member(lesson);
        return {
            o_gb_cell: true,
            o_gb_today: lesson.is_today,
            o_gb_future: !lesson.is_today && !lesson.is_past,
            o_gb_out: !member,
            [`o_gb_${lesson.mode}`]: member,
            o_gb_active: lessonIndex === this.props.activeCol,
        };
    }

    cellTitle(lesson) {
        if (!this.member(lesson)) {
            return _t("Not a pupil of this class on this day");
        }
        const parts = [];
        const cell = this.cellOf(lesson);
        if (cell?.attendance) {
            let label = attendanceLabel(cell.attendance.status);
            if (cell.attendance.reason_label) {
                label += ` (${cell.attendance.reason_label})`;
            }
            parts.push(label);
        }
        for (const mark of cell?.marks || []) {
            const workType = this.props.gradebook.workType(mark.work_type_id);
            parts.push(`${mark.code} — ${workType?.name || ""}`);
        }
        if (lesson.mode !== "open" && lesson.mode !== "readonly") {
            parts.push(lesson.lock_reason);
        }
        return parts.join("\n");
    }

    /** "Фамилия Имя Отчество" -> "Фамилия Имя": the class list's usual form. */
    get shortName() {
        return (this.props.student.name || "").split(/\s+/).slice(0, 2).join(" ");
    }

    letter(status) {
        return attendanceLetter(status);
    }

    workTypeLabel(workTypeId) {
        return this.props.gradebook.workType(workTypeId)?.short_name || "";
    }
}
