import type { ErrorCodeEntry, OperationScope } from '@platform';

/*
 * Every problem `code` the gateway answers with: the contract partners program against, rendered as
 * docs/error-codes.md (npm run openapi) and listed per operation in the catalogs (`x-error-codes`).
 * A test fails when a code thrown in apps/ or libs/ is missing here, or when an entry here is thrown
 * nowhere. `answeredBy` says which experience operations can answer it (codes that never reach a
 * partner have none); PROCESS_ERROR_CODES and SYSTEM_ERROR_CODES, at the end, scope them to the inner layers.
 */

const B2B = String.raw`\/b2b\/v[12]`;
const on = (method: string, path: string) => new RegExp(`^${method} ${path}$`);
const ORDER_READS = [on('GET', `${B2B}/orders/\\{orderId\\}`), on('GET', `${B2B}/orders/\\{orderId\\}/shipments`)];
const CANCEL = on('POST', `${B2B}/orders/\\{orderId\\}/cancel`);
const PLACE = on('POST', `${B2B}/orders`);
const RETURN_REQUEST = on('POST', `${B2B}/returns`);
const RETURN_READ = on('GET', `${B2B}/returns/\\{returnId\\}`);
const QUOTE = on('POST', `${B2B}/quotes`);
const SUBSCRIBE = on('POST', `${B2B}/webhooks`);
const SUBSCRIPTION = on('(GET|DELETE)', `${B2B}/webhooks/\\{subscriptionId\\}(/deliveries)?`);
const REDELIVER = on('POST', `${B2B}/webhooks/\\{subscriptionId\\}/deliveries/\\{deliveryId\\}/redeliver`);
const INTERCHANGE = on('POST', String.raw`\/edi\/v1\/interchanges`);
const ONBOARD_PARTNER = on('POST', String.raw`\/ops\/v1\/partners`);
const ONBOARD_CLIENT = on('POST', String.raw`\/ops\/v1\/(partners|crm-clients)`);
const CLIENT = on('(GET|POST)', String.raw`\/ops\/v1\/(partners|crm-clients|clients)\/\{clientId\}(\/\w+)?`);
const CLIENT_LISTS = on('GET', String.raw`\/ops\/v1\/(partners|crm-clients)`);
const TRADING_PARTNER = on('(GET|POST)', String.raw`\/ops\/v1\/edi\/trading-partners\/\{tradingPartnerId\}(\/\w+)?`);
const ONBOARD_TRADING_PARTNER = on('POST', String.raw`\/ops\/v1\/edi\/trading-partners`);
const CRM_ACCOUNT = on('PUT', String.raw`\/crm\/v1\/accounts\/\{crmAccountId\}`);
const CRM_ORDERS = on('GET', String.raw`\/crm\/v1\/accounts\/\{crmAccountId\}\/orders`);
const TOKEN = on('POST', String.raw`\/oauth\/token`);
/** Operations answered with the process layer's help: its breaker and its failures reach the partner as 502/503. */
const VIA_PROCESS = on(
  '(GET|POST|PUT|DELETE)',
  String.raw`\/(b2b\/v[12]\/(items|availability|quotes|orders|invoices|returns)|crm\/v1|edi\/v1|ops\/v1\/(partners|edi\/trading-partners|orders))(\/.*)?`,
);

const RETRY_SAME_KEY = 'Retry after Retry-After with the same Idempotency-Key and body: the retry converges on one answer.';
const FIX_REQUEST = 'Fix the request as `detail` and `errors` say; sending it again unchanged fails again.';
const CHECK_ID = 'Check the id (it is one of yours only); list the collection to find it.';
const NOT_FOR_PARTNERS = 'Not answered to partners: an internal hop of the gateway. Operators: see docs/operations.md.';

/** The codes a vendor adapter of the system layer answers for its backend (vendor-error.ts): `<BACKEND>.<KIND>`. */
const backendCodes = (backend: 'ERP' | 'WMS' | 'OMS'): ErrorCodeEntry[] => [
  { code: `${backend}.NOT_FOUND`, status: 404, meaning: `The ${backend} has no such document (no more specific code applies).`, action: NOT_FOR_PARTNERS },
  { code: `${backend}.CONFLICT`, status: 409, meaning: `The ${backend} refused the change as conflicting with its state.`, action: NOT_FOR_PARTNERS },
  {
    code: `${backend}.REJECTED`,
    status: 422,
    meaning: `The ${backend} refused the request as invalid; \`detail\` carries its message.`,
    action: NOT_FOR_PARTNERS,
  },
  {
    code: `${backend}.BAD_GATEWAY`,
    status: 502,
    meaning: `The ${backend} refused the gateway's own credentials or request (401, 403, another 4xx).`,
    action: 'Operators: check the backend credentials and configuration.',
  },
  {
    code: `${backend}.UNMAPPABLE_RESPONSE`,
    status: 502,
    meaning: `The ${backend} answered something its mapper cannot read: it broke its contract.`,
    action: 'Operators: compare the native answer with the adapter (docs/system-apis.md).',
  },
];

export const ERROR_CODES: readonly ErrorCodeEntry[] = [
  // any layer, any route
  {
    code: 'INTERNAL',
    status: 500,
    meaning: 'An unexpected error; nothing about it is shown.',
    action: 'Quote the correlationId to support; retry an idempotent request with the same key.',
    answeredBy: ['every'],
  },
  {
    code: 'REQUEST.VALIDATION',
    status: 400,
    meaning: 'Fields of the body or query parameters are invalid; `errors` lists each field with its messages.',
    action: FIX_REQUEST,
    answeredBy: ['body', 'query'],
  },
  {
    code: 'REQUEST.MALFORMED',
    status: 400,
    meaning: 'The body is not well-formed (invalid JSON, empty, nested too deep, wrong Content-Length).',
    action: FIX_REQUEST,
    answeredBy: ['body'],
  },
  {
    code: 'REQUEST.INVALID',
    status: 400,
    meaning: 'A value cannot be stored (e.g. a character the database refuses), or a framework-level 400.',
    action: FIX_REQUEST,
  },
  {
    code: 'REQUEST.TOO_LARGE',
    status: 413,
    meaning: 'The body is larger than the configured limit (1 MiB by default).',
    action: 'Send less per request (fewer lines, split the interchange).',
    answeredBy: ['body'],
  },
  {
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    meaning: 'The Content-Type is not one this operation reads.',
    action: 'Send the content type the catalog documents for the operation.',
    answeredBy: ['body'],
  },
  { code: 'REQUEST.RATE_LIMITED', status: 429, meaning: 'A framework-level 429 without a more specific code.', action: 'Wait for Retry-After, then retry.' },
  { code: 'ROUTE.NOT_FOUND', status: 404, meaning: 'No such route (path or version).', action: 'Check the path against the catalog.' },
  { code: 'ROUTE.METHOD_NOT_ALLOWED', status: 405, meaning: 'The route does not take this method.', action: 'Check the method against the catalog.' },

  // authentication and authorization
  {
    code: 'AUTH.TOKEN_MISSING',
    status: 401,
    meaning: 'No bearer token was sent.',
    action: 'POST /oauth/token with your client credentials and send `Authorization: Bearer <token>`.',
    answeredBy: ['authenticated'],
  },
  {
    code: 'AUTH.INVALID_TOKEN',
    status: 401,
    meaning: 'The token is not one the gateway issued, or not for this API.',
    action: 'Request a new token.',
    answeredBy: ['authenticated'],
  },
  {
    code: 'AUTH.TOKEN_EXPIRED',
    status: 401,
    meaning: 'The token has expired.',
    action: 'Request a new token (tokens live `expires_in` seconds).',
    answeredBy: ['authenticated'],
  },
  {
    code: 'AUTH.TOKEN_REVOKED',
    status: 401,
    meaning: 'The client was disabled or its secret rotated since the token was issued.',
    action: 'Request a new token with the current secret; if refused, ask the operator.',
    answeredBy: ['authenticated'],
  },
  {
    code: 'AUTH.UNAUTHORIZED',
    status: 401,
    meaning: 'The token names no active client.',
    action: 'Request a new token; if refused, ask the operator.',
    answeredBy: ['authenticated'],
  },
  {
    code: 'AUTH.INSUFFICIENT_SCOPE',
    status: 403,
    meaning: 'The token lacks the scope this path needs (b2b, crm or ops); WWW-Authenticate names it.',
    action: 'Use the client that has the scope; scopes are granted at onboarding.',
    answeredBy: ['authenticated'],
  },
  {
    code: 'AUTH.INVALID_CLIENT',
    status: 401,
    meaning: 'Unknown client id or wrong secret.',
    action: 'Check the credentials; repeated failures are throttled.',
    answeredBy: [TOKEN],
  },
  {
    code: 'AUTH.UNSUPPORTED_GRANT_TYPE',
    status: 400,
    meaning: 'A grant type other than client_credentials.',
    action: 'Send grant_type=client_credentials.',
    answeredBy: [TOKEN],
  },
  {
    code: 'AUTH.TOO_MANY_FAILED_ATTEMPTS',
    retryAfter: true,
    status: 429,
    meaning: 'Too many failed token requests for this client id or from this address.',
    action: 'Wait for Retry-After; fix the secret first, or you will be locked out again.',
    answeredBy: [TOKEN],
  },
  { code: 'AUTH.FORBIDDEN', status: 403, meaning: 'The caller may not call this route.', action: NOT_FOR_PARTNERS },
  {
    code: 'AUTH.OPERATOR_REQUIRED',
    status: 403,
    meaning: 'An operations route was called with a service token instead of an operator token.',
    action: NOT_FOR_PARTNERS,
  },
  { code: 'AUTH.UNKNOWN_CALLER', status: 403, meaning: 'A service token from a layer this one does not serve.', action: NOT_FOR_PARTNERS },
  { code: 'AUTH.WRONG_AUDIENCE', status: 403, meaning: 'A token for another audience than the operations routes.', action: NOT_FOR_PARTNERS },
  { code: 'AUTH.CHANNEL_EVENTS_TOKEN', status: 401, meaning: 'Channel events were posted without the process layer token.', action: NOT_FOR_PARTNERS },
  {
    code: 'AUTH.INVALID_SIGNATURE',
    status: 401,
    meaning: 'A WMS webhook without a valid HMAC signature.',
    action: 'WMS: sign the body with the shared secret.',
  },
  {
    code: 'METRICS.TOKEN_INVALID',
    status: 401,
    meaning: 'Scraping /metrics without the configured METRICS_TOKEN.',
    action: 'Configure the scraper with METRICS_TOKEN.',
  },

  // rate limits and idempotency
  {
    code: 'RATE_LIMIT.EXCEEDED',
    retryAfter: true,
    status: 429,
    meaning: "Your client's quota for this class of request (reads, writes, token) is spent; RateLimit and RateLimit-Policy say how it refills.",
    action: 'Wait Retry-After seconds; spread requests under the quota RateLimit-Policy announces.',
    answeredBy: ['rate-limited'],
  },
  {
    code: 'IDEMPOTENCY.KEY_MISSING',
    status: 400,
    meaning: 'This write needs an Idempotency-Key header.',
    action: 'Send a new unique key (e.g. a UUID) per business request, and the same key on its retries.',
    answeredBy: ['key-required'],
  },
  {
    code: 'IDEMPOTENCY.KEY_INVALID',
    status: 400,
    meaning: 'The Idempotency-Key is not 1–255 printable ASCII characters.',
    action: FIX_REQUEST,
    answeredBy: ['idempotent'],
  },
  {
    code: 'IDEMPOTENCY.IN_FLIGHT',
    retryAfter: true,
    status: 409,
    meaning: 'A request with this key is still being processed.',
    action: RETRY_SAME_KEY,
    answeredBy: ['idempotent'],
  },
  {
    code: 'IDEMPOTENCY.KEY_REUSED',
    status: 422,
    meaning: 'This key was used before with a different request.',
    action: 'Use a new key for a new request; resend the original body to get the original answer.',
    answeredBy: ['idempotent'],
  },

  // the layers below, as a partner meets them
  {
    code: 'UPSTREAM.CIRCUIT_OPEN',
    retryAfter: true,
    status: 503,
    meaning: "A backend is failing; the gateway's breaker refuses calls to it for now.",
    action: RETRY_SAME_KEY,
    answeredBy: [VIA_PROCESS],
  },
  {
    code: 'UPSTREAM.UNAVAILABLE',
    retryAfter: true,
    status: 503,
    meaning: 'A layer or backend did not answer in time, could not be reached or is overloaded.',
    action: RETRY_SAME_KEY,
    answeredBy: [VIA_PROCESS],
  },
  {
    code: 'UPSTREAM.BAD_GATEWAY',
    status: 502,
    meaning: 'A layer below answered with an error of its own.',
    action: 'Quote the correlationId to support; retry later.',
    answeredBy: [VIA_PROCESS],
  },
  {
    code: 'UPSTREAM.REJECTED',
    status: 400,
    meaning: 'A layer below refused the request without a code of its own (any 4xx; the status is passed through).',
    action: FIX_REQUEST,
  },

  // B2B orders, quotes, availability, invoices
  {
    code: 'ORDER.NOT_FOUND',
    status: 404,
    meaning: 'No such order of yours (operators: no such order).',
    action: CHECK_ID,
    answeredBy: [...ORDER_READS, CANCEL, RETURN_REQUEST, on('GET', String.raw`\/ops\/v1\/orders\/\{orderId\}\/timeline`)],
  },
  {
    code: 'RETURN.NOT_FOUND',
    status: 404,
    meaning: 'No such return of yours (operators: no such return).',
    action: CHECK_ID,
    answeredBy: [RETURN_READ],
  },
  {
    code: 'ORDER.ALREADY_RELEASED',
    status: 409,
    meaning: 'The order has been released to the warehouse: it can no longer be cancelled.',
    action: 'Refuse the goods or return them (docs/b2b-partners.md).',
    answeredBy: [CANCEL],
  },
  {
    code: 'ORDER.NOT_CANCELLABLE',
    status: 409,
    meaning: 'The order is in a status that cannot be cancelled (e.g. rejected).',
    action: 'Read the order to see its status.',
    answeredBy: [CANCEL],
  },
  {
    code: 'ORDER.DUPLICATE_PURCHASE_ORDER',
    status: 409,
    meaning: 'This purchase order number was placed already, under another Idempotency-Key; `existingOrderId` names the order.',
    action: 'Read the existing order instead of placing it again.',
    answeredBy: [PLACE],
  },
  {
    code: 'ORDER.PURCHASE_ORDER_IN_FLIGHT',
    status: 409,
    retryAfter: true,
    meaning: 'This purchase order is being placed under another key right now.',
    action: RETRY_SAME_KEY,
    answeredBy: [PLACE],
  },
  {
    code: 'ORDER.INVALID_LINES',
    status: 422,
    meaning: 'Some lines cannot be ordered (unknown SKU, unit not sold); `errors` names each line.',
    action: FIX_REQUEST,
    answeredBy: [PLACE, QUOTE],
  },
  {
    code: 'ORDER.NO_PRICE',
    status: 422,
    meaning: 'Some lines have no contract price for you.',
    action: 'Ask your account manager for a price, or order other SKUs.',
    answeredBy: [PLACE],
  },
  {
    code: 'ORDER.UNKNOWN_CUSTOMER',
    status: 422,
    meaning: 'Your ERP customer does not exist (any more).',
    action: 'Ask the operator to check your onboarding.',
    answeredBy: [PLACE],
  },
  {
    code: 'ORDER.ATTEMPT_SUPERSEDED',
    retryAfter: true,
    status: 503,
    meaning: 'This attempt took too long and a retry took it over.',
    action: RETRY_SAME_KEY,
    answeredBy: [PLACE],
  },
  {
    code: 'ITEM.NOT_FOUND',
    status: 404,
    meaning: 'The SKU is not in the catalog.',
    action: 'List the items you may buy (GET /b2b/v2/items).',
    answeredBy: [on('GET', `${B2B}/availability`)],
  },
  { code: 'ITEM.UNIT_NOT_SOLD', status: 422, meaning: 'The SKU is not sold in this unit of measure.', action: FIX_REQUEST, answeredBy: [PLACE, QUOTE] },
  {
    code: 'PROMISE.MIXED_UNITS',
    status: 422,
    meaning: 'One SKU ordered in two units (cases and eaches) in one request.',
    action: 'Order each SKU in one unit.',
    answeredBy: [PLACE, QUOTE],
  },
  {
    code: 'PROMISE.INVALID_SOURCING_INPUT',
    status: 422,
    meaning: 'The lines cannot be sourced as given; `errors` says why.',
    action: FIX_REQUEST,
    answeredBy: [PLACE, QUOTE],
  },
  {
    code: 'PROMISE.STOCK_CHANGED',
    status: 409,
    meaning: 'The stock changed while it was being reserved, beyond the retries the gateway makes itself.',
    action: RETRY_SAME_KEY,
    answeredBy: [PLACE, QUOTE],
  },
  { code: 'PROMISE.ALREADY_HELD', status: 409, meaning: 'These lines are held already for this holder.', action: NOT_FOR_PARTNERS },
  {
    code: 'PROMISE.NO_STOCK_FIGURES',
    retryAfter: true,
    status: 503,
    meaning: 'Stock figures have not been read from the WMS yet (just after start-up).',
    action: RETRY_SAME_KEY,
    answeredBy: [PLACE, QUOTE],
  },
  {
    code: 'QUOTE.HOLD_SHARE_EXCEEDED',
    status: 422,
    meaning: 'With holdSeconds, your holds of a SKU would exceed your share of its available stock (`maxHoldQuantity`, `heldQuantity`); nothing is held.',
    action: 'Quote less, or without holdSeconds.',
    answeredBy: [QUOTE],
  },
  {
    code: 'ORDERS.INVALID_CURSOR',
    status: 400,
    meaning: 'The cursor is not one a previous page returned.',
    action: 'Start again without a cursor.',
    answeredBy: [on('GET', `${B2B}/orders`), CRM_ORDERS],
  },
  {
    code: 'INVOICE.NOT_FOUND',
    status: 404,
    meaning: 'No such invoice of yours.',
    action: CHECK_ID,
    answeredBy: [on('GET', `${B2B}/invoices/\\{invoiceId\\}`)],
  },
  {
    code: 'INVOICES.INVALID_CURSOR',
    status: 400,
    meaning: 'The cursor is not one a previous page returned.',
    action: 'Start again without a cursor.',
    answeredBy: [on('GET', `${B2B}/invoices`)],
  },
  {
    code: 'DOCS.NOT_FOUND',
    status: 404,
    meaning: 'The migration note is not shipped with this deployment.',
    action: 'Read docs/b2b-v2-migration.md in the repository.',
    answeredBy: [on('GET', String.raw`\/b2b\/docs\/v2-migration`)],
  },

  // webhooks
  {
    code: 'CATALOG.GUIDE_NOT_FOUND',
    status: 404,
    meaning: 'No guide of that name (or this deployment ships without the docs).',
    action: 'Take the guide links from GET /catalog.',
    answeredBy: [on('GET', String.raw`\/catalog\/guides\/\{guide\}`)],
  },
  { code: 'WEBHOOK.NOT_FOUND', status: 404, meaning: 'No such webhook subscription of yours.', action: CHECK_ID, answeredBy: [SUBSCRIPTION, REDELIVER] },
  {
    code: 'WEBHOOK.DELIVERY_NOT_FOUND',
    status: 404,
    meaning: 'No such delivery of this subscription.',
    action: 'Find the delivery id in the delivery log.',
    answeredBy: [REDELIVER],
  },
  {
    code: 'WEBHOOK.LIMIT_REACHED',
    status: 422,
    meaning: 'You have as many subscriptions as allowed.',
    action: 'Delete one you no longer use.',
    answeredBy: [SUBSCRIBE],
  },
  {
    code: 'WEBHOOK.URL_INVALID',
    status: 422,
    meaning: 'The URL carries credentials (user:password@).',
    action: 'Authenticate deliveries by their signature instead.',
    answeredBy: [SUBSCRIBE],
  },
  { code: 'WEBHOOK.URL_NOT_HTTPS', status: 422, meaning: 'The URL is not https.', action: 'Serve your endpoint over https.', answeredBy: [SUBSCRIBE] },
  {
    code: 'WEBHOOK.URL_NOT_ALLOWED',
    status: 422,
    meaning: 'The host is, or resolves to, a loopback, private, link-local or reserved address.',
    action: 'Use a public address.',
    answeredBy: [SUBSCRIBE],
  },
  { code: 'WEBHOOK.URL_UNRESOLVABLE', status: 422, meaning: 'The host name does not resolve.', action: 'Check the host name (DNS).', answeredBy: [SUBSCRIBE] },
  {
    code: 'WEBHOOKS.INVALID_CURSOR',
    status: 400,
    meaning: 'The cursor is not one a previous page returned.',
    action: 'Start again without a cursor.',
    answeredBy: [on('GET', String.raw`\/ops\/v1\/webhook-deliveries`)],
  },

  // EDI
  { code: 'EDI.EMPTY_BODY', status: 400, meaning: 'The body is empty.', action: 'Send an X12 interchange (ISA … IEA).', answeredBy: [INTERCHANGE] },
  {
    code: 'EDI.NOT_AN_INTERCHANGE',
    status: 400,
    meaning: 'The body is not an X12 interchange.',
    action: 'Send an X12 interchange (ISA … IEA).',
    answeredBy: [INTERCHANGE],
  },
  {
    code: 'EDI.NOT_A_TRADING_PARTNER',
    status: 403,
    meaning: 'Your client is not set up as an EDI trading partner.',
    action: 'Ask the operator to onboard you as a trading partner.',
    answeredBy: [INTERCHANGE],
  },
  {
    code: 'EDI.TRADING_PARTNER_DISABLED',
    status: 403,
    meaning: 'The trading partner is disabled: interchanges are refused.',
    action: 'Ask the operator to enable it.',
    answeredBy: [INTERCHANGE],
  },
  {
    code: 'EDI.INTERCHANGE_IN_FLIGHT',
    status: 409,
    meaning: 'This interchange control number is still being processed.',
    action: 'Resend the same interchange shortly: its ISA13 makes it a replay once processed.',
    answeredBy: [INTERCHANGE],
  },
  {
    code: 'EDI.CONTROL_NUMBERS_EXHAUSTED',
    status: 500,
    meaning: 'The outbound control numbers of a trading partner reached 999999999.',
    action: 'Operators: see docs/edi.md (control numbers).',
    answeredBy: [INTERCHANGE],
  },
  {
    code: 'EDI.TRADING_PARTNER_NOT_FOUND',
    status: 404,
    meaning: 'No such trading partner.',
    action: CHECK_ID,
    answeredBy: [TRADING_PARTNER, on('GET', String.raw`\/edi\/v1\/partners\/\{partnerId\}\/documents`)],
  },
  {
    code: 'EDI.TRADING_PARTNER_EXISTS',
    status: 409,
    meaning: 'A trading partner with this id exists already.',
    action: 'Pick another id, or manage the existing one.',
    answeredBy: [ONBOARD_TRADING_PARTNER],
  },
  {
    code: 'EDI.ISA_ID_TAKEN',
    status: 409,
    meaning: 'Another trading partner sends with this ISA qualifier and id.',
    action: 'Check the ISA sender id.',
    answeredBy: [ONBOARD_TRADING_PARTNER],
  },
  {
    code: 'EDI.UNKNOWN_CLIENT',
    status: 422,
    meaning: 'No partner client with this id to send as.',
    action: 'Onboard the partner client first.',
    answeredBy: [ONBOARD_TRADING_PARTNER],
  },
  {
    code: 'EDI.CLIENT_CUSTOMER_MISMATCH',
    status: 422,
    meaning: 'The partner client orders for another ERP customer than the one given.',
    action: 'Give the customer of the client.',
    answeredBy: [ONBOARD_TRADING_PARTNER],
  },
  {
    code: 'EDI.INVALID_CURSOR',
    status: 400,
    meaning: 'The cursor is not one a previous page returned.',
    action: 'Start again without a cursor.',
    answeredBy: [on('GET', String.raw`\/ops\/v1\/edi\/trading-partners`)],
  },

  // operations: clients, CRM accounts
  { code: 'CLIENT.NOT_FOUND', status: 404, meaning: 'No such API client.', action: CHECK_ID, answeredBy: [CLIENT] },
  {
    code: 'CLIENT.ALREADY_EXISTS',
    status: 409,
    meaning: 'A client with this id exists already (demo clients included).',
    action: 'Pick another client id.',
    answeredBy: [ONBOARD_CLIENT],
  },
  {
    code: 'CLIENT.UNKNOWN_CUSTOMER',
    status: 422,
    meaning: 'The ERP has no such customer.',
    action: 'Give an existing ERP customer number.',
    answeredBy: [ONBOARD_PARTNER],
  },
  {
    code: 'CLIENT.INVALID_CURSOR',
    status: 400,
    meaning: 'The cursor is not one a previous page returned.',
    action: 'Start again without a cursor.',
    answeredBy: [CLIENT_LISTS],
  },
  {
    code: 'AUDIT.INVALID_CURSOR',
    status: 400,
    meaning: 'The cursor is not one a previous page returned.',
    action: 'Start again without a cursor.',
    answeredBy: [on('GET', String.raw`\/ops\/v1\/audit`)],
  },
  {
    code: 'OPS.NOT_FOUND',
    status: 404,
    meaning: "The operations console's way to the process layer (`/ops/v1/process/…`) has no such operation.",
    action: 'Operators: the process catalog lists its `/v1/ops` operations (docs/operations.md, Console).',
  },
  {
    code: 'CONSOLE.NOT_FOUND',
    status: 404,
    meaning: 'No such file of the operations console, or this deployment does not ship it.',
    action: 'Operators: open /console; ship apps/experience-apis/console with the app (docs/operations.md, Console).',
  },
  {
    code: 'ACCOUNT.IN_FLIGHT',
    status: 409,
    meaning: 'This account, or another of the same company, is being created in the ERP right now.',
    action: 'Retry shortly with the same request.',
    answeredBy: [CRM_ACCOUNT],
  },
  {
    code: 'ACCOUNT.NOT_FOUND',
    status: 404,
    meaning: 'No CRM account with this id is linked to an ERP customer.',
    action: 'PUT the account first.',
    answeredBy: [CRM_ORDERS],
  },

  // returns (RMA); RETURN.NOT_FOUND is listed with the B2B reads above
  {
    code: 'RETURN.NOT_IN_EXCEPTION',
    status: 409,
    meaning: 'Only a return in exception (more received than authorized) is resolved by an operator.',
    action: 'Operators: read the return; nothing to resolve.',
  },
  {
    code: 'RETURNS.INVALID_CURSOR',
    status: 400,
    meaning: 'The cursor is not one a previous page returned.',
    action: 'Start again without a cursor.',
    answeredBy: [on('GET', `${B2B}/returns`)],
  },

  // process and system layers (operators, internal hops)
  { code: 'CUSTOMER.NOT_FOUND', status: 404, meaning: 'No such customer in the ERP.', action: NOT_FOR_PARTNERS },
  { code: 'DEAD_LETTER.NOT_FOUND', status: 404, meaning: 'No such dead letter.', action: 'Operators: list the dead letters.' },
  { code: 'DEAD_LETTER.NOT_OPEN', status: 409, meaning: 'Only open dead letters can be replayed or discarded.', action: 'Operators: it was handled already.' },
  {
    code: 'DEAD_LETTER.CONSUMER_NOT_RUNNING',
    status: 422,
    meaning: 'No consumer runs here under that name.',
    action: 'Operators: replay on an instance that runs the consumer.',
  },
  { code: 'ORDER_EXCEPTION.NOT_FOUND', status: 404, meaning: 'No such order exception.', action: 'Operators: list the order exceptions.' },
  { code: 'ORDER_EXCEPTION.ALREADY_RESOLVED', status: 409, meaning: 'The order exception was resolved already.', action: 'Operators: nothing more to do.' },
  { code: 'ORDER_EXCEPTION.INVALID_CURSOR', status: 400, meaning: 'The cursor is not one a previous page returned.', action: 'Start again without a cursor.' },
  { code: 'RECONCILIATION.RUN_NOT_FOUND', status: 404, meaning: 'No such reconciliation run.', action: 'Operators: list the runs.' },
  {
    code: 'RECONCILIATION.RUN_IN_PROGRESS',
    status: 409,
    meaning: 'A reconciliation run is in progress.',
    action: 'Operators: wait for it; its findings are listed once it finishes.',
  },
  { code: 'RECONCILIATION.FINDING_NOT_FOUND', status: 404, meaning: 'No such reconciliation finding.', action: 'Operators: list the findings of the run.' },
  {
    code: 'RECONCILIATION.FINDING_NOT_OPEN',
    status: 409,
    meaning: 'The finding is resolved already, or not an exception.',
    action: 'Operators: nothing more to do.',
  },
  { code: 'EVENT.INVALID_DATA', status: 400, meaning: 'An inventory event carries invalid figures.', action: NOT_FOR_PARTNERS },
  {
    code: 'EVENTS.NOT_FORWARDED',
    retryAfter: true,
    status: 503,
    meaning: 'The process layer did not accept an event; the WMS redelivers it.',
    action: NOT_FOR_PARTNERS,
  },
  // the specific codes first: a response's first code is its example
  { code: 'ERP.CUSTOMER_NOT_FOUND', status: 404, meaning: 'No such customer in the ERP.', action: NOT_FOR_PARTNERS },
  { code: 'ERP.SALES_ORDER_NOT_FOUND', status: 404, meaning: 'No such sales order in the ERP.', action: NOT_FOR_PARTNERS },
  { code: 'ERP.INVOICE_NOT_FOUND', status: 404, meaning: 'No such billing document in the ERP.', action: NOT_FOR_PARTNERS },
  { code: 'WMS.ITEM_NOT_FOUND', status: 404, meaning: 'No such item in the WMS.', action: NOT_FOR_PARTNERS },
  { code: 'OMS.ORDER_NOT_FOUND', status: 404, meaning: 'No such order in the OMS.', action: NOT_FOR_PARTNERS },
  ...backendCodes('ERP'),
  ...backendCodes('WMS'),
  ...backendCodes('OMS'),
];

/*
 * The inner layers' catalogs list the codes of their own operations (`x-error-codes`): the same
 * entries, scoped to the process or system layer's paths. A code a layer passes through from the
 * next one (a backend's `ERP.REJECTED` reaching the process layer) is the next layer's to list.
 */
type LayerScopes = Readonly<Record<string, readonly OperationScope[]>>;
const scopedTo = (scopes: LayerScopes): ErrorCodeEntry[] =>
  ERROR_CODES.filter((entry) => scopes[entry.code]).map((entry) => ({ ...entry, answeredBy: scopes[entry.code] }));

/** What a request can meet before its handler: a body or query the DTOs refuse, a service or operator token refused. */
const GENERAL: LayerScopes = {
  INTERNAL: ['every'],
  'REQUEST.VALIDATION': ['body', 'query'],
  'REQUEST.MALFORMED': ['body'],
  'REQUEST.TOO_LARGE': ['body'],
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': ['body'],
  'AUTH.TOKEN_MISSING': ['authenticated'],
  'AUTH.INVALID_TOKEN': ['authenticated'],
  'AUTH.TOKEN_EXPIRED': ['authenticated'],
  'AUTH.WRONG_AUDIENCE': ['authenticated'],
  'AUTH.UNKNOWN_CALLER': ['authenticated'],
};

const V1 = (method: string, path: string) => on(method, String.raw`\/v1\/${path}`);
const PROCESS_OPS = on('(GET|POST)', String.raw`\/v1\/ops\/.*`);
const PROCESS_PLACE = V1('POST', 'orders');
const PROCESS_RETURN = V1('POST', 'returns');
const PROCESS_PROMISE = V1('POST', 'order-promises');
const PROCESS_CANCEL = V1('POST', String.raw`orders\/\{orderId\}\/cancel`);
/** Placing an order and promising one (a quote): the same line, customer and stock checks. */
const PROCESS_INTAKE = [PROCESS_PLACE, PROCESS_PROMISE];
const DEAD_LETTER_ACTIONS = V1('POST', String.raw`ops\/dead-letters\/(replay|\{id\}\/discard)`);
const RESOLVE_EXCEPTION = V1('POST', String.raw`ops\/order-exceptions\/\{id\}\/resolve`);
const RESOLVE_FINDING = V1('POST', String.raw`ops\/reconciliation-findings\/\{id\}\/resolve`);
/** Process operations that call the system layer while the caller waits (its breaker and failures reach the caller). */
const PROCESS_VIA_SYSTEM = [
  PROCESS_PLACE,
  PROCESS_PROMISE,
  PROCESS_CANCEL,
  V1('GET', String.raw`customers\/\{customerId\}`),
  V1('PUT', String.raw`accounts\/\{crmAccountId\}`),
  PROCESS_RETURN,
];

export const PROCESS_ERROR_CODES: readonly ErrorCodeEntry[] = scopedTo({
  ...GENERAL,
  // operator tokens are taken on every route (an operator's identity), and are the only ones on /v1/ops
  'AUTH.TOKEN_REVOKED': ['authenticated'],
  'AUTH.INSUFFICIENT_SCOPE': ['authenticated'],
  'AUTH.OPERATOR_REQUIRED': [PROCESS_OPS],
  'UPSTREAM.CIRCUIT_OPEN': PROCESS_VIA_SYSTEM,
  'UPSTREAM.UNAVAILABLE': PROCESS_VIA_SYSTEM,
  'UPSTREAM.BAD_GATEWAY': PROCESS_VIA_SYSTEM,
  'IDEMPOTENCY.KEY_MISSING': [PROCESS_PLACE, PROCESS_RETURN],
  'IDEMPOTENCY.IN_FLIGHT': [PROCESS_PLACE],
  'IDEMPOTENCY.KEY_REUSED': [PROCESS_PLACE, PROCESS_RETURN],
  'ORDER.DUPLICATE_PURCHASE_ORDER': [PROCESS_PLACE],
  'ORDER.PURCHASE_ORDER_IN_FLIGHT': [PROCESS_PLACE],
  'ORDER.ATTEMPT_SUPERSEDED': [PROCESS_PLACE],
  'ORDER.UNKNOWN_CUSTOMER': [...PROCESS_INTAKE, PROCESS_RETURN],
  'ORDER.INVALID_LINES': PROCESS_INTAKE,
  'ORDER.NO_PRICE': PROCESS_INTAKE,
  'ITEM.NOT_FOUND': PROCESS_INTAKE,
  'ITEM.UNIT_NOT_SOLD': PROCESS_INTAKE,
  'PROMISE.MIXED_UNITS': PROCESS_INTAKE,
  'PROMISE.INVALID_SOURCING_INPUT': PROCESS_INTAKE,
  'PROMISE.NO_STOCK_FIGURES': PROCESS_INTAKE,
  'PROMISE.STOCK_CHANGED': PROCESS_INTAKE,
  'PROMISE.ALREADY_HELD': PROCESS_INTAKE,
  'QUOTE.HOLD_SHARE_EXCEEDED': [PROCESS_PROMISE],
  'ORDER.NOT_FOUND': [V1('GET', String.raw`orders\/\{orderId\}`), PROCESS_CANCEL, V1('GET', String.raw`ops\/orders\/\{orderId\}\/timeline`), PROCESS_RETURN],
  'RETURN.NOT_FOUND': [V1('GET', String.raw`returns\/\{returnId\}`), V1('POST', String.raw`ops\/returns\/\{returnId\}\/resolve`)],
  'RETURN.NOT_IN_EXCEPTION': [V1('POST', String.raw`ops\/returns\/\{returnId\}\/resolve`)],
  'RETURNS.INVALID_CURSOR': [V1('GET', 'returns')],
  'ORDER.NOT_CANCELLABLE': [PROCESS_CANCEL],
  'ORDER.ALREADY_RELEASED': [PROCESS_CANCEL],
  'ORDERS.INVALID_CURSOR': [V1('GET', 'orders'), V1('GET', String.raw`ops\/orders`), V1('GET', String.raw`customers\/\{customerId\}\/order-360`)],
  'INVOICE.NOT_FOUND': [V1('GET', String.raw`invoices\/\{invoiceId\}`)],
  'INVOICES.INVALID_CURSOR': [V1('GET', 'invoices')],
  'CUSTOMER.NOT_FOUND': [V1('GET', String.raw`customers\/\{customerId\}`)],
  'ACCOUNT.IN_FLIGHT': [V1('PUT', String.raw`accounts\/\{crmAccountId\}`)],
  'ACCOUNT.NOT_FOUND': [V1('GET', String.raw`accounts\/\{crmAccountId\}`)],
  'DEAD_LETTER.NOT_FOUND': [DEAD_LETTER_ACTIONS],
  'DEAD_LETTER.NOT_OPEN': [DEAD_LETTER_ACTIONS],
  'DEAD_LETTER.CONSUMER_NOT_RUNNING': [V1('POST', String.raw`ops\/dead-letters\/replay`)],
  'ORDER_EXCEPTION.INVALID_CURSOR': [V1('GET', String.raw`ops\/order-exceptions`)],
  'ORDER_EXCEPTION.NOT_FOUND': [RESOLVE_EXCEPTION],
  'ORDER_EXCEPTION.ALREADY_RESOLVED': [RESOLVE_EXCEPTION],
  'RECONCILIATION.RUN_IN_PROGRESS': [V1('POST', String.raw`ops\/reconciliation-runs`)],
  'RECONCILIATION.RUN_NOT_FOUND': [V1('GET', String.raw`ops\/reconciliation-runs\/\{id\}`)],
  'RECONCILIATION.FINDING_NOT_FOUND': [RESOLVE_FINDING],
  'RECONCILIATION.FINDING_NOT_OPEN': [RESOLVE_FINDING],
});

const backendRoutes = (backend: 'erp' | 'wms' | 'oms') => on('(GET|POST|PUT)', String.raw`\/${backend}\/v1\/(?!events\/).*`);
const backendWrites = (backend: 'erp' | 'wms' | 'oms') => on('(POST|PUT)', String.raw`\/${backend}\/v1\/(?!events\/).*`);
/** A read or change of one document by its id. */
const backendById = (backend: 'erp' | 'wms' | 'oms') => on('(GET|POST|PUT)', String.raw`\/${backend}\/v1\/[\w-]+\/\{\w+\}(\/.*)?`);
const backendScopes = (backend: 'erp' | 'wms' | 'oms'): LayerScopes => {
  const BACKEND = backend.toUpperCase();
  return {
    [`${BACKEND}.NOT_FOUND`]: [backendById(backend)],
    [`${BACKEND}.CONFLICT`]: [backendWrites(backend)],
    [`${BACKEND}.REJECTED`]: [backendWrites(backend)],
    [`${BACKEND}.BAD_GATEWAY`]: [backendRoutes(backend)],
    [`${BACKEND}.UNMAPPABLE_RESPONSE`]: [backendRoutes(backend)],
  };
};
const WMS_EVENTS = on('POST', String.raw`\/wms\/v1\/events\/native`);
const ANY_BACKEND = on('(GET|POST|PUT)', String.raw`\/(erp|wms|oms)\/v1\/(?!events\/).*`);

export const SYSTEM_ERROR_CODES: readonly ErrorCodeEntry[] = scopedTo({
  ...GENERAL,
  ...backendScopes('erp'),
  ...backendScopes('wms'),
  ...backendScopes('oms'),
  // the backend's breaker open, or the backend down or past its timeout
  'UPSTREAM.CIRCUIT_OPEN': [ANY_BACKEND],
  'UPSTREAM.UNAVAILABLE': [ANY_BACKEND],
  'ERP.CUSTOMER_NOT_FOUND': [on('(GET|PUT)', String.raw`\/erp\/v1\/customers\/\{customerId\}`)],
  'ERP.SALES_ORDER_NOT_FOUND': [on('(GET|POST)', String.raw`\/erp\/v1\/sales-orders\/\{erpOrderNumber\}(\/cancel)?`)],
  'ERP.INVOICE_NOT_FOUND': [on('GET', String.raw`\/erp\/v1\/invoices\/\{erpInvoiceNumber\}`)],
  'WMS.ITEM_NOT_FOUND': [on('GET', String.raw`\/wms\/v1\/inventory`)],
  'OMS.ORDER_NOT_FOUND': [on('(GET|POST)', String.raw`\/oms\/v1\/orders\/\{omsOrderId\}(\/transitions)?`)],
  // the WMS's webhook takes a signature instead of a token (a token, if sent, must still be good)
  'AUTH.TOKEN_MISSING': [ANY_BACKEND],
  'AUTH.INVALID_SIGNATURE': [WMS_EVENTS],
  'EVENTS.NOT_FORWARDED': [WMS_EVENTS],
});
