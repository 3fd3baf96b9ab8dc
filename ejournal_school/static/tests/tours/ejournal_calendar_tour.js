import { registry } from "@web/core/registry";

/**
 * A deputy adds a holiday over a day with planned lessons: the form lists the
 * lessons it removes before saving. Data come from test_calendar_ui.py.
 */
registry.category("web_tour.tours").add("ejournal_holiday_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Tour holiday",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='date_start'] input",
            run: "edit 01/01/2091 && press Enter",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='date_end'] input",
            run: "edit 01/01/2091 && press Enter",
        },
        {
            content: "The lessons of that day are listed before saving",
            trigger: ".o_ejournal_holiday_affected:not(.d-none)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='affected_lesson_ids'] .o_data_row",
        },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
    ],
});

/** A teacher opens a lesson of a past day: its page is read-only. */
registry.category("web_tour.tours").add("ejournal_lesson_closed_tour", {
    steps: () => [
        {
            content: "The status says held",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Held')",
        },
        {
            content: "The page is locked and says why",
            trigger: ".o_form_view .alert-info .fa-lock",
        },
        {
            content: "No input for the topic nor the material",
            trigger:
                ".o_form_view:not(:has(.o_field_widget[name='topic'] input)):not(:has(.o_field_widget[name='material'] textarea))",
        },
    ],
});
