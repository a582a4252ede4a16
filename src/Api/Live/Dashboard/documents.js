// A loan's documents on the dashboard: listed a page at a time, uploaded and deleted by the borrower, downloaded by
// everyone who may read them. Each loan's panel is built once and moved into every redraw of its card, so a live
// update of the loan keeps it open with what it shows. Uses ui.js (h, call, api, show, describe, ApiError) and app.js (withBusy)
// and pages.js (Listing).
'use strict';

const documents = (() => {
  const kinds = [['other', 'Other'], ['identity', 'Identity'], ['income', 'Income'], ['bank_statement', 'Bank statement']];
  const panels = new Map(); // loan id -> { element, listing, loaded }

  function size(bytes) {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  }

  // The content route needs the bearer token, so the bytes are fetched and handed to the browser as a blob.
  async function download(loanId, doc) {
    const response = await session.send(`${api}/loans/${loanId}/documents/${doc.document_id}/content`, { method: 'GET', headers: {} });
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    const url = URL.createObjectURL(await response.blob());
    h('a', { href: url, download: doc.file_name }).click();
    // Revoked a moment later: the click only starts the download.
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function problemOf(response) {
    try {
      const text = await response.text();
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }

  function row(loanId, doc, borrower) {
    const busy = (button, work) => async () => {
      button.disabled = true;
      try {
        await work();
      } catch (error) {
        show(describe(error));
      } finally {
        button.disabled = false;
      }
    };
    const get = h('button', { type: 'button', class: 'secondary', text: 'Download', 'aria-label': `Download ${doc.file_name}` });
    get.addEventListener('click', busy(get, () => download(loanId, doc)));
    const remove = borrower && doc.kind !== 'agreement'
      ? h('button', { type: 'button', class: 'secondary', text: 'Delete', 'aria-label': `Delete ${doc.file_name}` })
      : null;
    remove?.addEventListener('click', busy(remove, async () => {
      await call('DELETE', `/loans/${loanId}/documents/${doc.document_id}`);
      show(`${doc.file_name} deleted.`, true);
      await refresh(loanId);
    }));
    return h('li', { class: 'document', 'data-document-id': doc.document_id, 'data-kind': doc.kind },
      h('div', { class: 'document-text' },
        h('strong', { text: doc.title || doc.file_name }),
        h('span', { class: 'meta', text: `${doc.kind.replace('_', ' ')} · ${doc.file_name} · ${size(doc.size_bytes)} · `
          + `uploaded ${new Date(doc.uploaded_at).toLocaleString()}` })),
      h('span', { class: 'document-actions' }, get, remove ? ' ' : null, remove));
  }

  function uploadForm(loanId, onDone) {
    const id = (name) => `doc-${name}-${loanId}`;
    const form = h('form', { class: 'upload', 'aria-label': 'Upload a document' },
      h('div', { class: 'grid' },
        h('div', {}, h('label', { for: id('file'), text: 'File (PDF, PNG or JPEG)' }),
          h('input', { id: id('file'), name: 'file', type: 'file', accept: 'application/pdf,image/png,image/jpeg', required: true })),
        h('div', {}, h('label', { for: id('kind'), text: 'Kind' }),
          h('select', { id: id('kind'), name: 'kind' }, kinds.map(([value, text]) => h('option', { value, text })))),
        h('div', {}, h('label', { for: id('title'), text: 'Title (optional)' }),
          h('input', { id: id('title'), name: 'title', maxlength: '200' }))),
      h('button', { type: 'submit', text: 'Upload' }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      withBusy(form, async () => {
        const file = form.file.files[0];
        if (!file) throw new Error('Choose a file to upload.');
        const body = new FormData();
        body.append('file', file, file.name);
        body.append('kind', form.kind.value);
        if (form.title.value.trim()) body.append('title', form.title.value.trim());
        // No Content-Type: the browser writes the multipart boundary itself.
        const response = await session.send(`${api}/loans/${loanId}/documents`, { method: 'POST', headers: { Accept: 'application/json' }, body });
        if (!response.ok) throw new ApiError(response.status, await problemOf(response));
        form.reset();
        show(`${file.name} uploaded.`, true);
        await onDone();
      });
    });
    return form;
  }

  function build(loanId, borrower) {
    const list = h('ul', { class: 'documents', 'aria-label': 'Documents' });
    const empty = h('p', { class: 'meta', text: 'No documents yet.', hidden: true });
    const counter = h('span', { 'aria-live': 'polite' });
    const more = h('button', { type: 'button', class: 'secondary', text: 'Load more', 'aria-label': 'Load more documents', hidden: true });
    const listing = new Listing({
      fetchPage: (token) => call('GET', `/loans/${loanId}/documents?limit=20${token ? `&next_token=${encodeURIComponent(token)}` : ''}`),
      show: Object.assign((docs, reset) => {
        if (reset) list.replaceChildren();
        list.append(...docs.map((d) => row(loanId, d, borrower)));
        empty.hidden = list.children.length > 0;
      }, { error: (error) => show(describe(error)) }),
      counter,
      button: more,
    });
    const element = h('details', { class: 'documents-box', 'data-testid': 'documents' },
      h('summary', { text: 'Documents' }),
      list, empty, h('p', { class: 'pager' }, counter, more),
      borrower ? uploadForm(loanId, () => refresh(loanId)) : null);
    const panel = { element, listing, loaded: false };
    element.addEventListener('toggle', () => {
      if (element.open && !panel.loaded) refresh(loanId);
    });
    return panel;
  }

  // The loan's panel (the same element on every redraw of its card). borrower: may upload and delete.
  function panel(loanId, borrower) {
    let existing = panels.get(loanId);
    if (!existing) {
      existing = build(loanId, borrower);
      panels.set(loanId, existing);
    }
    return existing.element;
  }

  // Re-reads an opened panel's list (a live event said the documents changed); closed ones read when opened.
  async function refresh(loanId) {
    const existing = panels.get(loanId);
    if (!existing || (!existing.element.open && !existing.loaded)) return;
    existing.loaded = true;
    try {
      await existing.listing.reload();
    } catch (error) {
      if (error.status !== 401) show(describe(error));
    }
  }

  const changes = ['document.uploaded', 'document.deleted', 'agreement.generated'];

  // A funding event or a notice: refreshes the loan's documents when one of its changes concerns them.
  function onEvent(change) {
    if ((change.events || []).some((name) => changes.includes(name))) refresh(change.loan_id);
  }

  function clear() {
    panels.clear();
  }

  return { panel, refresh, onEvent, clear };
})();
