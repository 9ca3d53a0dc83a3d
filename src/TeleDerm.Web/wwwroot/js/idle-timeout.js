// Signs the user out after the configured time without keyboard, mouse, touch or scroll input.
// The server renders the timeout on <body data-idle-timeout-seconds> for signed-in users only, and
// a hidden form (#idle-sign-out) that posts to /account/logout with an antiforgery token.
(() => {
  "use strict";
  // The sign-out renews the account's security stamp, so the page's own periodic re-check may send it to the sign-in
  // page (without the reason) before the form's answer arrives. The sign-in page that follows says why all the same.
  const startedKey = "teleDerm.idleSignOutStartedAt";
  try {
    const startedAt = Number(sessionStorage.getItem(startedKey));
    sessionStorage.removeItem(startedKey);
    const params = new URLSearchParams(location.search);
    if (startedAt && Date.now() - startedAt < 60_000 && location.pathname === "/account/login" && !params.has("reason")) {
      location.replace("/account/login?reason=idle");
      return;
    }
  } catch {
    // No session storage (private mode settings): the notice may be missing, the sign-out is not.
  }

  let lastInput = Date.now();
  const noteInput = () => { lastInput = Date.now(); };
  for (const type of ["keydown", "pointerdown", "pointermove", "wheel", "touchstart", "scroll"]) {
    window.addEventListener(type, noteInput, { passive: true, capture: true });
  }
  let signingOut = false;
  setInterval(() => {
    const seconds = Number(document.body.dataset.idleTimeoutSeconds);
    if (!seconds || signingOut || Date.now() - lastInput < seconds * 1000) {
      return;
    }
    const form = document.getElementById("idle-sign-out");
    if (form) {
      signingOut = true;
      try { sessionStorage.setItem(startedKey, String(Date.now())); } catch { /* see above */ }
      form.submit();
    }
  }, 1000);
})();
