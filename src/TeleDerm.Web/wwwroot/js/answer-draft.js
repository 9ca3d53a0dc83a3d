// Keeps the answer being written in this tab's sessionStorage, as it is typed. It is the browser that saves, so
// nothing is lost when the connection to the server drops or the server restarts mid-sentence; the form puts it
// back when the page comes back. Only this tab can read it (sessionStorage), it is removed once the report is
// signed, and the signing password or code is never saved.
const fields = form => [...form.querySelectorAll("input, select, textarea")].filter(f => f.id && f.type !== "password" && f.type !== "file");

export function attach(form, key) {
  if (!form || form.dataset.draftKey === key) return;
  form.dataset.draftKey = key;
  form.addEventListener("input", () => save(form));
  form.addEventListener("change", () => save(form));
}

// Also called by the form after a choice in a select list, which changes a hidden input without any event.
export function save(form) {
  const key = form?.dataset.draftKey;
  if (!key) return;
  const values = {};
  for (const field of fields(form)) values[field.id] = field.value;
  values["prescription-lines"] = String(form.querySelectorAll("[data-testid=prescription-line]").length);
  sessionStorage.setItem(key, JSON.stringify(values));
}

export function read(key) {
  const saved = sessionStorage.getItem(key);
  return saved ? JSON.parse(saved) : null;
}

export function clear(key) {
  sessionStorage.removeItem(key);
}
