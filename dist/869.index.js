export const id = 869;
export const ids = [869,803];
export const modules = {

/***/ 4558:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lookup: () => (/* binding */ lookup)
/* harmony export */ });
// Stands in for mime-types in dist/: see README.md here. form-data looks types up only for
// file parts; the action sends text fields, which carry no Content-Type.
function lookup() {
    throw new Error('mime-types is not bundled: form-data file parts are not available in this action');
}


/***/ }),

/***/ 6906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nk: () => (/* binding */ readErrorBody),
/* harmony export */   SE: () => (/* binding */ formatDetails),
/* harmony export */   u4: () => (/* binding */ isRecord)
/* harmony export */ });
/**
 * Reads `reason` and `message` out of an error body: Personr's top-level form (even the
 * published one with its trailing comma), Bubble's nested `body.status`/`body.message`,
 * GitHub's `{"message": …}`, or an HTML page's title. Returns {} when nothing usable is there.
 */
function readErrorBody(body) {
    const text = body.trim();
    if (text === '')
        return {};
    const json = parseLenient(text);
    if (json !== undefined)
        return fromObject(json);
    if (/^</.test(text)) {
        const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
        return title ? { message: `an HTML page titled "${title}"` } : { message: 'an HTML page' };
    }
    // Not JSON even leniently: pick the fields out one by one.
    return compact({ reason: stringField(text, 'reason'), message: stringField(text, 'message') });
}
function parseLenient(text) {
    if (!/^[{[]/.test(text))
        return undefined;
    for (const candidate of [text, text.replace(/,\s*([}\]])/g, '$1')]) {
        try {
            return JSON.parse(candidate);
        }
        catch {
            // try the next form
        }
    }
    return undefined;
}
function fromObject(json) {
    if (!isRecord(json))
        return {};
    const nested = isRecord(json.body) ? json.body : {};
    const status = typeof json.status === 'string' && json.status !== 'success' ? json.status : undefined;
    return compact({
        reason: text(json.reason) ?? text(nested.status) ?? text(json.error) ?? status,
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
function text(value) {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
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


/***/ }),

/***/ 6803:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_ANSWER_BYTES: () => (/* binding */ MAX_ANSWER_BYTES),
/* harmony export */   createSender: () => (/* binding */ createSender),
/* harmony export */   readLimited: () => (/* binding */ readLimited)
/* harmony export */ });
/* harmony import */ var _node_modules_actions_http_client_lib_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2793);
// By path, not by name: the name maps to a stub in dist/ (see bundle-stubs/README.md).

/** Personr's and GitHub's answers here are under 1 KiB; past this, an answer is not worth reading. */
const MAX_ANSWER_BYTES = 64 * 1024;
/**
 * A sender over @actions/http-client, so HTTPS_PROXY and NO_PROXY work as in other actions.
 * It never follows redirects (credentials must not go to another place) and never retries:
 * the caller decides that.
 */
function createSender(userAgent, maxBodyBytes) {
    return async (request, signal) => {
        const client = new _node_modules_actions_http_client_lib_index_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpClient */ .Qq(userAgent, [abortWith(signal)], {
            allowRedirects: false,
            allowRetries: false,
            keepAlive: false
        });
        const headers = { ...request.headers };
        if (typeof request.body === 'string')
            headers['content-length'] = Buffer.byteLength(request.body);
        const response = await client.request(request.method, request.url, request.body ?? null, headers);
        const { body, tooLarge } = await readLimited(response.message, maxBodyBytes);
        return {
            status: response.message.statusCode ?? 0,
            headers: response.message.headers,
            body,
            bodyTooLarge: tooLarge
        };
    };
}
/** Hands the attempt's deadline to node:http, which then aborts the request and its answer. */
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
        message.on('aborted', () => settle(new Error('the connection closed before the answer ended')));
    });
}


/***/ }),

/***/ 766:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mintToken: () => (/* binding */ mintToken)
/* harmony export */ });
/* unused harmony exports tokenRequest, interpretTokenAnswer */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var form_data__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6454);
/* harmony import */ var form_data__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(form_data__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _error_body_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6906);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9809);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6803);







/** Posts the credentials to api-token-generate, retrying transient failures. */
function mintToken(inputs, options) {
    const { send, mask, clock } = options;
    return (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetries */ .LH)(async (signal) => {
        const answer = await send(tokenRequest(inputs), signal);
        return interpretTokenAnswer(answer, inputs.endpoint, clock.now(), mask);
    }, {
        ...options,
        what: 'mint a Personr token',
        retries: inputs.retries,
        timeoutMs: inputs.timeoutMs
    });
}
/** A fresh multipart body per attempt: a form-data stream can be sent only once. */
function tokenRequest(inputs) {
    const form = new (form_data__WEBPACK_IMPORTED_MODULE_1___default())();
    form.append('email', inputs.email);
    form.append('password', inputs.password);
    return {
        method: 'POST',
        url: inputs.endpoint.href,
        headers: {
            ...form.getHeaders(),
            'content-length': form.getLengthSync(),
            accept: 'application/json'
        },
        body: form
    };
}
/** Decides what an answer of api-token-generate means: a token, a retry, or a final error. */
function interpretTokenAnswer(answer, endpoint, now, mask) {
    const { status } = answer;
    const said = `Personr answered ${status}${node_http__WEBPACK_IMPORTED_MODULE_0__.STATUS_CODES[status] ? ` ${node_http__WEBPACK_IMPORTED_MODULE_0__.STATUS_CODES[status]}` : ''}`;
    if (answer.bodyTooLarge) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(`${said} with a body larger than ${_http_js__WEBPACK_IMPORTED_MODULE_3__.MAX_ANSWER_BYTES / 1024} KiB, which is not a token answer; it was cut off. Check that \`api-url\` points at Personr's workflow API.`);
    }
    if (status >= 300 && status < 400) {
        const location = answer.headers.location;
        const target = location ? absolute(location, endpoint) : 'no location';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(`${said}, a redirect to ${target}. The action does not follow redirects, so the credentials go nowhere else; set \`api-url\` to the address that serves api-token-generate.`);
    }
    const details = (0,_error_body_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDetails */ .SE)((0,_error_body_js__WEBPACK_IMPORTED_MODULE_5__/* .readErrorBody */ .Nk)(answer.body));
    if (status === 408 || status === 429 || status >= 500) {
        const retryAfter = answer.headers['retry-after'];
        return {
            retry: `${said}${details}`,
            retryAfterMs: (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRetryAfter */ .mu)(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, now)
        };
    }
    if (status === 400 || status === 401 || status === 403) {
        const what = /LOGIN|CREDENTIAL|PASSWORD/i.test(details)
            ? 'refused the credentials'
            : `rejected the request with ${status}`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(`Personr ${what}${details || ` (HTTP ${status})`}. Check the \`email\` and \`password\` secrets; this is not retried, since the same request would fail again.`);
    }
    if (status !== 200) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(`${said}${details}. Check that \`api-url\` (${endpoint.href.replace(/\/api-token-generate$/, '')}) is Personr's workflow API; this is not retried.`);
    }
    return { done: readToken(answer.body, now, mask, said) };
}
function readToken(body, now, mask, said) {
    let json;
    try {
        json = JSON.parse(body);
    }
    catch {
        const what = /^\s*</.test(body)
            ? 'an HTML page'
            : body.trim() === ''
                ? 'an empty body'
                : 'a body that is not JSON';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(`${said} but with ${what} instead of a token. Check that \`api-url\` points at Personr's workflow API.`);
    }
    const response = (0,_error_body_js__WEBPACK_IMPORTED_MODULE_5__/* .isRecord */ .u4)(json) && (0,_error_body_js__WEBPACK_IMPORTED_MODULE_5__/* .isRecord */ .u4)(json.response) ? json.response : {};
    // Mask first: whatever goes wrong below must not be able to print it.
    if (typeof response.token === 'string' && response.token !== '')
        mask(response.token);
    if (!(0,_error_body_js__WEBPACK_IMPORTED_MODULE_5__/* .isRecord */ .u4)(json) || json.status !== 'success') {
        const details = (0,_error_body_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDetails */ .SE)((0,_error_body_js__WEBPACK_IMPORTED_MODULE_5__/* .readErrorBody */ .Nk)(body));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(`${said} but not with success${details || ' (no status)'}. No token was issued.`);
    }
    const { token, user_id: userId, expires } = response;
    const missing = typeof token !== 'string' || token === ''
        ? 'a token'
        : (typeof userId !== 'string' && typeof userId !== 'number') || String(userId) === ''
            ? 'a user_id'
            : typeof expires !== 'number' || !Number.isFinite(expires) || expires <= 0
                ? 'a positive number `expires`'
                : undefined;
    if (missing !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(`${said} with success but without ${missing}, so there is no usable token.`);
    }
    return {
        token: token,
        userId: String(userId),
        expires: expires,
        expiresAt: new Date(now + expires * 1000)
    };
}
function absolute(location, base) {
    try {
        return new URL(location, base).href;
    }
    catch {
        return `"${location}" (not a valid URL)`;
    }
}


/***/ }),

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter)
/* harmony export */ });
/* unused harmony exports MAX_RETRY_AFTER_MS, backoffMs, transientNetworkError */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

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
    if (code && TRANSIENT_CODES.has(code))
        return `network error ${code}`;
    if (/socket hang up|closed before the answer ended/i.test(error.message)) {
        return `network error: ${error.message}`;
    }
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
            outcome = { retry: reason };
        }
        if ('done' in outcome)
            return outcome.done;
        if (n >= attempts) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Could not ${options.what} after ${n} attempt${n === 1 ? '' : 's'}; the last one failed with ${outcome.retry}. This looks temporary: re-run the job later, or raise \`retries\`/\`timeout\` if it keeps happening.`);
        }
        const wait = outcome.retryAfterMs ?? backoffMs(n, random);
        if (wait > MAX_RETRY_AFTER_MS) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Could not ${options.what}: attempt ${n} failed with ${outcome.retry}, and the server asked to wait ${Math.ceil(wait / 1000)} s before retrying, longer than the ${MAX_RETRY_AFTER_MS / 1000} s this action waits. Re-run the job later.`);
        }
        log(`Attempt ${n} of ${attempts} failed with ${outcome.retry}; retrying in ${(wait / 1000).toFixed(1)} s.`);
        await clock.sleep(wait);
    }
}


/***/ })

};
