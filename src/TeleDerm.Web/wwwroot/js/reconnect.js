// The connection notice (App.razor's <dialog id="components-reconnect-modal">, in the reader's language). Blazor
// tells it how the connection to the server is doing; when the server no longer knows this page (it restarted),
// the page reloads itself. What is being typed is not lost: drafts are saved as they are typed (the answer in
// this tab's sessionStorage, a new request on the server).
const modal = document.getElementById("components-reconnect-modal");
if (modal) {
  modal.addEventListener("components-reconnect-state-changed", event => {
    const state = event.detail.state;
    modal.dataset.state = state;
    if (state === "hide") {
      if (modal.open) modal.close();
    } else if (state === "rejected" || state === "resume-failed") {
      location.reload();
    } else if (!modal.open) {
      modal.showModal();
    }
  });
  document.getElementById("components-reconnect-button")?.addEventListener("click", async () => {
    try {
      if (!(await Blazor.reconnect())) location.reload();
    } catch {
      modal.dataset.state = "failed";
    }
  });
}

// The notice shown when the server ended this page's circuit on an error (App.razor's #blazor-error-ui).
document.getElementById("circuit-error-reload")?.addEventListener("click", () => location.reload());
