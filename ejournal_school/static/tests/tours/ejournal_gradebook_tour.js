import { registry } from "@web/core/registry";

/**
 * The gradebook in the browser (data from tests/test_gradebook_ui.py).
 *
 * A teacher opens the gradebook on today's lesson of 5А, types marks and
 * attendance with the keyboard, reloads the page and finds them saved. On the
 * locked column of a past lesson the entry is refused with its reason, and the
 * teacher requests a correction instead.
 */

const today = (row) => `.o_gb_table td.o_gb_today.o_gb_open[data-row='${row}']`;
const locked = (row) => `.o_gb_table td.o_gb_locked[data-row='${row}']`;
const saved = ".o_ejournal_gradebook:not(:has(.o_gb_status .fa-spin))";

function typeIn(row, key, expected) {
    return [
        {
            content: `Type ${key} in row ${row + 1}`,
            trigger: `${today(row)}.o_gb_active`,
            run: `press ${key}`,
        },
        {
            content: "The cell is being edited",
            trigger: `${today(row)} input.o_gb_editor`,
            run: "press Enter",
        },
        {
            content: `${expected} is shown in row ${row + 1}`,
            trigger: `${today(row)}:contains('${expected}')`,
        },
    ];
}

registry.category("web_tour.tours").add("ejournal_gradebook_tour", {
    steps: () => [
        {
            content: "The gradebook opens on today's lesson of 5А",
            trigger: ".o_ejournal_gradebook .o_gb_lesson_title",
        },
        {
            content: "Today's column is the active one",
            trigger: ".o_gb_table th.o_gb_today.o_gb_head_active",
        },
        {
            content: "Put the cursor on the first pupil of today",
            trigger: today(0),
            run: "click",
        },
        ...typeIn(0, "5", "5"),
        ...typeIn(1, "4", "4"),
        ...typeIn(2, "н", "н"),
        ...typeIn(3, "o", "о"),
        {
            content: "Everything is saved: no pending cell, no save running",
            trigger: `${saved} .o_gb_table:not(:has(.o_gb_pending))`,
        },
        {
            content: "Reload the page",
            trigger: ".o_gb_table",
            run() {
                window.location.reload();
            },
            expectUnloadPage: true,
        },
        {
            content: "After the reload the marks are there",
            trigger: `${today(0)} .o_gb_mark[data-value='5']`,
        },
        {
            content: "4 for the second pupil",
            trigger: `${today(1)} .o_gb_mark[data-value='4']`,
        },
        {
            content: "The third pupil is absent",
            trigger: `${today(2)} .o_gb_attendance.o_gb_absent`,
        },
        {
            content: "The fourth pupil was late",
            trigger: `${today(3)} .o_gb_attendance.o_gb_late`,
        },
        {
            content: "The past lesson's column is locked",
            trigger: ".o_gb_table th.o_gb_locked .fa-lock",
        },
        {
            content: "Click a locked cell",
            trigger: locked(1),
            run: "click",
        },
        {
            content: "It says why it is locked",
            trigger: ".o_gb_cell_popover .o_gb_lock_reason:contains('locked')",
        },
        {
            content: "Close the details",
            trigger: ".o_gb_cell_popover",
            run: "press Escape",
        },
        {
            content: "Type a mark in the locked cell",
            trigger: `${locked(1)}.o_gb_active`,
            run: "press 3",
        },
        {
            // The wording of the reason may change; that it says "locked" stays.
            content: "The entry is refused with the reason",
            trigger: ".o_gb_locked_notification .o_notification_content:contains('locked')",
        },
        {
            content: "Nothing was entered in the locked cell",
            trigger: `${locked(1)}:not(:has(.o_gb_mark))`,
        },
        {
            content: "Request a correction instead",
            trigger: ".o_gb_locked_notification button:contains('Request a correction')",
            run: "click",
        },
        {
            content: "The correction request opens, prefilled",
            trigger: ".modal .o_form_view .o_field_widget[name='student_id'] input",
        },
        {
            content: "Write the reason",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit The mark for the oral answer was not entered on the day",
        },
        {
            content: "Send the request",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal .o_form_view))",
        },
    ],
});

/** A teacher cannot open the journal of a class they neither teach nor lead. */
registry.category("web_tour.tours").add("ejournal_gradebook_forbidden_tour", {
    steps: () => [
        {
            content: "The gradebook refuses another teacher's class",
            trigger: ".o_ejournal_gradebook .o_gb_error:contains('no access')",
        },
        {
            content: "No grid is shown",
            trigger: ".o_ejournal_gradebook:not(:has(.o_gb_table))",
        },
    ],
});

/** The lesson form's "Gradebook" button opens the grid on that lesson. */
registry.category("web_tour.tours").add("ejournal_gradebook_lesson_button_tour", {
    steps: () => [
        {
            content: "Open the gradebook from the lesson",
            trigger: ".o_form_view button:contains('Gradebook')",
            run: "click",
        },
        {
            content: "The grid shows the lesson's column, selected and locked",
            trigger: ".o_gb_table th.o_gb_head_selected.o_gb_head_active.o_gb_locked",
        },
        {
            content: "Its lesson page is shown, read-only",
            trigger: ".o_gb_lesson .o_gb_page_locked",
        },
    ],
});

const quarter = (row) => `.o_gb_table td.o_gb_period_cell[data-period-key^='quarter_'][data-row='${row}']`;
const annual = (row) => `.o_gb_table td.o_gb_period_cell[data-period-key^='annual_'][data-row='${row}']`;

/**
 * The class teacher on the last day of the quarter (tests/test_gradebook_ui.py):
 * takes the proposed quarter mark with Enter, marks today's lesson "all
 * present", and finds the annual mark's cell closed, with its reason.
 */
registry.category("web_tour.tours").add("ejournal_gradebook_period_mark_tour", {
    steps: () => [
        {
            content: "The quarter's column proposes 4 to the first pupil",
            trigger: `${quarter(0)}.o_gb_period_open .o_gb_period_proposal:contains('4')`,
        },
        {
            content: "Put the cursor on the first pupil's quarter mark",
            trigger: quarter(0),
            run: "click",
        },
        {
            content: "Enter on the empty cell takes the proposal",
            trigger: `${quarter(0)}.o_gb_active`,
            run: "press Enter",
        },
        {
            content: "The quarter mark 4 is saved",
            trigger: `${quarter(0)} .o_gb_period_value:not(.o_gb_pending):contains('4')`,
        },
        {
            content: "The cursor went down to the next pupil",
            trigger: `${quarter(1)}.o_gb_active`,
        },
        {
            content: "The annual mark's column is closed",
            trigger: `${annual(0)}.o_gb_period_closed`,
            run: "click",
        },
        {
            content: "Type a mark in the closed cell",
            trigger: `${annual(0)}.o_gb_active`,
            run: "press 5",
        },
        {
            content: "It says why: the same reason as its column's",
            trigger: ".o_gb_locked_notification .o_notification_content",
            run() {
                const head = document.querySelector(".o_gb_table th[data-period-key^='annual_']");
                // The header's title: "Annual mark" and, on its next line, why it is closed.
                const reason = head.title.split("\n").slice(1).join(" ").trim();
                const notice = this.anchor.textContent;
                if (!reason || !notice.includes(reason)) {
                    throw new Error(`The notice "${notice}" does not say "${reason}"`);
                }
            },
        },
        {
            content: "Nothing is kept in the closed cell",
            trigger: `${annual(0)}:not(:has(.o_gb_period_value)):not(:has(input))`,
        },
        {
            content: "Today's attendance is not taken yet: mark all present",
            trigger: ".o_gb_table th.o_gb_today .o_gb_all_present",
            run: "click",
        },
        {
            content: "Today's attendance is taken",
            trigger: ".o_gb_table th.o_gb_today .o_gb_attendance_taken",
        },
        {
            content: "No absence was recorded",
            trigger: ".o_gb_table:not(:has(td.o_gb_today .o_gb_attendance))",
        },
    ],
});

/** The director reads the gradebook: nothing to type, so no typing legend. */
registry.category("web_tour.tours").add("ejournal_gradebook_director_tour", {
    steps: () => [
        {
            content: "The grid is shown, read only",
            trigger: ".o_ejournal_gradebook .o_gb_status .fa-eye",
        },
        {
            content: "The pupils' rows are there",
            trigger: ".o_gb_table tr.o_gb_row",
        },
        {
            content: "No typing legend and no 'all present'",
            trigger: ".o_ejournal_gradebook:not(:has(.o_gb_legend)):not(:has(.o_gb_all_present))",
        },
    ],
});
