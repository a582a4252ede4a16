// The page the verification mail links to (/app/verify-email?token=...): posts the token to the API and says
// what happened. The token is read once and taken out of the address bar, so it stays out of history and bookmarks.
'use strict';

(async () => {
  const status = document.getElementById('verify-status');
  const error = document.getElementById('verify-error');
  const next = document.getElementById('verify-next');
  const token = new URLSearchParams(window.location.search).get('token');
  window.history.replaceState(null, '', window.location.pathname);

  function fail(message) {
    status.textContent = 'Your email address is not verified.';
    error.textContent = message;
    error.hidden = false;
    next.hidden = false;
  }

  if (!token) {
    fail('This link has no verification token. Open the link from the mail again, or sign in and ask for a new mail.');
    return;
  }

  try {
    const response = await fetch('/api/v1/auth/verify-email', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ token }),
    });
    if (response.ok) {
      status.textContent = 'Your email address is verified. Invitations sent to it are now shown on your dashboard.';
      next.hidden = false;
      return;
    }

    let detail = 'The link could not be checked. Try again later.';
    try {
      const problem = await response.json();
      if (problem && typeof problem.detail === 'string') detail = problem.detail;
    } catch {
      // Not a problem document: keep the general message.
    }
    fail(detail);
  } catch {
    fail('The server could not be reached. Check your connection and open the link again.');
  }
})();
