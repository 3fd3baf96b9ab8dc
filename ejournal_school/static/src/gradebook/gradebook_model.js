import { EventBus, markRaw, toRaw } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import {
    attendanceLabel,
    cellKey,
    fullDate,
    isMember,
    lessonMode,
    parseTyped,
} from "./gradebook_utils";

export const MODEL = "ejournal.gradebook";

/**
 * The gradebook's data and its save queue (REQ-42…46), apart from any
 * component: the options and the selection, the grid as the server sent it,
 * the optimistic changes made to it, and the batches of changes sent to
 * `ejournal.gradebook.save_cells`.
 *
 * Every change is shown at once ("pending") and queued; the server's answer
 * replaces the cell (and the pupil's row) by what was saved, so a refusal
 * rolls the cell back to what stands in the journal.
 *
 * `state` is the reactive object the components render (`state.grid`,
 * `state.saving`, `state.active`…); `orm`, `notify` and `action` are the
 * services it talks through. `bus` tells the grid what to do with the focus
 * ("FOCUS_GRID") and the popover ("CLOSE_POPOVER").
 */
export class GradebookModel {
    constructor({ state, orm, notify, action = null, onFatal = null, updateActionState = null }) {
        this.state = state;
        // Services: never made reactive when the model is.
        this.orm = markRaw(orm);
        this.notify = notify;
        this.action = action && markRaw(action);
        this.onFatal = onFatal;
        this.updateActionState = updateActionState;
        this.bus = new EventBus();
        this.pending = markRaw([]);
        this.flushing = false;
        this.idle = Promise.resolve();
        // Set by a load: the grid scrolls its active cell into view once shown.
        this.scrollToActive = false;
    }

    get grid() {
        return this.state.grid;
    }

    focusGrid() {
        this.bus.trigger("FOCUS_GRID");
    }

    // Loading -----------------------------------------------------------------

    async loadOptions() {
        this.state.options = await this.orm.call(MODEL, "get_options", []);
    }

    async defaultSelection(lessonId = false) {
        return this.orm.call(MODEL, "get_default_selection", [], { lesson_id: lessonId });
    }

    setSelection(selection) {
        Object.assign(this.state.selection, {
            class_id: selection.class_id,
            subject_id: selection.subject_id,
            subgroup_id: selection.subgroup_id || false,
            period_id: selection.period_id,
        });
    }

    async loadGrid({ lessonId = false, keepPosition = false } = {}) {
        const sel = this.state.selection;
        this.bus.trigger("CLOSE_POPOVER");
        this.state.error = false;
        if (!sel.period_id) {
            sel.period_id = this.periodFor(sel.class_id)?.id || false;
        }
        if (!sel.class_id || !sel.subject_id || !sel.period_id) {
            this.state.grid = null;
            this.state.loading = false;
            return;
        }
        this.state.loading = true;
        this.updateActionState?.({
            class_id: sel.class_id,
            subject_id: sel.subject_id,
            subgroup_id: sel.subgroup_id || undefined,
            period_id: sel.period_id,
        });
        let grid;
        try {
            grid = await this.orm.call(MODEL, "get_grid", [
                sel.class_id,
                sel.subject_id,
                sel.subgroup_id || false,
                sel.period_id,
            ]);
        } catch (error) {
            this.state.grid = null;
            this.state.loading = false;
            this.state.error = error.data?.message || error.message || String(error);
            return;
        }
        for (const lesson of grid.lessons) {
            lesson.mode = lessonMode(lesson);
        }
        const previous = this.state.active;
        const lessonIds = grid.lessons.map((l) => l.id);
        let col = lessonIds.indexOf(lessonId);
        if (col < 0 && keepPosition) {
            col = Math.min(previous.col, grid.lessons.length - 1);
        }
        if (col < 0) {
            col = this.defaultColumn(grid);
        }
        this.state.active = {
            row: keepPosition ? Math.min(previous.row, Math.max(grid.students.length - 1, 0)) : 0,
            col: Math.max(col, 0),
        };
        this.state.editing = null;
        this.state.lessonId = grid.lessons[col]?.id || false;
        this.scrollToActive = true;
        this.state.grid = grid;
        this.state.loading = false;
    }

    reload() {
        return this.loadGrid({ lessonId: this.state.lessonId, keepPosition: true });
    }

    /** Today's lesson, else the last one before today, else the first one. */
    defaultColumn(grid) {
        const today = grid.lessons.findIndex((l) => l.is_today);
        if (today >= 0) {
            return today;
        }
        let last = -1;
        grid.lessons.forEach((lesson, index) => {
            if (lesson.is_past) {
                last = index;
            }
        });
        return last >= 0 ? last : 0;
    }

    async openNow() {
        const defaults = await this.defaultSelection();
        if (!defaults.class_id) {
            return;
        }
        this.setSelection(defaults);
        await this.loadGrid({ lessonId: defaults.lesson_id });
    }

    // Selection ---------------------------------------------------------------

    get combos() {
        return this.state.options?.combos || [];
    }

    get classOptions() {
        const sel = this.state.selection;
        const classes = [...(this.state.options?.classes || [])];
        if (sel.class_id && !classes.some((c) => c.id === sel.class_id) && this.grid) {
            classes.push(this.grid.class);
        }
        return classes;
    }

    get subjectOptions() {
        const sel = this.state.selection;
        const ids = new Set(
            this.combos.filter((c) => c.class_id === sel.class_id).map((c) => c.subject_id)
        );
        const subjects = (this.state.options?.subjects || []).filter((s) => ids.has(s.id));
        if (sel.subject_id && !ids.has(sel.subject_id) && this.grid) {
            subjects.push(this.grid.subject);
        }
        return subjects;
    }

    get subgroupOptions() {
        const sel = this.state.selection;
        const ids = this.combos
            .filter((c) => c.class_id === sel.class_id && c.subject_id === sel.subject_id)
            .map((c) => c.subgroup_id);
        const subgroups = (this.state.options?.subgroups || []).filter((g) => ids.includes(g.id));
        return { wholeClass: ids.includes(false) || !ids.length, subgroups };
    }

    get periodOptions() {
        const sel = this.state.selection;
        const schoolClass = (this.state.options?.classes || []).find((c) => c.id === sel.class_id);
        const periods = this.state.options?.periods || [];
        return schoolClass ? periods.filter((p) => p.year_id === schoolClass.year_id) : periods;
    }

    periodFor(classId) {
        const schoolClass = (this.state.options?.classes || []).find((c) => c.id === classId);
        const today = this.state.options?.today;
        const periods = (this.state.options?.periods || []).filter(
            (p) => !schoolClass || p.year_id === schoolClass.year_id
        );
        const current = periods.filter((p) => p.date_start <= today && today <= p.date_end);
        return (
            current.find((p) => p.kind === "quarter") ||
            current[0] ||
            periods.find((p) => p.kind === "quarter") ||
            periods[0]
        );
    }

    selectClass(classId) {
        const sel = this.state.selection;
        sel.class_id = classId;
        const combo = this.combos.find((c) => c.class_id === sel.class_id);
        sel.subject_id = combo?.subject_id || false;
        sel.subgroup_id = combo?.subgroup_id || false;
        const period = this.state.options.periods.find((p) => p.id === sel.period_id);
        const schoolClass = this.state.options.classes.find((c) => c.id === sel.class_id);
        if (!period || !schoolClass || period.year_id !== schoolClass.year_id) {
            sel.period_id = this.periodFor(sel.class_id)?.id || false;
        }
        return this.loadGrid();
    }

    selectSubject(subjectId) {
        const sel = this.state.selection;
        sel.subject_id = subjectId;
        const combo = this.combos.find(
            (c) => c.class_id === sel.class_id && c.subject_id === sel.subject_id
        );
        sel.subgroup_id = combo?.subgroup_id || false;
        return this.loadGrid();
    }

    selectSubgroup(subgroupId) {
        this.state.selection.subgroup_id = subgroupId;
        return this.loadGrid();
    }

    selectPeriod(periodId) {
        this.state.selection.period_id = periodId;
        return this.loadGrid();
    }

    // The grid ------------------------------------------------------------------

    get readOnly() {
        return Boolean(this.grid) && !this.grid.lessons.some((l) => l.can_enter);
    }

    get selectedLesson() {
        return this.grid?.lessons.find((l) => l.id === this.state.lessonId);
    }

    get periodMarkLabel() {
        const kind = this.grid?.period.kind;
        const period = (this.state.options?.periods || []).find((p) => p.id === this.grid?.period.id);
        return period?.kind_label || (kind ? _t("Period") : "");
    }

    /** Lesson columns, then the period marks' columns (REQ-46). */
    get columnCount() {
        return this.grid.lessons.length + this.periodColumns.length;
    }

    /** The lesson, pupil and period column under the cursor. */
    activeTarget() {
        const { row, col } = this.state.active;
        const lessons = this.grid.lessons;
        return {
            student: this.grid.students[row],
            lesson: lessons[col],
            periodColumn: col >= lessons.length ? this.periodColumns[col - lessons.length] : null,
        };
    }

    workType(workTypeId) {
        return this.grid?.work_types.find((w) => w.id === workTypeId);
    }

    scaleValues(lesson) {
        return this.grid.values.filter((v) => v.scale_id === lesson.scale_id);
    }

    /** Work types a new mark of the lesson may have (after the day: its control work only). */
    selectableWorkTypes(lesson) {
        const active = this.grid.work_types.filter((w) => w.active);
        return lesson.mode === "control" ? active.filter((w) => w.id === lesson.work_type_id) : active;
    }

    defaultWorkTypeId(lesson) {
        const choices = this.selectableWorkTypes(lesson);
        if (choices.some((w) => w.id === lesson.work_type_id)) {
            return lesson.work_type_id;
        }
        return choices[0]?.id || lesson.work_type_id;
    }

    findValue(lesson, code) {
        const values = this.scaleValues(lesson);
        const lower = code.toLowerCase();
        return (
            values.find((v) => v.code === code) ||
            values.find((v) => (v.code || "").toLowerCase() === lower)
        );
    }

    lessonHeading(lesson) {
        return _t("%(date)s · lesson %(number)s", {
            date: fullDate(lesson.date),
            number: lesson.number,
        });
    }

    lessonStudents(lesson) {
        return this.grid.students.filter((s) => isMember(s, lesson.date));
    }

    studentNames(ids) {
        return this.grid.students
            .filter((s) => ids.includes(s.id))
            .map((s) => s.name)
            .join(", ");
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

    // Entry -----------------------------------------------------------------------

    /**
     * Whether the cell takes a `what` ("mark", "attendance", "any") entry; if
     * not, say why, and from a locked cell offer a correction request.
     */
    checkEditable(lesson, student, what, entry = null) {
        if (!isMember(student, lesson.date)) {
            this.notify(_t("%s is not a pupil of this class on this day.", student.name), {
                type: "warning",
            });
            return false;
        }
        if (lesson.mode === "open") {
            return true;
        }
        if (lesson.mode === "control" && what !== "attendance") {
            return true;
        }
        if (lesson.mode === "readonly") {
            this.notify(
                _t("Only the teacher of this lesson or a substitute enters its marks and attendance."),
                { type: "warning", title: _t("Read only") }
            );
            return false;
        }
        this.notifyLessonLocked(lesson, student, entry);
        return false;
    }

    /**
     * The correction a key typed on a locked cell asks for: the cell's entry
     * (the mark of the lesson's work type, the attendance) with the typed value
     * as its new value, or a missing entry to add.
     */
    typedEntry(lesson, student, key) {
        const typed = parseTyped(key);
        const cell = this.cell(lesson, student);
        if (typed?.kind === "attendance") {
            return { kind: "attendance", ...(cell?.attendance || {}), new_status: typed.status };
        }
        const value = typed && this.findValue(lesson, typed.code);
        if (!value) {
            return null;
        }
        const mark = cell?.marks.find((m) => m.work_type_id === lesson.work_type_id);
        return {
            kind: "mark",
            ...(mark || { work_type_id: lesson.work_type_id }),
            new_value_id: value.id,
        };
    }

    /** What was typed in a cell (a mark, н, о): entered, or refused with a notice. */
    enterTyped(lesson, student, text) {
        const typed = parseTyped(text);
        if (!typed) {
            return true;
        }
        if (typed.kind === "attendance") {
            return this.enterAttendance(lesson, student, typed.status);
        }
        return this.enterMark(lesson, student, typed.code);
    }

    enterMark(lesson, student, code, workTypeId = null) {
        const value = this.findValue(lesson, code);
        if (!value) {
            const codes = this.scaleValues(lesson)
                .map((v) => v.code)
                .join(", ");
            this.notify(
                _t("“%(code)s” is not a mark of this scale. Marks: %(codes)s; н — absent, о — late.", {
                    code,
                    codes,
                }),
                { type: "warning" }
            );
            return false;
        }
        workTypeId = workTypeId || this.defaultWorkTypeId(lesson);
        // After the day only the lesson's own control work may still be marked.
        const mode =
            lesson.mode === "control" && workTypeId !== lesson.work_type_id ? "locked" : lesson.mode;
        if (mode === "locked") {
            const mark = this.cell(lesson, student)?.marks.find((m) => m.work_type_id === workTypeId);
            this.notifyLessonLocked(lesson, student, {
                kind: "mark",
                ...(mark || { work_type_id: workTypeId }),
                new_value_id: value.id,
            });
            return;
        }
        if (!this.checkEditable(lesson, student, "mark")) {
            return;
        }
        const cell = this.ensureCell(lesson, student);
        const existing = cell.marks.find((m) => m.work_type_id === workTypeId);
        if (existing) {
            if (existing.value_id === value.id) {
                return;
            }
            Object.assign(existing, { value_id: value.id, code: value.code, pending: true });
        } else {
            cell.marks.push({
                id: false,
                value_id: value.id,
                code: value.code,
                work_type_id: workTypeId,
                pending: true,
            });
        }
        this.queue(lesson, student, {
            kind: "mark",
            value_code: value.code,
            work_type_id: workTypeId,
        });
    }

    changeWorkType(lesson, student, mark, workTypeId) {
        if (!this.checkEditable(lesson, student, "mark", { kind: "mark", ...mark })) {
            return;
        }
        const cell = this.ensureCell(lesson, student);
        if (cell.marks.some((m) => toRaw(m) !== toRaw(mark) && m.work_type_id === workTypeId)) {
            this.notify(_t("%s already has a mark for this work at this lesson.", student.name), {
                type: "warning",
            });
            return;
        }
        const change = { kind: "mark", work_type_id: workTypeId };
        if (mark.id) {
            change.mark_id = mark.id;
        } else {
            change.value_code = mark.code;
        }
        Object.assign(mark, { work_type_id: workTypeId, pending: true });
        this.queue(lesson, student, change);
    }

    removeMark(lesson, student, mark) {
        const entry = { kind: "mark", ...mark, delete: true };
        if (!this.checkEditable(lesson, student, "mark", entry)) {
            return;
        }
        const cell = this.ensureCell(lesson, student);
        cell.marks = cell.marks.filter((m) => toRaw(m) !== toRaw(mark));
        this.queue(lesson, student, {
            kind: "mark",
            delete: true,
            mark_id: mark.id || false,
            work_type_id: mark.work_type_id,
        });
    }

    enterAttendance(lesson, student, status) {
        const cell = this.ensureCell(lesson, student);
        const current = cell.attendance;
        const entry = current
            ? { kind: "attendance", ...current, delete: status === "present", new_status: status }
            : { kind: "attendance", new_status: status };
        if (!this.checkEditable(lesson, student, "attendance", entry)) {
            return;
        }
        if ((current?.status || "present") === status) {
            return;
        }
        cell.attendance =
            status === "present" ? false : { id: current?.id || false, status, pending: true };
        this.queue(lesson, student, { kind: "attendance", status });
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
                    this.pending = markRaw([]);
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
                this.onRefused(result, lesson, student);
            }
        });
    }

    /** A refused entry: said, and from a lesson past its day a correction offered. */
    onRefused(result, lesson, student) {
        this.notifyNotSaved(
            result.error,
            lesson?.can_enter && lesson.mode !== "open"
                ? [
                      {
                          name: _t("Request a correction"),
                          primary: true,
                          onClick: () => this.openCorrection(lesson, student),
                      },
                  ]
                : []
        );
    }

    // Notices -----------------------------------------------------------------------

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

    /** A locked lesson's reason, with a correction request prefilled with `entry`. */
    notifyLessonLocked(lesson, student, entry = null) {
        const close = this.notifyLocked(
            lesson.lock_reason,
            lesson.can_enter
                ? [
                      {
                          name: _t("Request a correction"),
                          icon: "fa-pencil-square-o",
                          primary: true,
                          onClick: () => {
                              close?.();
                              this.openCorrection(lesson, student, entry);
                          },
                      },
                  ]
                : []
        );
        return close;
    }

    // Correction requests (REQ-45) -------------------------------------------------

    /**
     * Open a correction request prefilled with the entry (an existing mark or
     * attendance to change, or the lesson and pupil of a missing one).
     */
    openCorrection(lesson, student, entry = null) {
        const target = entry?.kind === "attendance" ? "attendance" : "mark";
        const context = { default_target: target };
        if (entry?.id) {
            context.default_operation = entry.delete ? "delete" : "change";
            context[`default_${target}_id`] = entry.id;
        } else {
            Object.assign(context, {
                default_operation: "add",
                default_lesson_id: lesson.id,
                default_student_id: student.id,
            });
        }
        const old = entry?.id && this.oldValue(lesson, student, entry, target);
        if (old) {
            // Shown in the dialog; the server records the entry's state itself.
            context.default_old_value = old;
        }
        if (target === "mark") {
            context.default_new_value_id = entry?.new_value_id || false;
            context.default_new_work_type_id = entry?.work_type_id || lesson.work_type_id || false;
        } else {
            context.default_new_status = entry?.new_status || (entry?.id ? false : "absent");
        }
        return this.action.doAction(
            {
                type: "ir.actions.act_window",
                name: _t("Request a correction"),
                res_model: "ejournal.correction",
                views: [[false, "form"]],
                target: "new",
                context,
            },
            { onClose: () => this.focusGrid() }
        );
    }

    /** The entry as the journal shows it: "5 (Answer) · 13.10.2026 · lesson 2". */
    oldValue(lesson, student, entry, target) {
        const cell = this.cell(lesson, student);
        if (target === "attendance") {
            const attendance = cell?.attendance;
            return attendance
                ? `${student.name}: ${attendanceLabel(attendance.status)} · ${this.lessonHeading(lesson)}`
                : false;
        }
        const mark = cell?.marks.find((m) => m.id === entry.id);
        if (!mark) {
            return false;
        }
        const workType = this.workType(mark.work_type_id);
        return `${student.name}: ${mark.code} (${workType?.name || ""}) · ${this.lessonHeading(lesson)}`;
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

    // The lesson page: topic, homework, work done (REQ-41, REQ-44) -----------------

    generalHomework(lesson) {
        return lesson.homework.find((h) => h.kind === "general");
    }

    individualHomework(lesson) {
        return lesson.homework.filter((h) => h.kind === "individual");
    }

    async writeLesson(lesson, values, revert) {
        try {
            await this.orm.write("ejournal.lesson", [lesson.id], values);
            return true;
        } catch (error) {
            revert();
            this.notifyNotSaved(error.data?.message || String(error));
            return false;
        }
    }

    setPlanLine(lesson, planLineId) {
        const old = { plan_line_id: lesson.plan_line_id, topic: lesson.topic };
        lesson.plan_line_id = planLineId;
        const line = this.grid.plan_lines.find((l) => l.id === planLineId);
        if (line) {
            lesson.topic = line.name;
        }
        return this.writeLesson(lesson, { plan_line_id: planLineId }, () =>
            Object.assign(lesson, old)
        );
    }

    setLessonField(lesson, field, value) {
        const old = lesson[field];
        if (value === old) {
            return true;
        }
        lesson[field] = value;
        return this.writeLesson(lesson, { [field]: value || false }, () => {
            lesson[field] = old;
        });
    }

    /** Write, create or remove the general homework; false if refused. */
    async setGeneralHomework(lesson, text) {
        const homework = this.generalHomework(lesson);
        try {
            if (homework && !text) {
                await this.orm.unlink("ejournal.homework", [homework.id]);
                lesson.homework = lesson.homework.filter((h) => h.id !== homework.id);
            } else if (homework && text !== homework.text) {
                await this.orm.write("ejournal.homework", [homework.id], { text });
                homework.text = text;
            } else if (!homework && text) {
                const [id] = await this.orm.create("ejournal.homework", [
                    { lesson_id: lesson.id, kind: "general", text },
                ]);
                lesson.homework.push({ id, kind: "general", text, student_ids: [] });
            }
            return true;
        } catch (error) {
            this.notifyNotSaved(error.data?.message || String(error));
            return false;
        }
    }

    async addIndividualHomework(lesson, studentId, text) {
        if (!studentId || !text) {
            this.notify(_t("Choose a pupil and write the homework."), { type: "warning" });
            return false;
        }
        try {
            const [id] = await this.orm.create("ejournal.homework", [
                {
                    lesson_id: lesson.id,
                    kind: "individual",
                    text,
                    student_ids: [[6, 0, [studentId]]],
                },
            ]);
            lesson.homework.push({ id, kind: "individual", text, student_ids: [studentId] });
            return true;
        } catch (error) {
            this.notifyNotSaved(error.data?.message || String(error));
            return false;
        }
    }

    async removeHomework(lesson, homework) {
        try {
            await this.orm.unlink("ejournal.homework", [homework.id]);
            lesson.homework = lesson.homework.filter((h) => h.id !== homework.id);
        } catch (error) {
            this.notifyNotSaved(error.data?.message || String(error));
        }
    }
}
