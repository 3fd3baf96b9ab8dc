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
        activeCol: Number,
        editing: { type: [String, Boolean] },
        model: Object,
        // The active cell's editor: { onInput, onKeydown, onBlur }.
        editor: Object,
    };

    get grid() {
        return this.props.model.grid;
    }

    get average() {
        const average = this.props.student.average;
        return average ? average.toFixed(2) : "";
    }

    periodCellClass(column, index) {
        const reason = this.props.model.periodLockReason(column);
        return {
            o_gb_cell: true,
            o_gb_summary: true,
            o_gb_period_mark: true,
            o_gb_period_cell: true,
            o_gb_period_closed: Boolean(reason),
            o_gb_period_open: !reason,
            o_gb_active: this.grid.lessons.length + index === this.props.activeCol,
        };
    }

    /** The proposal's formula and, for a closed cell, why (REQ-46). */
    periodTitle(column) {
        const cell = this.props.model.periodCell(this.props.student, column);
        const parts = [column.title];
        if (cell.proposed) {
            parts.push(_t("Proposed: %(code)s — %(formula)s", { code: cell.proposed, formula: cell.formula }));
        }
        const reason = this.props.model.periodLockReason(column);
        if (reason) {
            parts.push(reason);
        }
        return parts.join("\n");
    }

    cellOf(lesson) {
        return this.grid.cells[cellKey(lesson.id, this.props.student.id)];
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
            const workType = this.props.model.workType(mark.work_type_id);
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
        return this.props.model.workType(workTypeId)?.short_name || "";
    }
}
