/* "No results found" in a profession or skill autocomplete is not a dead end: the message
   offers to propose what was typed, opening the catalogue's add form (Django's "+" popup)
   with the name filled in. A contributor's new entry is proposed until an editor approves it. */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const $ = window.django && window.django.jQuery;
  if (!$) return;
  let openSelect = null;

  function addLinkOf(select) {
    const wrapper = select && select.closest(".related-widget-wrapper");
    return wrapper && wrapper.querySelector("a.add-related[href]");
  }

  function offerProposal(message) {
    const link = addLinkOf(openSelect);
    const search = document.querySelector(".select2-container--open .select2-search__field");
    const term = search ? search.value.trim() : "";
    if (!link || !term || message.querySelector(".propose-entry")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button propose-entry";
    button.textContent = `Propose “${term}”`;
    button.title = "Add it to the catalogue as a proposal; an editor approves it before publication.";
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => {
      const select = openSelect;
      const original = link.getAttribute("href");
      const url = new URL(original, window.location.href);
      url.searchParams.set("name", term);
      $(select).select2("close");
      link.setAttribute("href", url.pathname + url.search);
      link.click(); // RelatedObjectLookups opens the add form as a popup
      link.setAttribute("href", original);
    });
    message.append(" ", button);
  }

  $(document).on("select2:open", (event) => {
    openSelect = event.target;
  });
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && node.matches(".select2-results__message")) offerProposal(node);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
});
