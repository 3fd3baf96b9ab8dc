import { registry } from "@web/core/registry";

/**
 * REQ-45: the deputy director opens the To-Do of a correction request from
 * the activity menu, reads its context (lesson date, subject, pupil, current
 * entry, old → new) and approves it. Data: ejournal_school/tests/test_correction_tour.py.
 */
registry.category("web_tour.tours").add("ejournal_correction_deputy_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the activity menu",
            trigger: ".o_menu_systray i[aria-label='Activities']",
            run: "click",
        },
        {
            content: "The correction's To-Do is due in the coming days",
            trigger: ".o-mail-ActivityGroup[data-model_name='ejournal.correction'] span:contains('Future')",
            run: "click",
        },
        {
            content: "Open the request",
            trigger: ".o_data_row:contains('5 (Oral answer)') td[name='display_name'], .o_kanban_record:contains('5 (Oral answer)')",
            run: "click",
        },
        {
            content: "The form shows the lesson's subject and the pupil",
            trigger: ".o_form_view div[name='context_subject_id']:contains('Математика')",
        },
        {
            content: "… the entry as it is and old → new",
            trigger: ".o_form_view div[name='change_display']:contains('5 (Oral answer) → 3')",
        },
        {
            content: "Approve and apply",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The request is approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
        {
            content: "The requester is told",
            trigger: ".o-mail-Message:contains('Your correction request was approved')",
        },
    ],
});
