import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * A deputy director opens the Electronic Journal app, creates class 5А in the
 * active school year with its class teacher, and finds it in the class list.
 * Data (year "Tour Year", teacher "Tour Teacher Petrova") come from test_ui.py.
 */
registry.category("web_tour.tours").add("ejournal_class_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Electronic Journal app",
            trigger: ".o_app[data-menu-xmlid='ejournal_school.ejournal_school_menu_root']",
            run: "click",
        },
        {
            content: "Wait for the app's first screen (a view or the gradebook)",
            trigger: ".o_action_manager > .o_action",
        },
        {
            content: "Open the School menu",
            trigger: "button[data-menu-xmlid='ejournal_school.ejournal_school_menu_school']",
            run: "click",
        },
        {
            content: "Open Classes",
            trigger: ".dropdown-item[data-menu-xmlid='ejournal_school.ejournal_class_menu']",
            run: "click",
        },
        {
            content: "The class list is shown",
            trigger: ".o_breadcrumb .o_last_breadcrumb_item:contains('Classes')",
        },
        {
            content: "Create a class",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "Grade 5",
            trigger: ".o_form_view .o_field_widget[name='grade_level'] input",
            run: "edit 5",
        },
        {
            content: "Letter А",
            trigger: ".o_form_view .o_field_widget[name='letter'] input",
            run: "edit А",
        },
        {
            content: "Search the school year",
            trigger: ".o_form_view .o_field_widget[name='year_id'] input",
            run: "edit Tour Year",
        },
        {
            content: "Pick the school year",
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Year')",
            run: "click",
        },
        {
            content: "Search the class teacher",
            trigger: ".o_form_view .o_field_widget[name='class_teacher_id'] input",
            run: "edit Petrova",
        },
        {
            content: "Pick the class teacher",
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Teacher Petrova')",
            run: "click",
        },
        {
            content: "The class name is computed",
            trigger: ".o_form_view .o_field_widget[name='name']:contains('5А')",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Back to the class list",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Classes')",
            run: "click",
        },
        {
            content: "5А is in the list",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('5А')",
        },
    ],
});
