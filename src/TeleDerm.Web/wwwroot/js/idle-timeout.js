// Signs the user out after the configured time without keyboard, mouse, touch or scroll input.
// The server renders the timeout on <body data-idle-timeout-seconds> for signed-in users only, and
// a hidden form (#idle-sign-out) that posts to /account/logout with an antiforgery token.
(() => {
  "use strict";
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
      form.submit();
    }
  }, 1000);
})();
