import { Component, useState } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";

const PAGE_KEY = "ejournal_gradebook.lesson_page";

/**
 * The selected lesson's page above the grid (REQ-41, REQ-44): topic (from the
 * thematic plan), homework for the class and for single pupils, work done.
 * It folds away to leave the grid the whole height; folded at first on a phone.
 */
export class GradebookLessonPage extends Component {
    static template = "ejournal_school.GradebookLessonPage";
    static props = { model: Object, lesson: Object };

    setup() {
        this.state = useState({
            showPage:
                (browser.localStorage.getItem(PAGE_KEY) ||
                    (this.env.isSmall ? "hidden" : "shown")) !== "hidden",
            studentId: false,
            text: "",
        });
    }

    get model() {
        return this.props.model;
    }

    get lesson() {
        return this.props.lesson;
    }

    get planLines() {
        return this.model.grid.plan_lines;
    }

    get generalHomework() {
        return this.model.generalHomework(this.lesson);
    }

    get individualHomework() {
        return this.model.individualHomework(this.lesson);
    }

    onTogglePage() {
        this.state.showPage = !this.state.showPage;
        browser.localStorage.setItem(PAGE_KEY, this.state.showPage ? "shown" : "hidden");
    }

    onPlanLineChange(ev) {
        return this.model.setPlanLine(this.lesson, parseInt(ev.target.value) || false);
    }

    onLessonFieldChange(field, ev) {
        return this.model.setLessonField(this.lesson, field, ev.target.value);
    }

    async onGeneralHomeworkChange(ev) {
        const input = ev.target;
        if (!(await this.model.setGeneralHomework(this.lesson, input.value.trim()))) {
            input.value = this.generalHomework?.text || "";
        }
    }

    onIndividualStudentChange(ev) {
        this.state.studentId = parseInt(ev.target.value) || false;
    }

    onIndividualTextInput(ev) {
        this.state.text = ev.target.value;
    }

    async onAddIndividualHomework() {
        const added = await this.model.addIndividualHomework(
            this.lesson,
            this.state.studentId,
            this.state.text.trim()
        );
        if (added) {
            Object.assign(this.state, { studentId: false, text: "" });
        }
    }

    onRemoveHomework(homework) {
        return this.model.removeHomework(this.lesson, homework);
    }
}
