"use strict";
// An outlook's ordered rows (outlook/admin/rows.py): move them by the drag handle or by the
// "Move up"/"Move down" buttons, and write their positions in page order before the form goes.
// Stored positions are reused in order (1, 2, 3 stay 1, 2, 3), so an untouched list sends no
// change; rows without a position follow the last one.
(function () {
    const GROUPS = ".inline-group.rows-ordered";
    let dragged = null;

    function formRows(group) {
        return Array.from(group.querySelectorAll("tbody > tr.form-row")).filter(
            (row) => !row.classList.contains("empty-form")
        );
    }

    function positionInput(row) {
        return row.querySelector("input[name$='-position']");
    }

    function renumber(group) {
        const rows = formRows(group);
        const stored = rows
            .map((row) => Number.parseInt(positionInput(row)?.value ?? "", 10))
            .filter((value) => !Number.isNaN(value))
            .sort((a, b) => a - b);
        let previous = -1;
        rows.forEach((row, index) => {
            const input = positionInput(row);
            if (!input) {
                return;
            }
            previous = index < stored.length ? Math.max(stored[index], previous + 1) : previous + 1;
            input.value = String(previous);
        });
    }

    function place(row, reference, before) {
        // A row's error line travels with it.
        const errors = row.previousElementSibling?.classList.contains("row-form-errors")
            ? row.previousElementSibling
            : null;
        const anchor = before ? reference : reference.nextElementSibling;
        const target = before && reference.previousElementSibling?.classList.contains("row-form-errors")
            ? reference.previousElementSibling
            : anchor;
        reference.parentNode.insertBefore(row, target);
        if (errors) {
            row.parentNode.insertBefore(errors, row);
        }
    }

    function say(group, text) {
        const message = group.querySelector("[data-rows-announce]");
        if (message) {
            message.textContent = text;
        }
    }

    function announce(group, row) {
        const rows = formRows(group);
        say(group, interpolate(
            gettext("Moved to place %(place)s of %(count)s."),
            {place: rows.indexOf(row) + 1, count: rows.length},
            true
        ));
    }

    function move(button) {
        const row = button.closest("tr.form-row");
        const group = button.closest(GROUPS);
        const rows = formRows(group);
        const index = rows.indexOf(row);
        const up = button.dataset.move === "up";
        const neighbour = rows[up ? index - 1 : index + 1];
        if (!neighbour) {
            say(group, up ? gettext("Already the first row.") : gettext("Already the last row."));
            return;
        }
        place(row, neighbour, up);
        renumber(group);
        button.focus();
        announce(group, row);
    }

    document.addEventListener("click", (event) => {
        const button = event.target.closest(`${GROUPS} .row-move`);
        if (button) {
            event.preventDefault();
            move(button);
        }
    });

    document.addEventListener("dragstart", (event) => {
        const handle = event.target.closest?.(`${GROUPS} .row-handle`);
        if (!handle) {
            return;
        }
        dragged = handle.closest("tr.form-row");
        dragged.classList.add("row-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", "");
    });

    document.addEventListener("dragover", (event) => {
        if (!dragged) {
            return;
        }
        const row = event.target.closest?.("tr.form-row");
        if (!row || row === dragged || row.classList.contains("empty-form")
            || row.closest(GROUPS) !== dragged.closest(GROUPS)) {
            return;
        }
        event.preventDefault();
        const box = row.getBoundingClientRect();
        place(dragged, row, event.clientY < box.top + box.height / 2);
    });

    document.addEventListener("drop", (event) => {
        if (dragged) {
            event.preventDefault();
        }
    });

    document.addEventListener("dragend", () => {
        if (!dragged) {
            return;
        }
        const group = dragged.closest(GROUPS);
        dragged.classList.remove("row-dragging");
        renumber(group);
        announce(group, dragged);
        dragged = null;
    });

    document.addEventListener("submit", () => {
        document.querySelectorAll(GROUPS).forEach(renumber);
    });

    function ready() {
        document.querySelectorAll(GROUPS).forEach((group) => group.classList.add("rows-ready"));
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", ready);
    } else {
        ready();
    }
})();
