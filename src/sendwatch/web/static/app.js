// sendwatch works without JavaScript; this only enhances it.
// It is an external module (no inline script), so a Content-Security-Policy can forbid inline code.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

// What GOV.UK's inline snippet would do: mark the page as able to run GOV.UK Frontend.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// The area finder: suggestions as you type (GOV.UK's accessible-autocomplete), choosing one
// goes straight to the area's page. Without the library or without JavaScript the form
// still submits to /find, which goes to the area or offers the nearest names.
function enhanceFinder(form) {
  const input = form.querySelector("input[name=q]");
  const make = window.accessibleAutocomplete;
  if (!input || typeof make !== "function") return;
  const asOf = form.querySelector("input[name=as_of]");
  const suffix = asOf ? "?as_of=" + encodeURIComponent(asOf.value) : "";
  let names = null;
  const load = () =>
    names
      ? Promise.resolve(names)
      : fetch("/api/v1/area-names")
          .then((r) => (r.ok ? r.json() : { names: [] }))
          .then((body) => (names = body.names))
          .catch(() => (names = []));
  const fold = (text) =>
    text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/&/g, " and ").replace(/[^a-z0-9]+/g, " ").trim();
  const label = (n) => (n.area && n.area !== n.name ? `${n.name} (${n.area})` : n.name);
  const byLabel = new Map();

  const container = document.createElement("div");
  container.className = "app-finder__autocomplete";
  input.parentNode.insertBefore(container, input);
  const id = input.id;
  const value = input.value;
  input.remove();
  make({
    element: container,
    id: id,
    name: "q",
    defaultValue: value,
    minLength: 2,
    autoselect: true,
    confirmOnBlur: false,
    displayMenu: "overlay",
    showNoOptionsFound: false,
    source: (query, populate) => {
      const words = fold(query).split(" ").filter(Boolean);
      load().then((all) => {
        const seen = new Set();
        const found = [];
        for (const n of all) {
          const key = fold(n.name);
          if (!words.every((w) => key.includes(w)) || seen.has(n.slug)) continue;
          seen.add(n.slug);
          const text = label(n);
          byLabel.set(text, n.slug);
          found.push({ text, starts: key.startsWith(words[0] || "") });
        }
        found.sort((a, b) => b.starts - a.starts || a.text.localeCompare(b.text));
        populate(found.slice(0, 10).map((f) => f.text));
      });
    },
    onConfirm: (chosen) => {
      const slug = chosen && byLabel.get(chosen);
      if (slug) window.location.assign("/areas/" + slug + suffix);
    },
  });
  // The hint describes the new input as it did the old one.
  const hint = form.querySelector(".govuk-hint");
  const made = form.querySelector("#" + CSS.escape(id));
  if (hint && made) {
    made.setAttribute("aria-describedby", [made.getAttribute("aria-describedby"), hint.id].filter(Boolean).join(" "));
  }
}

document.querySelectorAll("[data-app-area-finder]").forEach(enhanceFinder);
