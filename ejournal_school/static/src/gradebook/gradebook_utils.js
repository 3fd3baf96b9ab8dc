import { _t } from "@web/core/l10n/translation";

/** Key of a cell in `grid.cells`: "<lesson id>_<student id>". */
export function cellKey(lessonId, studentId) {
    return `${lessonId}_${studentId}`;
}

/** "2026-11-29" -> "29.11" */
export function dayMonth(isoDate) {
    const [, month, day] = isoDate.split("-");
    return `${day}.${month}`;
}

/** "2026-11-29" -> "29.11.2026" */
export function fullDate(isoDate) {
    const [year, month, day] = isoDate.split("-");
    return `${day}.${month}.${year}`;
}

/** Whether a pupil belongs to the class on a date, from their dated memberships. */
export function isMember(student, isoDate) {
    return student.ranges.some(
        ([start, end]) => start <= isoDate && (!end || isoDate <= end)
    );
}

/**
 * What a lesson's cells accept for the current user:
 * - "open": marks and attendance;
 * - "control": only marks for written control work (REQ-44 checking norm);
 * - "locked": nothing, the entry window is over (or not open yet);
 * - "readonly": the user neither teaches nor substitutes the lesson.
 */
export function lessonMode(lesson) {
    if (!lesson.can_enter) {
        return "readonly";
    }
    if (!lesson.lock_reason) {
        return "open";
    }
    return lesson.control_lock_reason ? "locked" : "control";
}

export const ABSENT_KEYS = ["н", "n"];
export const LATE_KEYS = ["о", "o"];

/** What a typed text means: {kind: "attendance", status} or {kind: "mark", code}. */
export function parseTyped(text) {
    const typed = (text || "").trim();
    const lower = typed.toLowerCase();
    if (!typed) {
        return null;
    }
    if (ABSENT_KEYS.includes(lower)) {
        return { kind: "attendance", status: "absent" };
    }
    if (LATE_KEYS.includes(lower)) {
        return { kind: "attendance", status: "late" };
    }
    return { kind: "mark", code: typed };
}

/**
 * The symbols of the class journal: н (absent) and о (late). Like the mark codes
 * they are journal notation, not interface text; their meaning is spelled out by
 * the translatable `attendanceLabel` in tooltips and in the legend.
 */
export const ATTENDANCE_SYMBOLS = { absent: "н", late: "о" };

export function attendanceLetter(status) {
    return ATTENDANCE_SYMBOLS[status] || "";
}

export function attendanceLabel(status) {
    return status === "late" ? _t("Late") : _t("Absent");
}
