// PrivateLending live dashboard: plain JavaScript, no dependencies. Talks only to this API (same origin).
// The session (access and refresh tokens) is kept by session.js. Live updates come from
// GET /api/v1/me/events over EventSource, authenticated with a short-lived ticket, since EventSource cannot
// send an Authorization header. This file signs in and out, keeps the live connection and wires the forms; the
// shared state and helpers are in ui.js, the cards in cards.js.
'use strict';

// ---- Loading ----------------------------------------------------------------------------------------------

// The dashboard's snapshot: read on sign-in and after every (re)connection of the live stream.
async function refreshAll() {
  try {
    await Promise.all([loadLoans(), loadInvitations(), loadPortfolio(), servicing.load()]);
  } catch (error) {
    if (error.status !== 401) show(describe(error));
  }
}

// ---- Live -------------------------------------------------------------------------------------------------

function stopLive() {
  clearTimeout(state.retryTimer);
  if (state.source) state.source.close();
  state.source = null;
}

async function startLive() {
  stopLive();
  if (!state.token) return;
  setConnection('connecting', 'Connecting…');
  let ticket;
  try {
    ticket = (await call('POST', '/me/events/ticket')).ticket;
  } catch (error) {
    if (state.token) scheduleReconnect();
    return;
  }
  const source = new EventSource(`${api}/me/events?ticket=${encodeURIComponent(ticket)}`);
  state.source = source;
  source.addEventListener('ready', () => {
    state.retryMs = 1000;
    setConnection('live', 'Live');
    refreshAll();
  });
  source.addEventListener('funding', (event) => {
    const change = JSON.parse(event.data);
    servicing.onEvent(change);
    documents.onEvent(change);
    if (change.role === 'BORROWER') {
      applyLoan(change.loan);
      announce(`${change.loan.purpose}: ${change.loan.funding_percentage}% funded, ${change.loan.status}`);
    } else {
      loadInvitations().catch(() => {});
      loadPortfolio().catch(() => {});
      announce(`Invitation update: ${change.loan.purpose}, ${change.loan.status}`);
    }
  });
  // A record that added no loan version (the agreement): only what it names is re-read.
  source.addEventListener('notice', (event) => documents.onEvent(JSON.parse(event.data)));
  source.addEventListener('error', () => {
    // The ticket is single-use in spirit and short-lived: reconnect ourselves with a fresh one.
    if (state.source !== source) return;
    source.close();
    state.source = null;
    scheduleReconnect();
  });
}

function scheduleReconnect() {
  const wait = state.retryMs;
  state.retryMs = Math.min(state.retryMs * 2, 30000);
  setConnection('reconnecting', `Reconnecting in ${Math.round(wait / 1000)} s…`);
  state.retryTimer = setTimeout(startLive, wait);
}

// ---- Actions ----------------------------------------------------------------------------------------------

async function withBusy(form, work) {
  const buttons = form.querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  try {
    await work();
  } catch (error) {
    show(describe(error));
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

async function signIn(email, password) {
  const response = await session.signIn(email, password);
  if (!response.ok) {
    const text = await response.text();
    throw new ApiError(response.status, text ? JSON.parse(text) : null);
  }
  await enter();
}

async function enter() {
  try {
    state.me = await call('GET', '/me');
  } catch {
    return;
  }
  $('who-name').textContent = `${state.me.name} (${state.me.email})`;
  $('who').hidden = false;
  $('auth').hidden = true;
  $('dashboard').hidden = false;
  show('');
  await refreshAll();
  startLive();
  $('main').focus();
}

// ended: the server has ended the session already (a password change), so there is nothing to tell it.
function signOut(reason, { ended = false } = {}) {
  stopLive();
  documents.clear();
  if (ended) session.clear();
  else session.signOut();
  state.me = null;
  $('who').hidden = true;
  $('dashboard').hidden = true;
  $('auth').hidden = false;
  setConnection('offline', 'Not connected');
  show(reason || '', !reason || ended);
}

async function respond(invitation, action, body) {
  const form = document.querySelector(`[data-participant-id="${invitation.participant_id}"] form`);
  await withBusy(form, async () => {
    try {
      await call('POST', `/loans/${invitation.loan_id}/participants/${invitation.participant_id}/${action}`, body ?? {});
    } catch (error) {
      // Redraw the invitation with the terms as they are now, under the message saying they changed.
      if (error.problem?.code === 'TERMS_CHANGED') await loadInvitations();
      throw error;
    }
    show(action === 'accept' ? 'Invitation accepted.' : 'Invitation declined.', true);
    await Promise.all([loadInvitations(), loadPortfolio()]);
  });
}

function parseLenders(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const [email, amount] = line.split(',').map((part) => part.trim());
    return { email, amount: Number(amount) };
  });
}

document.addEventListener('DOMContentLoaded', () => {
  createListings();
  $('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    withBusy(form, () => signIn(form.email.value, form.password.value));
  });
  $('register').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    withBusy(form, async () => {
      // form.name is the form's own name attribute, so the fields are read by id.
      await call('POST', '/auth/register', { name: $('register-name').value, email: $('register-email').value, password: $('register-password').value });
      // Register answers alike for taken and free addresses; an address that already had an account was told by mail.
      try {
        await signIn($('register-email').value, $('register-password').value);
      } catch {
        show('Check your inbox: a mail about this address is on its way to it.');
      }
    });
  });
  $('new-loan').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    withBusy(form, async () => {
      const lenders = parseLenders(form.lenders.value);
      const loan = await call('POST', '/loans', {
        amount: Number(form.amount.value),
        interest_rate: Number(form.interest_rate.value),
        term_months: Number(form.term_months.value),
        purpose: form.purpose.value,
        ...(lenders.length ? { lenders } : {}),
      });
      applyLoan(loan);
      form.reset();
      show('Loan created.', true);
    });
  });
  $('sign-out').addEventListener('click', () => signOut());
  if (state.token) enter();
});
