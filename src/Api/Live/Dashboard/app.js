// PrivateLending live dashboard: plain JavaScript, no dependencies. Talks only to this API (same origin).
// The session (access and refresh tokens) is kept by session.js. Live updates come from
// GET /api/v1/me/events over EventSource, authenticated with a short-lived ticket, since EventSource cannot
// send an Authorization header.
'use strict';

const api = '/api/v1';
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const $ = (id) => document.getElementById(id);

const state = {
  get token() { return session.token; },
  me: null,
  loans: new Map(), // loan id -> loan (LoanResponse)
  source: null,
  retryMs: 1000,
  retryTimer: null,
};

// ---- HTTP -------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const signedIn = Boolean(state.token);
  const response = await session.send(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && signedIn) signOut('Your session has ended. Please sign in again.');
    throw new ApiError(response.status, json);
  }
  return json;
}

function describe(error) {
  const fields = error.problem?.errors;
  if (fields) return `${error.message} ${Object.entries(fields).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ')}`;
  return error.message;
}

// ---- DOM helpers ------------------------------------------------------------------------------------------

// Builds elements with textContent only, so nothing from the server is ever parsed as HTML.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) el.append(child);
  }
  return el;
}

function show(message, ok = false) {
  const box = $('message');
  box.textContent = message;
  box.classList.toggle('ok', ok);
  box.hidden = !message;
}

function announce(text) {
  $('announcer').textContent = text;
}

function setConnection(kind, text) {
  $('connection').dataset.state = kind;
  $('connection-text').textContent = text;
}

function statusBadge(status) {
  return h('span', { class: `status status-${status}`, text: status });
}

// ---- Rendering ----------------------------------------------------------------------------------------------

function fundingBar(loan) {
  const pct = Math.max(0, Math.min(100, Number(loan.funding_percentage)));
  const fill = h('div', { class: 'funding-fill' });
  fill.style.width = `${pct}%`;
  return h('div', {
    class: 'funding', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-valuenow': String(pct), 'aria-label': `Funded ${pct}%`, 'data-testid': 'funding-bar',
  }, fill);
}

function loanCard(loan) {
  const participants = h('ul', { class: 'participants', 'aria-label': 'Participants' },
    loan.participants.map((p) => h('li', {},
      h('span', { class: 'email', text: p.lender_name ? `${p.lender_name} (${p.lender_email})` : p.lender_email }),
      h('span', { text: money.format(p.contribution_amount) }),
      statusBadge(p.status))));
  return h('li', { class: 'card loan', 'data-loan-id': loan.loan_id, 'data-version': String(loan.version) },
    h('div', { class: 'loan-head' },
      h('h3', { text: `${loan.purpose} — ${money.format(loan.amount)}` }),
      statusBadge(loan.status)),
    fundingBar(loan),
    h('p', { class: 'figures', 'data-testid': 'funding-figures',
      text: `${money.format(loan.total_funded)} of ${money.format(loan.amount)} funded (${loan.funding_percentage}%) · `
        + `${loan.accepted_participant_count} accepted, ${loan.pending_participant_count} pending` }),
    h('p', { class: 'meta', text: `${loan.interest_rate}% a year · ${loan.term_months} months · version ${loan.version}` }),
    loan.participants.length ? participants : h('p', { class: 'meta', text: 'No lenders invited yet.' }),
    servicing.panel(loan),
    documents.panel(loan.loan_id, true));
}

function renderLoans() {
  const list = $('loan-list');
  const loans = [...state.loans.values()].sort((a, b) => b.created_at.localeCompare(a.created_at));
  list.replaceChildren(...loans.map(loanCard));
  $('loans-empty').hidden = loans.length > 0;
}

// Replaces one loan's card in place (no reload), if this version is newer than the one shown.
function applyLoan(loan) {
  const known = state.loans.get(loan.loan_id);
  if (known && known.version >= loan.version) return;
  state.loans.set(loan.loan_id, loan);
  const old = document.querySelector(`[data-loan-id="${loan.loan_id}"]`);
  if (!old) {
    if (!known) listings.loans.added(1);
    renderLoans();
    return;
  }
  const card = loanCard(loan);
  card.classList.add('updated');
  old.replaceWith(card);
}

function achForm(invitation) {
  const id = invitation.participant_id;
  const field = (name, label, attrs) => [
    h('label', { for: `${name}-${id}`, text: label }),
    h('input', { id: `${name}-${id}`, name, required: true, ...attrs }),
  ];
  const form = h('form', { class: 'ach', 'aria-label': `Accept ${invitation.borrower_name}'s loan` },
    h('div', { class: 'grid' },
      h('div', {}, field('account_holder', 'Account holder', { autocomplete: 'name' })),
      h('div', {}, field('routing_number', 'Routing number (9 digits)', { inputmode: 'numeric', pattern: '[0-9]{9}', autocomplete: 'off' })),
      h('div', {}, field('account_number', 'Account number', { inputmode: 'numeric', autocomplete: 'off' })),
      h('div', {},
        h('label', { for: `account_type-${id}`, text: 'Account type' }),
        h('select', { id: `account_type-${id}`, name: 'account_type' },
          h('option', { value: 'checking', text: 'Checking' }),
          h('option', { value: 'savings', text: 'Savings' })))),
    h('button', { type: 'submit', text: `Accept ${money.format(invitation.contribution_amount)}` }),
    ' ',
    h('button', { type: 'button', class: 'secondary', text: 'Decline', onclick: () => respond(invitation, 'decline') }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    // The acceptance names the terms on this card: if the borrower changed them since, it is refused (412).
    respond(invitation, 'accept', { ach: data, terms_version: invitation.terms_version });
  });
  return form;
}

function invitationCard(invitation) {
  return h('li', { class: 'card', 'data-participant-id': invitation.participant_id },
    h('div', { class: 'loan-head' },
      h('h3', { text: `${invitation.borrower_name}: ${invitation.purpose}` }),
      statusBadge(invitation.status)),
    h('p', { class: 'figures', text: `You are asked for ${money.format(invitation.contribution_amount)} of ${money.format(invitation.loan_amount)}` }),
    h('p', { class: 'meta', text: `${invitation.interest_rate}% a year · ${invitation.term_months} months · loan ${invitation.loan_status}` }),
    invitation.status === 'PENDING' && invitation.loan_status === 'PENDING' ? achForm(invitation) : null,
    documents.panel(invitation.loan_id, false));
}

function portfolioCard(item) {
  return h('li', { class: 'card' },
    h('div', { class: 'loan-head' },
      h('h3', { text: `${item.borrower_name}: ${item.purpose}` }),
      statusBadge(item.loan_status)),
    h('p', { class: 'figures', text: `${money.format(item.contribution_amount)} committed of ${money.format(item.loan_amount)}` }),
    servicing.share(item),
    documents.panel(item.loan_id, false));
}

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
