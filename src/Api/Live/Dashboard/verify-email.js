// The page the verification mail links to (/app/verify-email?token=...). Verifying needs the session of the
// account that registered (the API checks that the token is that account's), and an explicit click: opening the
// link confirms nothing by itself, so a link opened by anyone else (the inbox's owner, if someone else registered
// their address) verifies nobody. The token is taken out of the address bar at once, out of history and bookmarks.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const $ = (id) => document.getElementById(id);
  const status = $('verify-status');
  const error = $('verify-error');
  const next = $('verify-next');
  const signInForm = $('verify-sign-in');
  const confirm = $('verify-confirm');
  const token = new URLSearchParams(window.location.search).get('token');
  window.history.replaceState(null, '', window.location.pathname);

  function fail(message) {
    status.textContent = 'Your email address is not verified.';
    error.textContent = message;
    error.hidden = false;
    next.hidden = false;
  }

  function ready() {
    signInForm.hidden = !!session.token;
    confirm.hidden = !session.token;
    status.textContent = session.token
      ? 'Press the button to confirm that this address is yours.'
      : 'Sign in with the account you registered, then confirm your address.';
  }

  async function detail(response, fallback) {
    try {
      const problem = await response.json();
      if (problem && typeof problem.detail === 'string') return problem.detail;
    } catch {
      // Not a problem document: keep the general message.
    }
    return fallback;
  }

  if (!token) {
    fail('This link has no verification token. Open the link from the mail again, or sign in and ask for a new mail.');
    return;
  }

  signInForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const response = await session.signIn($('verify-email-address').value, $('verify-password').value);
      if (!response.ok) {
        error.textContent = await detail(response, 'The email or password is incorrect.');
        error.hidden = false;
        return;
      }
      ready();
    } catch {
      fail('The server could not be reached. Check your connection and try again.');
    }
  });

  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      const response = await session.send('/api/v1/auth/verify-email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ token }),
      });
      confirm.hidden = true;
      if (response.ok) {
        status.textContent = 'Your email address is verified. Invitations sent to it are now shown on your dashboard.';
        next.hidden = false;
        return;
      }
      if (response.status === 401) {
        ready();
        return;
      }
      fail(await detail(response, 'The link could not be checked. Try again later.'));
    } catch {
      fail('The server could not be reached. Check your connection and open the link again.');
    } finally {
      confirm.disabled = false;
    }
  });

  ready();
});
