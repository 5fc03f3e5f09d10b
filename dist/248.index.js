export const id = 248;
export const ids = [248];
export const modules = {

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

/***/ 9248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHub: () => (/* binding */ createGitHub),
/* harmony export */   interpretGitHubAnswer: () => (/* binding */ interpretGitHubAnswer)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _error_body_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6906);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8422);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9809);





function createGitHub(options) {
    const { apiUrl, token, send, clock } = options;
    return (call) => (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetries */ .LH)(async (signal) => {
        const body = call.body === undefined ? undefined : JSON.stringify(call.body);
        const answer = await send({
            method: call.method,
            url: (0,_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .joinPath */ .uJ)(apiUrl, call.path.replace(/^\//, '')).href,
            headers: {
                accept: 'application/vnd.github+json',
                authorization: `Bearer ${token}`,
                'x-github-api-version': '2022-11-28',
                ...(body === undefined ? {} : { 'content-type': 'application/json' })
            },
            ...(body === undefined ? {} : { body })
        }, signal);
        return interpretGitHubAnswer(answer, call, clock.now());
    }, { ...options, what: call.what });
}
/** Decides what a GitHub answer means: done, worth a retry, or a refusal to explain. */
function interpretGitHubAnswer(answer, call, now) {
    const { status } = answer;
    if ((status >= 200 && status < 300) || call.answers?.includes(status)) {
        return { done: { status, json: parseJson(answer.body) } };
    }
    const said = `GitHub answered ${status}${node_http__WEBPACK_IMPORTED_MODULE_0__.STATUS_CODES[status] ? ` ${node_http__WEBPACK_IMPORTED_MODULE_0__.STATUS_CODES[status]}` : ''}${(0,_error_body_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDetails */ .SE)((0,_error_body_js__WEBPACK_IMPORTED_MODULE_3__/* .readErrorBody */ .Nk)(answer.body))}`;
    const retryAfter = retryAfterMs(answer, now);
    const rateLimited = status === 429 || (status === 403 && retryAfter !== undefined);
    if (rateLimited || status >= 500)
        return { retry: said, retryAfterMs: retryAfter };
    if (status === 401 || status === 403 || status === 404) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(`Could not ${call.what}: ${said}. Give \`github-token\` ${call.permission}; a 404 often means the token cannot see that repository or organization at all.`);
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(`Could not ${call.what}: ${said}.`);
}
/** Retry-After, or for a spent rate limit the time until x-ratelimit-reset. */
function retryAfterMs(answer, now) {
    const header = (name) => {
        const value = answer.headers[name];
        return Array.isArray(value) ? value[0] : value;
    };
    const retryAfter = (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRetryAfter */ .mu)(header('retry-after'), now);
    if (retryAfter !== undefined)
        return retryAfter;
    const reset = Number(header('x-ratelimit-reset'));
    if (header('x-ratelimit-remaining') === '0' && Number.isFinite(reset)) {
        return Math.max(0, reset * 1000 - now);
    }
    return undefined;
}
function parseJson(body) {
    if (body.trim() === '')
        return undefined;
    try {
        return JSON.parse(body);
    }
    catch {
        return undefined;
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
