// The page the password-reset mail links to (/app/reset-password?token=...): the new password is sent with the
// token only when the form is submitted. The token is taken out of the address bar at once.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const $ = (id) => document.getElementById(id);
  const status = $('reset-status');
  const error = $('reset-error');
  const form = $('reset-form');
  const token = new URLSearchParams(window.location.search).get('token');
  window.history.replaceState(null, '', window.location.pathname);

  function fail(message) {
    error.textContent = message;
    error.hidden = false;
  }

  if (!token) {
    form.hidden = true;
    fail('This link has no reset token. Open the link from the mail again, or ask for a new one on the sign-in page.');
    $('reset-next').hidden = false;
    return;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const response = await fetch('/api/v1/auth/password-reset/confirm', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ token, new_password: $('reset-password').value }),
      });
      if (response.ok) {
        form.hidden = true;
        status.textContent = 'Your password is changed and your address confirmed. Sign in with the new password.';
        $('reset-next').hidden = false;
        return;
      }
      let detail = 'The password could not be changed. Try again later.';
      try {
        const problem = await response.json();
        const fields = problem?.errors ? Object.values(problem.errors).flat().join(' ') : '';
        if (typeof problem?.detail === 'string') detail = `${problem.detail} ${fields}`.trim();
      } catch {
        // Not a problem document: keep the general message.
      }
      fail(detail);
    } catch {
      fail('The server could not be reached. Check your connection and try again.');
    }
  });
});
