// Servicing on the dashboard: a borrower confirms the disbursement of a funded loan, records repayments and sees the
// schedule and a repayment progress bar; a lender sees their distributions, each new one arriving live from the
// stream (which carries only the lender's own share). Uses ui.js (h, call, money, show) and app.js (withBusy).
'use strict';

const servicing = (() => {
  const serviced = ['ACTIVE', 'DEFAULTED', 'COMPLETED'];
  const today = () => new Date().toISOString().slice(0, 10);

  function progress(loan) {
    const pct = loan.amount > 0 ? Math.round((10000 * loan.repaid_principal) / loan.amount) / 100 : 0;
    return progressBar(pct, 'Repaid', 'repayment-bar', 'repaid-fill');
  }

  function field(id, label, attrs) {
    return h('div', {}, h('label', { for: id, text: label }), h('input', { id, ...attrs }));
  }

  function disburseForm(loan) {
    const id = loan.loan_id;
    const form = h('form', { class: 'servicing', 'aria-label': `Disburse ${loan.purpose}` },
      field(`disbursed-on-${id}`, 'Funds received on', { name: 'disbursed_on', type: 'date', value: today(), max: today(), required: true }),
      h('button', { type: 'submit', text: 'Confirm disbursement' }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      withBusy(form, async () => {
        applyLoan(await call('POST', `/loans/${id}/disbursement`, { disbursed_on: form.disbursed_on.value }));
        show('Disbursement recorded: the loan is being repaid.', true);
      });
    });
    return form;
  }

  function repaymentForm(loan) {
    const id = loan.loan_id;
    const form = h('form', { class: 'servicing', 'aria-label': `Record a repayment of ${loan.purpose}` },
      h('div', { class: 'grid' },
        field(`repay-amount-${id}`, 'Repayment (USD)', {
          name: 'amount', type: 'number', min: '0.01', step: '0.01', inputmode: 'decimal', required: true,
          value: loan.next_due_amount ? String(loan.next_due_amount) : undefined,
        }),
        field(`repay-date-${id}`, 'Paid on', { name: 'paid_on', type: 'date', value: today(), max: today(), required: true }),
        field(`repay-reference-${id}`, 'Reference (optional)', { name: 'reference', maxlength: '100' })),
      h('button', { type: 'submit', text: 'Record repayment' }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      withBusy(form, async () => {
        const paid = await call('POST', `/loans/${id}/repayments`, {
          amount: Number(form.amount.value), paid_on: form.paid_on.value, reference: form.reference.value || undefined,
        });
        applyLoan(await call('GET', `/loans/${id}`));
        show(`Repayment of ${money.format(paid.amount)} recorded: ${money.format(paid.principal)} principal, `
          + `${money.format(paid.interest)} interest.`, true);
      });
    });
    return form;
  }

  function scheduleTable(schedule) {
    const cell = (text) => h('td', { text });
    return h('table', { class: 'schedule', 'data-testid': 'schedule' },
      h('caption', { text: `Installment ${money.format(schedule.installment_amount)} · total interest ${money.format(schedule.total_interest)}` }),
      h('thead', {}, h('tr', {}, ['#', 'Due', 'Amount', 'Paid', 'Status'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, schedule.installments.map((i) => h('tr', {},
        cell(String(i.number)), cell(i.due_date), cell(money.format(i.amount)),
        cell(money.format(i.paid_principal + i.paid_interest)), h('td', {}, statusBadge(i.status))))));
  }

  function scheduleDetails(loan) {
    const details = h('details', { class: 'schedule-box' }, h('summary', { text: 'Schedule' }));
    details.addEventListener('toggle', async () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = 'yes';
      try {
        details.append(scheduleTable(await call('GET', `/loans/${loan.loan_id}/schedule`)));
      } catch (error) {
        details.append(h('p', { class: 'meta', text: describe(error) }));
      }
    });
    return details;
  }

  // The part of a borrower's loan card that follows funding: disbursement, then repayments.
  function panel(loan) {
    if (loan.status === 'FUNDED') return disburseForm(loan);
    if (!serviced.includes(loan.status)) return null;
    const due = loan.next_due_date ? ` · next due ${loan.next_due_date}: ${money.format(loan.next_due_amount)}` : '';
    const late = loan.days_past_due ? ` · ${loan.days_past_due} days past due` : '';
    return h('div', { class: 'servicing', 'data-testid': 'servicing' },
      progress(loan),
      h('p', { class: 'figures', 'data-testid': 'repayment-figures',
        text: `${money.format(loan.repaid_principal)} of ${money.format(loan.amount)} repaid${due}${late}` }),
      loan.status === 'COMPLETED' ? null : repaymentForm(loan),
      scheduleDetails(loan));
  }

  // A lender's figures on a portfolio item, once its loan is disbursed.
  function share(item) {
    if (item.principal_repaid === null || item.principal_repaid === undefined) return null;
    const due = item.next_payment_due ? ` · next payment due ${item.next_payment_due}` : '';
    return h('p', { class: 'meta',
      text: `${money.format(item.principal_repaid)} repaid, ${money.format(item.interest_received)} interest, `
        + `${money.format(item.principal_outstanding)} outstanding${due}` });
  }

  function totals(page) {
    $('portfolio-repaid').textContent = money.format(page.total_repaid ?? 0);
    $('portfolio-interest').textContent = money.format(page.total_interest_received ?? 0);
    $('portfolio-outstanding').textContent = money.format(page.total_outstanding ?? 0);
  }

  function lineItem(line, fresh) {
    return h('li', { class: fresh ? 'card distribution updated' : 'card distribution', 'data-repayment-id': line.repayment_id },
      h('div', { class: 'loan-head' },
        h('h3', { text: `${line.borrower_name}: ${money.format(line.amount)}` }),
        h('span', { class: 'meta', text: line.paid_on })),
      h('p', { class: 'figures', text: `${money.format(line.principal)} principal · ${money.format(line.interest)} interest` }));
  }

  function renderLines(lines) {
    $('distribution-list').replaceChildren(...lines.map((l) => lineItem(l, false)));
    $('distributions-empty').hidden = lines.length > 0;
  }

  async function load() {
    renderLines((await call('GET', '/me/distributions?limit=20')).data);
  }

  // A live event: a lender's share of a repayment arrives at the top of their distributions.
  function onEvent(change) {
    const repayment = change.repayment;
    if (!repayment || change.role !== 'LENDER') return;
    for (const d of repayment.distributions) {
      if (document.querySelector(`#distribution-list [data-repayment-id="${repayment.repayment_id}"]`)) continue;
      const line = { ...d, repayment_id: repayment.repayment_id, paid_on: repayment.paid_on, borrower_name: change.loan.borrower_name };
      $('distribution-list').prepend(lineItem(line, true));
      $('distributions-empty').hidden = true;
      announce(`You received ${money.format(d.amount)} from ${change.loan.borrower_name}.`);
    }
  }

  // The whole statement as CSV, fetched with the session's token and handed to the browser as a download.
  async function downloadStatement() {
    const response = await fetch(`${api}/me/distributions`, { headers: { Accept: 'text/csv', Authorization: `Bearer ${state.token}` } });
    if (!response.ok) throw new ApiError(response.status, null);
    const url = URL.createObjectURL(await response.blob());
    const link = h('a', { href: url, download: 'statement.csv' });
    link.click();
    URL.revokeObjectURL(url);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('statement-csv').addEventListener('click', () => downloadStatement().catch((error) => show(describe(error))));
  });

  return { panel, share, totals, load, onEvent };
})();
