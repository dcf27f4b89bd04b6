// Submit the personalised-report form in place. Without this script the form posts and
// the server answers with a full page, so it works either way.
(function () {
  "use strict";

  function replaceSection(section, html) {
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var fresh = holder.querySelector("[data-signup]");
    if (!fresh) {
      throw new Error("unexpected response");
    }
    section.replaceWith(fresh);
    // Move focus to the first error, or to the heading that announces success.
    var target = fresh.querySelector("[aria-invalid=true], .signup__errors") ||
      fresh.querySelector("#signup-title");
    if (target) {
      target.focus();
    }
  }

  function showProblem(form, message) {
    var box = form.querySelector(".signup__errors");
    if (!box) {
      box = document.createElement("div");
      box.className = "signup__errors";
      box.setAttribute("role", "alert");
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = message;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-signup-form]") || !window.fetch) {
      return;
    }
    event.preventDefault();
    var section = form.closest("[data-signup]");
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        return response.text().then(function (html) {
          replaceSection(section, html);
        });
      })
      .catch(function () {
        button.disabled = false;
        form.removeAttribute("aria-busy");
        showProblem(form, "Your details could not be sent. Please reload the page and try again.");
      });
  });
})();
