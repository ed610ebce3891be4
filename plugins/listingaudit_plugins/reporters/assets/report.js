// Filters for the listingaudit HTML report: family, severity and a search box.
// The data is the rendered page itself (data attributes and text), never embedded JSON.
(() => {
  "use strict";
  const state = { family: "", severity: "", query: "" };
  const cards = Array.from(document.querySelectorAll(".listing"));
  const shown = document.getElementById("shown");
  const empty = document.getElementById("no-match");

  const wanted = (finding) =>
    (!state.family || finding.dataset.family === state.family) &&
    (!state.severity || finding.dataset.severity === state.severity);

  const apply = () => {
    const filtering = Boolean(state.family || state.severity);
    let count = 0;
    for (const card of cards) {
      let matched = false;
      for (const finding of card.querySelectorAll(".finding")) {
        const keep = wanted(finding);
        finding.hidden = !keep;
        matched = matched || keep;
      }
      const text = !state.query || card.textContent.toLowerCase().includes(state.query);
      card.hidden = !(text && (matched || !filtering));
      if (!card.hidden) count += 1;
    }
    shown.textContent = String(count);
    empty.hidden = count > 0;
  };

  for (const group of document.querySelectorAll("[data-filter]")) {
    group.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      for (const other of group.querySelectorAll("button")) {
        other.setAttribute("aria-pressed", String(other === button));
      }
      state[group.dataset.filter] = button.dataset.value;
      apply();
    });
  }
  document.getElementById("search").addEventListener("input", (event) => {
    state.query = event.target.value.trim().toLowerCase();
    apply();
  });
  apply();
})();
