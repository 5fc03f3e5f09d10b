export const id = 28;
export const ids = [28];
export const modules = {

/***/ 4028:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_RESPONSE_BYTES: () => (/* reexport */ MAX_RESPONSE_BYTES),
  createGitHub: () => (/* reexport */ createGitHub),
  createSender: () => (/* reexport */ createSender),
  mintToken: () => (/* reexport */ mintToken),
  refreshSecret: () => (/* reexport */ refreshSecret)
});

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
 * GitHub's `{"message": …}`, or an HTML page's title. Returns {} when nothing usable is there.
 * Each text is redacted before it is cut, so a cut can never leave part of a secret behind.
 */
function readErrorBody(body, redact) {
    const text = (value) => quote(value, redact);
    const trimmed = body.trim();
    if (trimmed === '')
        return {};
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
/** A text from a server, trimmed, redacted, then cut; undefined when blank or not a string. */
function quote(value, redact) {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    return trimmed === '' ? undefined : (0,sanitize/* shorten */.m)(redact(trimmed), MAX_QUOTE);
}
/**
 * The text of the first `<title>…</title>`, found with plain index searches so that a hostile
 * page of many unclosed `<title` tags costs linear time (a regular expression here backtracks).
 */
function htmlTitle(page) {
    const lower = page.toLowerCase();
    const end = lower.indexOf('</title>');
    if (end < 0)
        return undefined;
    const start = lower.lastIndexOf('<title', end);
    const open = start < 0 ? -1 : page.indexOf('>', start);
    if (open < 0 || open > end)
        return undefined;
    const title = page.slice(open + 1, end);
    return title.includes('<') ? undefined : title;
}
function fromObject(json, text) {
    if (!isRecord(json))
        return {};
    const nested = isRecord(json.body) ? json.body : {};
    const status = typeof json.status === 'string' && json.status !== 'success' ? json.status : undefined;
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

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 2 modules
var lib = __webpack_require__(4607);
;// CONCATENATED MODULE: ./src/network-error.ts

/** A network failure with Node's error code, raised by the action's own transport. */
class NetworkError extends Error {
    name = 'NetworkError';
    code;
    /** What to do if it keeps happening, when that is not simply to retry later. */
    advice;
    constructor(code, message, advice) {
        super(message);
        this.code = code;
        this.advice = advice;
    }
}
const UNTRUSTED = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_UNTRUSTED',
    'CERT_SIGNATURE_FAILURE'
]);
/**
 * Node's own words for TLS and protocol failures ("self-signed certificate", "Parse Error:
 * Expected HTTP/") say nothing about which URL or what to do. These failures are not transient,
 * so they become one final error that says both. Anything else is returned as it was.
 */
function explainNetworkError(error, url, input) {
    const code = error?.code;
    if (typeof code !== 'string')
        return error;
    const where = `${url.origin}${url.pathname}`;
    if (code === 'ECONNRESET' && url.protocol === 'http:') {
        // A TLS server hangs up on a plain http request: say so, and let the retries run.
        return new NetworkError(code, `the connection closed without an answer; if ${url.host} speaks https, \`${input}\` must start with https://`, `If ${url.host} speaks https, change \`${input}\` to https://; otherwise re-run the job later.`);
    }
    const host = url.host;
    if (UNTRUSTED.has(code)) {
        return new errors/* ActionError */.l(`The TLS certificate of ${host} is not trusted (${code}: self-signed, or issued by a CA Node does not know), so nothing was sent to ${where}. If that is the right server and it uses a private CA, give the runner that CA in NODE_EXTRA_CA_CERTS (a PEM file); otherwise check \`${input}\`.`);
    }
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
        return new errors/* ActionError */.l(`The TLS certificate of ${host} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'}, so nothing was sent to ${where}. Check \`${input}\`, the server's certificate and the runner's clock.`);
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
        return new errors/* ActionError */.l(`The TLS certificate presented for ${host} is for another host name, so nothing was sent to ${where}. Check the host name in \`${input}\`: it must be the name the server's certificate is for.`);
    }
    if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
        return new errors/* ActionError */.l(`${host} did not answer in TLS (${code}) at ${where}: it looks like a plain http port. Check the scheme and port in \`${input}\`.`);
    }
    if (code.startsWith('HPE_')) {
        return new errors/* ActionError */.l(`${host} answered something that is not HTTP (${code}) at ${where}. Check the scheme, host and port in \`${input}\`${url.protocol === 'http:' ? '; if that server speaks https, the URL must start with https://' : ''}.`);
    }
    return error;
}

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
 * It never follows redirects (credentials must not go to another place) and never retries:
 * the caller decides that.
 */
function createSender(userAgent, maxBodyBytes, debug = () => { }, now = () => performance.now()) {
    return async (request, signal) => {
        const client = new lib/* HttpClient */.Qq(userAgent, [abortWith(signal)], {
            allowRedirects: false,
            allowRetries: false,
            keepAlive: false
        });
        const url = new URL(request.url);
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
            // http-client sets Content-Length for a string body itself; a stream brings its own.
            ;
            ({ message } = await client.request(request.method, request.url, request.body ?? null, request.headers));
        }
        catch (error) {
            failed(error);
            // Only a failure before any response can be a TLS or protocol mismatch.
            throw explainNetworkError(error, url, request.input);
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
}
/** Hands the attempt's deadline to node:http, which then aborts the request and its response. */
function abortWith(signal) {
    return {
        prepareRequest: (options) => Object.assign(options, { signal }),
        canHandleAuthentication: () => false,
        handleAuthentication: () => Promise.reject(new Error('not supported'))
    };
}
/** Reads at most `limit` bytes, then drops the connection instead of buffering the rest. */
function readLimited(message, limit) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        let settled = false;
        const settle = (result) => {
            if (settled)
                return;
            settled = true;
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
        message.on('aborted', () => settle(new NetworkError('ECONNRESET', 'the connection closed before the answer ended')));
    });
}

// EXTERNAL MODULE: ./src/url.ts
var url = __webpack_require__(7666);
;// CONCATENATED MODULE: ./src/retry.ts


const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
/** Retry-After beyond this is not waited for: the step fails and says so instead. */
const MAX_RETRY_AFTER_MS = 60_000;
/** Exponential backoff with jitter: 0.5–1 s, 1–2 s, 2–4 s … capped at 30 s. */
function backoffMs(retry, random) {
    const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (retry - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
/** A Retry-After header (seconds or an HTTP date) as milliseconds from now, if it parses. */
function parseRetryAfter(value, now) {
    if (value === undefined || value.trim() === '')
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
        return error instanceof NetworkError
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
 */
async function withRetries(attempt, options) {
    const { retries, timeoutMs, clock, random, log } = options;
    const attempts = retries + 1;
    for (let n = 1;; n++) {
        const signal = clock.deadline(timeoutMs);
        let outcome;
        try {
            outcome = await attempt(signal);
        }
        catch (error) {
            const reason = signal.aborted
                ? `no complete answer within ${timeoutMs / 1000} s`
                : transientNetworkError(error);
            if (reason === undefined)
                throw error;
            outcome = { retry: reason, advice: error instanceof NetworkError ? error.advice : undefined };
        }
        if ('done' in outcome)
            return outcome.done;
        if (n >= attempts) {
            throw new errors/* ActionError */.l(`Could not ${options.what} after ${n} attempt${n === 1 ? '' : 's'}; the last one failed with ${outcome.retry}. ${outcome.advice ?? 'This looks temporary: re-run the job later, or raise `retries`/`timeout` if it keeps happening.'}`);
        }
        const wait = outcome.retryAfterMs ?? backoffMs(n, random);
        if (wait > MAX_RETRY_AFTER_MS) {
            throw new errors/* ActionError */.l(`Could not ${options.what}: attempt ${n} failed with ${outcome.retry}, and the server asked to wait ${Math.ceil(wait / 1000)} s before retrying, longer than the ${MAX_RETRY_AFTER_MS / 1000} s this action waits. Re-run the job later.`);
        }
        log(`Attempt ${n} of ${attempts} failed with ${outcome.retry}; retrying in ${(wait / 1000).toFixed(1)} s.`);
        await clock.sleep(wait);
    }
}

;// CONCATENATED MODULE: ./src/github.ts






function createGitHub(options) {
    const { apiUrl, token, send, clock, redact } = options;
    return (call) => withRetries(async (signal) => {
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
        return interpretGitHubResponse(response, call, clock.now(), redact);
    }, { ...options, what: call.what });
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
        throw new errors/* ActionError */.l(`Could not ${call.what}: ${said}.${notFound} Give \`github-token\` ${call.permission}; a 404 often means the token cannot see that repository or organization at all.`);
    }
    throw new errors/* ActionError */.l(`Could not ${call.what}: ${said}.`);
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

// EXTERNAL MODULE: ./node_modules/form-data/lib/form_data.js
var form_data = __webpack_require__(6454);
var form_data_default = /*#__PURE__*/__webpack_require__.n(form_data);
// EXTERNAL MODULE: ./src/inputs.ts
var src_inputs = __webpack_require__(8422);
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
class UnusableTokenError extends errors/* ActionError */.l {
    name = 'UnusableTokenError';
}
/**
 * Reads a 200 response of api-token-generate into a token, checking every value before anything
 * is output: outputs are all or nothing. The token is masked as soon as it is found, before any
 * check can fail and print a message.
 */
function readTokenResponse(body, now, mask, redact, said) {
    const json = parseJson(body);
    if (json === undefined) {
        throw new errors/* ActionError */.l(`${said} but with ${describeBody(body)} instead of a token. Check that \`api-url\` points at Personr's workflow API.`);
    }
    const response = isRecord(json) && isRecord(json.response) ? json.response : {};
    if (typeof response.token === 'string' && response.token !== '')
        mask(response.token);
    if (!isRecord(json) || json.status !== 'success') {
        const details = formatDetails(readErrorBody(body, redact));
        throw new errors/* ActionError */.l(`${said} but not with success${details || ' (no status)'}. No token was issued.`);
    }
    const problem = (what) => new UnusableTokenError(`${said} with success, but ${what}, so there is no usable token. Personr has probably minted one anyway, and minting invalidated the account's previous token. Check that \`api-url\` is Personr's workflow API; if it is, Personr's response has changed: report it.`);
    return {
        token: checkToken(response.token, problem),
        userId: checkUserId(response.user_id, problem),
        ...checkExpires(response.expires, now, problem)
    };
}
function checkToken(token, problem) {
    if (typeof token !== 'string' || token === '')
        throw problem('without a token');
    if (!VISIBLE_ASCII.test(token)) {
        throw problem('the token holds whitespace, control or non-ASCII characters');
    }
    if (token.length < MIN_TOKEN_LENGTH || token.length > MAX_TOKEN_LENGTH) {
        throw problem(`the token is ${token.length} characters long, not ${MIN_TOKEN_LENGTH} to ${MAX_TOKEN_LENGTH}`);
    }
    return token;
}
function checkUserId(userId, problem) {
    if (typeof userId === 'number') {
        if (Number.isSafeInteger(userId) && userId >= 0)
            return String(userId);
        throw problem('the user_id is a number that is not a whole number a string could hold exactly');
    }
    if (typeof userId !== 'string' || userId === '')
        throw problem('without a user_id');
    if (!VISIBLE_ASCII.test(userId)) {
        throw problem('the user_id holds whitespace, control or non-ASCII characters');
    }
    if (userId.length > MAX_USER_ID_LENGTH) {
        throw problem(`the user_id is longer than ${MAX_USER_ID_LENGTH} characters`);
    }
    return userId;
}
function checkExpires(expires, now, problem) {
    if (typeof expires !== 'number') {
        const kind = expires === null ? 'null' : Array.isArray(expires) ? 'a list' : `a ${typeof expires}`;
        throw problem(expires === undefined
            ? 'without `expires`'
            : `\`expires\` is ${kind}, not a number of seconds`);
    }
    if (!Number.isInteger(expires) || expires <= 0 || expires > MAX_EXPIRES_SECONDS) {
        throw problem(`\`expires\` is ${expires}, not a whole number of seconds from 1 to ${MAX_EXPIRES_SECONDS} (ten years)`);
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
/** A fresh multipart body per attempt: a form-data stream can be sent only once. */
function tokenRequest(inputs) {
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
/** Decides what a response of api-token-generate means: a token, a retry, or a final error. */
function interpretTokenResponse(response, inputs, context) {
    const { status } = response;
    const { endpoint } = inputs;
    const said = `Personr answered ${statusText(status)}`;
    if (response.bodyTooLarge) {
        throw new errors/* ActionError */.l(`${said} with a body larger than ${MAX_RESPONSE_BYTES / 1024} KiB, which is not a token answer; it was cut off. Check that \`api-url\` points at Personr's workflow API.`);
    }
    if (status >= 300 && status < 400) {
        throw new errors/* ActionError */.l(`${said}, a redirect to ${redirectTarget(response, endpoint, context.redact)}. The action does not follow redirects, so the credentials go nowhere else; set \`api-url\` to the address that serves api-token-generate.`);
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
        throw new errors/* ActionError */.l(`Personr ${what}${details || ` (HTTP ${status})`}. Check the \`email\` and \`password\` secrets; this is not retried, since the same request would fail again.${note}`);
    }
    if (status !== 200) {
        throw new errors/* ActionError */.l(`${said}${details}. Check that \`api-url\` (${endpoint.href.replace(/\/api-token-generate$/, '')}) is Personr's workflow API; this is not retried.`);
    }
    return {
        done: readTokenResponse(response.body, context.now, context.mask, context.redact, said)
    };
}
function redirectTarget(response, base, redact) {
    const location = header(response, 'location');
    if (location === undefined || location.trim() === '')
        return 'no location';
    let target;
    try {
        target = new URL(location, base).href;
    }
    catch {
        return `"${quote(location, redact)}" (not a valid URL)`;
    }
    return quote(target, redact) ?? 'no location';
}

;// CONCATENATED MODULE: ./src/sealed-box.ts
/** Encrypts `value` as GitHub's secrets API requires: a libsodium sealed box, base64 both ways. */
async function seal(value, publicKeyBase64) {
    // Loaded here, not at the top: only a run that stores a secret needs libsodium's 420 kB.
    const { default: sodium } = await __webpack_require__.e(/* import() */ 768).then(__webpack_require__.bind(__webpack_require__, 4768));
    await sodium.ready;
    const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
    const box = sodium.crypto_box_seal(sodium.from_string(value), key);
    return sodium.to_base64(box, sodium.base64_variants.ORIGINAL);
}
/** Standard base64 of exactly 32 bytes, the size of a libsodium box public key. */
function isPublicKey(base64) {
    return /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/.test(base64);
}

;// CONCATENATED MODULE: ./src/secret-store.ts



/**
 * Reads everything rotation needs before a token is minted, so that a token without the
 * right to store it fails here, while the stored token still works.
 */
async function readStoreState(github, secret) {
    const { scope } = secret;
    const refused = { permission: scope.permission, notFound: scope.notFound };
    const key = await github({
        method: 'GET',
        path: `${scope.base}/secrets/public-key`,
        what: `read the Actions secrets public key of ${scope.label}`,
        ...refused
    });
    if (!isRecord(key.json) ||
        typeof key.json.key !== 'string' ||
        typeof key.json.key_id !== 'string') {
        throw new errors/* ActionError */.l(`GitHub's response for the public key of ${scope.label} has no key and key_id, so the token could not be encrypted for it. Nothing was minted; check \`github-api-url\`.`);
    }
    if (!isPublicKey(key.json.key)) {
        throw new errors/* ActionError */.l(`GitHub's public key for ${scope.label} is not a base64-encoded 32-byte key, so the token could not be encrypted for it. Nothing was minted; check \`github-api-url\`.`);
    }
    const variable = await github({
        method: 'GET',
        path: `${scope.base}/variables/${secret.expiryVariable}`,
        what: `read the variable ${secret.expiryVariable} of ${scope.label}`,
        ...refused,
        expected: [404]
    });
    const value = variable.status === 200 && isRecord(variable.json) ? variable.json.value : undefined;
    const stored = await github({
        method: 'GET',
        path: `${scope.base}/secrets/${secret.name}`,
        what: `read whether the secret ${secret.name} of ${scope.label} exists`,
        ...refused,
        expected: [404]
    });
    return {
        publicKey: { keyId: key.json.key_id, key: key.json.key },
        storedExpiry: typeof value === 'string' ? value : undefined,
        secretExists: stored.status === 200,
        selectedRepositoryIds: await repositoryIds(github, secret)
    };
}
/** Organization secrets visible to selected repositories take their ids, not their names. */
async function repositoryIds(github, secret) {
    const org = secret.scope.org;
    if (org?.visibility !== 'selected')
        return undefined;
    const ids = [];
    for (const repository of org.repositories) {
        const fullName = repository.includes('/') ? repository : `${org.name}/${repository}`;
        const response = await github({
            method: 'GET',
            path: `/repos/${fullName}`,
            what: `look up the repository ${fullName} for \`secret-repositories\``,
            permission: `read access ("Metadata") to ${fullName}`
        });
        if (!isRecord(response.json) || typeof response.json.id !== 'number') {
            throw new errors/* ActionError */.l(`GitHub's response for the repository ${fullName} has no id.`);
        }
        ids.push(response.json.id);
    }
    return ids;
}
/**
 * Proves the scope's public key works by sealing a throwaway value with it: a key that libsodium
 * refuses must fail the step before a mint kills the stored token.
 */
async function provePublicKey(secret, state) {
    try {
        await seal('personr-token-action: key check', state.publicKey.key);
    }
    catch (error) {
        throw new errors/* ActionError */.l(`Could not encrypt with GitHub's public key for ${secret.scope.label} (${(0,errors/* messageOf */.b)(error)}). Nothing was minted; check \`github-api-url\`.`);
    }
}
/** Encrypts the token with the scope's public key and writes the secret. */
async function writeSecret(github, secret, state, token) {
    const { scope } = secret;
    const body = {
        encrypted_value: await seal(token, state.publicKey.key),
        key_id: state.publicKey.keyId,
        ...access(secret, state)
    };
    await github({
        method: 'PUT',
        path: `${scope.base}/secrets/${secret.name}`,
        body,
        what: `write the secret ${secret.name} of ${scope.label}`,
        permission: scope.permission
    });
}
/** Creates or updates `<name>_EXPIRES_AT`. */
async function writeExpiry(github, secret, state, expiresAt) {
    const { scope, expiryVariable: name } = secret;
    const value = expiresAt.toISOString();
    const call = {
        what: `write the variable ${name} of ${scope.label}`,
        permission: scope.permission
    };
    // Organization variables take the secret's visibility, on update too: it may have changed.
    const body = { name, value, ...access(secret, state) };
    const update = () => github({ ...call, method: 'PATCH', path: `${scope.base}/variables/${name}`, body });
    if (state.storedExpiry !== undefined) {
        await update();
        return;
    }
    const created = await github({
        ...call,
        method: 'POST',
        path: `${scope.base}/variables`,
        body,
        expected: [409]
    });
    // 409: created by someone else since we looked; update it instead.
    if (created.status === 409)
        await update();
}
/** Who may read an organization secret or variable; nothing for other scopes. */
function access(secret, state) {
    const org = secret.scope.org;
    if (!org)
        return {};
    return state.selectedRepositoryIds
        ? { visibility: org.visibility, selected_repository_ids: state.selectedRepositoryIds }
        : { visibility: org.visibility };
}

;// CONCATENATED MODULE: ./src/refresh.ts




/**
 * Keeps the token in an Actions secret fresh: proves access first, mints only when due, then
 * stores the token and its expiry. A mint kills the stored token, so nothing is minted unless
 * it can be stored.
 */
async function refreshSecret(secret, deps) {
    const { github } = deps;
    const state = await readStoreState(github, secret);
    const decision = decide(state.secretExists ? state.storedExpiry : undefined, secret.renewBeforeMs, deps.now());
    deps.log(decision.reason);
    if (!decision.due)
        return { rotated: false, expiresAt: decision.expiresAt };
    await provePublicKey(secret, state);
    const minted = await mintFor(secret, deps.mint);
    deps.publish(minted);
    try {
        await writeSecret(github, secret, state, minted.token);
    }
    catch (error) {
        throw new errors/* ActionError */.l(`Minted a new Personr token but could not store it in the secret ${secret.name} of ${secret.scope.label}: ${(0,errors/* messageOf */.b)(error)} The token stored there before no longer works, and the new one was not stored. It is in this step's \`token\` output (masked) for a following step to save; or fix the access and re-run this workflow to mint and store another.`);
    }
    try {
        await writeExpiry(github, secret, state, minted.expiresAt);
    }
    catch (error) {
        throw new errors/* ActionError */.l(`The new token is stored in the secret ${secret.name} of ${secret.scope.label} and works, but its expiry could not be recorded in the variable ${secret.expiryVariable}: ${(0,errors/* messageOf */.b)(error)} Until it is, \`renew-before\` cannot tell when the token is due; set ${secret.expiryVariable} to ${minted.expiresAt.toISOString()} or fix the access and re-run.`);
    }
    return { rotated: true, minted };
}
/** A mint whose response was unusable still killed the stored token: the error must say so. */
async function mintFor(secret, mint) {
    try {
        return await mint();
    }
    catch (error) {
        if (!(error instanceof UnusableTokenError))
            throw error;
        throw new UnusableTokenError(`${error.message} The token stored in the secret ${secret.name} of ${secret.scope.label} no longer works; re-run this workflow to mint and store a new one.`);
    }
}
/** A token lives a year; a recorded expiry further ahead (a day allowed for clocks) is not real. */
const MAX_TRUSTED_AHEAD_MS = (365 + 1) * 86_400_000;
/** Is the stored token due for rotation? Without `renew-before`, always. */
function decide(storedExpiry, renewBeforeMs, now) {
    if (renewBeforeMs === undefined)
        return { due: true, reason: 'No `renew-before` given: rotating.' };
    if (storedExpiry === undefined) {
        return { due: true, reason: 'No stored token with a recorded expiry: rotating.' };
    }
    const expiresAt = new Date(storedExpiry);
    if (Number.isNaN(expiresAt.getTime())) {
        return {
            due: true,
            reason: `The recorded expiry "${(0,sanitize/* shorten */.m)(storedExpiry, 40)}" is not a date: rotating.`
        };
    }
    const left = expiresAt.getTime() - now;
    const days = (left / 86_400_000).toFixed(1);
    if (left > MAX_TRUSTED_AHEAD_MS) {
        return {
            due: true,
            reason: `The recorded expiry ${expiresAt.toISOString()} is ${days} days ahead, more than a token lives (365 days), so it is not trusted: rotating.`
        };
    }
    if (left > renewBeforeMs) {
        return {
            due: false,
            expiresAt,
            reason: `The stored token expires at ${expiresAt.toISOString()}, in ${days} days, later than \`renew-before\`: nothing to do.`
        };
    }
    return {
        due: true,
        reason: `The stored token expires at ${expiresAt.toISOString()}, in ${days} days, within \`renew-before\`: rotating.`
    };
}

;// CONCATENATED MODULE: ./src/network.ts
// Everything that talks over the network, in one place that main.ts loads only once the inputs
// are valid: a step that fails on its inputs never loads HTTP, TLS or form-data (see README,
// "Performance"). One import point also keeps dist/ to one chunk for all of it.






/***/ })

};
