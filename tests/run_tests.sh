#!/usr/bin/env bash
# Run every test of the project against a fresh database:
#   bash tests/run_tests.sh [extra pytest arguments, e.g. -k gradebook -x]
#
# 1. checks the tools (Odoo 19, PostgreSQL, Chromium, websocket-client, pytest-odoo);
# 2. creates a database with a unique name and installs the three addons with demo data;
# 3. runs the Python tests and browser tours of every addon and of tests/ with pytest-odoo;
# 4. always drops the database (and its filestore), whatever happened.
# Exits non-zero on any failure, on a skipped browser test (see conftest.py) and when no
# test was collected.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

ADDONS=(ejournal_school ejournal_school_reports ejournal_school_portal)
CONFIG=odoo.conf

fail() {
    printf 'run_tests: %s\n' "$*" >&2
    exit 1
}

# --- tools: a missing browser must fail the run, never skip the tours ---------------------
chrome=""
for candidate in google-chrome chromium chromium-browser google-chrome-stable; do
    if command -v "$candidate" >/dev/null 2>&1; then
        chrome=$(command -v "$candidate")
        break
    fi
done
[ -n "$chrome" ] || fail "no Chrome or Chromium on PATH: browser tours cannot run." \
    "Install it (Debian: apt-get install -y chromium)."
python3 -c "import websocket" 2>/dev/null \
    || fail "the Python module 'websocket' is missing: browser tours cannot run." \
        "Install it: pip install websocket-client"
version=$(python3 -c "import odoo.release as r; print(r.version_info[0])" 2>/dev/null) \
    || fail "python3 cannot import Odoo: install Odoo 19.0 Community (see README.md)."
[ "$version" = 19 ] || fail "python3 imports Odoo $version, not Odoo 19."
python3 -c "import pytest_odoo" 2>/dev/null \
    || fail "pytest-odoo is missing: pip install pytest-odoo"
pg_isready -q \
    || fail "PostgreSQL does not answer (pg_isready). Start it, or set PGHOST/PGPORT."
# To reach another server or role, export PGHOST, PGPORT, PGUSER, PGPASSWORD: Odoo 19 uses
# them over odoo.conf, so psql, dropdb and Odoo below all reach the same server as one role.
echo "Odoo $version, $("$chrome" --version 2>/dev/null || echo "$chrome"), PostgreSQL ready."

# --- a fresh database, dropped at the end whatever happens --------------------------------
DB="ejournal_test_$$"
LOG=$(mktemp -t "${DB}_install.XXXXXX")
drop_database() {
    # "odoo db drop" removes the filestore too; dropdb covers a half-created database.
    odoo db -c "$CONFIG" drop "$DB" >/dev/null 2>&1 || dropdb --if-exists "$DB" || true
    rm -f "$LOG"
}
trap drop_database EXIT
trap 'exit 130' INT TERM

addons_csv=$(IFS=,; echo "${ADDONS[*]}")
echo "Installing $addons_csv with demo data into the database $DB..."
start=$SECONDS
if ! odoo -c "$CONFIG" -d "$DB" -i "$addons_csv" --with-demo --stop-after-init \
        --log-level=warn >"$LOG" 2>&1; then
    cat "$LOG" >&2
    fail "the installation failed (log above)."
fi
echo "Installed in $((SECONDS - start)) s."
if grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$LOG"; then
    cat "$LOG" >&2
    fail "the installation logged errors (log above)."
fi
if [ -s "$LOG" ]; then
    echo "Installation warnings:"
    cat "$LOG"
fi
installed=$(psql -d "$DB" -tAc "SELECT count(*) FROM ir_module_module
    WHERE state = 'installed' AND name = ANY(string_to_array('$addons_csv', ','))")
[ "$installed" = "${#ADDONS[@]}" ] \
    || fail "only $installed of the ${#ADDONS[@]} addons are installed in $DB."

# --- every test: the tests/ folder of each addon, and the cross-addon tests/ --------------
paths=()
for addon in "${ADDONS[@]}"; do
    if [ -d "$addon/tests" ]; then
        paths+=("$addon/tests")
    fi
done
paths+=(tests)

echo "Running pytest on ${paths[*]}..."
status=0
python3 -m pytest --odoo-database="$DB" --odoo-config="$CONFIG" --odoo-http \
    "$@" "${paths[@]}" || status=$?
# pytest's own summary line ("N passed") closes a successful run.
case $status in
    0) ;;
    5) fail "pytest collected no test at all." ;;
    *) fail "pytest failed (exit code $status)." ;;
esac
