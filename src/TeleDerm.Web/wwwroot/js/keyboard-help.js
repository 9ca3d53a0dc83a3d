// "?" anywhere outside a text field opens the list of keyboard shortcuts (Components/KeyboardHelp.razor); Esc
// closes it. A page that handles "?" itself calls preventDefault(), and the list is left alone.
// MudBlazor's selects keep focus on their own parts (a read-only input, the list): any part of a form control counts.
function typing(target) {
  return target instanceof Element
    && target.closest("input, textarea, select, [contenteditable=true], [role=combobox], [role=listbox], .mud-select, .mud-input-control") !== null;
}

export function listen(dotnet) {
  const onKey = event => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "?" || event.key === "Escape") {
      dotnet.invokeMethodAsync("Key", event.key);
      if (event.key === "?") event.preventDefault();
    }
  };
  document.addEventListener("keydown", onKey);
  return { dispose: () => document.removeEventListener("keydown", onKey) };
}
