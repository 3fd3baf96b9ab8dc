import { Component, onWillStart, useState } from "@odoo/owl";
import { router } from "@web/core/browser/router";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { GradebookGrid } from "./gradebook_grid";
import { GradebookLessonPage } from "./gradebook_lesson_page";
import { GradebookModel } from "./gradebook_model";
import { GradebookToolbar } from "./gradebook_toolbar";

/**
 * The teachers' gradebook (REQ-42…46): one class (or subgroup), subject and
 * period; a row per pupil, a column per lesson; marks and attendance typed
 * like in a spreadsheet and saved at once, each refusal rolled back.
 *
 * The client action only builds the model (gradebook_model.js) and lays out
 * its parts: the toolbar, the selected lesson's page and the grid, each given
 * the model.
 */
export class GradebookAction extends Component {
    static template = "ejournal_school.GradebookAction";
    static components = { Layout, GradebookToolbar, GradebookLessonPage, GradebookGrid };
    static props = { ...standardActionServiceProps };

    setup() {
        const notification = useService("notification");
        // Reactive: the components given the model render what they read of it.
        this.model = useState(
            new GradebookModel({
                state: {
                    loading: true,
                    error: false,
                    options: null,
                    selection: {
                        class_id: false,
                        subject_id: false,
                        subgroup_id: false,
                        period_id: false,
                    },
                    grid: null,
                    active: { row: 0, col: 0 },
                    editing: null,
                    lessonId: false,
                    saving: 0,
                },
                orm: useService("orm"),
                action: useService("action"),
                notify: (message, options) => notification.add(message, options),
                onFatal: () => this.model.reload(),
                updateActionState: (state) => this.props.updateActionState?.(state),
            })
        );
        this.display = { controlPanel: {} };
        onWillStart(() => this.start());
    }

    get state() {
        return this.model.state;
    }

    async start() {
        const model = this.model;
        await model.loadOptions();
        let selection = this.selectionFromUrl();
        let lessonId = false;
        if (!selection) {
            const context = this.props.action.context || {};
            const fromLesson =
                context.gradebook_lesson_id ||
                (context.active_model === "ejournal.lesson" && context.active_id);
            const defaults = await model.defaultSelection(fromLesson || false);
            if (defaults.class_id) {
                selection = defaults;
                lessonId = defaults.lesson_id;
            }
        }
        if (!selection) {
            this.state.loading = false;
            return;
        }
        model.setSelection(selection);
        await model.loadGrid({ lessonId });
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
}

registry.category("actions").add("ejournal_gradebook", GradebookAction);
