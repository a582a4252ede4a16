// The dashboard's shared parts: its state, calls to this API (problems become ApiError with the problem's detail),
// and DOM helpers that build elements with textContent only. Loaded first; the other scripts use these globals.
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

// A progress bar from 0 to 100 with its label for assistive technology (funding, repayment).
function progressBar(pct, label, testId, fillClass = '') {
  const fill = h('div', { class: fillClass ? `funding-fill ${fillClass}` : 'funding-fill' });
  fill.style.width = `${pct}%`;
  return h('div', {
    class: 'funding', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-valuenow': String(pct), 'aria-label': `${label} ${pct}%`, 'data-testid': testId,
  }, fill);
}

function statusBadge(status) {
  return h('span', { class: `status status-${status}`, text: status });
}
