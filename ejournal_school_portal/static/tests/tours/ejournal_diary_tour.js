import { registry } from "@web/core/registry";

/**
 * REQ-07, REQ-70, REQ-72: a parent with two children opens the diary from
 * /my, reads the week of the first child, switches to the second one, goes
 * to the next week (a vacation) and reads the marks of both.
 * Data: ejournal_school_portal/tests/common.py (DiaryFixture).
 */
registry.category("web_tour.tours").add("ejournal_diary_parent_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The Diary card counts two children",
            trigger: ".o_portal_index_card:not(.d-none) [data-placeholder_count='diary_count']:contains('2')",
        },
        {
            content: "Open the diary",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/diary']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Both children are listed",
            trigger: ".o_diary_child_card:contains('Bermet Asanova')",
        },
        {
            content: "Open the week of the first child",
            trigger: ".o_diary_child_card:contains('Aibek Asanov') a.o_diary_open_week",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The week of Aibek is shown",
            trigger: ".o_diary_student_name:contains('Aibek Asanov')",
        },
        {
            content: "General homework of Monday's maths",
            trigger: ".o_diary_lesson:contains('Mathematics') .o_diary_homework_text:contains('Exercise 12, page 40')",
        },
        {
            content: "Aibek's own individual homework",
            trigger: ".o_diary_homework:contains('Individual homework') .o_diary_homework_text:contains('Own task: multiplication table')",
        },
        {
            content: "A mark with its work type",
            trigger: ".o_diary_mark:contains('5'):contains('Oral answer')",
        },
        {
            content: "The absence with its reason",
            trigger: ".o_diary_attendance:contains('Absent'):contains('Illness')",
        },
        {
            content: "Nothing of the classmate, nothing of the other subgroup",
            trigger: ".o_diary_week_page:not(:has(.o_diary_homework_text:contains('secret'))):not(:has(.o_diary_homework_text:contains('Group 2')))",
        },
        {
            content: "Switch to the second child",
            trigger: ".o_diary_switcher a:contains('Bermet Asanova')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The week of Bermet is shown",
            trigger: ".o_diary_student_name:contains('Bermet Asanova')",
        },
        {
            content: "Bermet's class homework and class event",
            trigger: ".o_diary_week_page:has(.o_diary_homework_text:contains('6A homework')) .o_diary_event:contains('6A museum trip')",
        },
        {
            content: "Aibek's homework is not in Bermet's week",
            trigger: ".o_diary_week_page:not(:has(.o_diary_homework_text:contains('Exercise 12')))",
        },
        {
            content: "Go to the next week",
            trigger: "a.o_diary_next_week",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Next week is the vacation",
            trigger: ".o_diary_holiday:contains('Winter vacation')",
        },
        {
            content: "Open Bermet's marks",
            trigger: ".o_diary_tabs a:contains('Marks')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Show the dates, work and topics of Bermet's marks in mathematics",
            trigger: ".o_diary_subject_card:contains('Mathematics') .o_diary_mark_details summary",
            run: "click",
        },
        {
            content: "Bermet's control work in mathematics",
            trigger: ".o_diary_subject_card:contains('Mathematics') .o_diary_mark_line:contains('Control work') .o_diary_mark_value:contains('3')",
        },
        {
            content: "Switch back to Aibek, still on the marks",
            trigger: ".o_diary_switcher a:contains('Aibek Asanov')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Aibek's weighted average in mathematics",
            trigger: ".o_diary_marks_page:has(.o_diary_student_name:contains('Aibek Asanov')) .o_diary_subject_card:contains('Mathematics') .o_diary_average:contains('3.80')",
        },
    ],
});

/**
 * REQ-08, REQ-70: a pupil opens their own diary: the week with their own
 * homework and absence, then their attendance; there is nobody to switch to.
 */
registry.category("web_tour.tours").add("ejournal_diary_pupil_tour", {
    url: "/my/diary",
    steps: () => [
        {
            content: "The pupil lands on their own week",
            trigger: ".o_diary_week_page .o_diary_student_name:contains('Aibek Asanov')",
        },
        {
            content: "No child switcher for a pupil",
            trigger: ".o_diary_week_page:not(:has(.o_diary_switcher))",
        },
        {
            content: "Their own individual homework",
            trigger: ".o_diary_homework_text:contains('Own task: multiplication table')",
        },
        {
            content: "The substitute teacher is named",
            trigger: ".o_diary_teacher:contains('Nurlan Substitute')",
        },
        {
            content: "Lateness is shown",
            trigger: ".o_diary_attendance:contains('Late')",
        },
        {
            content: "Open the attendance",
            trigger: ".o_diary_tabs a:contains('Attendance')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "One lesson missed and one late in the 2nd quarter",
            trigger: ".o_diary_attendance_period:contains('2nd quarter'):has(.o_diary_absent_count:contains('1')) .o_diary_late_count:contains('1')",
        },
    ],
});
