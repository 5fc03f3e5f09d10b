export const id = 152;
export const ids = [152];
export const modules = {

/***/ 6152:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_RESPONSE_BYTES: () => (/* reexport */ MAX_RESPONSE_BYTES),
  createTransport: () => (/* reexport */ createTransport),
  mintToken: () => (/* reexport */ mintToken),
  runRefresh: () => (/* reexport */ runRefresh)
});

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 2 modules
var lib = __webpack_require__(4607);
// EXTERNAL MODULE: ./src/network-error.ts
var network_error = __webpack_require__(46);
;// CONCATENATED MODULE: ./src/http.ts


/** Personr's and GitHub's responses here are under 1 KiB; past this, one is not worth reading. */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** The first value of a response header. */
function header(response, name) {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/**
 * A sender over @actions/http-client, so HTTPS_PROXY and NO_PROXY work as in other actions.
 * It keeps one pool of connections per origin for the whole step, since every new TLS
 * connection costs a round trip or two. It never follows redirects (credentials must not go to
 * another place) and never retries: the caller decides that.
 */
function createTransport(userAgent, maxBodyBytes, debug = () => { }, now = Date.now) {
    const origins = new Map();
    const originOf = (url) => {
        let origin = origins.get(url.origin);
        if (origin === undefined) {
            const created = { client: undefined, signal: undefined };
            created.client = new lib/* HttpClient */.Qq(userAgent, [deadlineOf(created)], {
                allowRedirects: false,
                allowRetries: false,
                keepAlive: true
            });
            origins.set(url.origin, created);
            origin = created;
        }
        return origin;
    };
    const send = async (request, signal) => {
        const url = new URL(request.url);
        const origin = originOf(url);
        const started = now();
        const took = () => `${Math.round(now() - started)} ms`;
        const what = `${request.method} ${url.host}${url.pathname}`;
        const failed = (error) => {
            const code = error.code;
            const how = signal.aborted ? 'timed out' : `failed (${code ?? 'no code'})`;
            debug(`${what}: ${how} after ${took()}`);
        };
        let message;
        try {
            // The client prepares the request synchronously inside request(), so the deadline set
            // here is the one its handler hands to node:http, however many requests are in flight.
            origin.signal = signal;
            ({ message } = await origin.client.request(request.method, request.url, request.body ?? null, request.headers));
        }
        catch (error) {
            failed(error);
            // Only a failure before any response can be a TLS or protocol mismatch.
            throw (0,network_error/* explainNetworkError */.QJ)(error, url, request.input);
        }
        try {
            const { body, tooLarge } = await readLimited(message, maxBodyBytes);
            const status = message.statusCode ?? 0;
            debug(`${what}: ${status} in ${took()}`);
            return { status, headers: message.headers, body, bodyTooLarge: tooLarge };
        }
        catch (error) {
            failed(error);
            throw error;
        }
    };
    return {
        send,
        close() {
            for (const { client } of origins.values())
                client.dispose();
            origins.clear();
        }
    };
}
/** Hands each request's deadline to node:http, which then aborts the request and its response. */
function deadlineOf(origin) {
    return {
        prepareRequest: (options) => {
            Object.assign(options, { signal: origin.signal });
            origin.signal = undefined;
        },
        canHandleAuthentication: () => false,
        handleAuthentication: () => Promise.reject(new Error('not supported'))
    };
}
/** Reads at most `limit` bytes, then drops the connection instead of buffering the rest. */
function readLimited(message, limit) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        // A promise settles once: what the answer emits after the first outcome changes nothing.
        const settle = (result) => {
            if (result instanceof Error)
                reject(result);
            else
                resolve(result);
        };
        message.on('data', (chunk) => {
            if (size + chunk.length > limit) {
                chunks.push(chunk.subarray(0, limit - size));
                // Settle before destroying: destroy() can emit 'aborted' at once.
                settle({ body: Buffer.concat(chunks).toString('utf8'), tooLarge: true });
                message.destroy();
                return;
            }
            size += chunk.length;
            chunks.push(chunk);
        });
        message.on('end', () => settle({ body: Buffer.concat(chunks).toString('utf8'), tooLarge: false }));
        message.on('error', (error) => settle(error));
        message.on('aborted', () => settle(new network_error/* NetworkError */.Dr('ECONNRESET', 'the connection closed before the answer ended')));
    });
}

// EXTERNAL MODULE: ./node_modules/form-data/lib/form_data.js
var form_data = __webpack_require__(6454);
var form_data_default = /*#__PURE__*/__webpack_require__.n(form_data);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/json.ts
// JSON as servers send it: sometimes with a byte-order mark, sometimes with trailing commas.
/**
 * JSON.parse for responses: tolerates a UTF-8 byte-order mark and trailing commas (Personr's
 * published error example has one). Undefined when the body is not JSON even so.
 */
function parseJson(body) {
    // trim() also drops a leading byte-order mark (U+FEFF counts as whitespace).
    const text = body.trim();
    if (!/^[{[]/.test(text))
        return undefined;
    for (const candidate of [text, text.replace(/,(\s*[}\]])/g, '$1')]) {
        try {
            return JSON.parse(candidate);
        }
        catch {
            // try the next form
        }
    }
    return undefined;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./src/sanitize.ts
var sanitize = __webpack_require__(5540);
;// CONCATENATED MODULE: ./src/error-body.ts



/** "503 Service Unavailable", or just the number for a status Node has no name for. */
function statusText(status) {
    const name = external_node_http_.STATUS_CODES[status];
    return name ? `${status} ${name}` : String(status);
}
/** Longer texts are cut: an error line is for people, and a body may be up to 64 KiB. */
const MAX_QUOTE = 300;
/**
 * Reads `reason` and `message` out of an error body: Personr's top-level form (even the
 * published one with its trailing comma), Bubble's nested `body.status`/`body.message`,
 * GitHub's `{"message": \u2026}`, or an HTML page's title. Returns {} when nothing usable is there.
 * Each text is redacted before it is cut, so a cut can never leave part of a secret behind.
 */
function readErrorBody(body, redact) {
    const text = (value) => quote(value, redact);
    const trimmed = body.trim();
    const json = parseJson(trimmed);
    if (json !== undefined)
        return fromObject(json, text);
    if (trimmed.startsWith('<')) {
        const title = text(htmlTitle(trimmed));
        return title ? { message: `an HTML page titled "${title}"` } : { message: 'an HTML page' };
    }
    // Not JSON even leniently: pick the fields out one by one.
    return compact({
        reason: text(stringField(trimmed, 'reason')),
        message: text(stringField(trimmed, 'message'))
    });
}
/** A text from a server, trimmed, read and redacted (Redactor.read), then cut; undefined when blank. */
function quote(value, redact) {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    return trimmed === '' ? undefined : (0,sanitize/* shorten */.m)(redact(trimmed), MAX_QUOTE);
}
/**
 * The text of the first `<title>\u2026</title>`, found with plain index searches so that a hostile
 * page of many unclosed `<title` tags costs linear time (a regular expression here backtracks).
 */
function htmlTitle(page) {
    const lower = page.toLowerCase();
    const end = lower.indexOf('</title>');
    if (end < 0)
        return undefined;
    const start = lower.lastIndexOf('<title', end);
    if (start < 0)
        return undefined;
    // '</title>' holds a '>', so one is always found; one past `end` means the tag never closed.
    const open = page.indexOf('>', start);
    if (open > end)
        return undefined;
    const title = page.slice(open + 1, end);
    return title.includes('<') ? undefined : title;
}
function fromObject(json, text) {
    if (!isRecord(json))
        return {};
    const nested = isRecord(json.body) ? json.body : {};
    // A status other than success is Personr's reason; GitHub's "403" only repeats the HTTP code.
    const status = typeof json.status === 'string' && json.status !== 'success' && !/^\d{3}$/.test(json.status)
        ? json.status
        : undefined;
    return compact({
        reason: text(json.reason) ?? text(nested.status) ?? text(json.error) ?? text(status),
        message: text(json.message) ?? text(nested.message) ?? text(json.error_description)
    });
}
function stringField(text, name) {
    const match = new RegExp(`"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(text);
    if (!match?.[1])
        return undefined;
    try {
        return JSON.parse(`"${match[1]}"`);
    }
    catch {
        return match[1];
    }
}
function compact(details) {
    const out = {};
    if (details.reason)
        out.reason = details.reason;
    if (details.message)
        out.message = details.message;
    return out;
}
/** "(REASON): message", "(REASON)", ": message" or "", to follow a sentence. */
function formatDetails({ reason, message }) {
    return `${reason ? ` (${reason})` : ''}${message ? `: ${message}` : ''}`;
}

// EXTERNAL MODULE: ./src/inputs.ts
var src_inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/redactor.ts
var redactor = __webpack_require__(1751);
;// CONCATENATED MODULE: ./src/retry.ts


const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
/** Retry-After beyond this is not waited for: the step fails and says so instead. */
const MAX_RETRY_AFTER_MS = 60_000;
/** Transient failures outlasted the retries; `last` says how the last attempt failed. */
class GaveUpError extends errors/* ActionError */.lZ {
    name = 'GaveUpError';
    last;
    constructor(last, message) {
        super(message);
        this.last = last;
    }
}
/** Exponential backoff with jitter: 0.5\u20131 s, 1\u20132 s, 2\u20134 s \u2026 capped at 30 s. */
function backoffMs(retry, random) {
    const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (retry - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
/** A Retry-After header (seconds or an HTTP date) as milliseconds from now, if it parses. */
function parseRetryAfter(value, now) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    // Only an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"): Date.parse also takes "1.5" or "-5".
    if (!/^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d\d:\d\d:\d\d GMT$/.test(text))
        return undefined;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/** Network failures where trying again can help (refused, reset, DNS, dropped). */
const TRANSIENT_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_SOCKET'
]);
/** Describes a thrown network error if it is transient, else undefined. */
function transientNetworkError(error) {
    if (!(error instanceof Error))
        return undefined;
    const code = error.code;
    if (code && TRANSIENT_CODES.has(code)) {
        // The action's own transport words its errors for people; Node's are kept to the code.
        return error instanceof network_error/* NetworkError */.Dr
            ? `network error ${code}: ${error.message}`
            : `network error ${code}`;
    }
    if (/socket hang up/i.test(error.message))
        return `network error: ${error.message}`;
    return undefined;
}
/**
 * Runs `attempt` until it is done, fails for good (throws), or the retries are used up.
 * Each attempt gets a deadline signal of `timeoutMs`; an attempt past it counts as transient.
 * A cancel (`stop`) aborts the attempt or the wait in hand and throws its reason, or, after the
 * mint, cuts each attempt and wait to the time it leaves.
 */
async function withRetries(attempt, options) {
    const { retries, timeoutMs, clock, random, log, stop } = options;
    const attempts = retries + 1;
    const left = () => stop?.timeLeft() ?? Infinity;
    for (let n = 1;; n++) {
        stop?.signal.throwIfAborted();
        if (left() <= 0) {
            throw new errors/* ActionError */.lZ(`Could not ${options.what}: the step was cancelled, and its time ran out.`);
        }
        const limitMs = Math.min(timeoutMs, left());
        const deadline = clock.deadline(limitMs);
        const signal = stop ? AbortSignal.any([deadline, stop.signal]) : deadline;
        let outcome;
        try {
            outcome = await attempt(signal);
        }
        catch (error) {
            stop?.signal.throwIfAborted();
            const reason = deadline.aborted
                ? `no complete answer within ${limitMs / 1000} s${limitMs < timeoutMs ? ' (all the cancel left)' : ''}`
                : transientNetworkError(error);
            if (reason === undefined)
                throw error;
            outcome = { retry: reason, advice: error instanceof network_error/* NetworkError */.Dr ? error.advice : undefined };
        }
        if ('done' in outcome)
            return outcome.done;
        if (n >= attempts) {
            throw new GaveUpError(outcome.retry, `Could not ${options.what} after ${n} attempt${n === 1 ? '' : 's'}; the last one failed with ${outcome.retry}. ${outcome.advice ?? 'This looks temporary: re-run the job later, or raise `retries`/`timeout` if it keeps happening.'}`);
        }
        const wait = outcome.retryAfterMs ?? backoffMs(n, random);
        if (wait > MAX_RETRY_AFTER_MS) {
            throw new GaveUpError(outcome.retry, `Could not ${options.what}: attempt ${n} failed with ${outcome.retry}, and the server asked to wait ${Math.ceil(wait / 1000)} s before retrying, longer than the ${MAX_RETRY_AFTER_MS / 1000} s this action waits. Re-run the job later.`);
        }
        if (wait >= left()) {
            throw new GaveUpError(outcome.retry, `Could not ${options.what}: attempt ${n} failed with ${outcome.retry}, and the step was cancelled: no time is left to wait ${(wait / 1000).toFixed(1)} s and try again.`);
        }
        log(`Attempt ${n} of ${attempts} failed with ${outcome.retry}; retrying in ${(wait / 1000).toFixed(1)} s.`);
        await clock.sleep(wait, stop?.signal);
    }
}

;// CONCATENATED MODULE: ./src/token-response.ts



/** Ten years: no Personr token lives longer, and past this a date would soon be out of range. */
const MAX_EXPIRES_SECONDS = 315_576_000;
const MIN_TOKEN_LENGTH = 16;
const MAX_TOKEN_LENGTH = 4096;
const MAX_USER_ID_LENGTH = 200;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
/**
 * Personr said success, so it probably minted a token, and a mint kills the account's previous
 * token: the error must say so, and refresh mode adds what that means for the stored one.
 */
class UnusableTokenError extends errors/* ActionError */.lZ {
    name = 'UnusableTokenError';
    /** The token, when it passed its checks and only `user_id` or `expires` did not. */
    partial;
    constructor(message, partial) {
        super(message);
        this.partial = partial;
    }
}
/**
 * Reads a 200 response of api-token-generate into a token, checking every value before anything
 * is output: outputs are all or nothing. The token is masked as soon as it is found, before any
 * check can fail and print a message.
 */
function readTokenResponse(body, now, mask, redact, said) {
    const json = parseJson(body);
    if (json === undefined) {
        throw new errors/* ActionError */.lZ(`${said} but with ${describeBody(body)} instead of a token. Check that \`api-url\` points at Personr's workflow API.`);
    }
    const response = isRecord(json) && isRecord(json.response) ? json.response : {};
    if (typeof response.token === 'string' && response.token !== '')
        mask(response.token, { token: true });
    if (!isRecord(json) || json.status !== 'success') {
        const details = formatDetails(readErrorBody(body, redact));
        throw new errors/* NotMintedError */.T(`${said} but not with success${details || ' (no status)'}. No token was issued.`);
    }
    const problem = (what, partial) => new UnusableTokenError(`${said} with success, but ${what}, so there is no usable token. Personr has probably minted one anyway, and minting invalidated the account's previous token. Check that \`api-url\` is Personr's workflow API; if it is, Personr's response has changed: report it.`, partial);
    const token = checkToken(response.token);
    if (isWrong(token))
        throw problem(token.wrong);
    const userId = checkUserId(response.user_id);
    const expiry = checkExpires(response.expires, now);
    if (isWrong(userId) || isWrong(expiry)) {
        // Every problem is named; the token that passed goes with the error, for a refresh to store.
        const what = [userId, expiry]
            .filter(isWrong)
            .map((w) => w.wrong)
            .join(', and ');
        throw problem(what, {
            token,
            userId: isWrong(userId) ? undefined : userId,
            expiry: isWrong(expiry) ? undefined : expiry,
            problem: `${said} with success, but ${what}`
        });
    }
    return { token, userId, ...expiry };
}
const wrong = (what) => ({ wrong: what });
const isWrong = (value) => isRecord(value) && 'wrong' in value;
function checkToken(token) {
    if (typeof token !== 'string' || token === '')
        return wrong('without a token');
    if (!VISIBLE_ASCII.test(token)) {
        return wrong('the token holds whitespace, control or non-ASCII characters');
    }
    if (token.length < MIN_TOKEN_LENGTH || token.length > MAX_TOKEN_LENGTH) {
        return wrong(`the token is ${token.length} characters long, not ${MIN_TOKEN_LENGTH} to ${MAX_TOKEN_LENGTH}`);
    }
    return token;
}
function checkUserId(userId) {
    if (typeof userId === 'number') {
        if (Number.isSafeInteger(userId) && userId >= 0)
            return String(userId);
        return wrong('the user_id is a number that is not a whole number a string could hold exactly');
    }
    if (typeof userId !== 'string' || userId === '')
        return wrong('without a user_id');
    if (!VISIBLE_ASCII.test(userId)) {
        return wrong('the user_id holds whitespace, control or non-ASCII characters');
    }
    if (userId.length > MAX_USER_ID_LENGTH) {
        return wrong(`the user_id is longer than ${MAX_USER_ID_LENGTH} characters`);
    }
    return userId;
}
function checkExpires(expires, now) {
    if (typeof expires !== 'number') {
        const kind = expires === null ? 'null' : Array.isArray(expires) ? 'a list' : `a ${typeof expires}`;
        return wrong(expires === undefined
            ? 'without `expires`'
            : `\`expires\` is ${kind}, not a number of seconds`);
    }
    if (!Number.isInteger(expires) || expires <= 0 || expires > MAX_EXPIRES_SECONDS) {
        return wrong(`\`expires\` is ${expires}, not a whole number of seconds from 1 to ${MAX_EXPIRES_SECONDS} (ten years)`);
    }
    return { expires, expiresAt: new Date(now + expires * 1000) };
}
function describeBody(body) {
    if (/^\s*</.test(body))
        return 'an HTML page';
    return body.trim() === '' ? 'an empty body' : 'a body that is not JSON';
}

;// CONCATENATED MODULE: ./src/personr.ts








/** Posts the credentials to api-token-generate, retrying transient failures. */
function mintToken(inputs, options) {
    const { send, clock } = options;
    return withRetries(async (signal) => {
        const response = await send(tokenRequest(inputs), signal);
        return interpretTokenResponse(response, inputs, { ...options, now: clock.now() });
    }, {
        ...options,
        what: 'mint a Personr token',
        retries: inputs.retries,
        timeoutMs: inputs.timeoutMs
    });
}
/**
 * The mint request: with `auth: basic`, `Authorization: Basic base64(email:password)` and no
 * body; otherwise a fresh multipart body per attempt (a form-data stream can be sent once).
 */
function tokenRequest(inputs) {
    if (inputs.auth === 'basic') {
        return {
            method: 'POST',
            url: inputs.endpoint.href,
            input: 'api-url',
            headers: {
                authorization: (0,src_inputs/* basicAuthorization */.aR)(inputs),
                accept: 'application/json',
                'content-length': 0
            }
        };
    }
    const form = new (form_data_default())();
    form.append('email', inputs.email);
    form.append('password', inputs.password);
    return {
        method: 'POST',
        url: inputs.endpoint.href,
        input: 'api-url',
        headers: {
            ...form.getHeaders(),
            'content-length': form.getLengthSync(),
            accept: 'application/json'
        },
        body: form
    };
}
/** Decides what a response of the mint endpoint means: a token, a retry, or a final error. */
function interpretTokenResponse(response, inputs, context) {
    const { status } = response;
    const { endpoint } = inputs;
    const said = `Personr answered ${statusText(status)}`;
    if (response.bodyTooLarge) {
        throw new errors/* ActionError */.lZ(`${said} with a body larger than ${MAX_RESPONSE_BYTES / 1024} KiB, which is not a token answer; it was cut off. Check that \`api-url\` points at Personr's workflow API.`);
    }
    // From here on, an answer that is not a token is one Personr gave without minting.
    if (status >= 300 && status < 400) {
        throw new errors/* NotMintedError */.T(`${said}, a redirect to ${redirectTarget(response, endpoint, context.redact)}. The action does not follow redirects, so the credentials go nowhere else; set \`api-url\` to the address that serves api-token-generate.`);
    }
    const details = formatDetails(readErrorBody(response.body, context.redact));
    if (status === 408 || status === 429 || status >= 500) {
        return {
            retry: `${said}${details}`,
            retryAfterMs: parseRetryAfter(header(response, 'retry-after'), context.now)
        };
    }
    if (status === 400 || status === 401 || status === 403) {
        const refused = /LOGIN|CREDENTIAL|PASSWORD/i.test(details);
        const what = refused ? 'refused the credentials' : `rejected the request with ${status}`;
        const whitespace = (0,src_inputs/* describeWhitespace */.H1)(inputs.password);
        const note = whitespace
            ? ` The password is sent exactly as given, and it ${whitespace}: if that is not part of the password, save the secret again without it.`
            : '';
        throw new errors/* NotMintedError */.T(`Personr ${what}${details || ` (HTTP ${status})`}. Check the \`email\` and \`password\` secrets; this is not retried, since the same request would fail again.${note}`);
    }
    if (status !== 200) {
        throw new errors/* NotMintedError */.T(`${said}${details}. Check that \`api-url\` (${inputs.apiUrl.href}) is Personr's workflow API; this is not retried.`);
    }
    return {
        done: readTokenResponse(response.body, context.now, context.mask, context.redact, said)
    };
}
function redirectTarget(response, base, redact) {
    const location = header(response, 'location');
    if (location === undefined || location.trim() === '')
        return 'no location';
    // Read before it is parsed: the URL parser rewrites characters, and a secret with them.
    const read = quote(location, redact) ?? '';
    if (read === redactor/* WITHHELD */.iz)
        return read;
    try {
        return quote(new URL(read, base).href, redact) ?? read;
    }
    catch {
        return `"${read}" (not a valid URL)`;
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/url.ts
var url = __webpack_require__(7666);
;// CONCATENATED MODULE: ./src/github.ts






function createGitHub(deps) {
    const { apiUrl, token, send, clock, redact, limit } = deps;
    return (call) => limit.run(() => withRetries(async (signal) => {
        const body = call.body === undefined ? undefined : JSON.stringify(call.body);
        const response = await send({
            method: call.method,
            url: (0,url/* joinPath */.uJ)(apiUrl, call.path.replace(/^\//, '')).href,
            input: 'github-api-url',
            headers: {
                accept: 'application/vnd.github+json',
                authorization: `Bearer ${token}`,
                'x-github-api-version': '2022-11-28',
                ...(body === undefined ? {} : { 'content-type': 'application/json' })
            },
            ...(body === undefined ? {} : { body })
        }, signal);
        const expiry = header(response, 'github-authentication-token-expiration');
        if (expiry !== undefined)
            deps.onTokenExpiry?.(expiry);
        return interpretGitHubResponse(response, call, clock.now(), redact);
    }, { ...deps, what: call.what }));
}
/** Decides what a GitHub response means: done, worth a retry, or a refusal to explain. */
function interpretGitHubResponse(response, call, now, redact) {
    const { status } = response;
    if ((status >= 200 && status < 300) || call.expected?.includes(status)) {
        return { done: { status, json: parseJson(response.body) } };
    }
    const said = `GitHub answered ${statusText(status)}${formatDetails(readErrorBody(response.body, redact))}`;
    const retryAfter = retryAfterMs(response, now);
    const secondary = status === 403 && /secondary rate limit/i.test(response.body);
    const rateLimited = status === 429 || (status === 403 && retryAfter !== undefined) || secondary;
    if (rateLimited || status >= 500) {
        // GitHub: after a secondary rate limit with no Retry-After, wait at least a minute.
        return { retry: said, retryAfterMs: retryAfter ?? (secondary ? 60_000 : undefined) };
    }
    if (status === 401 || status === 403 || status === 404) {
        const notFound = status === 404 && call.notFound ? ` ${call.notFound}` : '';
        throw new errors/* ActionError */.lZ(`Could not ${call.what}: ${said}.${notFound} Give \`github-token\` ${call.permission}; a 404 often means the token cannot see that repository or organization at all.`);
    }
    if (status >= 300 && status < 400)
        throw movedError(response, call, redact);
    throw new errors/* ActionError */.lZ(`Could not ${call.what}: ${said}.`);
}
/**
 * GitHub answers 301 for every path under a repository's old name, after a rename or a
 * transfer. The redirect is not followed: the token goes only where the inputs say.
 */
function movedError(response, call, redact) {
    const json = parseJson(response.body);
    const target = header(response, 'location') ?? (isRecord(json) ? json.url : undefined);
    const where = quote(target, redact);
    const pointing = where === undefined ? '' : `, pointing to ${where}`;
    const repo = /^\/repos\/([^/]+\/[^/]+)/.exec(call.path)?.[1];
    const advice = repo === undefined
        ? 'Check `github-api-url` and the names in the inputs.'
        : `The repository ${repo}, as written in \`secret-targets\`, \`secret-repository\` or \`secret-repositories\`, was probably renamed or transferred: write its new owner/name there.`;
    return new errors/* ActionError */.lZ(`Could not ${call.what}: GitHub answered ${statusText(response.status)}${pointing}. ${advice} The action does not follow redirects, so nothing was sent there.`);
}
/** Retry-After, or for a spent rate limit the time until x-ratelimit-reset. */
function retryAfterMs(response, now) {
    const retryAfter = parseRetryAfter(header(response, 'retry-after'), now);
    if (retryAfter !== undefined)
        return retryAfter;
    const reset = header(response, 'x-ratelimit-reset') ?? '';
    if (header(response, 'x-ratelimit-remaining') === '0' && /^\d+$/.test(reset)) {
        return Math.max(0, Number(reset) * 1000 - now);
    }
    return undefined;
}
/**
 * GitHub's `github-authentication-token-expiration` header ("2027-01-15 10:00:00 UTC") as a
 * date; undefined for anything else, since the header is text from outside.
 */
function parseTokenExpiration(value) {
    const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC$/.exec(value.trim());
    if (!match)
        return undefined;
    const date = new Date(`${match[1]}T${match[2]}Z`);
    return Number.isNaN(date.getTime()) ? undefined : date;
}

;// CONCATENATED MODULE: ./src/limit.ts
/**
 * At most `size` tasks at once; the rest wait their turn in order. Created once per step and
 * handed to the GitHub client, so every read and write shares one cap however it is called.
 */
class Limit {
    running = 0;
    waiting = [];
    size;
    constructor(size) {
        this.size = size;
    }
    async run(task) {
        if (this.running >= this.size) {
            await new Promise((resolve) => this.waiting.push(resolve));
        }
        else {
            this.running++;
        }
        try {
            return await task();
        }
        finally {
            const next = this.waiting.shift();
            // A waiting task takes over this slot; otherwise the slot is freed.
            if (next)
                next();
            else
                this.running--;
        }
    }
}

// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/record.ts

const INCOMPLETE = 'incomplete:';
const BEGUN = 'rotation begun';
/** Reads a record; what is not a date stays undefined, for the decision to say so. */
function parseRecord(raw) {
    const value = raw.trim();
    const complete = !value.toLowerCase().startsWith(INCOMPLETE);
    const rest = complete ? value : value.slice(INCOMPLETE.length).trim();
    const begun = /^rotation\s+begun\s+(\S+)$/i.exec(rest);
    if (begun) {
        return { raw, complete, expiresAt: undefined, token: undefined, begunAt: dateOf(begun[1]) };
    }
    const [, date = '', token] = /^(\S*)(?:\s+token\s+([0-9a-f]{8}))?$/i.exec(rest) ?? [];
    return {
        raw,
        complete,
        expiresAt: dateOf(date === '' ? rest : date),
        token: token?.toLowerCase(),
        begunAt: undefined
    };
}
/** The record of a token every target holds (`complete`), or that some may not. */
function tokenRecord(expiresAt, token, complete) {
    return `${complete ? '' : `${INCOMPLETE} `}${expiresAt.toISOString()} token ${fingerprint(token)}`;
}
/** The record written just before a mint: until the rotation is done, the next run rotates. */
function begunRecord(now) {
    return `${INCOMPLETE} ${BEGUN} ${now.toISOString()}`;
}
/**
 * The first 32 bits of the token's SHA-256, in hex. The record is plain text that collaborators
 * read and workflows print, and a Personr token's secret part may be as short as about 60 bits
 * (the rest is the user id and the mint time, both known): a longer hash could be searched
 * offline for the token. Thirty-two bits leave about 2^28 tokens for every fingerprint, and still
 * tell the stored token from the one before it but once in four billion.
 */
function fingerprint(token) {
    return (0,external_node_crypto_.createHash)('sha256').update(token, 'utf8').digest('hex').slice(0, 8);
}
function dateOf(text) {
    const date = new Date(text ?? '');
    return text === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}

;// CONCATENATED MODULE: ./src/view.ts

function viewOf(current, { record, newestSecret }) {
    if (current === undefined) {
        return { kind: 'unknown', why: 'no `current-token` was given to compare with the record' };
    }
    if (record === undefined)
        return { kind: 'unknown', why: 'there is no record yet' };
    const { value, updatedAt } = record;
    if (!value.complete) {
        return { kind: 'unknown', why: 'the record says the last rotation did not finish' };
    }
    if (value.token === undefined) {
        return {
            kind: 'unknown',
            why: 'the record names no token (it was set by hand, or by an earlier version)'
        };
    }
    const handed = fingerprint(current);
    if (handed === value.token)
        return { kind: 'stored', token: handed };
    // Whole seconds on both sides: a rotation writes its targets before its record, so a secret
    // newer than the record was written by someone else.
    if (newestSecret !== undefined && (updatedAt === undefined || newestSecret > updatedAt)) {
        return { kind: 'fresh', handed, writtenAt: newestSecret };
    }
    return { kind: 'stale', handed, stored: value.token, replacedAt: updatedAt };
}
/** What the view means, in one sentence for the log and the summary. */
function describeView(view, secretName) {
    switch (view.kind) {
        case 'stored':
            return `\`current-token\` is the token the record names (token ${view.token}).`;
        case 'stale':
            return `${secretName} was replaced${view.replacedAt ? ` at ${view.replacedAt.toISOString()}` : ''} by a later rotation (token ${view.stored}); this run was handed the token from before it (token ${view.handed}), as GitHub reads repository and organization secrets when a run is queued. Nothing to do: the stored token is the newer one.`;
        case 'fresh':
            return `${secretName} was written at ${view.writtenAt.toISOString()}, after the record, by someone other than this action: \`current-token\` (token ${view.handed}) is checked as usual, and the record follows from the next rotation.`;
        case 'unknown':
            return `Which token is stored is not known: ${view.why}.`;
    }
}

;// CONCATENATED MODULE: ./src/decision.ts

const DAY_MS = 86_400_000;
/** A token lives a year; a recorded expiry further ahead (a day allowed for clocks) is not real. */
const MAX_TRUSTED_AHEAD_MS = (365 + 1) * DAY_MS;
/** Is the stored token due for rotation, and why, in one sentence for the log and the summary. */
function decide(facts) {
    const { now, renewBefore, maxAgeMs, record, quoted, view, missing, oldest, check } = facts;
    const due = (reason) => ({ due: true, reason });
    if (view.kind === 'stale') {
        return {
            due: false,
            stale: true,
            expiresAt: record?.expiresAt,
            reason: describeView(view, facts.secretName)
        };
    }
    if (check.state === 'dead') {
        return due(`The stored token was refused by ${check.by} (${check.seen}): someone minted another token for this account, or it expired idle. Rotating now, whatever its recorded expiry says.`);
    }
    if (missing.length > 0)
        return due(`The secret is missing from ${missing.join(', ')}: rotating.`);
    if (renewBefore === 'always')
        return due('`renew-before: always`: rotating.');
    if (record === undefined)
        return due('No recorded expiry for the stored token: rotating.');
    if (!record.complete) {
        return due(`The last rotation did not finish (recorded "${quoted}"): rotating.`);
    }
    const { expiresAt } = record;
    if (expiresAt === undefined)
        return due(`The recorded expiry "${quoted}" is not a date: rotating.`);
    const left = expiresAt.getTime() - now;
    const days = (left / DAY_MS).toFixed(1);
    if (left > MAX_TRUSTED_AHEAD_MS) {
        return due(`The recorded expiry ${expiresAt.toISOString()} is ${days} days ahead, more than a token lives (365 days), so it is not trusted: rotating.`);
    }
    if (left <= renewBefore) {
        return due(`The stored token expires at ${expiresAt.toISOString()}, in ${days} days, within \`renew-before\`: rotating.`);
    }
    const age = oldest ? now - oldest.updatedAt.getTime() : undefined;
    if (maxAgeMs !== undefined && oldest && age !== undefined && age > maxAgeMs) {
        return due(`The secret of ${oldest.label} was last written ${(age / DAY_MS).toFixed(1)} days ago, longer ago than \`max-age\`: rotating.`);
    }
    const ageNote = age === undefined ? '' : `, last written ${(age / DAY_MS).toFixed(1)} days ago`;
    return {
        due: false,
        expiresAt,
        reason: `The stored token expires at ${expiresAt.toISOString()}, in ${days} days${ageNote}: not due, nothing to do.`
    };
}
/**
 * When the stored token will next be due if nothing else happens: the earlier of its expiry
 * less `renew-before` and its last write plus `max-age`. Undefined when every run rotates.
 */
function nextDue(expiresAt, writtenAt, renewBefore, maxAgeMs) {
    if (renewBefore === 'always')
        return undefined;
    const times = [
        expiresAt.getTime() - renewBefore,
        maxAgeMs === undefined ? undefined : writtenAt.getTime() + maxAgeMs
    ].filter((t) => t !== undefined);
    return new Date(Math.min(...times));
}

;// CONCATENATED MODULE: ./src/sealed-box.ts
/** Encrypts `value` as GitHub's secrets API requires: a libsodium sealed box, base64 both ways. */
async function seal(value, publicKeyBase64) {
    const sodium = await loadSodium();
    const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
    const box = sodium.crypto_box_seal(sodium.from_string(value), key);
    return sodium.to_base64(box, sodium.base64_variants.ORIGINAL);
}
/** Standard base64 of exactly 32 bytes, the size of a libsodium box public key. */
function isPublicKey(base64) {
    return /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/.test(base64);
}
/**
 * libsodium, loaded and ready: about 70 ms of parsing and compiling its 420 kB, which only a run
 * that stores a secret pays. Starting it early, while the network is busy, keeps it off the
 * critical path; the module system makes every later call return the same instance.
 */
async function loadSodium() {
    const { default: sodium } = await __webpack_require__.e(/* import() */ 768).then(__webpack_require__.bind(__webpack_require__, 4768));
    await sodium.ready;
    return sodium;
}

;// CONCATENATED MODULE: ./src/secret-store.ts




/**
 * Reads every target (public key, whether the secret exists and when it was written) and the
 * expiry variable, all at once: the GitHub client caps how many go out together. Any refusal
 * fails here, before a mint could kill the stored token.
 */
async function readStoreState(github, secret) {
    const [record, ...targets] = await Promise.all([
        readRecord(github, secret),
        ...secret.targets.map((target) => readTarget(github, secret.name, target))
    ]);
    return { targets: targets, record: record };
}
async function readTarget(github, name, target) {
    const refused = { permission: target.permission, notFound: target.notFound };
    const [key, stored, selectedRepositoryIds] = await Promise.all([
        github({
            method: 'GET',
            path: `${target.base}/secrets/public-key`,
            what: `read the ${target.store} secrets public key of ${target.label}`,
            ...refused
        }),
        github({
            method: 'GET',
            path: `${target.base}/secrets/${name}`,
            what: `read whether the ${target.store} secret ${name} of ${target.label} exists`,
            ...refused,
            expected: [404]
        }),
        repositoryIds(github, target.org)
    ]);
    return {
        target,
        publicKey: publicKeyOf(key.json, target),
        exists: stored.status === 200,
        updatedAt: stored.status === 200 ? secret_store_dateOf(stored.json) : undefined,
        selectedRepositoryIds
    };
}
function publicKeyOf(json, target) {
    if (!isRecord(json) || typeof json.key !== 'string' || typeof json.key_id !== 'string') {
        throw new errors/* ActionError */.lZ(`GitHub's response for the ${target.store} public key of ${target.label} has no key and key_id, so the token could not be encrypted for it. Nothing was minted; check \`github-api-url\`.`);
    }
    if (!isPublicKey(json.key)) {
        throw new errors/* ActionError */.lZ(`GitHub's ${target.store} public key for ${target.label} is not a base64-encoded 32-byte key, so the token could not be encrypted for it. Nothing was minted; check \`github-api-url\`.`);
    }
    return { keyId: json.key_id, key: json.key };
}
function secret_store_dateOf(json) {
    const value = isRecord(json) ? json.updated_at : undefined;
    const date = typeof value === 'string' ? new Date(value) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
async function readRecord(github, secret) {
    const variable = await github({
        ...recordCall(secret, 'read'),
        method: 'GET',
        path: recordPath(secret),
        expected: [404]
    });
    const value = variable.status === 200 && isRecord(variable.json) ? variable.json.value : undefined;
    if (typeof value !== 'string')
        return undefined;
    return { value: parseRecord(value), updatedAt: secret_store_dateOf(variable.json) };
}
function recordCall(secret, verb) {
    const { expiry, expiryVariable: name } = secret;
    return {
        what: `${verb} the variable ${name} of ${expiry.label}`,
        permission: expiry.permission,
        notFound: expiry.notFound
    };
}
const recordPath = (secret) => `${secret.expiry.base}/variables/${secret.expiryVariable}`;
/** Organization secrets visible to selected repositories take their ids, not their names. */
async function repositoryIds(github, org) {
    if (org?.visibility !== 'selected')
        return undefined;
    return Promise.all(org.repositories.map(async (repository) => {
        const fullName = repository.includes('/') ? repository : `${org.name}/${repository}`;
        const response = await github({
            method: 'GET',
            path: `/repos/${fullName}`,
            what: `look up the repository ${fullName} for the selected repositories`,
            permission: `read access ("Metadata") to ${fullName}`
        });
        if (!isRecord(response.json) || typeof response.json.id !== 'number') {
            throw new errors/* ActionError */.lZ(`GitHub's response for the repository ${fullName} has no id.`);
        }
        return response.json.id;
    }));
}
/**
 * Proves each target's public key works by sealing a throwaway value with it: a key libsodium
 * refuses must fail the step before a mint kills the stored token.
 */
async function provePublicKeys(state) {
    for (const { target, publicKey } of state.targets) {
        try {
            await seal('personr-token-action: key check', publicKey.key);
        }
        catch (error) {
            throw new errors/* ActionError */.lZ(`Could not encrypt with GitHub's ${target.store} public key for ${target.label} (${(0,errors/* messageOf */.bD)(error)}). Nothing was minted; check \`github-api-url\`.`);
        }
    }
}
/** Encrypts `value` with the target's public key and writes the secret. */
async function writeSecret(github, name, state, value) {
    const { target, publicKey } = state;
    await github({
        method: 'PUT',
        path: `${target.base}/secrets/${name}`,
        body: {
            encrypted_value: await seal(value, publicKey.key),
            key_id: publicKey.keyId,
            ...access(target.org, state.selectedRepositoryIds)
        },
        what: `write the ${target.store} secret ${name} of ${target.label}`,
        permission: target.permission,
        notFound: target.notFound
    });
}
/**
 * Writes `<name>_EXPIRES_AT`: updates it when it `exists`, creates it otherwise (and updates it
 * after all if someone created it since it was read).
 */
async function writeRecord(github, secret, state, exists, value) {
    const { expiry, expiryVariable: name } = secret;
    const call = recordCall(secret, 'write');
    // Organization variables take the secret's visibility, on update too: it may have changed.
    const body = { name, value, ...access(expiry.org, idsFor(state, expiry)) };
    const update = () => github({ ...call, method: 'PATCH', path: recordPath(secret), body });
    if (exists) {
        await update();
        return;
    }
    const created = await github({
        ...call,
        method: 'POST',
        path: `${expiry.base}/variables`,
        body,
        expected: [409]
    });
    // 409: created by someone else since we looked; update it instead.
    if (created.status === 409)
        await update();
}
/** Deletes `<name>_EXPIRES_AT`, to leave none where there was none; gone already is fine. */
async function deleteRecord(github, secret) {
    await github({
        ...recordCall(secret, 'delete'),
        method: 'DELETE',
        path: recordPath(secret),
        expected: [404]
    });
}
/** The secret that proves write access before a mint, beside the real one in each target. */
const probeName = (name) => `${name}_WRITE_PROBE`;
/** What a probe holds: no token, and a word for whoever finds one left behind. */
const PROBE_VALUE = 'personr-token-action wrote this to prove it may write secrets here before minting; it holds no token and can be deleted.';
/**
 * Writes the probe secret in one target: the same permission as the real secret, without
 * touching it, so the stored token and its `updated_at` stay as they are.
 */
async function writeProbe(github, name, state) {
    await writeSecret(github, probeName(name), state, PROBE_VALUE);
}
async function deleteProbe(github, name, state) {
    const { target } = state;
    await github({
        method: 'DELETE',
        path: `${target.base}/secrets/${probeName(name)}`,
        what: `delete the ${target.store} secret ${probeName(name)} of ${target.label}`,
        permission: target.permission,
        notFound: target.notFound,
        expected: [404]
    });
}
/** The repository ids of the target the expiry variable sits beside, if it is an org target. */
function idsFor(state, expiry) {
    return state.targets.find((t) => t.target.base === expiry.base && t.target.app === 'actions')
        ?.selectedRepositoryIds;
}
/** Who may read an organization secret or variable; nothing for other scopes. */
function access(org, ids) {
    if (!org)
        return {};
    return ids
        ? { visibility: org.visibility, selected_repository_ids: ids }
        : { visibility: org.visibility };
}

;// CONCATENATED MODULE: ./src/rotation.ts




/**
 * What a rotation writes before its mint, all at once: a probe secret in every target, which
 * proves `github-token` may write there without touching the stored token, and the record of a
 * rotation begun, which proves the variable too, and makes the next run rotate if this one stops
 * at any point after the mint. If any write fails, nothing is minted, and what landed is put
 * back as it was: the record's old value, no probe.
 */
async function beginRotation({ github, finishing }, secret, state, now) {
    const [record, ...probes] = await Promise.allSettled([
        writeRecord(github, secret, state, state.record !== undefined, begunRecord(now)),
        ...state.targets.map((target) => writeProbe(github, secret.name, target))
    ]);
    const refused = [record, ...probes].filter((r) => r.status === 'rejected');
    if (refused.length === 0)
        return;
    // A write the runner cut off may have landed; one GitHub refused did not.
    const landed = (r) => r.status === 'fulfilled' || r.reason instanceof cancel/* CancelledError */.cc;
    const undone = await Promise.all([
        landed(record) ? putBack(finishing, secret, state) : undefined,
        ...state.targets.map((target, i) => landed(probes[i])
            ? removeProbe(finishing, secret.name, target)
            : undefined)
    ]);
    const notes = undone.filter((note) => note !== undefined).map((note) => ` ${note}`);
    const reasons = refused.map((r) => r.reason);
    if (reasons.some((reason) => reason instanceof cancel/* CancelledError */.cc)) {
        throw new cancel/* CancelledBeforeMintError */.FD(`${cancel/* BEFORE_MINT */.px}${notes.join('')}`);
    }
    // Every refusal is named: each wants its own permission.
    const said = [...new Set(reasons.map(errors/* messageOf */.bD))].join(' ');
    throw new errors/* ActionError */.lZ(`${said} This was a write to prove write access before minting: nothing was minted, and the stored token still works.${notes.join('')}`);
}
/**
 * Puts the record back as it was before a rotation that minted nothing (the variable deleted if
 * there was none). Returns what a person must know when that failed, otherwise undefined.
 */
async function putBack(github, secret, state) {
    const was = state.record?.value.raw;
    try {
        if (was === undefined)
            await deleteRecord(github, secret);
        else
            await writeRecord(github, secret, state, true, was);
        return undefined;
    }
    catch (error) {
        const fix = was === undefined
            ? `delete ${secret.expiryVariable}`
            : `set ${secret.expiryVariable} back to "${was}"`;
        return `The variable ${secret.expiryVariable} could not be put back as it was (${(0,errors/* messageOf */.bD)(error)}): it says a rotation began, so the next run will rotate; ${fix} to avoid that.`;
    }
}
/** Deletes the probes once the mint is on its way; a probe left behind is only told. */
async function removeProbes(github, secret, state) {
    const left = await Promise.all(state.targets.map((target) => removeProbe(github, secret.name, target)));
    return left.filter((line) => line !== undefined);
}
/** Deletes one probe; returns what a person must know when it stays, otherwise undefined. */
async function removeProbe(github, name, target) {
    try {
        await deleteProbe(github, name, target);
        return undefined;
    }
    catch (error) {
        return `Could not delete the probe secret ${probeName(name)} of ${target.target.label} (${(0,errors/* messageOf */.bD)(error)}). It holds no token: delete it, or leave it for the next rotation to write and delete again.`;
    }
}

;// CONCATENATED MODULE: ./src/refresh.ts










/** Personr's documented lifetime, assumed when a half-right answer's `expires` is unusable. */
const ASSUMED_LIFETIME_MS = 365 * 86_400_000;
/**
 * Keeps every target's copy of the token fresh with one mint. Reads all targets and proves the
 * stored token first; changes nothing when another run replaced the token this run was handed;
 * mints only when due, and only once every key and write access is proven, since a mint kills
 * the token every target holds now.
 */
async function refreshSecret(secret, deps) {
    const { github } = deps;
    // libsodium loads while the network is busy: sealing is needed before any mint (the key
    // check, the probes), and loading it then would put 70 ms on the critical path.
    void loadSodium().catch(() => undefined);
    // The check does not depend on the reads: both go out at once.
    const [state, check] = await Promise.all([readStoreState(github, secret), deps.check()]);
    const view = viewOf(secret.currentToken, { record: state.record, newestSecret: newest(state) });
    if (view.kind !== 'stale') {
        deps.log(describeView(view, secret.name));
        const said = checkLine(check, secret.maxAgeMs !== undefined);
        if (said !== undefined)
            (check.state === 'inconclusive' ? deps.warn : deps.log)(said);
    }
    const facts = factsOf(secret, state, check, view, deps);
    const decision = decide(facts);
    if (!('stale' in decision))
        deps.log(decision.reason);
    const result = { decision, check, view, minted: undefined };
    const unchanged = (outcome) => state.targets.map(({ target }) => ({ target, result: outcome }));
    if (!decision.due || secret.dryRun) {
        return {
            ...result,
            outcomes: unchanged(decision.due ? 'would write' : 'unchanged'),
            nextDue: decision.due || decision.expiresAt === undefined
                ? undefined
                : nextDue(decision.expiresAt, facts.oldest?.updatedAt ?? new Date(deps.now()), secret.renewBefore, secret.maxAgeMs)
        };
    }
    await provePublicKeys(state);
    await beginRotation(deps, secret, state, new Date(deps.now()));
    // The probes have proven what they were for; they go while Personr answers.
    const probes = removeProbes(deps.finishing, secret, state).then((left) => left.map(deps.warn));
    const minted = await mintFor(secret, deps, state).catch(async (error) => {
        await probes;
        throw error;
    });
    deps.publish(minted);
    const outcomes = await Promise.all(state.targets.map((target) => write(github, secret.name, target, minted.token)));
    const complete = outcomes.every((o) => o.result === 'written') && minted.problem === undefined;
    // Until every target holds the new token, the record says the rotation is incomplete, so the
    // next run rotates again instead of trusting a token some targets do not have.
    const record = tokenRecord(minted.expiresAt, minted.token, complete);
    try {
        await writeRecord(github, secret, state, true, record);
    }
    catch (error) {
        if (complete) {
            // Cut off by the runner, the write may have landed: then nothing is left to do.
            const how = error instanceof cancel/* CancelledError */.cc
                ? 'the runner cut its write off, so it may or may not have landed'
                : `could not record it: ${(0,errors/* messageOf */.bD)(error)}`;
            throw new errors/* ActionError */.lZ(`The new token is stored in every target and works, but the variable ${secret.expiryVariable} of ${secret.expiry.label} ${how}. Unless it says "${record}", it says a rotation began, and the next run rotates again; set it to that, or fix the access and re-run.`);
        }
    }
    finally {
        await probes;
    }
    return {
        ...result,
        outcomes,
        minted,
        nextDue: nextDue(minted.expiresAt, new Date(deps.now()), secret.renewBefore, secret.maxAgeMs)
    };
}
/** The latest write of the secret among the targets, as GitHub reports it. */
function newest(state) {
    const times = state.targets.flatMap((t) => (t.updatedAt ? [t.updatedAt.getTime()] : []));
    return times.length === 0 ? undefined : new Date(Math.max(...times));
}
/** What the check found, in one line for the log; a dead token is the decision's to say. */
function checkLine(check, maxAge) {
    switch (check.state) {
        case 'alive':
            return `${check.by} accepted the stored token (${check.seen}); the call also counted as a use, so its 30-day idle window starts again.`;
        case 'dead':
            return undefined;
        case 'inconclusive':
            return `Could not tell whether the stored token works (${check.by}: ${check.seen}). Deciding from the recorded expiry${maxAge ? ' and `max-age`' : ''} instead; the step goes on.`;
        case 'skipped':
            return `The stored token is not checked: ${check.seen}.`;
    }
}
function factsOf(secret, state, check, view, deps) {
    // The target whose secret was written longest ago: it is the first to pass `max-age`.
    let oldest;
    for (const target of state.targets) {
        if (target.updatedAt && !(oldest && oldest.updatedAt <= target.updatedAt)) {
            oldest = { label: nameOf(target), updatedAt: target.updatedAt };
        }
    }
    const record = state.record?.value;
    return {
        now: deps.now(),
        renewBefore: secret.renewBefore,
        maxAgeMs: secret.maxAgeMs,
        secretName: secret.name,
        record,
        quoted: (0,sanitize/* shorten */.m)(deps.read(record?.raw ?? ''), 80),
        view,
        missing: state.targets.filter((t) => !t.exists).map(nameOf),
        oldest,
        check
    };
}
/** "the Dependabot secret of repository o/r" */
function nameOf({ target }) {
    return `the ${target.store} secret of ${target.label}`;
}
async function write(github, name, state, token) {
    try {
        await writeSecret(github, name, state, token);
        return { target: state.target, result: 'written' };
    }
    catch (error) {
        // Cut off by the runner: the request may have reached GitHub, and its answer not us.
        const result = error instanceof cancel/* CancelledError */.cc ? 'may have landed' : 'failed';
        return { target: state.target, result, error: (0,errors/* messageOf */.bD)(error) };
    }
}
/**
 * A mint that minted nothing (refused, never sent, cancelled before it went out) puts the record
 * back: the stored token still works. One whose answer was unusable still killed the stored
 * token: a usable token in a half-right answer is stored anyway (the step fails afterwards);
 * otherwise the error says what was lost, and the record of a rotation begun stays, so the next
 * run rotates.
 */
async function mintFor(secret, deps, state) {
    try {
        return await deps.mint();
    }
    catch (error) {
        if (error instanceof errors/* NotMintedError */.T || error instanceof cancel/* CancelledBeforeMintError */.FD) {
            const note = await putBack(deps.finishing, secret, state);
            if (note === undefined)
                throw error;
            const Failure = error instanceof cancel/* CancelledError */.cc ? cancel/* CancelledBeforeMintError */.FD : errors/* NotMintedError */.T;
            throw new Failure(`${error.message} ${note}`);
        }
        if (!(error instanceof UnusableTokenError || error instanceof cancel/* CancelledError */.cc))
            throw error;
        const partial = error instanceof UnusableTokenError ? error.partial : undefined;
        if (partial) {
            return {
                token: partial.token,
                userId: partial.userId ?? '',
                expires: partial.expiry?.expires ?? 0,
                expiresAt: partial.expiry?.expiresAt ?? new Date(deps.now() + ASSUMED_LIFETIME_MS),
                problem: partial.problem
            };
        }
        const Failure = error instanceof cancel/* CancelledError */.cc ? cancel/* CancelledError */.cc : UnusableTokenError;
        throw new Failure(`${error.message} The token stored in the secret ${secret.name} (${secret.targets.map((t) => nameOf({ target: t })).join(', ')}) no longer works; re-run this workflow to mint and store a new one.`);
    }
}
/** The targets with this result, named, or `none`. */
function names(outcomes, result) {
    return (outcomes
        .filter((o) => o.result === result)
        .map((o) => nameOf(o))
        .join('; ') || 'none');
}
/**
 * Why a refresh must fail the step although it stored what it could: a cancel (saying what was
 * finished), a half-right answer, or writes that did not all land (which targets hold the new
 * token, which the one the mint killed). Undefined when it went as it should.
 */
function refreshFailure(result, cancelled) {
    const parts = [cancelled ? cancelNote(result) : undefined, rotationFailure(result)];
    const said = parts.filter((part) => part !== undefined);
    return said.length === 0 ? undefined : said.join(' ');
}
/** A cancel that came when there was nothing left to stop: what the step had done. */
function cancelNote({ minted, outcomes }) {
    if (!minted)
        return cancel/* BEFORE_MINT */.px;
    const written = outcomes.filter((o) => o.result === 'written').length;
    const stored = written === outcomes.length && minted.problem === undefined
        ? `the new token is stored in every target (${written}) and its expiry recorded.`
        : `the new token is stored in ${written} of ${outcomes.length} targets.`;
    return `The step was cancelled after the mint request was sent, so it finished what the mint started before ending: ${stored}`;
}
function rotationFailure(result) {
    const { minted, outcomes } = result;
    const failed = outcomes.filter((o) => o.result === 'failed');
    const cut = outcomes.some((o) => o.result === 'may have landed');
    const others = [
        failed.length === 0
            ? ''
            : ` Still hold the old token, which no longer works: ${names(outcomes, 'failed')}. ${failed.map((o) => o.error).join(' ')}`,
        cut
            ? ` May hold either token, as the runner cut the write off before GitHub answered: ${names(outcomes, 'may have landed')}.`
            : ''
    ].join('');
    if (minted?.problem !== undefined) {
        return `${minted.problem}. The token itself passed its checks, and minting killed the stored one, so it was stored anyway. Hold the new token: ${names(outcomes, 'written')}.${others} Its record says \`${tokenRecord(minted.expiresAt, minted.token, false)}\`${minted.expires === 0 ? ' (a year from the mint, as Personr documents)' : ''}, so the next run rotates again. Check that \`api-url\` is Personr's workflow API; if it is, Personr's response has changed: report it.`;
    }
    if (failed.length === 0 && !cut)
        return undefined;
    return `Minted a new Personr token but could not store it everywhere. Hold the new token: ${names(outcomes, 'written')}.${others} The record says the rotation is incomplete, so the next run rotates again. The new token is in this step's \`token\` output (masked) for a following step to save; or fix the access and re-run this workflow.`;
}

// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
;// CONCATENATED MODULE: ./src/refresh-summary.ts


const RESULTS = {
    written: 'written',
    unchanged: 'unchanged',
    failed: '**failed**: still holds the old token, which no longer works',
    'may have landed': '**may have landed**: the runner cut the write off before GitHub answered; the next run rotates again',
    'would write': 'would write'
};
/** The job summary of a refresh: what was decided and why, and one row per target. */
function refreshSummary(secretName, result, now, notes, secrets) {
    const { minted, decision, check, view, outcomes } = result;
    const { text, code } = (0,summary/* writer */.KF)(secrets);
    const stale = 'stale' in decision;
    const incomplete = outcomes.some((o) => o.result !== 'written');
    const title = notes.dryRun
        ? '### Personr API token refresh: dry run'
        : minted?.problem !== undefined
            ? '### Personr API token rotated from a half-right answer'
            : minted
                ? incomplete
                    ? '### Personr API token rotated, but not stored everywhere'
                    : '### Personr API token rotated'
                : stale
                    ? '### Personr API token not rotated: a later rotation replaced it'
                    : '### Personr API token not rotated';
    const checkLine = {
        alive: `${check.by} accepted the stored token; the call counted as a use, so its 30-day idle window starts again.`,
        dead: `${check.by} refused the stored token: someone minted another token for this account, or it expired idle.`,
        inconclusive: `${check.by} could not tell whether the stored token works (${check.seen}).`,
        skipped: `The stored token was not checked: ${check.seen}.`
    }[check.state];
    return [
        title,
        ...(notes.trigger === undefined ? [] : ['', notes.trigger]),
        '',
        text(decision.reason),
        ...(stale ? [] : ['', text(describeView(view, secretName)), '', text(checkLine)]),
        ...(notes.dryRun
            ? [
                '',
                decision.due
                    ? 'A real run would mint one token and write it to every target below. Nothing was minted or written.'
                    : 'A real run would change nothing.'
            ]
            : []),
        ...(minted?.problem === undefined ? [] : ['', text(`${minted.problem}.`)]),
        ...(minted ? ['', ...(0,summary/* tokenRows */.B$)(minted, now, secrets)] : []),
        ...(!minted && !decision.due && decision.expiresAt
            ? ['', `The stored token expires ${(0,summary/* expiry */.IC)(decision.expiresAt, now)}.`]
            : []),
        '',
        `| Store | Secret ${code(secretName)} of | Result |`,
        '| --- | --- | --- |',
        ...outcomes.map((o) => `| ${o.target.store} | ${code(o.target.label)} | ${RESULTS[o.result]} |`),
        ...notes.warnings.flatMap((warning) => ['', '> [!WARNING]', `> ${text(warning)}`]),
        ...(minted ? ['', ...summary/* INVALIDATED */.UH] : []),
        ''
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/token-check.ts





/** Why nothing was checked: no stored token given (the first run), or `check-url: none`. */
const NO_CURRENT_TOKEN = 'no `current-token` was given, so nothing is stored yet (the first run) or it was not passed in';
const CHECK_OFF = '`check-url: none` turns the check off';
/**
 * Proves the stored token with one authenticated request. 401 or 403: dead (someone minted
 * another token for the account, or it expired idle). 2xx, or 400 (the endpoint ran and only
 * disliked the empty request): alive, and the call counted as a use, extending Bubble's idle
 * window. Anything else, or no answer after the retries: inconclusive, never a failure.
 */
async function token_check_checkToken(check, token, deps) {
    if (token === undefined)
        return { state: 'skipped', seen: NO_CURRENT_TOKEN };
    if (check === undefined)
        return { state: 'skipped', seen: CHECK_OFF };
    const by = check.label;
    try {
        const state = await withRetries(async (signal) => interpretCheckResponse(await deps.send(checkRequest(check, token), signal), by), { ...deps, what: `prove the stored token with ${by}` });
        return { ...state, by };
    }
    catch (error) {
        if (error instanceof cancel/* CancelledError */.cc)
            throw error;
        // A transient failure that outlasted the retries, or a TLS or protocol error.
        const seen = error instanceof GaveUpError
            ? error.last
            : error instanceof errors/* ActionError */.lZ
                ? error.message
                : `an error: ${(0,errors/* messageOf */.bD)(error)}`;
        return { state: 'inconclusive', seen, by };
    }
}
function checkRequest(check, token) {
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    // The default check lives under `api-url`: a TLS or DNS error there is that input's to fix.
    const input = check.label === 'check-url' ? 'check-url' : 'api-url';
    if (check.method === 'GET')
        return { method: 'GET', url: check.url.href, input, headers };
    // A multipart body with no fields, as browsers send one: the closing delimiter alone. (An
    // empty form-data stream sends no bytes at all, which no multipart parser accepts: a server
    // that refuses it before authenticating would make every token look alive.)
    const form = new (form_data_default())();
    return {
        method: 'POST',
        url: check.url.href,
        input,
        headers: { ...headers, ...form.getHeaders() },
        body: `--${form.getBoundary()}--\r\n`
    };
}
function interpretCheckResponse(response, by) {
    const { status } = response;
    const seen = statusText(status);
    if (status === 401 || status === 403)
        return { done: { state: 'dead', seen } };
    if ((status >= 200 && status < 300) || status === 400)
        return { done: { state: 'alive', seen } };
    if (status === 408 || status === 429 || status >= 500)
        return { retry: `${by} answered ${seen}` };
    return { done: { state: 'inconclusive', seen } };
}

// EXTERNAL MODULE: ./src/markdown.ts
var markdown = __webpack_require__(3758);
;// CONCATENATED MODULE: ./src/trigger.ts


/**
 * Reads GITHUB_EVENT_NAME and the event's payload (GITHUB_EVENT_PATH): the schedule, a dispatch,
 * or the run whose end started this one, by name and link. Undefined outside a workflow run; a
 * payload that cannot be read only loses the details. The Markdown is redacted with `redact`
 * before it is escaped, as every summary value is.
 */
function readTrigger(env, readFile, redact = (text) => text) {
    const event = env.GITHUB_EVENT_NAME;
    if (event === undefined || event === '')
        return undefined;
    let payload = {};
    try {
        const json = parseJson(env.GITHUB_EVENT_PATH ? readFile(env.GITHUB_EVENT_PATH) : '');
        if (isRecord(json))
            payload = json;
    }
    catch {
        // No payload: the event's name still says what started the run.
    }
    const plain = (words) => ({ line: words, markdown: (0,markdown/* text */.Qq)(redact(words)) });
    const str = (value) => typeof value === 'string' && value !== '' ? value : undefined;
    switch (event) {
        case 'schedule': {
            const cron = str(payload.schedule);
            return plain(`Started by the schedule${cron ? ` (cron "${cron}")` : ''}.`);
        }
        case 'workflow_dispatch': {
            const sender = isRecord(payload.sender) ? str(payload.sender.login) : undefined;
            return plain(`Started by hand or by a dispatch (workflow_dispatch)${sender ? ` from ${sender}` : ''}.`);
        }
        case 'workflow_run':
            return ranAfter(isRecord(payload.workflow_run) ? payload.workflow_run : {}, redact);
        default:
            return plain(`Started by a ${event} event.`);
    }
}
/** `workflow_run`: the run that ended, by name, number, conclusion and link. */
function ranAfter(run, redact) {
    const name = typeof run.name === 'string' ? run.name : 'a workflow';
    const number = typeof run.run_number === 'number' ? ` #${run.run_number}` : '';
    const conclusion = typeof run.conclusion === 'string' ? run.conclusion : 'unknown';
    const url = typeof run.html_url === 'string' ? run.html_url : undefined;
    const ended = conclusion === 'failure' ? 'failed' : `ended (${conclusion})`;
    const label = `"${name}"${number}`;
    return {
        line: `Started because the run ${label} ${ended}${url ? `: ${url}` : ''}.`,
        markdown: `${(0,markdown/* text */.Qq)('Started because the run')} ${url ? (0,markdown/* link */.nf)(redact(label), url) : (0,markdown/* text */.Qq)(redact(label))} ${(0,markdown/* text */.Qq)(`${ended}.`)}`
    };
}

;// CONCATENATED MODULE: ./src/refresh-step.ts







/** GitHub is asked at most this many things at once (reads of many targets go out together). */
const MAX_IN_FLIGHT = 8;
const refresh_step_DAY_MS = 86_400_000;
/** Warn about `github-token` this long before it expires, at the least. */
const WRITER_WARNING_MS = 30 * refresh_step_DAY_MS;
/**
 * The scheduled refresh as a step: wires refresh.ts to GitHub, to the token check and to the
 * runner, then reports: outputs, warnings, the job summary, and a failure when a rotation stored
 * less than it should.
 */
async function runRefresh(deps) {
    const { core, log, inputs, secret, clock } = deps;
    const policy = {
        retries: inputs.retries,
        timeoutMs: inputs.timeoutMs,
        clock,
        random: deps.random,
        stop: deps.cancel
    };
    const read = (text) => deps.redactor.read(text);
    const trigger = readTrigger(deps.env, (path) => (0,external_node_fs_.readFileSync)(path, 'utf8'), (text) => deps.redactor.redact(text));
    if (trigger)
        log.info(trigger.line);
    let writerExpiry;
    const client = {
        ...policy,
        send: deps.send,
        apiUrl: secret.apiUrl,
        token: secret.githubToken,
        redact: read,
        limit: new Limit(MAX_IN_FLIGHT),
        log: (line) => log.warning(line),
        onTokenExpiry: (value) => (writerExpiry ??= value)
    };
    const result = await refreshSecret(secret, {
        github: createGitHub(client),
        finishing: createGitHub({ ...client, stop: deps.cancel.finishing }),
        read,
        now: () => clock.now(),
        check: () => token_check_checkToken(secret.check, secret.currentToken, {
            ...policy,
            send: deps.send,
            log: (line) => log.warning(line)
        }),
        mint: deps.mint,
        publish: deps.publish,
        log: (line) => log.info(line),
        warn: (line) => log.warning(line)
    });
    const written = result.outcomes.filter((o) => o.result === 'written');
    for (const outcome of written)
        log.info(`Stored the new token in ${nameOf(outcome)}.`);
    if (secret.dryRun) {
        for (const outcome of result.outcomes) {
            log.info(`Dry run: would ${outcome.result === 'would write' ? 'write' : 'leave unchanged'} ${nameOf(outcome)}.`);
        }
        log.info(result.decision.due
            ? `Dry run: a real run would mint one token and write it to ${result.outcomes.length} target${result.outcomes.length === 1 ? '' : 's'}. Nothing was minted or written.`
            : 'Dry run: a real run would change nothing.');
    }
    const { decision } = result;
    const stale = 'stale' in decision;
    if (stale)
        log.notice(decision.reason);
    if (!result.minted) {
        core.setOutput('rotated', 'false');
        if (!decision.due && decision.expiresAt) {
            core.setOutput('expires_at', decision.expiresAt.toISOString());
        }
    }
    core.setOutput('targets', String(written.length));
    core.setOutput('token_check', stale ? 'stale' : result.check.state);
    // The token every target holds now, for a later step to copy to a store outside GitHub on
    // every run: the stored one when no mint replaced it and the check did not find it dead. A
    // stale run does not know the stored token, so the copy steps skip.
    if (!result.minted &&
        !stale &&
        secret.currentToken !== undefined &&
        result.check.state !== 'dead') {
        core.setOutput('token', secret.currentToken);
    }
    const warnings = writerWarnings(writerExpiry, result, clock.now());
    for (const warning of warnings)
        log.warning(warning);
    await log.summary(refreshSummary(secret.name, result, clock.now(), { dryRun: secret.dryRun, warnings, trigger: trigger?.markdown }, deps.redactor));
    const failure = refreshFailure(result, deps.cancel.cancelled);
    if (failure !== undefined)
        log.fail(failure);
}
/**
 * `github-token` expires too (fine-grained tokens last at most a year): warn when it expires
 * within 30 days, or before the stored Personr token is next due, when it would be needed.
 */
function writerWarnings(header, result, now) {
    const expiresAt = header === undefined ? undefined : parseTokenExpiration(header);
    if (expiresAt === undefined)
        return [];
    const soon = expiresAt.getTime() - now <= WRITER_WARNING_MS;
    const beforeDue = result.nextDue !== undefined && expiresAt < result.nextDue;
    if (!soon && !beforeDue)
        return [];
    const days = Math.max(0, Math.floor((expiresAt.getTime() - now) / refresh_step_DAY_MS));
    // The nearer of the two says most: within 30 days, the days left.
    const when = soon
        ? `in ${days} day${days === 1 ? '' : 's'}`
        : `before the stored Personr token is next due (${result.nextDue?.toISOString()})`;
    return [
        `\`github-token\` expires at ${expiresAt.toISOString()}, ${when}. Renew it and update the secret that holds it before then, or the refresh will fail and the stored Personr token will expire.`
    ];
}

;// CONCATENATED MODULE: ./src/network.ts
// Everything that talks over the network, in one place that main.ts loads only once the inputs
// are valid: a step that fails on its inputs never loads HTTP, TLS or form-data (see
// docs/performance.md). One import point also keeps dist/ to one chunk for all of it.





/***/ })

};
