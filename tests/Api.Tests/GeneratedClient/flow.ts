// The whole marketplace flow through a client generated from the live OpenAPI document (generated/api.ts, made
// by openapi-typescript). Compiled with every strict option and no casts: if the document says a member is
// required when it is not (or the other way round), this file stops compiling or the API refuses a call.
// Usage: node out/flow.js <api base url>
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/api.js";

declare const process: { argv: string[]; exitCode?: number };

const argument = process.argv[2];
if (argument === undefined) {
  throw new Error("usage: node out/flow.js <api base url>");
}
const baseUrl: string = argument;

const anonymous = createClient<paths>({ baseUrl });
const run = `${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
const password = "correct-horse-battery";

function fail(step: string, error: unknown, status: number): never {
  throw new Error(`${step} failed with ${status}: ${JSON.stringify(error)}`);
}

// The refresh token of each sign-up's session, by name.
const refreshTokens = new Map<string, string>();

async function signUp(name: string): Promise<Client<paths>> {
  const email = `${name.toLowerCase()}-${run}@example.com`;
  const registered = await anonymous.POST("/api/v1/auth/register", { body: { email, password, name } });
  if (registered.data === undefined) fail(`register ${name}`, registered.error, registered.response.status);

  const login = await anonymous.POST("/api/v1/auth/login", { body: { email, password } });
  if (login.data === undefined) fail(`login ${name}`, login.error, login.response.status);
  refreshTokens.set(name, login.data.refresh_token);

  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${login.data.access_token}` } });
  // The test opens the link in the verification mail; wait until the account shows it verified.
  for (let attempt = 0; attempt < 200; attempt++) {
    const me = await client.GET("/api/v1/me");
    if (me.data === undefined) fail(`me ${name}`, me.error, me.response.status);
    if (me.data.email_verified) return client;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  throw new Error(`${name}: email never verified`);
}

const borrower = await signUp("Bea");
const lenderEmail = `lena-${run}@example.com`;

// Create without lenders: the member is optional and simply left out.
const created = await borrower.POST("/api/v1/loans", {
  body: { amount: 1000, interest_rate: 5.25, term_months: 12, purpose: "Roof repair" },
});
if (created.data === undefined) fail("create", created.error, created.response.status);
const loanId = created.data.loan_id;
const etag = created.response.headers.get("ETag");
if (etag === null) throw new Error("create answered without an ETag");

// A second loan so the borrower's listing has two pages at limit 1.
const second = await borrower.POST("/api/v1/loans", {
  body: { amount: 500.5, interest_rate: 0, term_months: 6, purpose: "Laptop" },
  params: { header: { "Idempotency-Key": `second-${run}` } },
});
if (second.data === undefined) fail("create second", second.error, second.response.status);

// PATCH one member only, based on the version just read.
const patched = await borrower.PATCH("/api/v1/loans/{loan_id}", {
  params: { path: { loan_id: loanId }, header: { "If-Match": etag } },
  body: { purpose: "Roof and gutter repair" },
});
if (patched.data === undefined) fail("patch", patched.error, patched.response.status);
if (patched.data.purpose !== "Roof and gutter repair" || patched.data.amount !== 1000) {
  throw new Error(`patch changed the wrong members: ${JSON.stringify(patched.data)}`);
}
// A change of terms moves terms_version: an acceptance must name the terms it read.
if (patched.data.terms_version !== created.data.terms_version + 1) throw new Error(`terms_version: ${JSON.stringify(patched.data)}`);

const invited = await borrower.POST("/api/v1/loans/{loan_id}/lenders", {
  params: { path: { loan_id: loanId } },
  body: { lenders: [{ email: lenderEmail, amount: 1000 }] },
});
if (invited.data === undefined) fail("invite", invited.error, invited.response.status);

// The lender registers after being invited and finds the invitation waiting.
const lender = await signUp("Lena");
const pending = await lender.GET("/api/v1/me/invitations", { params: { query: { status: "pending" } } });
if (pending.data === undefined) fail("pending invitations", pending.error, pending.response.status);
const invitation = pending.data.data.find((i) => i.loan_id === loanId);
if (invitation === undefined) throw new Error("the invitation is not in the lender's pending list");

const accepted = await lender.POST("/api/v1/loans/{loan_id}/participants/{participant_id}/accept", {
  params: { path: { loan_id: loanId, participant_id: invitation.participant_id } },
  body: {
    ach: { account_holder: "Lena Lender", routing_number: "011000015", account_number: "000123456789", account_type: "checking" },
    terms_version: invitation.terms_version,
  },
});
if (accepted.data === undefined) fail("accept", accepted.error, accepted.response.status);
if (accepted.data.loan_status !== "FUNDED") throw new Error(`loan is ${accepted.data.loan_status}, not FUNDED`);

// Page through every listing one item at a time, following next_token until has_more is false.
async function pageMyLoans(): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10; page++) {
    const query: { limit: number; next_token?: string } = token === undefined ? { limit: 1 } : { limit: 1, next_token: token };
    const listed = await borrower.GET("/api/v1/me/loans", { params: { query } });
    if (listed.data === undefined) fail("my loans", listed.error, listed.response.status);
    ids.push(...listed.data.data.map((l) => l.loan_id));
    if (!listed.data.has_more || listed.data.next_token === null) return ids;
    token = listed.data.next_token;
  }
  throw new Error("my loans never ended");
}

const myLoans = await pageMyLoans();
if (myLoans.length !== 2 || !myLoans.includes(loanId)) throw new Error(`my loans: ${JSON.stringify(myLoans)}`);

const acceptedList = await lender.GET("/api/v1/me/invitations", { params: { query: { status: "accepted", limit: 1 } } });
if (acceptedList.data === undefined) fail("accepted invitations", acceptedList.error, acceptedList.response.status);
if (acceptedList.data.data[0]?.status !== "ACCEPTED") throw new Error("the accepted list lacks the acceptance");

const portfolio = await lender.GET("/api/v1/me/portfolio", { params: { query: { limit: 100 } } });
if (portfolio.data === undefined) fail("portfolio", portfolio.error, portfolio.response.status);
if (portfolio.data.total_committed !== 1000 || portfolio.data.has_more) {
  throw new Error(`portfolio: ${JSON.stringify(portfolio.data)}`);
}

const loan = await lender.GET("/api/v1/loans/{loan_id}", { params: { path: { loan_id: loanId } } });
if (loan.data === undefined) fail("get loan", loan.error, loan.response.status);
if (loan.data.status !== "FUNDED" || !loan.data.is_fully_funded) throw new Error(`loan: ${JSON.stringify(loan.data)}`);

// From funded to repaid: disbursed a month and a half ago, the first installment is late; a payoff completes it.
const disbursedOn = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10);
const today = new Date().toISOString().slice(0, 10);
const disbursed = await borrower.POST("/api/v1/loans/{loan_id}/disbursement", {
  params: { path: { loan_id: loanId } },
  body: { disbursed_on: disbursedOn },
});
if (disbursed.data === undefined) fail("disburse", disbursed.error, disbursed.response.status);
if (disbursed.data.status !== "ACTIVE" || disbursed.data.disbursed_on !== disbursedOn) throw new Error(`disbursed: ${JSON.stringify(disbursed.data)}`);

const schedule = await lender.GET("/api/v1/loans/{loan_id}/schedule", { params: { path: { loan_id: loanId } } });
if (schedule.data === undefined) fail("schedule", schedule.error, schedule.response.status);
if (schedule.data.installments[0]?.status !== "LATE") throw new Error(`schedule: ${JSON.stringify(schedule.data.installments[0])}`);

const payoff = await borrower.GET("/api/v1/loans/{loan_id}/payoff", { params: { path: { loan_id: loanId }, query: { on: today } } });
if (payoff.data === undefined) fail("payoff", payoff.error, payoff.response.status);
const repaid = await borrower.POST("/api/v1/loans/{loan_id}/repayments", {
  params: { path: { loan_id: loanId } },
  body: { amount: payoff.data.amount, paid_on: today, payoff: true, reference: "flow" },
});
if (repaid.data === undefined) fail("repay", repaid.error, repaid.response.status);
if (repaid.data.loan_status !== "COMPLETED" || repaid.data.distributions.length !== 1) throw new Error(`repaid: ${JSON.stringify(repaid.data)}`);

// Documents: the borrower uploads a file as multipart/form-data; the lender downloads the same bytes.
const fileBytes = new Uint8Array(64);
fileBytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
for (let i = 8; i < fileBytes.length; i++) fileBytes[i] = i;
const form = new FormData();
form.append("file", new Blob([fileBytes], { type: "image/png" }), "statement.png");
form.append("kind", "bank_statement");
const uploaded = await borrower.POST("/api/v1/loans/{loan_id}/documents", {
  params: { path: { loan_id: loanId } },
  body: { file: "statement.png", kind: "bank_statement" },
  bodySerializer: () => form,
});
if (uploaded.data === undefined) fail("upload", uploaded.error, uploaded.response.status);
if (uploaded.data.size_bytes !== fileBytes.length || uploaded.data.content_type !== "image/png") throw new Error(`uploaded: ${JSON.stringify(uploaded.data)}`);
const downloaded = await lender.GET("/api/v1/loans/{loan_id}/documents/{document_id}/content", {
  params: { path: { loan_id: loanId, document_id: uploaded.data.document_id } },
  parseAs: "arrayBuffer",
});
if (downloaded.data === undefined) fail("download", downloaded.error, downloaded.response.status);
const back = new Uint8Array(downloaded.data);
if (back.length !== fileBytes.length || back.some((b, i) => b !== fileBytes[i])) throw new Error("downloaded bytes differ from the upload");

// The lender's statement: their share of the payoff, newest first; the borrower's list filtered by status.
const statement = await lender.GET("/api/v1/me/distributions", { params: { query: { limit: 10 } } });
if (statement.data === undefined) fail("distributions", statement.error, statement.response.status);
// The operation also answers text/csv (the statement): JSON was asked for, so a string is a failure.
if (typeof statement.data === "string") throw new Error("distributions answered CSV to a JSON request");
const line = statement.data.data.find((l) => l.repayment_id === repaid.data.repayment_id);
if (line === undefined || line.amount !== payoff.data.amount) throw new Error(`distributions: ${JSON.stringify(statement.data)}`);

const completed = await borrower.GET("/api/v1/me/loans", { params: { query: { status: "COMPLETED", limit: 10 } } });
if (completed.data === undefined) fail("completed loans", completed.error, completed.response.status);
if (completed.data.data.length !== 1 || completed.data.data[0]?.loan_id !== loanId) throw new Error(`completed: ${JSON.stringify(completed.data)}`);

// Sessions: a refresh renews the pair, events tickets name their stream, a password change ends every session
// and sign-out ends one; a reset request answers alike for any address.
const beaRefresh = refreshTokens.get("Bea");
if (beaRefresh === undefined) throw new Error("no refresh token for Bea");
const renewed = await anonymous.POST("/api/v1/auth/refresh", { body: { refresh_token: beaRefresh } });
if (renewed.data === undefined) fail("refresh", renewed.error, renewed.response.status);
const renewedClient = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${renewed.data.access_token}` } });
const ticket = await renewedClient.POST("/api/v1/me/events/ticket", { params: { query: { loan_id: loanId } } });
if (ticket.data === undefined) fail("loan events ticket", ticket.error, ticket.response.status);
// Verification: a resend for a verified account answers that it is verified; a broken link's token is refused.
const resent = await renewedClient.POST("/api/v1/auth/resend-verification");
if (resent.data?.email_verified !== true) fail("resend verification", resent.error, resent.response.status);
const badVerify = await renewedClient.POST("/api/v1/auth/verify-email", { body: { token: "not-a-token" } });
if (badVerify.error?.code !== "INVALID_VERIFICATION_TOKEN") fail("verify with a bad token", badVerify.error, badVerify.response.status);
const newPassword = `${password}-changed`;
const changed = await renewedClient.POST("/api/v1/auth/password", { body: { current_password: password, new_password: newPassword } });
if (changed.response.status !== 204) fail("change password", changed.error, changed.response.status);
const cutOff = await renewedClient.GET("/api/v1/me");
if (cutOff.response.status !== 401) throw new Error(`a token of an ended session answered ${cutOff.response.status}`);
const beaEmail = `bea-${run}@example.com`;
const again = await anonymous.POST("/api/v1/auth/login", { body: { email: beaEmail, password: newPassword } });
if (again.data === undefined) fail("login with the new password", again.error, again.response.status);
const signedIn = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${again.data.access_token}` } });
const loggedOut = await signedIn.POST("/api/v1/auth/logout");
if (loggedOut.data?.signed_out !== true) fail("logout", loggedOut.error, loggedOut.response.status);
const resetAsked = await anonymous.POST("/api/v1/auth/password-reset", { body: { email: `nobody-${run}@example.com` } });
if (resetAsked.response.status !== 202) fail("password reset", resetAsked.error, resetAsked.response.status);
const badReset = await anonymous.POST("/api/v1/auth/password-reset/confirm", { body: { token: "not-a-token", new_password: newPassword } });
if (badReset.error?.code !== "INVALID_RESET_TOKEN") fail("reset with a bad token", badReset.error, badReset.response.status);

console.log(`flow ok: loan ${loanId} funded and repaid, a document round-tripped, ${myLoans.length} loans paged`);
