import { _t } from "@web/core/l10n/translation";
import { cellKey } from "./gradebook_utils";

export const MODEL = "ejournal.gradebook";

/**
 * The gradebook's data and its save queue (REQ-42…46), apart from any
 * component: the grid as the server sent it, the optimistic changes made to
 * it, and the batches of changes sent to `ejournal.gradebook.save_cells`.
 *
 * Every change is shown at once ("pending") and queued; the server's answer
 * replaces the cell (and the pupil's row) by what was saved, so a refusal
 * rolls the cell back to what stands in the journal.
 *
 * `state` is the reactive object the components render (`state.grid`,
 * `state.saving`); `orm` and `notify` are the services it talks through.
 */
export class GradebookModel {
    constructor({ state, orm, notify, onFatal = null }) {
        this.state = state;
        this.orm = orm;
        this.notify = notify;
        this.onFatal = onFatal;
        this.pending = [];
        this.flushing = false;
        this.idle = Promise.resolve();
    }

    get grid() {
        return this.state.grid;
    }

    // Cells ---------------------------------------------------------------------

    cell(lesson, student) {
        return this.grid.cells[cellKey(lesson.id, student.id)];
    }

    ensureCell(lesson, student) {
        const key = cellKey(lesson.id, student.id);
        if (!this.grid.cells[key]) {
            this.grid.cells[key] = { marks: [], attendance: false };
        }
        return this.grid.cells[key];
    }

    // Period marks (REQ-46) -------------------------------------------------------

    get periodColumns() {
        return this.grid?.period_columns || [];
    }

    periodCell(student, column) {
        return student.period_marks?.[column.key] || {};
    }

    /** Why the period cell can't be written now (false if it can). */
    periodLockReason(column) {
        if (!column.can_enter) {
            return _t("Period marks are set by the class teacher and the subject's teachers.");
        }
        return column.lock_reason || false;
    }

    /**
     * Set a period mark typed (`code`) or the proposal (`accept: true`):
     * shown at once, then saved through the period mark on the server.
     * Returns false (nothing queued) when it can't be entered.
     */
    enterPeriodMark(student, column, { code = null, accept = false, remove = false } = {}) {
        const reason = this.periodLockReason(column);
        if (reason) {
            this.notifyLocked(reason);
            return false;
        }
        const current = this.periodCell(student, column);
        const newCode = accept ? current.proposed : code;
        if (!remove && !newCode) {
            this.notify(_t("No marks to propose from."), { type: "warning" });
            return false;
        }
        if (!remove && newCode === current.code) {
            return true;
        }
        student.period_marks = {
            ...student.period_marks,
            [column.key]: { ...current, code: remove ? false : newCode, pending: true },
        };
        const change = {
            kind: "period_mark",
            student_id: student.id,
            class_id: this.grid.class.id,
            subject_id: this.grid.subject.id,
            period_kind: column.kind,
            period_id: column.period_id || false,
        };
        if (remove) {
            change.delete = true;
        } else if (accept) {
            change.accept_proposal = true;
        } else {
            change.value_code = code;
        }
        this.queueChange(`period_${student.id}_${column.key}`, change);
        return true;
    }

    // The save queue --------------------------------------------------------------

    queue(lesson, student, change) {
        return this.queueChange(cellKey(lesson.id, student.id), {
            lesson_id: lesson.id,
            student_id: student.id,
            ...change,
        });
    }

    queueChange(key, change) {
        this.pending.push({ key, change });
        this.idle = this.flush();
        return this.idle;
    }

    async flush() {
        if (this.flushing) {
            return this.idle;
        }
        this.flushing = true;
        const grid = this.grid;
        try {
            while (this.pending.length && grid === this.grid) {
                const batch = this.pending.splice(0);
                this.state.saving++;
                let results;
                try {
                    results = await this.orm.call(
                        MODEL,
                        "save_cells",
                        [batch.map((item) => item.change)],
                        { period_id: grid.period.id }
                    );
                } catch (error) {
                    this.notifyNotSaved(
                        error.data?.message || _t("The gradebook could not be saved.")
                    );
                    this.pending = [];
                    await this.onFatal?.();
                    return;
                } finally {
                    this.state.saving--;
                }
                if (grid !== this.grid) {
                    return;
                }
                this.applyResults(batch, results);
            }
        } finally {
            this.flushing = false;
        }
    }

    /** Replace the changed cells by what the server saved (a refusal: rolled back). */
    applyResults(batch, results) {
        const grid = this.grid;
        const waiting = new Set(this.pending.map((item) => item.key));
        results.forEach((result, index) => {
            const { key } = batch[index];
            const student = grid.students.find((s) => s.id === result.student_id);
            if (result.cell && !waiting.has(key)) {
                grid.cells[key] = result.cell;
            }
            if (result.row && student) {
                Object.assign(student, result.row);
            }
            if (result.period_marks && student && !waiting.has(key)) {
                student.period_marks = result.period_marks;
            }
            const lesson = grid.lessons.find((l) => l.id === result.lesson_id);
            if (result.ok && result.kind === "attendance" && lesson) {
                lesson.attendance_taken = true;
            }
            if (!result.ok) {
                this.onRefused?.(result, lesson, student);
            }
        });
    }

    /** The one "not saved" notice of the gradebook. */
    notifyNotSaved(message, buttons = []) {
        return this.notify(message, {
            type: "danger",
            title: _t("Not saved"),
            className: "o_gb_save_error",
            buttons,
        });
    }

    /** Why an entry is refused before it is sent (a closed window, a locked day). */
    notifyLocked(message, buttons = []) {
        return this.notify(message, {
            type: "warning",
            title: _t("Locked"),
            className: "o_gb_locked_notification",
            buttons,
        });
    }

    // Attendance taken (REQ-43) ---------------------------------------------------

    /** "All present": the lesson's attendance is taken with no absences. */
    async markAllPresent(lesson) {
        const result = await this.orm.call(MODEL, "mark_all_present", [lesson.id]);
        lesson.attendance_taken = result.attendance_taken;
        if (!result.ok) {
            this.notifyNotSaved(result.error);
        }
        return result.ok;
    }
}
