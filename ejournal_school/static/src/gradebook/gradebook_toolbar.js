import { Component } from "@odoo/owl";

/** The gradebook's selection (class, subject, group, period), "Now", reload and status. */
export class GradebookToolbar extends Component {
    static template = "ejournal_school.GradebookToolbar";
    static props = { model: Object };

    get model() {
        return this.props.model;
    }

    get state() {
        return this.props.model.state;
    }

    onSelectClass(ev) {
        this.model.selectClass(parseInt(ev.target.value) || false);
    }

    onSelectSubject(ev) {
        this.model.selectSubject(parseInt(ev.target.value) || false);
    }

    onSelectSubgroup(ev) {
        this.model.selectSubgroup(parseInt(ev.target.value) || false);
    }

    onSelectPeriod(ev) {
        this.model.selectPeriod(parseInt(ev.target.value) || false);
    }
}
