// After a refused submission: scroll to the first field with an error next to it and put the cursor in it,
// so that a GP at the bottom of a long form sees what to fix. Runs on the next frame, once Blazor has drawn
// the messages.
export function showFirstError() {
  requestAnimationFrame(() => {
    const message = document.querySelector('[data-field-error]');
    if (!message) return;
    const holder = message.closest('div, section') ?? message.parentElement;
    const field = holder?.querySelector('input:not([type=hidden]), select, textarea');
    message.scrollIntoView({ block: 'center' });
    field?.focus({ preventScroll: true });
  });
}
