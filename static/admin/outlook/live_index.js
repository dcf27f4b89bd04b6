/* The outlook form's task counts and exposure index, updated as exposure levels change.
   The server counts and computes (one rule, outlook/models/exposure.py); this script only
   sends the levels chosen in the task rows and shows the fragment it gets back. */
"use strict";
(function () {
  const EXPOSURE = /^task_assessments-\d+-exposure$/;

  function chosenLevels(form) {
    const levels = [];
    for (const select of form.querySelectorAll("select[name^='task_assessments-']")) {
      if (!EXPOSURE.test(select.name) || !select.value) continue;
      const prefix = select.name.slice(0, -"exposure".length);
      const deleted = form.querySelector(`input[name='${prefix}DELETE']`);
      if (deleted && deleted.checked) continue;
      levels.push(select.value);
    }
    return levels;
  }

  function start() {
    const box = document.querySelector(".live-exposure-index[data-preview-url]");
    const form = box && box.closest("form");
    if (!form) return;
    let latest = 0;

    async function refresh() {
      const request = ++latest;
      const query = new URLSearchParams(chosenLevels(form).map((level) => ["level", level]));
      try {
        const response = await fetch(`${box.dataset.previewUrl}?${query}`, {
          credentials: "same-origin",
          headers: { Accept: "text/html" },
        });
        if (!response.ok || request !== latest) return;
        box.innerHTML = await response.text();
      } catch (error) {
        // Offline or signed out: the saved figures stay shown; saving still works.
      }
    }

    form.addEventListener("change", (event) => {
      const name = event.target.name || "";
      if (EXPOSURE.test(name) || /^task_assessments-\d+-DELETE$/.test(name)) refresh();
    });
    document.addEventListener("formset:removed", (event) => {
      if (event.detail && event.detail.formsetName === "task_assessments") refresh();
    });
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
