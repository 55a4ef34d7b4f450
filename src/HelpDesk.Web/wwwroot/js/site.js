// Small progressive enhancements; every page works without them.
(() => {
  // The person's time zone, so SLA targets and dates show in their own time.
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && !document.cookie.includes('helpdesk.tz=' + encodeURIComponent(tz))) {
      document.cookie = 'helpdesk.tz=' + encodeURIComponent(tz) + ';path=/;max-age=31536000;samesite=lax';
    }
  } catch { /* UTC then */ }

  // A form marked data-once disables its submit button after the first submit (the Idempotency-Key makes a
  // second submit harmless anyway).
  document.querySelectorAll('form[data-once]').forEach(form => {
    form.addEventListener('submit', () => {
      setTimeout(() => form.querySelectorAll('button[type=submit]').forEach(b => { b.disabled = true; }), 0);
    });
  });

  // KB suggestions while the subject is typed.
  document.querySelectorAll('input[data-suggest]').forEach(input => {
    const target = document.querySelector(input.dataset.suggest);
    const description = document.getElementById('description');
    let timer, last = '', latest = 0, failures = 0;
    // A failed request is asked again later, 1, 2, 4, 8 then every 10 s for about a minute: a busy minute (a
    // deployment, a burst) must not leave the list empty for good while the person is still on the form.
    const retry = mine => {
      if (mine !== latest || ++failures > 9) return;
      last = '';
      timer = setTimeout(run, Math.min(1000 * 2 ** (failures - 1), 10000));
    };
    const run = async () => {
      const subject = input.value.trim();
      if (subject.length < 3 || subject === last) return;
      last = subject;
      // Answers can arrive out of order: only the latest request may fill the list.
      const mine = ++latest;
      const url = '/portal/suggest?subject=' + encodeURIComponent(subject) +
        (description && description.value ? '&description=' + encodeURIComponent(description.value.slice(0, 2000)) : '');
      try {
        const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
        if (!response.ok) { retry(mine); return; }
        const items = await response.json();
        if (mine !== latest) return;
        failures = 0;
        target.innerHTML = items.length === 0 ? '' :
          '<h2>' + escapeHtml(target.dataset.heading) + '</h2><ul>' + items.map(i =>
            '<li><a href="' + escapeHtml(i.url) + '" target="_blank" rel="noopener">' + escapeHtml(i.title) + '</a><p class="snippet">' + i.snippet + '</p></li>').join('') + '</ul>';
      } catch { retry(mine); /* suggestions are a help, not a requirement */ }
    };
    input.addEventListener('input', () => { clearTimeout(timer); failures = 0; timer = setTimeout(run, 250); });
  });

  // An open ticket reloads when someone else changed it (polling its version; paused while the person types).
  const live = document.querySelector('[data-live]');
  if (live) {
    const interval = Number(live.dataset.interval || 5000);
    const poll = async () => {
      const typing = document.activeElement && ['TEXTAREA', 'INPUT', 'SELECT'].includes(document.activeElement.tagName)
        && document.activeElement.value;
      if (!document.hidden && !typing) {
        try {
          const response = await fetch(live.dataset.live, { credentials: 'same-origin' });
          if (response.ok) {
            const state = await response.json();
            if (String(state.version) !== live.dataset.version) {
              const banner = document.getElementById('live-banner');
              if (banner) banner.hidden = false;
              location.reload();
              return;
            }
          }
        } catch { /* try again later */ }
      }
      setTimeout(poll, interval);
    };
    setTimeout(poll, interval);
  }

  function escapeHtml(text) {
    return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }
})();
