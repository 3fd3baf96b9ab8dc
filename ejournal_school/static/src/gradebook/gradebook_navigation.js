import { useEffect, useRef } from "@odoo/owl";
import { usePopover } from "@web/core/popover/popover_hook";
import { useBus } from "@web/core/utils/hooks";
import { GradebookCellPopover } from "./gradebook_cell_popover";
import { isMember } from "./gradebook_utils";

/**
 * The spreadsheet behaviour of the gradebook's grid (REQ-42): a cursor moved
 * by the arrows, Tab, Enter, Home and End (wrapping to the next pupil); a
 * typed key opens the cell's editor; Del removes; Space, F2, a double click
 * (or a second tap) open the cell's details; a locked cell says why.
 *
 * `refName` is the t-ref of the focusable element wrapping the table. Returns
 * the handlers the grid's template binds, and those of the cell editor.
 */
export function useGridNavigation(model, refName = "grid") {
    const ref = useRef(refName);
    const state = model.state;
    const popover = usePopover(GradebookCellPopover, {
        position: "bottom",
        popoverClass: "o_gb_popover",
        onClose: () => focusGrid(),
    });
    let lastPointerType = null;

    function focusGrid() {
        const wrap = ref.el;
        if (wrap && document.activeElement !== wrap) {
            wrap.focus({ preventScroll: true });
        }
    }

    useBus(model.bus, "FOCUS_GRID", () => focusGrid());
    useBus(model.bus, "CLOSE_POPOVER", () => popover.close());

    useEffect(
        (grid) => {
            if (grid && model.scrollToActive) {
                model.scrollToActive = false;
                scrollActiveIntoView("center");
                focusGrid();
            }
        },
        () => [state.grid]
    );
    useEffect(
        (editing) => {
            if (editing) {
                const input = ref.el?.querySelector(".o_gb_editor");
                if (input && document.activeElement !== input) {
                    input.focus();
                    input.setSelectionRange(input.value.length, input.value.length);
                }
            }
        },
        () => [state.editing !== null]
    );

    function scrollActiveIntoView(inline = "nearest") {
        const wrap = ref.el;
        const { row, col } = state.active;
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

    function moveTo(row, col) {
        const grid = model.grid;
        if (!grid || !grid.students.length || !grid.lessons.length) {
            return;
        }
        row = Math.min(Math.max(row, 0), grid.students.length - 1);
        col = Math.min(Math.max(col, 0), model.columnCount - 1);
        state.active = { row, col };
        scrollActiveIntoView();
    }

    function move(dRow, dCol) {
        const { row, col } = state.active;
        const lastCol = model.columnCount - 1;
        if (dCol && !dRow) {
            // Tab and arrows wrap to the next or previous pupil.
            if (col + dCol > lastCol && row < model.grid.students.length - 1) {
                return moveTo(row + 1, 0);
            }
            if (col + dCol < 0 && row > 0) {
                return moveTo(row - 1, lastCol);
            }
        }
        moveTo(row + dRow, col + dCol);
    }

    function openPopover() {
        const { lesson, student } = model.activeTarget();
        if (!lesson || !student || !isMember(student, lesson.date)) {
            return;
        }
        const { row, col } = state.active;
        const td = ref.el?.querySelector(`td[data-row="${row}"][data-col="${col}"]`);
        if (td) {
            popover.open(td, { model, grid: model.grid, lesson, student });
        }
    }

    function deleteActive() {
        const { lesson, student } = model.activeTarget();
        if (!lesson || !student) {
            return;
        }
        const cell = model.cell(lesson, student);
        const entries = (cell?.marks.length || 0) + (cell?.attendance ? 1 : 0);
        if (!entries) {
            return;
        }
        if (entries > 1) {
            openPopover();
            return;
        }
        if (cell.attendance) {
            model.enterAttendance(lesson, student, "present");
        } else {
            model.removeMark(lesson, student, cell.marks[0]);
        }
    }

    /** Keys on a period mark's cell: Enter takes the proposal into an empty one. */
    function onPeriodKeydown(ev, student, column) {
        const cell = model.periodCell(student, column);
        if (ev.key === "Enter" && !ev.shiftKey && !cell.code && cell.proposed) {
            ev.preventDefault();
            if (model.enterPeriodMark(student, column, { accept: true })) {
                move(1, 0);
            }
            return true;
        }
        if (ev.key === "Delete" || ev.key === "Backspace") {
            ev.preventDefault();
            if (cell.code) {
                model.enterPeriodMark(student, column, { remove: true });
            }
            return true;
        }
        if (ev.key.length === 1) {
            ev.preventDefault();
            const reason = model.periodLockReason(column);
            if (reason) {
                model.notifyLocked(reason);
                return true;
            }
            state.editing = ev.key;
            return true;
        }
        return false;
    }

    function onKeydown(ev) {
        if (!model.grid || state.editing !== null || ev.target.closest(".o_gb_editor")) {
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
        const active = model.activeTarget();
        if (active.periodColumn && active.student) {
            if (onPeriodKeydown(ev, active.student, active.periodColumn)) {
                return;
            }
        }
        if (moves[ev.key]) {
            ev.preventDefault();
            move(...moves[ev.key]);
            return;
        }
        if (ev.key === "Home" || ev.key === "End") {
            ev.preventDefault();
            moveTo(state.active.row, ev.key === "Home" ? 0 : model.columnCount);
            return;
        }
        if (ev.key === "Delete" || ev.key === "Backspace") {
            ev.preventDefault();
            deleteActive();
            return;
        }
        if (ev.key === "F2" || ev.key === " ") {
            ev.preventDefault();
            openPopover();
            return;
        }
        if (ev.key.length === 1) {
            ev.preventDefault();
            const { lesson, student } = active;
            if (!student || !lesson) {
                return;
            }
            if (lesson.mode === "locked" && isMember(student, lesson.date)) {
                // Say why, and offer a correction prefilled with what was typed.
                model.notifyLessonLocked(lesson, student, model.typedEntry(lesson, student, ev.key));
                return;
            }
            if (!model.checkEditable(lesson, student, "any")) {
                return;
            }
            state.lessonId = lesson.id;
            state.editing = ev.key;
        }
    }

    function commitEditing() {
        const text = state.editing;
        state.editing = null;
        const { lesson, student, periodColumn } = model.activeTarget();
        if (periodColumn) {
            const code = (text || "").trim();
            if (!code) {
                return true;
            }
            return model.enterPeriodMark(student, periodColumn, { code });
        }
        return model.enterTyped(lesson, student, text);
    }

    function onClick(ev) {
        if (ev.target.closest(".o_gb_editor")) {
            return;
        }
        const td = ev.target.closest("td[data-col]");
        if (td) {
            const row = parseInt(td.dataset.row);
            const col = parseInt(td.dataset.col);
            const wasActive = state.active.row === row && state.active.col === col;
            if (state.editing !== null && !wasActive) {
                commitEditing();
            }
            state.active = { row, col };
            const { lesson, periodColumn } = model.activeTarget();
            focusGrid();
            if (periodColumn) {
                return;
            }
            state.lessonId = lesson.id;
            // A click on a locked cell says why; a second tap on a cell opens
            // its details (a touch screen has no keyboard to type a mark).
            const touch = lastPointerType === "touch" || lastPointerType === "pen";
            if ((wasActive && touch) || lesson.mode === "locked" || lesson.mode === "readonly") {
                openPopover();
            }
            return;
        }
        const th = ev.target.closest("th[data-col]");
        if (th) {
            const col = parseInt(th.dataset.col);
            state.active = { row: state.active.row, col };
            if (model.grid.lessons[col]) {
                state.lessonId = model.grid.lessons[col].id;
            }
            focusGrid();
        }
    }

    function onPointerdown(ev) {
        lastPointerType = ev.pointerType;
    }

    function onDblclick(ev) {
        if (ev.target.closest("td[data-col]")) {
            openPopover();
        }
    }

    // The cell editor (an input in the active cell) ---------------------------------

    const editor = {
        onInput(ev) {
            state.editing = ev.target.value;
        },
        onKeydown(ev) {
            const moves = {
                Enter: [ev.shiftKey ? -1 : 1, 0],
                Tab: [0, ev.shiftKey ? -1 : 1],
                ArrowUp: [-1, 0],
                ArrowDown: [1, 0],
            };
            if (ev.key === "Escape") {
                ev.preventDefault();
                ev.stopPropagation();
                state.editing = null;
                focusGrid();
            } else if (moves[ev.key]) {
                ev.preventDefault();
                ev.stopPropagation();
                // A refused entry (not a mark of the scale) keeps the cursor on its cell.
                if (commitEditing() !== false) {
                    move(...moves[ev.key]);
                }
                focusGrid();
            }
        },
        onBlur() {
            if (state.editing !== null) {
                commitEditing();
            }
        },
    };

    return { onKeydown, onClick, onDblclick, onPointerdown, focusGrid, editor };
}
