import { Component, onMounted, useRef } from "@odoo/owl";
import { attendanceLabel, attendanceLetter, cellKey, fullDate } from "./gradebook_utils";

/**
 * The details of one cell: its marks with their work types, its attendance,
 * and why it is locked. Entries are added, retyped or removed here; from a
 * locked cell a correction request is opened (REQ-45).
 */
export class GradebookCellPopover extends Component {
    static template = "ejournal_school.GradebookCellPopover";
    static props = {
        model: Object,
        // The grid read through a prop (reactive for this component), so that
        // the popover follows the saves of its cell.
        grid: Object,
        lesson: Object,
        student: Object,
        close: Function,
    };

    setup() {
        this.root = useRef("root");
        onMounted(() => this.root.el?.querySelector("button, select")?.focus());
    }

    get cell() {
        return this.props.grid.cells[cellKey(this.props.lesson.id, this.props.student.id)];
    }

    get mode() {
        return this.props.lesson.mode;
    }

    get canEditMarks() {
        return this.mode === "open" || this.mode === "control";
    }

    get canEditAttendance() {
        return this.mode === "open";
    }

    get values() {
        return this.props.model.scaleValues(this.props.lesson);
    }

    get workTypes() {
        return this.props.model.selectableWorkTypes(this.props.lesson);
    }

    get newWorkTypeId() {
        return this.props.model.defaultWorkTypeId(this.props.lesson);
    }

    get dateLabel() {
        return `${fullDate(this.props.lesson.date)} · ${this.props.lesson.number}`;
    }

    letter(status) {
        return attendanceLetter(status);
    }

    label(status) {
        return attendanceLabel(status);
    }

    workTypeName(workTypeId) {
        return this.props.model.workType(workTypeId)?.name || "";
    }

    onKeydown(ev) {
        if (ev.key === "Escape") {
            ev.preventDefault();
            ev.stopPropagation();
            this.props.close();
        }
    }

    addMark(value) {
        const select = this.root.el.querySelector(".o_gb_new_work_type");
        const workTypeId = parseInt(select?.value) || this.newWorkTypeId;
        this.props.model.enterMark(this.props.lesson, this.props.student, value.code, workTypeId);
    }

    changeWorkType(mark, ev) {
        this.props.model.changeWorkType(
            this.props.lesson,
            this.props.student,
            mark,
            parseInt(ev.target.value)
        );
    }

    removeMark(mark) {
        this.props.model.removeMark(this.props.lesson, this.props.student, mark);
    }

    setAttendance(status) {
        this.props.model.enterAttendance(this.props.lesson, this.props.student, status);
    }

    isSelectable(workTypeId) {
        return this.workTypes.some((w) => w.id === workTypeId);
    }

    correctAttendance() {
        const attendance = this.cell?.attendance;
        this.requestCorrection(
            attendance
                ? { kind: "attendance", ...attendance }
                : { kind: "attendance", new_status: "absent" }
        );
    }

    correctMark(mark) {
        this.requestCorrection({ kind: "mark", ...mark });
    }

    requestCorrection(entry) {
        this.props.close();
        this.props.model.openCorrection(this.props.lesson, this.props.student, entry);
    }
}
