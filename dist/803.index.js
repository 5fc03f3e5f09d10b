export const id = 803;
export const ids = [803];
export const modules = {

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


/***/ })

};
