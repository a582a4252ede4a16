// Account actions of the dashboard beside signing in: asking for a password-reset mail. The answer is the same
// whether or not the address has an account, so the page says the same too.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
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
