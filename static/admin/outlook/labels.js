"use strict";
// Every admin page: the autocomplete boxes (select2) are named by their field's label, which
// select2 leaves on the hidden <select> it replaces.
(function () {
    function nameComboboxes(root) {
        root.querySelectorAll("select.admin-autocomplete").forEach((select) => {
            const label = select.id && document.querySelector(`label[for="${select.id}"]`);
            const box = select.nextElementSibling?.querySelector(".select2-selection[role=combobox]");
            if (!label || !box || box.dataset.labelled) {
                return;
            }
            if (!label.id) {
                label.id = `${select.id}-label`;
            }
            const shown = box.getAttribute("aria-labelledby");
            box.setAttribute("aria-labelledby", [label.id, shown].filter(Boolean).join(" "));
            box.querySelector("[role=textbox]")?.setAttribute("aria-labelledby", label.id);
            box.dataset.labelled = "true";
        });
    }

    // After select2 has been set up (on jQuery's ready, or on a row added).
    window.addEventListener("load", () => setTimeout(() => nameComboboxes(document), 0));
    document.addEventListener("formset:added", (event) => {
        setTimeout(() => nameComboboxes(event.target), 0);
    });
})();
