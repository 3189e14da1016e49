// Filter the report by speaker, in the page itself: no server, no network.
(() => {
  "use strict";
  const select = document.getElementById("speaker-filter");
  const status = document.getElementById("filter-status");
  const marks = Array.from(document.querySelectorAll("mark.q"));
  const documents = Array.from(document.querySelectorAll("article.doc"));
  const rows = Array.from(document.querySelectorAll("tr[data-s]"));
  const plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;

  function show(key) {
    const all = key === "";
    document.body.classList.toggle("filtered", !all);
    let quotes = 0;
    for (const mark of marks) {
      const hit = !all && mark.dataset.s === key;
      mark.classList.toggle("hit", hit);
      quotes += hit ? 1 : 0;
    }
    let shown = 0;
    for (const article of documents) {
      article.hidden = !all && article.querySelector("mark.q.hit") === null;
      shown += article.hidden ? 0 : 1;
    }
    for (const row of rows) {
      row.classList.toggle("selected", row.dataset.s === key);
    }
    select.value = key;
    status.textContent = all
      ? ""
      : `${plural(quotes, "quote")} in ${plural(shown, "document")}`;
  }

  select.addEventListener("change", () => show(select.value));
  document.getElementById("filter").addEventListener("submit", (event) => {
    event.preventDefault();
  });
  for (const button of document.querySelectorAll("button.only")) {
    button.addEventListener("click", () => {
      // A second click on the same speaker shows everyone again.
      show(select.value === button.dataset.s ? "" : button.dataset.s);
    });
  }
  // Following a link to a quotation hidden by the filter lifts the filter.
  window.addEventListener("hashchange", () => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target !== null && target.closest("article.doc[hidden]") !== null) {
      show("");
      target.scrollIntoView();
    }
  });
})();
