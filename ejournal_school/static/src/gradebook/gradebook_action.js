import { Component, onWillStart, toRaw, useEffect, useRef, useState } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { router } from "@web/core/browser/router";
import { _t } from "@web/core/l10n/translation";
import { usePopover } from "@web/core/popover/popover_hook";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { GradebookCellPopover } from "./gradebook_cell_popover";
import { GradebookModel, MODEL } from "./gradebook_model";
import { GradebookRow } from "./gradebook_row";
import {
    attendanceLabel,
    cellKey,
    dayMonth,
    fullDate,
    isMember,
    lessonMode,
    parseTyped,
} from "./gradebook_utils";

const PAGE_KEY = "ejournal_gradebook.lesson_page";

/**
 * The teachers' gradebook (REQ-42…46): one class (or subgroup), subject and
 * period; a row per pupil, a column per lesson; marks and attendance typed
 * like in a spreadsheet and saved at once, each refusal rolled back.
 */
export class GradebookAction extends Component {
    static template = "ejournal_school.GradebookAction";
    static components = { Layout, GradebookRow };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.actionService = useService("action");
        this.popover = usePopover(GradebookCellPopover, {
            position: "bottom",
            popoverClass: "o_gb_popover",
            onClose: () => this.focusGrid(),
        });
        this.gridRef = useRef("grid");
        this.state = useState({
            loading: true,
            error: false,
            options: null,
            selection: { class_id: false, subject_id: false, subgroup_id: false, period_id: false },
            grid: null,
            active: { row: 0, col: 0 },
            editing: null,
            lessonId: false,
            saving: 0,
            newHomework: { studentId: false, text: "" },
            // The lesson page folds away to leave the grid the whole height;
            // folded at first on a phone.
            showPage:
                (browser.localStorage.getItem(PAGE_KEY) || (this.env.isSmall ? "hidden" : "shown")) !==
                "hidden",
        });
        this.model = new GradebookModel({
            state: this.state,
            orm: this.orm,
            notify: (message, options) => this.notification.add(message, options),
            onFatal: () => this.onReload(),
        });
        this.model.onRefused = (result, lesson, student) =>
            this.model.notifyNotSaved(
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
        this.scrollToActive = false;
        this.display = { controlPanel: {} };

        onWillStart(() => this.start());
        useEffect(
            (grid) => {
                if (grid && this.scrollToActive) {
                    this.scrollToActive = false;
                    this.scrollActiveIntoView("center");
                    this.focusGrid();
                }
            },
            () => [this.state.grid]
        );
        useEffect(
            (editing) => {
                if (editing) {
                    const input = this.gridRef.el?.querySelector(".o_gb_editor");
                    if (input && document.activeElement !== input) {
                        input.focus();
                        input.setSelectionRange(input.value.length, input.value.length);
                    }
                }
            },
            () => [this.state.editing !== null]
        );
    }

    // -------------------------------------------------------------------------
    // Loading
    // -------------------------------------------------------------------------

    async start() {
        this.state.options = await this.orm.call(MODEL, "get_options", []);
        let selection = this.selectionFromUrl();
        let lessonId = false;
        if (!selection) {
            const context = this.props.action.context || {};
            const fromLesson =
                context.gradebook_lesson_id ||
                (context.active_model === "ejournal.lesson" && context.active_id);
            const defaults = await this.orm.call(MODEL, "get_default_selection", [], {
                lesson_id: fromLesson || false,
            });
            if (defaults.class_id) {
                selection = defaults;
                lessonId = defaults.lesson_id;
            }
        }
        if (!selection) {
            this.state.loading = false;
            return;
        }
        Object.assign(this.state.selection, {
            class_id: selection.class_id,
            subject_id: selection.subject_id,
            subgroup_id: selection.subgroup_id || false,
            period_id: selection.period_id,
        });
        await this.loadGrid({ lessonId });
    }

    /** The selection in the URL (?class_id=…&subject_id=…&period_id=…), if any. */
    selectionFromUrl() {
        const current = router.current;
        const action = this.props.action;
        const ours = [action.id, action.xml_id, action.path, action.tag].filter(Boolean);
        if (!ours.includes(current.action) || !current.class_id || !current.subject_id) {
            return null;
        }
        return {
            class_id: current.class_id,
            subject_id: current.subject_id,
            subgroup_id: current.subgroup_id || false,
            period_id: current.period_id || false,
        };
    }

    async loadGrid({ lessonId = false, keepPosition = false } = {}) {
        const sel = this.state.selection;
        this.popover.close();
        this.state.error = false;
        if (!sel.period_id) {
            const period = this.periodFor(sel.class_id);
            sel.period_id = period?.id || false;
        }
        if (!sel.class_id || !sel.subject_id || !sel.period_id) {
            this.state.grid = null;
            this.state.loading = false;
            return;
        }
        this.state.loading = true;
        this.props.updateActionState?.({
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

    // -------------------------------------------------------------------------
    // Selection
    // -------------------------------------------------------------------------

    get combos() {
        return this.state.options?.combos || [];
    }

    get classOptions() {
        const sel = this.state.selection;
        const classes = [...(this.state.options?.classes || [])];
        if (sel.class_id && !classes.some((c) => c.id === sel.class_id) && this.state.grid) {
            classes.push(this.state.grid.class);
        }
        return classes;
    }

    get subjectOptions() {
        const sel = this.state.selection;
        const ids = new Set(
            this.combos.filter((c) => c.class_id === sel.class_id).map((c) => c.subject_id)
        );
        const subjects = (this.state.options?.subjects || []).filter((s) => ids.has(s.id));
        if (sel.subject_id && !ids.has(sel.subject_id) && this.state.grid) {
            subjects.push(this.state.grid.subject);
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

    onSelectClass(ev) {
        const sel = this.state.selection;
        sel.class_id = parseInt(ev.target.value) || false;
        const combo = this.combos.find((c) => c.class_id === sel.class_id);
        sel.subject_id = combo?.subject_id || false;
        sel.subgroup_id = combo?.subgroup_id || false;
        const period = this.state.options.periods.find((p) => p.id === sel.period_id);
        const schoolClass = this.state.options.classes.find((c) => c.id === sel.class_id);
        if (!period || !schoolClass || period.year_id !== schoolClass.year_id) {
            sel.period_id = this.periodFor(sel.class_id)?.id || false;
        }
        this.loadGrid();
    }

    onSelectSubject(ev) {
        const sel = this.state.selection;
        sel.subject_id = parseInt(ev.target.value) || false;
        const combo = this.combos.find(
            (c) => c.class_id === sel.class_id && c.subject_id === sel.subject_id
        );
        sel.subgroup_id = combo?.subgroup_id || false;
        this.loadGrid();
    }

    onSelectSubgroup(ev) {
        this.state.selection.subgroup_id = parseInt(ev.target.value) || false;
        this.loadGrid();
    }

    onSelectPeriod(ev) {
        this.state.selection.period_id = parseInt(ev.target.value) || false;
        this.loadGrid();
    }

    async onToday() {
        const defaults = await this.orm.call(MODEL, "get_default_selection", []);
        if (!defaults.class_id) {
            return;
        }
        Object.assign(this.state.selection, {
            class_id: defaults.class_id,
            subject_id: defaults.subject_id,
            subgroup_id: defaults.subgroup_id || false,
            period_id: defaults.period_id,
        });
        await this.loadGrid({ lessonId: defaults.lesson_id });
    }

    onReload() {
        return this.loadGrid({
            lessonId: this.state.lessonId,
            keepPosition: true,
        });
    }

    // -------------------------------------------------------------------------
    // Grid helpers (also used by the rows and the popover)
    // -------------------------------------------------------------------------

    get grid() {
        return this.state.grid;
    }

    cell(lesson, student) {
        return this.model.cell(lesson, student);
    }

    ensureCell(lesson, student) {
        return this.model.ensureCell(lesson, student);
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

    dayLabel(lesson) {
        return dayMonth(lesson.date);
    }

    headerTitle(lesson) {
        const parts = [this.lessonHeading(lesson)];
        parts.push(lesson.topic ? _t("Topic: %s", lesson.topic) : _t("No topic yet"));
        if (lesson.mode === "locked" || lesson.mode === "control") {
            parts.push(lesson.lock_reason);
        }
        if (lesson.mode === "control") {
            parts.push(_t("Marks for written control work can still be entered."));
        }
        return parts.join("\n");
    }

    headerClass(lesson, index) {
        return {
            o_gb_head: true,
            o_gb_today: lesson.is_today,
            o_gb_future: !lesson.is_today && !lesson.is_past,
            o_gb_head_active: index === this.state.active.col,
            o_gb_head_selected: lesson.id === this.state.lessonId,
            [`o_gb_${lesson.mode}`]: true,
        };
    }

    get selectedLesson() {
        return this.grid?.lessons.find((l) => l.id === this.state.lessonId);
    }

    get periodMarkLabel() {
        const kind = this.grid?.period.kind;
        const period = (this.state.options?.periods || []).find(
            (p) => p.id === this.grid?.period.id
        );
        return period?.kind_label || (kind ? _t("Period") : "");
    }

    get readOnly() {
        return this.grid && !this.grid.lessons.some((l) => l.can_enter);
    }

    // -------------------------------------------------------------------------
    // Keyboard and mouse
    // -------------------------------------------------------------------------

    focusGrid() {
        const wrap = this.gridRef.el;
        if (wrap && document.activeElement !== wrap) {
            wrap.focus({ preventScroll: true });
        }
    }

    scrollActiveIntoView(inline = "nearest") {
        const wrap = this.gridRef.el;
        const { row, col } = this.state.active;
        const td = wrap?.querySelector(`td[data-row="${row}"][data-col="${col}"]`);
        const th = wrap?.querySelector(`th[data-col="${col}"]`);
        const target = td || th;
        if (!target) {
            return;
        }
        const sticky = wrap.querySelector("thead .o_gb_name")?.offsetWidth || 0;
        const left = target.offsetLeft;
        const right = left + target.offsetWidth;
        if (inline === "center") {
            wrap.scrollLeft = Math.max(
                0,
                left - sticky - (wrap.clientWidth - sticky - target.offsetWidth) / 2
            );
        } else if (left - sticky < wrap.scrollLeft) {
            wrap.scrollLeft = left - sticky;
        } else if (right > wrap.scrollLeft + wrap.clientWidth) {
            wrap.scrollLeft = right - wrap.clientWidth;
        }
        if (td) {
            const header = wrap.querySelector("thead")?.offsetHeight || 0;
            const top = td.offsetTop;
            if (top - header < wrap.scrollTop) {
                wrap.scrollTop = top - header;
            } else if (top + td.offsetHeight > wrap.scrollTop + wrap.clientHeight) {
                wrap.scrollTop = top + td.offsetHeight - wrap.clientHeight;
            }
        }
    }

    moveTo(row, col) {
        const grid = this.grid;
        if (!grid || !grid.students.length || !grid.lessons.length) {
            return;
        }
        row = Math.min(Math.max(row, 0), grid.students.length - 1);
        col = Math.min(Math.max(col, 0), this.columnCount - 1);
        this.state.active = { row, col };
        this.scrollActiveIntoView();
    }

    move(dRow, dCol) {
        const { row, col } = this.state.active;
        const lastCol = this.columnCount - 1;
        if (dCol && !dRow) {
            // Tab and arrows wrap to the next or previous pupil.
            if (col + dCol > lastCol && row < this.grid.students.length - 1) {
                return this.moveTo(row + 1, 0);
            }
            if (col + dCol < 0 && row > 0) {
                return this.moveTo(row - 1, lastCol);
            }
        }
        this.moveTo(row + dRow, col + dCol);
    }

    /** Lesson columns, then the period marks' columns (REQ-46). */
    get columnCount() {
        return this.grid.lessons.length + this.model.periodColumns.length;
    }

    activeTarget() {
        const { row, col } = this.state.active;
        const lessons = this.grid.lessons;
        return {
            student: this.grid.students[row],
            lesson: lessons[col],
            periodColumn: col >= lessons.length ? this.model.periodColumns[col - lessons.length] : null,
        };
    }

    /** Keys on a period mark's cell: Enter takes the proposal into an empty one. */
    onPeriodKeydown(ev, student, column) {
        const cell = this.model.periodCell(student, column);
        if (ev.key === "Enter" && !ev.shiftKey && !cell.code && cell.proposed) {
            ev.preventDefault();
            if (this.model.enterPeriodMark(student, column, { accept: true })) {
                this.move(1, 0);
            }
            return true;
        }
        if (ev.key === "Delete" || ev.key === "Backspace") {
            ev.preventDefault();
            if (cell.code) {
                this.model.enterPeriodMark(student, column, { remove: true });
            }
            return true;
        }
        if (ev.key.length === 1) {
            ev.preventDefault();
            const reason = this.model.periodLockReason(column);
            if (reason) {
                this.model.notifyLocked(reason);
                return true;
            }
            this.state.editing = ev.key;
            return true;
        }
        return false;
    }

    onGridKeydown(ev) {
        if (!this.grid || this.state.editing !== null || ev.target.closest(".o_gb_editor")) {
            return;
        }
        if (ev.ctrlKey || ev.metaKey || ev.altKey) {
            return;
        }
        const moves = {
            ArrowUp: [-1, 0],
            ArrowDown: [1, 0],
            ArrowLeft: [0, -1],
            ArrowRight: [0, 1],
            Enter: [ev.shiftKey ? -1 : 1, 0],
            Tab: [0, ev.shiftKey ? -1 : 1],
        };
        const active = this.activeTarget();
        if (active.periodColumn && active.student) {
            if (this.onPeriodKeydown(ev, active.student, active.periodColumn)) {
                return;
            }
        }
        if (moves[ev.key]) {
            ev.preventDefault();
            this.move(...moves[ev.key]);
            return;
        }
        if (ev.key === "Home" || ev.key === "End") {
            ev.preventDefault();
            this.moveTo(this.state.active.row, ev.key === "Home" ? 0 : this.columnCount);
            return;
        }
        if (ev.key === "Delete" || ev.key === "Backspace") {
            ev.preventDefault();
            this.deleteActive();
            return;
        }
        if (ev.key === "F2" || ev.key === " ") {
            ev.preventDefault();
            this.openPopover();
            return;
        }
        if (ev.key.length === 1) {
            ev.preventDefault();
            const { lesson, student } = this.activeTarget();
            if (!student || !lesson) {
                return;
            }
            if (lesson.mode === "locked" && isMember(student, lesson.date)) {
                // Say why, and offer a correction prefilled with what was typed.
                return this.notifyLocked(lesson, student, this.typedEntry(lesson, student, ev.key));
            }
            if (!this.checkEditable(lesson, student, "any")) {
                return;
            }
            this.state.lessonId = lesson.id;
            this.state.editing = ev.key;
        }
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

    onEditorInput(ev) {
        this.state.editing = ev.target.value;
    }

    onEditorKeydown(ev) {
        const moves = {
            Enter: [ev.shiftKey ? -1 : 1, 0],
            Tab: [0, ev.shiftKey ? -1 : 1],
            ArrowUp: [-1, 0],
            ArrowDown: [1, 0],
        };
        if (ev.key === "Escape") {
            ev.preventDefault();
            ev.stopPropagation();
            this.state.editing = null;
            this.focusGrid();
        } else if (moves[ev.key]) {
            ev.preventDefault();
            ev.stopPropagation();
            // A refused entry (not a mark of the scale) keeps the cursor on its cell.
            if (this.commitEditing() !== false) {
                this.move(...moves[ev.key]);
            }
            this.focusGrid();
        }
    }

    onEditorBlur() {
        if (this.state.editing !== null) {
            this.commitEditing();
        }
    }

    commitEditing() {
        const text = this.state.editing;
        this.state.editing = null;
        const { lesson, student, periodColumn } = this.activeTarget();
        if (periodColumn) {
            const code = (text || "").trim();
            if (!code) {
                return true;
            }
            return this.model.enterPeriodMark(student, periodColumn, { code });
        }
        const typed = parseTyped(text);
        if (!typed) {
            return true;
        }
        if (typed.kind === "attendance") {
            return this.enterAttendance(lesson, student, typed.status);
        }
        return this.enterMark(lesson, student, typed.code);
    }

    onGridClick(ev) {
        if (ev.target.closest(".o_gb_editor")) {
            return;
        }
        const td = ev.target.closest("td[data-col]");
        if (td) {
            const row = parseInt(td.dataset.row);
            const col = parseInt(td.dataset.col);
            const wasActive = this.state.active.row === row && this.state.active.col === col;
            if (this.state.editing !== null && !wasActive) {
                this.commitEditing();
            }
            this.state.active = { row, col };
            const { lesson, periodColumn } = this.activeTarget();
            this.focusGrid();
            if (periodColumn) {
                return;
            }
            this.state.lessonId = lesson.id;
            // A click on a locked cell says why; a second tap on a cell opens
            // its details (a touch screen has no keyboard to type a mark).
            const touch = this.lastPointerType === "touch" || this.lastPointerType === "pen";
            if ((wasActive && touch) || lesson.mode === "locked" || lesson.mode === "readonly") {
                this.openPopover();
            }
            return;
        }
        const th = ev.target.closest("th[data-col]");
        if (th) {
            const col = parseInt(th.dataset.col);
            this.state.active = { row: this.state.active.row, col };
            if (this.grid.lessons[col]) {
                this.state.lessonId = this.grid.lessons[col].id;
            }
            this.focusGrid();
        }
    }

    onGridPointerdown(ev) {
        this.lastPointerType = ev.pointerType;
    }

    onGridDblclick(ev) {
        if (ev.target.closest("td[data-col]")) {
            this.openPopover();
        }
    }

    openPopover() {
        const { lesson, student } = this.activeTarget();
        if (!lesson || !student || !isMember(student, lesson.date)) {
            return;
        }
        const { row, col } = this.state.active;
        const td = this.gridRef.el?.querySelector(`td[data-row="${row}"][data-col="${col}"]`);
        if (td) {
            this.popover.open(td, { gradebook: this, grid: this.grid, lesson, student });
        }
    }

    // -------------------------------------------------------------------------
    // Entry
    // -------------------------------------------------------------------------

    /**
     * Whether the cell takes a `what` ("mark", "attendance", "any") entry; if
     * not, say why, and from a locked cell offer a correction request.
     */
    checkEditable(lesson, student, what, entry = null) {
        if (!isMember(student, lesson.date)) {
            this.notification.add(_t("%s is not a pupil of this class on this day.", student.name), {
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
            this.notification.add(
                _t("Only the teacher of this lesson or a substitute enters its marks and attendance."),
                { type: "warning", title: _t("Read only") }
            );
            return false;
        }
        this.notifyLocked(lesson, student, entry);
        return false;
    }

    notifyLocked(lesson, student, entry = null, reason = null) {
        const close = this.model.notifyLocked(
            reason || lesson.lock_reason,
            lesson.can_enter
                ? [
                      {
                          name: _t("Request a correction"),
                          icon: "fa-pencil-square-o",
                          primary: true,
                          onClick: () => {
                              close();
                              this.openCorrection(lesson, student, entry);
                          },
                      },
                  ]
                : []
        );
    }

    enterMark(lesson, student, code, workTypeId = null) {
        const value = this.findValue(lesson, code);
        if (!value) {
            const codes = this.scaleValues(lesson).map((v) => v.code).join(", ");
            this.notification.add(
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
            this.notifyLocked(lesson, student, {
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

    findValue(lesson, code) {
        const values = this.scaleValues(lesson);
        const lower = code.toLowerCase();
        return (
            values.find((v) => v.code === code) ||
            values.find((v) => (v.code || "").toLowerCase() === lower)
        );
    }

    changeWorkType(lesson, student, mark, workTypeId) {
        if (!this.checkEditable(lesson, student, "mark", { kind: "mark", ...mark })) {
            return;
        }
        const cell = this.ensureCell(lesson, student);
        if (cell.marks.some((m) => toRaw(m) !== toRaw(mark) && m.work_type_id === workTypeId)) {
            this.notification.add(
                _t("%s already has a mark for this work at this lesson.", student.name),
                { type: "warning" }
            );
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
        cell.attendance = status === "present" ? false : { id: current?.id || false, status, pending: true };
        this.queue(lesson, student, { kind: "attendance", status });
    }

    deleteActive() {
        const { lesson, student } = this.activeTarget();
        if (!lesson || !student) {
            return;
        }
        const cell = this.cell(lesson, student);
        const entries = (cell?.marks.length || 0) + (cell?.attendance ? 1 : 0);
        if (!entries) {
            return;
        }
        if (entries > 1) {
            this.openPopover();
            return;
        }
        if (cell.attendance) {
            this.enterAttendance(lesson, student, "present");
        } else {
            this.removeMark(lesson, student, cell.marks[0]);
        }
    }

    // -------------------------------------------------------------------------
    // Saving: optimistic, queued, each refusal rolled back to the server's cell
    // -------------------------------------------------------------------------

    queue(lesson, student, change) {
        this.model.queue(lesson, student, change);
    }

    // -------------------------------------------------------------------------
    // Correction requests (REQ-45)
    // -------------------------------------------------------------------------

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
        return this.actionService.doAction(
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

    // -------------------------------------------------------------------------
    // Today's lesson: topic, homework, work done (REQ-41, REQ-44)
    // -------------------------------------------------------------------------

    get generalHomework() {
        return this.selectedLesson?.homework.find((h) => h.kind === "general");
    }

    get individualHomework() {
        return (this.selectedLesson?.homework || []).filter((h) => h.kind === "individual");
    }

    studentNames(ids) {
        const names = this.grid.students.filter((s) => ids.includes(s.id)).map((s) => s.name);
        return names.join(", ");
    }

    lessonStudents(lesson) {
        return this.grid.students.filter((s) => isMember(s, lesson.date));
    }

    async writeLesson(lesson, values, revert) {
        try {
            await this.orm.write("ejournal.lesson", [lesson.id], values);
            return true;
        } catch (error) {
            revert();
            this.model.notifyNotSaved(error.data?.message || String(error));
            return false;
        }
    }

    async onPlanLineChange(ev) {
        const lesson = this.selectedLesson;
        const planLineId = parseInt(ev.target.value) || false;
        const old = { plan_line_id: lesson.plan_line_id, topic: lesson.topic };
        lesson.plan_line_id = planLineId;
        const line = this.grid.plan_lines.find((l) => l.id === planLineId);
        if (line) {
            lesson.topic = line.name;
        }
        await this.writeLesson(lesson, { plan_line_id: planLineId }, () =>
            Object.assign(lesson, old)
        );
    }

    async onLessonFieldChange(field, ev) {
        const lesson = this.selectedLesson;
        const old = lesson[field];
        const value = ev.target.value;
        if (value === old) {
            return;
        }
        lesson[field] = value;
        await this.writeLesson(lesson, { [field]: value || false }, () => {
            lesson[field] = old;
        });
    }

    async onGeneralHomeworkChange(ev) {
        const lesson = this.selectedLesson;
        const text = ev.target.value.trim();
        const homework = this.generalHomework;
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
        } catch (error) {
            ev.target.value = homework?.text || "";
            this.model.notifyNotSaved(error.data?.message || String(error));
        }
    }

    onIndividualStudentChange(ev) {
        this.state.newHomework.studentId = parseInt(ev.target.value) || false;
    }

    onIndividualTextInput(ev) {
        this.state.newHomework.text = ev.target.value;
    }

    async onAddIndividualHomework() {
        const lesson = this.selectedLesson;
        const studentId = this.state.newHomework.studentId;
        const text = this.state.newHomework.text.trim();
        if (!studentId || !text) {
            this.notification.add(_t("Choose a pupil and write the homework."), {
                type: "warning",
            });
            return;
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
            this.state.newHomework = { studentId: false, text: "" };
        } catch (error) {
            this.model.notifyNotSaved(error.data?.message || String(error));
        }
    }

    async onRemoveHomework(homework) {
        const lesson = this.selectedLesson;
        try {
            await this.orm.unlink("ejournal.homework", [homework.id]);
            lesson.homework = lesson.homework.filter((h) => h.id !== homework.id);
        } catch (error) {
            this.model.notifyNotSaved(error.data?.message || String(error));
        }
    }

    async onAllPresent(lesson) {
        await this.model.markAllPresent(lesson);
        this.focusGrid();
    }

    onTogglePage() {
        this.state.showPage = !this.state.showPage;
        browser.localStorage.setItem(PAGE_KEY, this.state.showPage ? "shown" : "hidden");
    }

    lessonHeading(lesson) {
        return _t("%(date)s · lesson %(number)s", {
            date: fullDate(lesson.date),
            number: lesson.number,
        });
    }

    attendanceLabel(status) {
        return attendanceLabel(status);
    }

    formatAverage(average) {
        return average ? average.toFixed(2) : "";
    }
}

registry.category("actions").add("ejournal_gradebook", GradebookAction);
