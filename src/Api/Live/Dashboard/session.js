// The signed-in session for the dashboard pages. The access token (15 minutes) and its refresh token live in
// sessionStorage, so they are gone when the tab closes. A request answered 401 renews the pair once, silently
// (every renewal answers a new refresh token and the old one stops working); signing out ends the session on the
// server too, so a copied token stops working at once.
'use strict';

const session = (() => {
  const accessKey = 'pl.token';
  const refreshKey = 'pl.refresh';
  let renewing = null;

  function store(tokens) {
    sessionStorage.setItem(accessKey, tokens.access_token);
    sessionStorage.setItem(refreshKey, tokens.refresh_token);
  }

  function clear() {
    sessionStorage.removeItem(accessKey);
    sessionStorage.removeItem(refreshKey);
  }

  // One renewal at a time: two parallel ones would send the same refresh token twice, which ends the session.
  function renew() {
    const refreshToken = sessionStorage.getItem(refreshKey);
    if (!refreshToken) return Promise.resolve(false);
    renewing ??= (async () => {
      try {
        const response = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refresh_token: refreshToken }),
        });
        if (!response.ok) {
          clear();
          return false;
        }
        store(await response.json());
        return true;
      } catch {
        return false;
      } finally {
        renewing = null;
      }
    })();
    return renewing;
  }

  async function send(url, init) {
    const withToken = () => {
      const headers = { ...(init.headers || {}) };
      const token = sessionStorage.getItem(accessKey);
      if (token) headers.Authorization = `Bearer ${token}`;
      return fetch(url, { ...init, headers });
    };
    const response = await withToken();
    if (response.status !== 401 || !sessionStorage.getItem(accessKey) || !(await renew())) return response;
    return withToken();
  }

  async function signIn(email, password) {
    const response = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.ok) store(await response.json());
    return response;
  }

  // Forgets the tokens at once; telling the server is best effort (the session also ends when it expires).
  function signOut() {
    const token = sessionStorage.getItem(accessKey);
    clear();
    if (!token) return;
    fetch('/api/v1/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => {});
  }

  return {
    get token() { return sessionStorage.getItem(accessKey); },
    store,
    clear,
    send,
    signIn,
    signOut,
  };
})();
