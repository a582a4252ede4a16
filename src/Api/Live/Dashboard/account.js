// Account actions of the dashboard beside signing in: asking for a password-reset mail (the answer is the same
// whether or not the address has an account, so the page says the same too) and changing the password, which ends
// every session of the account on the server, this tab's included.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const change = document.getElementById('change-password');
  change.addEventListener('submit', (event) => {
    event.preventDefault();
    // call, withBusy and signOut are app.js's; they run only once the page has loaded.
    withBusy(change, async () => {
      await call('POST', '/auth/password', {
        current_password: change.current_password.value,
        new_password: change.new_password.value,
      });
      change.reset();
      // The server has already ended the session: forget it here without telling the server again.
      signOut('Your password is changed and every session is signed out. Sign in with the new password.', { ended: true });
    });
  });

  const button = document.getElementById('forgot-password');
  const message = document.getElementById('message');
  button.addEventListener('click', async () => {
    const email = document.getElementById('sign-in-email').value.trim();
    const say = (text) => { message.textContent = text; message.hidden = false; };
    if (!email) {
      say('Enter your email address first, then ask for the reset link.');
      return;
    }
    button.disabled = true;
    try {
      const response = await fetch('/api/v1/auth/password-reset', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email }),
      });
      say(response.ok
        ? 'If this address has an account, a mail with a reset link (valid 30 minutes) is on its way to it.'
        : 'The reset link could not be requested. Check the address and try again.');
    } catch {
      say('The server could not be reached. Check your connection and try again.');
    } finally {
      button.disabled = false;
    }
  });
});
