export const id = 248;
export const ids = [248];
export const modules = {

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


/***/ })

};
