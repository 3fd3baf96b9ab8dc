import { registry } from "@web/core/registry";

/* REQ-02, REQ-04, REQ-10: each back-office role lands on its home at login. */
const tours = registry.category("web_tour.tours");

tours.add("ejournal_home_teacher_tour", {
    steps: () => [
        { content: "The teacher lands on the gradebook", trigger: ".o_ejournal_gradebook" },
    ],
});

tours.add("ejournal_home_class_teacher_tour", {
    steps: () => [
        {
            content: "The class teacher lands on their class today",
            trigger: ".o_ejournal_home[data-role='class_teacher'] .o_ejournal_home_subtitle:contains('5А')",
        },
        {
            content: "Open the pupils without a login",
            trigger: ".o_ejournal_home_card[data-key='pupils_without_login']",
            run: "click",
        },
        { content: "Their list opens", trigger: ".o_list_view .o_data_row" },
    ],
});

tours.add("ejournal_home_deputy_tour", {
    steps: () => [
        {
            content: "The deputy director lands on the control home",
            trigger: ".o_ejournal_home[data-role='deputy'] .o_ejournal_home_card[data-key='corrections_to_decide']",
        },
        {
            content: "Open the corrections to decide",
            trigger: ".o_ejournal_home_card[data-key='corrections_to_decide']",
            run: "click",
        },
        { content: "Their list opens", trigger: ".o_list_view" },
    ],
});

tours.add("ejournal_home_director_tour", {
    steps: () => [
        {
            content: "The director lands on the analyses",
            trigger: ".o_ejournal_home[data-role='director'] .o_ejournal_home_card[data-key='lessons_without_topic']",
        },
    ],
});

tours.add("ejournal_home_setup_tour", {
    steps: () => [
        {
            content: "The administrator lands on the set-up checklist",
            trigger: ".o_ejournal_home[data-role='setup'] .o_ejournal_setup_step[data-key='year'].o_ejournal_setup_done",
        },
        {
            content: "The timetable is missing",
            trigger: ".o_ejournal_setup_step[data-key='timetable'].o_ejournal_setup_missing",
        },
        {
            content: "Open the school card",
            trigger: ".o_ejournal_setup_step[data-key='school'] .o_ejournal_setup_open",
            run: "click",
        },
        {
            content: "The school's own form, no tax id",
            trigger: ".o_form_view:has(.o_field_widget[name='school_number']):not(:has(.o_field_widget[name='vat']))",
        },
    ],
});
