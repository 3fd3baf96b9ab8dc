import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { GradebookRow } from "./gradebook_row";
import { dayMonth } from "./gradebook_utils";
import { useGridNavigation } from "./gradebook_navigation";

/**
 * The grid of the gradebook (REQ-42…46): a row per pupil, a column per lesson,
 * then the average, the proposal and the period marks' columns; the legend of
 * the keys under it for whoever can type in it.
 */
export class GradebookGrid extends Component {
    static template = "ejournal_school.GradebookGrid";
    static components = { GradebookRow };
    static props = { model: Object };

    setup() {
        this.navigation = useGridNavigation(this.props.model, "grid");
    }

    get model() {
        return this.props.model;
    }

    get state() {
        return this.props.model.state;
    }

    get grid() {
        return this.props.model.grid;
    }

    dayLabel(lesson) {
        return dayMonth(lesson.date);
    }

    headerTitle(lesson) {
        const parts = [this.model.lessonHeading(lesson)];
        parts.push(lesson.topic ? _t("Topic: %s", lesson.topic) : _t("No topic yet"));
        if (lesson.mode === "locked" || lesson.mode === "control") {
            parts.push(lesson.lock_reason);
        }
        if (lesson.mode === "control") {
            parts.push(_t("Marks for written control work can still be entered."));
        }
        return parts.join("\n");
    }

    headerClass(lesson, index) {
        return {
            o_gb_head: true,
            o_gb_today: lesson.is_today,
            o_gb_future: !lesson.is_today && !lesson.is_past,
            o_gb_head_active: index === this.state.active.col,
            o_gb_head_selected: lesson.id === this.state.lessonId,
            [`o_gb_${lesson.mode}`]: true,
        };
    }

    periodHeadClass(column, index) {
        return {
            o_gb_summary: true,
            o_gb_period_mark: true,
            o_gb_period_head: true,
            o_gb_head_active: this.grid.lessons.length + index === this.state.active.col,
            o_gb_period_locked: Boolean(this.model.periodLockReason(column)),
        };
    }

    periodHeadTitle(column) {
        const reason = this.model.periodLockReason(column);
        return reason ? `${column.title}\n${reason}` : column.title;
    }

    async onAllPresent(lesson) {
        await this.model.markAllPresent(lesson);
        this.navigation.focusGrid();
    }
}
