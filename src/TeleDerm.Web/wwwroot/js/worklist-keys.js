// Keyboard navigation of the worklist: arrow keys (or j/k) move between rows, Enter opens the case,
// "c" claims it. Rows are focusable; the page gives this module the element around the grid once it is rendered. Events are
// delegated to the table, so rows re-rendered by a live update keep working.
const rowsOf = table => [...table.querySelectorAll('tbody tr')].filter(row => row.querySelector('a[data-testid^="case-"]'));

export function attach(table, page) {
  if (!table || table.dataset.keyboard === 'on') return;
  table.dataset.keyboard = 'on';
  watchUserOnRows(table, page);
  const focusable = () => rowsOf(table).forEach(row => { if (!row.hasAttribute('tabindex')) row.tabIndex = 0; });
  focusable();
  new MutationObserver(focusable).observe(table, { childList: true, subtree: true });
  table.addEventListener('keydown', event => {
    const rows = rowsOf(table);
    const current = event.target.closest('tr');
    const index = rows.indexOf(current);
    if (index < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const move = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[event.key];
    if (move !== undefined) {
      rows[Math.max(0, Math.min(rows.length - 1, index + move))].focus();
      event.preventDefault();
    } else if (event.key === 'Enter' && event.target === current) {
      current.querySelector('a[data-testid^="case-"]').click();
      event.preventDefault();
    } else if (event.key === 'c') {
      current.querySelector('button[data-testid^="claim-"]')?.click();
      event.preventDefault();
    }
  });
}

// Whether the user is pointing at the list or working in it: a live update then must not move its rows. The page is
// told when this changes (not asked at each update: every open worklist would make a round trip per change of any case).
function watchUserOnRows(host, page) {
  if (!page) return;
  let told = false;
  const tell = () => {
    const on = host.matches(':hover') || host.contains(document.activeElement);
    if (on !== told) {
      told = on;
      // Marked once the page has it (tests wait for this before sending an update).
      page.invokeMethodAsync('UserIsOnRowsChanged', on).then(() => { host.dataset.userOnRows = on; });
    }
  };
  // focusout fires before the focus lands elsewhere: look once it has.
  for (const event of ['pointerenter', 'pointerleave', 'focusin']) host.addEventListener(event, tell);
  host.addEventListener('focusout', () => setTimeout(tell));
}

// The "Go to the cases" button: keyboard users start on the first row without tabbing through the filters.
export function focusFirstRow(host) {
  if (host) rowsOf(host)[0]?.focus();
}
