import { describe, expect, test } from "@odoo/hoot";
import { reactive } from "@odoo/owl";
import { GradebookModel } from "@ejournal_school/gradebook/gradebook_model";

/** A grid of one lesson, one pupil and a quarter mark column (REQ-42…46). */
function makeGrid() {
    return {
        class: { id: 1, name: "5А" },
        subject: { id: 2, name: "Математика" },
        period: { id: 3, kind: "quarter" },
        lessons: [{ id: 10, mode: "open", can_enter: true, attendance_taken: false }],
        students: [
            {
                id: 20,
                name: "Айбек",
                period_marks: {
                    quarter_3: { id: false, code: false, proposed: "4", formula: "(5×1 + 4×2) / (1 + 2) = 4.33 → 4" },
                },
            },
        ],
        cells: {},
        period_columns: [
            { key: "quarter_3", kind: "quarter", period_id: 3, can_enter: true, lock_reason: false },
        ],
    };
}

function makeModel(answer) {
    const calls = [];
    const notices = [];
    const state = reactive({ grid: makeGrid(), saving: 0 });
    const orm = {
        async call(model, method, args, kwargs) {
            calls.push({ model, method, args, kwargs });
            return answer(args[0]);
        },
    };
    const model = new GradebookModel({
        state,
        orm,
        notify: (message, options) => notices.push({ message, options }),
    });
    model.onRefused = (result) => model.notifyNotSaved(result.error);
    return { model, state, calls, notices };
}


describe("ejournal gradebook save queue", () => {
    test("a mark is shown at once, then replaced by the saved cell", async () => {
        let release;
        const gate = new Promise((resolve) => (release = resolve));
        const { model, state, calls } = makeModel(async ([change]) => {
            await gate;
            return [
                {
                    ok: true,
                    kind: "mark",
                    lesson_id: 10,
                    student_id: 20,
                    cell: { marks: [{ id: 99, code: "5", work_type_id: 1 }], attendance: false },
                },
            ];
        });
        const [lesson] = state.grid.lessons;
        const [student] = state.grid.students;
        model.ensureCell(lesson, student).marks.push({ id: false, code: "5", pending: true });
        const saved = model.queue(lesson, student, { kind: "mark", value_code: "5" });
        expect(state.grid.cells["10_20"].marks[0].pending).toBe(true);
        expect(state.saving).toBe(1);
        release();
        await model.idle;
        await saved;
        expect(calls[0].method).toBe("save_cells");
        expect(calls[0].args[0]).toEqual([
            { lesson_id: 10, student_id: 20, kind: "mark", value_code: "5" },
        ]);
        expect(calls[0].kwargs).toEqual({ period_id: 3 });
        expect(state.grid.cells["10_20"].marks).toEqual([{ id: 99, code: "5", work_type_id: 1 }]);
        expect(state.saving).toBe(0);
    });

    test("a refused entry is rolled back to the journal's cell, with one notice", async () => {
        const { model, state, notices } = makeModel(async () => [
            {
                ok: false,
                error: "The journal of 13.10.2026 is locked",
                kind: "attendance",
                lesson_id: 10,
                student_id: 20,
                cell: { marks: [], attendance: false },
            },
        ]);
        const [lesson] = state.grid.lessons;
        const [student] = state.grid.students;
        model.ensureCell(lesson, student).attendance = { id: false, status: "absent", pending: true };
        await model.queue(lesson, student, { kind: "attendance", status: "absent" });
        await model.idle;
        expect(state.grid.cells["10_20"].attendance).toBe(false);
        expect(lesson.attendance_taken).toBe(false);
        expect(notices.length).toBe(1);
        expect(notices[0].message).toBe("The journal of 13.10.2026 is locked");
        // The one "not saved" notice (its title is a lazy _t(), unreadable
        // without the translations of a web client).
        expect(notices[0].options.type).toBe("danger");
        expect(notices[0].options.className).toBe("o_gb_save_error");
    });

    test("a period mark is accepted from the proposal", async () => {
        const { model, state, calls } = makeModel(async () => [
            {
                ok: true,
                kind: "period_mark",
                lesson_id: undefined,
                student_id: 20,
                period_marks: {
                    quarter_3: { id: 7, code: "4", proposed: "4", formula: "… → 4" },
                },
            },
        ]);
        const [student] = state.grid.students;
        const [column] = state.grid.period_columns;
        expect(model.enterPeriodMark(student, column, { accept: true })).toBe(true);
        expect(student.period_marks.quarter_3.code).toBe("4");
        expect(student.period_marks.quarter_3.pending).toBe(true);
        await model.idle;
        expect(calls[0].args[0]).toEqual([
            {
                kind: "period_mark",
                student_id: 20,
                class_id: 1,
                subject_id: 2,
                period_kind: "quarter",
                period_id: 3,
                accept_proposal: true,
            },
        ]);
        expect(student.period_marks.quarter_3).toEqual({
            id: 7,
            code: "4",
            proposed: "4",
            formula: "… → 4",
        });
    });

    test("a closed period cell says why and queues nothing", async () => {
        const { model, state, calls, notices } = makeModel(async () => []);
        const [student] = state.grid.students;
        const column = { ...state.grid.period_columns[0], lock_reason: "The period ends on 31.10.2026" };
        expect(model.enterPeriodMark(student, column, { accept: true })).toBe(false);
        expect(calls.length).toBe(0);
        expect(notices[0].message).toBe("The period ends on 31.10.2026");
        expect(student.period_marks.quarter_3.code).toBe(false);
    });

    test("a mark typed on a locked lesson says why, offers a correction and queues nothing", async () => {
        const { model, state, calls, notices } = makeModel(async () => []);
        const [lesson] = state.grid.lessons;
        const [student] = state.grid.students;
        Object.assign(lesson, {
            mode: "locked",
            lock_reason: "The journal of 13.10.2026 is locked",
            scale_id: 1,
            work_type_id: 5,
        });
        state.grid.values = [{ id: 41, code: "3", scale_id: 1 }];
        state.grid.work_types = [{ id: 5, active: true }];
        student.ranges = [["2026-09-01", false]];
        lesson.date = "2026-10-13";
        expect(model.enterTyped(lesson, student, "3")).toBe(undefined);
        await model.idle;
        expect(calls.length).toBe(0);
        expect(state.grid.cells).toEqual({});
        expect(notices.length).toBe(1);
        expect(notices[0].message).toBe("The journal of 13.10.2026 is locked");
        expect(notices[0].options.className).toBe("o_gb_locked_notification");
        expect(notices[0].options.buttons.length).toBe(1);
    });
});
