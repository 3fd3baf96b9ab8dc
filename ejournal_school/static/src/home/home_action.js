import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * REQ-02, REQ-04, REQ-10: the home of a back-office role — counted cards
 * (class teacher, deputy, director) or the set-up checklist (administrator).
 * The counts and the lists behind them come from ``ejournal.home``.
 */
export class EjournalHome extends Component {
    static template = "ejournal_school.EjournalHome";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        const context = this.props.action.context || {};
        this.role = context.ejournal_home || "deputy";
        this.state = useState({ data: null });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("ejournal.home", "get_home", [this.role]);
    }

    get doneCount() {
        return this.state.data.steps.filter((step) => step.done).length;
    }

    async open(key) {
        const action = await this.orm.call("ejournal.home", "action_open", [this.role, key]);
        await this.actionService.doAction(action);
    }
}

registry.category("actions").add("ejournal_home", EjournalHome);
