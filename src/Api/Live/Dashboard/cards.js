// The dashboard's cards: a borrower's loan (funding bar, participants, servicing and documents panels), a lender's
// invitation (with the bank-details form that accepts it) and portfolio item. A live update replaces one card in place.
'use strict';

function fundingBar(loan) {
  return progressBar(Math.max(0, Math.min(100, Number(loan.funding_percentage))), 'Funded', 'funding-bar');
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
