// Paged listings for the dashboard: each follows next_token when "Load more" is pressed, and a refresh (sign-in, a
// reconnection of the live stream) reloads as many items as were shown, so nobody loses the pages they opened.
'use strict';

const pageSize = 100;

class Listing {
  // fetchPage(token) returns one page ({ data, next_token, ... }); show(items, reset, page) draws what came.
  constructor({ fetchPage, show, counter, button }) {
    this.fetchPage = fetchPage;
    this.show = show;
    this.counter = counter;
    this.button = button;
    this.count = 0;
    this.next = null;
    this.generation = 0;
    button.addEventListener('click', () => this.more().catch((error) => show.error?.(error)));
  }

  async reload() {
    const generation = ++this.generation;
    const wanted = Math.max(this.count, 1);
    let token = null;
    let page;
    let count = 0;
    let first = true;
    do {
      page = await this.fetchPage(token);
      if (generation !== this.generation) return; // a newer reload started: its result wins
      this.show(page.data, first, page);
      first = false;
      count += page.data.length;
      token = page.next_token || null;
    } while (token && count < wanted);
    this.settle(count, token, page);
  }

  async more() {
    if (!this.next || this.button.disabled) return;
    const generation = this.generation;
    this.button.disabled = true;
    try {
      const page = await this.fetchPage(this.next);
      if (generation !== this.generation) return; // reloaded meanwhile: this page belongs to the old list
      this.show(page.data, false, page);
      this.settle(this.count + page.data.length, page.next_token || null, page);
    } finally {
      this.button.disabled = false;
    }
  }

  // Items that arrived live rather than by page (a loan just created here).
  added(n) {
    this.count += n;
    this.render();
  }

  settle(count, next, page) {
    this.count = count;
    this.next = next;
    this.button.hidden = !next;
    this.render(page?.total_count);
  }

  // Counts what is shown; with a total the server knows, "of" it.
  render(total) {
    if (total !== undefined) this.total = total;
    const more = this.next ? ' · more to load' : '';
    this.counter.textContent = this.total !== undefined
      ? `Showing ${this.count} of ${this.total}`
      : `Showing ${this.count}${more}`;
  }
}

// The dashboard's three listings (the cards they draw are in cards.js, the helpers in ui.js).
const listings = {};

// Built once the page is there: each listing owns its list, its count and its "Load more" button.
function createListings() {
  const paged = (path) => (token) => call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=${pageSize}`
    + (token ? `&next_token=${encodeURIComponent(token)}` : ''));
  const failed = (error) => { if (error.status !== 401) show(describe(error)); };
  listings.loans = new Listing({
    fetchPage: paged('/me/loans'),
    show: Object.assign((loans, reset) => {
      if (reset) state.loans = new Map();
      for (const loan of loans) state.loans.set(loan.loan_id, loan);
      renderLoans();
    }, { error: failed }),
    counter: $('loans-count'),
    button: $('loans-more'),
  });
  listings.invitations = new Listing({
    fetchPage: paged('/me/invitations?status=pending'),
    show: Object.assign((invitations, reset) => {
      const list = $('invitation-list');
      if (reset) list.replaceChildren();
      list.append(...invitations.map(invitationCard));
      $('invitations-empty').hidden = list.children.length > 0;
    }, { error: failed }),
    counter: $('invitations-count'),
    button: $('invitations-more'),
  });
  listings.portfolio = new Listing({
    fetchPage: paged('/me/portfolio'),
    show: Object.assign((items, reset, page) => {
      $('portfolio-total').textContent = money.format(page.total_committed);
      $('portfolio-count').textContent = String(page.total_count);
      servicing.totals(page);
      const list = $('portfolio-list');
      if (reset) list.replaceChildren();
      list.append(...items.map(portfolioCard));
    }, { error: failed }),
    counter: $('portfolio-shown'),
    button: $('portfolio-more'),
  });
}

const loadLoans = () => listings.loans.reload();
const loadInvitations = () => listings.invitations.reload();
const loadPortfolio = () => listings.portfolio.reload();
