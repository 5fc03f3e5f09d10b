import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
import * as __WEBPACK_EXTERNAL_MODULE__stubs_undici_mjs_9a54a33a__ from "./stubs/undici.mjs";
import * as __WEBPACK_EXTERNAL_MODULE__stubs_actions_exec_mjs_00a8fe41__ from "./stubs/actions-exec.mjs";
/******/ var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var net = __nccwpck_require__(9278);
var tls = __nccwpck_require__(4756);
var http = __nccwpck_require__(8611);
var https = __nccwpck_require__(5692);
var events = __nccwpck_require__(4434);
var assert = __nccwpck_require__(2613);
var util = __nccwpck_require__(9023);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
__webpack_unused_export__ = debug; // for test


/***/ }),

/***/ 833:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FD: () => (/* binding */ CancelledBeforeMintError),
/* harmony export */   cc: () => (/* binding */ CancelledError),
/* harmony export */   mT: () => (/* binding */ Cancellation),
/* harmony export */   px: () => (/* binding */ BEFORE_MINT)
/* harmony export */ });
/* unused harmony exports SIGTERM_AFTER_MS, TERMINATED */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _network_error_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(46);


/**
 * GitHub cancels a step (Cancel, `timeout-minutes`, `cancel-in-progress`) with SIGINT, then
 * SIGTERM this long after, then kills the process tree 2.5 s later.
 */
const SIGTERM_AFTER_MS = 7500;
/** Kept back from those 7.5 s to write the summary and fail the step before SIGTERM comes. */
const MARGIN_MS = 500;
/** A cancel that stops the work in hand; its message says what it means for the token. */
class CancelledError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ {
    name = 'CancelledError';
}
const BEFORE_MINT = 'The step was cancelled before the mint request was sent: nothing was minted, and nothing changed.';
/** A cancel while no mint request could have reached Personr: nothing is lost. */
class CancelledBeforeMintError extends CancelledError {
    constructor(message = BEFORE_MINT) {
        super(message);
    }
}
const TERMINATED = 'the runner stopped the step (SIGTERM) before this finished';
/**
 * The step's cancellation, created at the entry point and told of the runner's signals. Until
 * the mint request goes out, a cancel stops everything, since nothing is lost. Once it is out,
 * Personr may have minted, and minting killed the stored token: a cancel then only cuts the time
 * left to what the runner allows, so the new token can still be stored; SIGTERM stops it all.
 */
class Cancellation {
    controller = new AbortController();
    /** Aborted by SIGTERM only. */
    terminated = new AbortController();
    now;
    cancelledAt;
    /** Mint requests sent that may have reached Personr. */
    mintsOut = 0;
    constructor(now) {
        this.now = now;
    }
    get signal() {
        return this.controller.signal;
    }
    /** Whether SIGINT came. */
    get cancelled() {
        return this.cancelledAt !== undefined;
    }
    /** Whether a mint request went out that may have reached Personr. */
    get minted() {
        return this.mintsOut > 0;
    }
    /** SIGINT. Returns the line to log, once. */
    cancel() {
        if (this.cancelledAt !== undefined)
            return undefined;
        this.cancelledAt = this.now();
        if (!this.minted) {
            this.controller.abort(new CancelledBeforeMintError());
            return 'Cancelled before the mint request was sent: stopping.';
        }
        return `Cancelled after the mint request was sent: finishing what the mint started (storing the new token) within ${(SIGTERM_AFTER_MS - MARGIN_MS) / 1000} s, before the runner stops the step.`;
    }
    /**
     * What a cancel does not stop, SIGTERM does: for putting back what a rotation changed when it
     * minted nothing, within the time the runner leaves.
     */
    get finishing() {
        return { signal: this.terminated.signal, timeLeft: () => this.timeLeft() };
    }
    /** SIGTERM: stop waiting for anything. Returns the line to log. */
    terminate() {
        this.cancelledAt ??= this.now();
        const reason = new CancelledError(TERMINATED);
        this.controller.abort(reason);
        this.terminated.abort(reason);
        return 'Stopped by the runner (SIGTERM): not waiting for anything more.';
    }
    /** A mint request is about to go out; throws if the step was cancelled already. */
    startMint() {
        this.signal.throwIfAborted();
        this.mintsOut += 1;
    }
    /**
     * A mint request failed. If it never left the runner (refused, no such host), it minted
     * nothing: with Personr unreachable, a cancel must still stop at once, not wait 7 s for it.
     */
    mintFailed(error) {
        if (!(0,_network_error_js__WEBPACK_IMPORTED_MODULE_0__/* .neverSent */ .vQ)(error))
            return;
        this.mintsOut -= 1;
        if (!this.minted && this.cancelled)
            this.controller.abort(new CancelledBeforeMintError());
    }
    timeLeft() {
        if (this.cancelledAt === undefined)
            return Infinity;
        return this.cancelledAt + SIGTERM_AFTER_MS - MARGIN_MS - this.now();
    }
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ NotMintedError),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   lZ: () => (/* binding */ ActionError)
/* harmony export */ });
/** A failure the user can act on; its message is shown as the step's error as it is. */
class ActionError extends Error {
    name = 'ActionError';
}
/**
 * A mint that minted nothing: Personr refused it, or it never left the runner. The stored token
 * still works, so a refresh puts back what it changed to begin the rotation.
 */
class NotMintedError extends ActionError {
    name = 'NotMintedError';
}
/** The message of anything thrown, including non-Error values. */
function messageOf(error) {
    if (error instanceof Error)
        return error.message;
    return typeof error === 'string' ? error : `unexpected failure: ${String(error)}`;
}


/***/ }),

/***/ 8422:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H1: () => (/* binding */ describeWhitespace),
/* harmony export */   R7: () => (/* binding */ readTokenInputs),
/* harmony export */   aR: () => (/* binding */ basicAuthorization),
/* harmony export */   rO: () => (/* binding */ withDefaults)
/* harmony export */ });
/* unused harmony exports INPUT_DEFAULTS, readApiUrl */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _url_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7666);


/**
 * action.yml's defaults. The runner fills them in only for an input a workflow leaves out; an
 * input given as an empty string (`${{ vars.TIMEOUT }}` with the variable unset) means the
 * default too. `github-api-url` defaults to the run's API in action.yml, to GitHub's here.
 */
const INPUT_DEFAULTS = {
    'api-url': 'https://enterprise.personr.co/api/1.1/wf',
    timeout: '30',
    retries: '3',
    'github-api-url': 'https://api.github.com',
    auth: 'form',
    'dry-run': 'false'
};
/** `read` with an empty optional input taken as its default. */
function withDefaults(read) {
    return (name) => {
        const value = read(name);
        return value.trim() === '' ? (INPUT_DEFAULTS[name] ?? value) : value;
    };
}
const ENDPOINTS = { form: 'api-token-generate', basic: 'api-basic-auth' };
const MAX_TIMEOUT_SECONDS = 600;
const MAX_RETRIES = 10;
/**
 * Reads and checks the inputs of a token request. `mask` is called with the password before
 * anything else happens, so no later line can print it. Throws an ActionError naming the input.
 */
function readTokenInputs(read, mask) {
    const password = read('password');
    mask(password);
    if (password.trim() === '')
        throw missing('password', 'PERSONR_PASSWORD');
    const email = read('email').trim();
    if (email === '')
        throw missing('email', 'PERSONR_EMAIL');
    // The email comes from a secret: the error must not repeat it.
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('Input `email` does not look like an email address. Pass the Personr account email, for example `email: ${{ secrets.PERSONR_EMAIL }}`.');
    }
    const auth = read('auth').trim().toLowerCase() || 'form';
    if (auth !== 'form' && auth !== 'basic') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Input \`auth\` must be \`form\` or \`basic\` (got "${auth}").`);
    }
    // Basic authentication joins email and password with a colon: one in the email would shift it.
    if (auth === 'basic' && email.includes(':')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('Input `email` contains a colon, which `auth: basic` cannot send (it separates the email from the password). Use `auth: form`.');
    }
    const apiUrl = (0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .readServiceUrl */ .bX)('api-url', read('api-url').trim());
    return {
        email,
        password,
        auth,
        apiUrl,
        endpoint: (0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .joinPath */ .uJ)(apiUrl, ENDPOINTS[auth]),
        timeoutMs: readTimeout(read('timeout').trim()) * 1000,
        retries: readRetries(read('retries').trim())
    };
}
/** The Authorization header of `auth: basic`: a credential, masked before any request is built. */
function basicAuthorization(inputs) {
    return `Basic ${Buffer.from(`${inputs.email}:${inputs.password}`, 'utf8').toString('base64')}`;
}
function missing(name, secret) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Input \`${name}\` is required but empty. Set it from a repository secret, for example \`${name}: \${{ secrets.${secret} }}\`; an empty value usually means the secret is not defined or not available to this workflow (workflows from forks get no secrets).`);
}
/** `api-url` checked, as the endpoint that mints tokens: `<api-url>/api-token-generate`. */
function readApiUrl(value) {
    return joinPath(readServiceUrl('api-url', value), 'api-token-generate');
}
function readTimeout(value) {
    const seconds = Number(value);
    // Decimal only: Number() would also take 0x10, 0b11 and 1e2.
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Input \`timeout\` must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (got "${value}").`);
    }
    return seconds;
}
function readRetries(value) {
    const retries = Number(value);
    if (!/^\d+$/.test(value) || retries > MAX_RETRIES) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Input \`retries\` must be a whole number from 0 to ${MAX_RETRIES} (got "${value}").`);
    }
    return retries;
}
/**
 * Where a secret has whitespace at its ends ("ends with a line feed"), for an error that must
 * never show the secret itself; undefined when it has none.
 */
function describeWhitespace(secret) {
    const lead = /^\s*/.exec(secret)?.[0] ?? '';
    const trail = secret.trim() === '' ? '' : (/\s*$/.exec(secret)?.[0] ?? '');
    const parts = [
        lead && `starts with ${nameWhitespace(lead)}`,
        trail && `ends with ${nameWhitespace(trail)}`
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(' and ') : undefined;
}
const WHITESPACE_NAMES = {
    ' ': 'space',
    '\n': 'line feed',
    '\r': 'carriage return',
    '\t': 'tab'
};
/** "a line feed", "2 spaces", "a carriage return and a line feed". */
function nameWhitespace(run) {
    const groups = [];
    for (const [chars] of run.matchAll(/(\s)\1*/g)) {
        const name = WHITESPACE_NAMES[chars[0] ?? ''] ?? 'whitespace character';
        groups.push(chars.length === 1 ? `a ${name}` : `${chars.length} ${name}s`);
    }
    return groups.length > 1
        ? `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}`
        : (groups[0] ?? '');
}


/***/ }),

/***/ 3758:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   nf: () => (/* binding */ link)
/* harmony export */ });
/* harmony import */ var _sanitize_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5540);

/**
 * A value as an inline code span that is safe inside a Markdown table cell: nothing in a code
 * span is parsed (no link, image, HTML or emphasis), its fence is longer than any run of
 * backticks in the value so the value cannot close it, and `|` is escaped so it cannot end the
 * cell. Control characters are escaped first, so the value stays on its line.
 */
function code(value) {
    const text = (0,_sanitize_js__WEBPACK_IMPORTED_MODULE_0__/* .sanitize */ .a)(value).replaceAll('|', '\\|');
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    // A space keeps a value that starts or ends with a backtick from touching the fence.
    const pad = /^`|`$/.test(text) ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}
/**
 * Text for a Markdown paragraph or table cell in which every ASCII punctuation character is
 * backslash-escaped: no link, image, HTML, emphasis or cell break can start inside it, and a
 * URL in it is split into several text pieces, which the autolink extension does not join.
 */
function text(value) {
    return (0,_sanitize_js__WEBPACK_IMPORTED_MODULE_0__/* .sanitize */ .a)(value).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
/**
 * A link whose label is text() and whose target is an https URL only (anything else shows the
 * label alone). The target is encoded so that nothing in it can end the link or start another.
 */
function link(label, url) {
    let target;
    try {
        target = new URL(url);
    }
    catch {
        return text(label);
    }
    if (target.protocol !== 'https:')
        return text(label);
    const href = target.href.replace(/[()<>[\]\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `[${text(label)}](${href})`;
}


/***/ }),

/***/ 46:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   QJ: () => (/* binding */ explainNetworkError),
/* harmony export */   vQ: () => (/* binding */ neverSent)
/* harmony export */ });
/* unused harmony export NothingSentError */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);

/** A TLS failure: the handshake failed, so the request itself was never sent. */
class NothingSentError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ {
    name = 'NothingSentError';
}
/**
 * The system calls whose failure proves a request never left the runner: no connection was made,
 * or the host name never resolved. A code alone proves nothing: ECONNRESET or EHOSTUNREACH on a
 * reused connection can come after the request went out.
 */
const BEFORE_SENDING = new Set(['connect', 'getaddrinfo']);
/** Whether a request that failed this way certainly never reached the server. */
function neverSent(error) {
    const syscall = error?.syscall ?? '';
    return error instanceof NothingSentError || BEFORE_SENDING.has(syscall);
}
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
        return new NothingSentError(`The TLS certificate of ${host} is not trusted (${code}: self-signed, or issued by a CA Node does not know), so nothing was sent to ${where}. If that is the right server and it uses a private CA, give the runner that CA in NODE_EXTRA_CA_CERTS (a PEM file); otherwise check \`${input}\`.`);
    }
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
        return new NothingSentError(`The TLS certificate of ${host} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'}, so nothing was sent to ${where}. Check \`${input}\`, the server's certificate and the runner's clock.`);
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
        return new NothingSentError(`The TLS certificate presented for ${host} is for another host name, so nothing was sent to ${where}. Check the host name in \`${input}\`: it must be the name the server's certificate is for.`);
    }
    if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
        return new NothingSentError(`${host} did not answer in TLS (${code}) at ${where}: it looks like a plain http port. Check the scheme and port in \`${input}\`.`);
    }
    if (code.startsWith('HPE_')) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`${host} answered something that is not HTTP (${code}) at ${where}. Check the scheme, host and port in \`${input}\`${url.protocol === 'http:' ? '; if that server speaks https, the URL must start with https://' : ''}.`);
    }
    return error;
}


/***/ }),

/***/ 1751:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   iz: () => (/* binding */ WITHHELD),
/* harmony export */   pO: () => (/* binding */ Redactor)
/* harmony export */ });
/* unused harmony export RUN */
/** What stands in for a server's text that could still hide a secret after every reading. */
const WITHHELD = "(the server's text was withheld: it is escaped more deeply than the action reads, so it could hide a secret)";
/**
 * A run of this many characters of a secret is hidden wherever it stands: a server that cuts a
 * long echoed value still shows no telling part of it.
 */
const RUN = 8;
/** Each pass undoes one layer of encoding; past a few, a text is built to waste time. */
const MAX_DECODING_PASSES = 4;
/**
 * The secrets of this step, and every form in which a server could echo one back. Created once
 * at the entry point and handed to everything that prints, so no line, error or summary can
 * carry a credential, whole, cut or encoded.
 */
class Redactor {
    /** Literal forms, longest first, so a shorter form never cuts a longer one in half. */
    forms = [];
    /** Every run of RUN characters of a secret's forms, less those only a shown part holds. */
    runs = new Set();
    /** Each secret with its forms: itself, every reading of it, each in every encoding. */
    secrets = [];
    /** Parts of a Personr token that are printed on purpose: the user id it carries. */
    shown = [];
    /** Loaded by prepare() only when a server's text may hold a character reference. */
    html;
    /**
     * Loads the HTML decoder (HTML5's 2,231 named references: a table too large to load on every
     * step) when `text` from a server holds a `&` in any of its readings.
     */
    async prepare(text) {
        if (this.html !== undefined || !this.readings(text).some((t) => t.includes('&')))
            return;
        this.html = (await __nccwpck_require__.e(/* import() */ 276).then(__nccwpck_require__.bind(__nccwpck_require__, 8276))).decodeHtml;
        for (const secret of this.secrets)
            secret.forms = this.formsOf(secret.value);
        this.index();
    }
    /**
     * Text a server sent, as a person would read it, with every secret removed. A page may write
     * any character of a password as a reference or an escape, in any mix and nested, and a
     * password may itself look like an escape (`%41`, `&lt`), which decoding turns into something
     * else: so the text is redacted as it came and again after each decoding step, until nothing
     * changes, of the secrets and of every reading of them. Runs of a secret are hidden in the
     * last reading only: hidden earlier, they would split a secret that decoding would have made
     * whole, and leave its other pieces. A text still changing after the last pass, or holding
     * references the decoder was not loaded for, is withheld.
     */
    read(text) {
        const steps = this.steps();
        let current = this.hideForms(text);
        for (let pass = 0; pass <= MAX_DECODING_PASSES; pass++) {
            const next = steps.reduce((out, step) => this.hideForms(step(out)), current);
            if (next === current) {
                return this.html === undefined && HTML_REFERENCE.test(current)
                    ? WITHHELD
                    : this.hideRuns(current);
            }
            current = next;
        }
        return WITHHELD;
    }
    /**
     * Adds a secret; blank values are ignored (masking them would garble every message). A Personr
     * token (`token`) carries its user id, which show() may then let through.
     */
    add(secret, { token = false } = {}) {
        for (const value of new Set([secret, secret.trim()])) {
            if (value.trim() !== '')
                this.secrets.push({ value, token, forms: this.formsOf(value) });
        }
        this.index();
    }
    /** A value printed on purpose, such as the user id a Personr token holds: its runs are shown. */
    show(part) {
        this.shown.push(part);
        this.index();
    }
    /** Text the action wrote, which may quote a secret: every form and every run of one hidden. */
    redact(text) {
        return this.hideRuns(this.hideForms(text));
    }
    hideForms(text) {
        let out = text;
        for (const form of this.forms)
            out = out.replaceAll(form, '***');
        return out;
    }
    /** Every text a reading of `text` passes through, one decoding step at a time. */
    readings(text) {
        const out = [text];
        for (let pass = 0; pass <= MAX_DECODING_PASSES; pass++) {
            const before = out.length;
            for (const step of this.steps())
                out.push(step(out.at(-1) ?? ''));
            if (out.at(-1) === out[before - 1])
                break;
        }
        return [...new Set(out)];
    }
    formsOf(value) {
        return this.readings(value).flatMap(literalForms);
    }
    steps() {
        const codes = [decodeJsonEscapes, decodePercent];
        return this.html ? [this.html, ...codes] : codes;
    }
    index() {
        const forms = new Set();
        const runs = new Set();
        for (const { token, forms: secretForms } of this.secrets) {
            for (const form of secretForms) {
                forms.add(form);
                for (let i = 0; i + RUN <= form.length; i++) {
                    const run = form.slice(i, i + RUN);
                    if (!(token && this.shown.some((part) => part.includes(run))))
                        runs.add(run);
                }
            }
        }
        this.forms = [...forms].sort((a, b) => b.length - a.length);
        this.runs = runs;
    }
    /** Each stretch of text made of runs of a secret becomes one `***`. */
    hideRuns(text) {
        const hidden = new Uint8Array(text.length);
        for (let i = 0; i + RUN <= text.length; i++) {
            if (this.runs.has(text.slice(i, i + RUN)))
                hidden.fill(1, i, i + RUN);
        }
        let out = '';
        for (let i = 0; i < text.length; i++) {
            if (!hidden[i])
                out += text[i];
            else if (!hidden[i - 1])
                out += '***';
        }
        return out;
    }
}
/** A character reference as HTML reads one: `&lt`, `&#60;`, `&#x3c;`. */
const HTML_REFERENCE = /&(?:#\d|#[xX][0-9a-fA-F]|[A-Za-z])/;
/**
 * The value as it is, as a form body writes its spaces (`+`: decoding percent-escapes leaves
 * them), and in base64 and base64url, which no reading decodes.
 */
function literalForms(value) {
    return [value, value.replaceAll(' ', '+'), ...base64Forms(value)];
}
const JSON_ESCAPES = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** `\\u0070`, `\\"`, `\\n` \u2026 as JSON.parse would read them, wherever they stand. */
function decodeJsonEscapes(text) {
    return text.replace(/\\(?:u([0-9a-fA-F]{4})|(.))/g, (whole, hex, char) => hex !== undefined
        ? String.fromCharCode(parseInt(hex, 16))
        : char !== undefined && '"\\/bfnrt'.includes(char)
            ? (JSON_ESCAPES[char] ?? char)
            : whole);
}
/** Runs of `%XX` as the UTF-8 bytes they stand for (a broken sequence reads as U+FFFD). */
function decodePercent(text) {
    return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replaceAll('%', ''), 'hex').toString('utf8'));
}
/**
 * Base64 and base64url of the value at each of the three alignments it can have inside a longer
 * encoded text (as the runner's own masker does): only the characters that depend on the value
 * alone.
 */
function base64Forms(value) {
    const bytes = Buffer.from(value);
    const forms = [];
    for (const shift of [0, 1, 2]) {
        const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
        // Drop the leading group that mixes in the padding bytes, and the trailing partial group.
        const start = shift === 0 ? 0 : 4;
        const end = Math.floor((shift + bytes.length) / 3) * 4;
        const form = encoded.slice(start, end);
        if (form.length >= 4)
            forms.push(form, form.replaceAll('+', '-').replaceAll('/', '_'));
    }
    // The whole value encoded on its own, padding included, as a header or a JSON field carries it.
    forms.push(bytes.toString('base64'), bytes.toString('base64url'));
    return forms;
}


/***/ }),

/***/ 5540:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ sanitize),
/* harmony export */   m: () => (/* binding */ shorten)
/* harmony export */ });
/**
 * Characters that can change how a log line is read: C0 and C1 controls (CR, LF, ESC for ANSI
 * sequences), DEL, line and paragraph separators, and every default-ignorable code point (soft
 * hyphen, zero-width and bidirectional marks, the byte-order mark, variation selectors, tags):
 * invisible, so a secret's characters could hide among them.
 */
const UNSAFE = /[\p{Cc}\p{Default_Ignorable_Code_Point}\u2028\u2029]/gu;
const NAMED = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** `\u001b`, or `\u{e0041}` past the Basic Multilingual Plane. */
function escape(c) {
    const code = c.codePointAt(0) ?? 0;
    const hex = code.toString(16);
    return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}
/**
 * Makes text the action did not write safe to print on one log line: every unsafe character
 * becomes a visible escape (`\n`, `\u001b`), so nothing can start a new line, and the runner's
 * command markers (`::` at the start of a line, `##[` anywhere) are broken up.
 */
function sanitize(text) {
    const escaped = text.replace(UNSAFE, (c) => NAMED[c] ?? escape(c));
    return escaped.replaceAll('##[', '##\\[').replace(/^(\s*):/, '$1\\:');
}
/** The first `max` characters of a (redacted) text, with an ellipsis when cut. */
function shorten(text, max) {
    const chars = [...text];
    return chars.length > max ? `${chars.slice(0, max).join('')}\u2026` : text;
}


/***/ }),

/***/ 8855:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B$: () => (/* binding */ tokenRows),
/* harmony export */   IC: () => (/* binding */ expiry),
/* harmony export */   KF: () => (/* binding */ writer),
/* harmony export */   UH: () => (/* binding */ INVALIDATED),
/* harmony export */   Wx: () => (/* binding */ tokenSummary)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3758);

/** Markdown of values with every secret removed first: an escaped secret would match no form. */
function writer(secrets) {
    return {
        text: (value) => _markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq(secrets.redact(value)),
        code: (value) => _markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY(secrets.redact(value)),
        /** A value a server sent, such as the user id: read as every server text is. */
        served: (value) => _markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY(secrets.read(value))
    };
}
const DAY_MS = 86_400_000;
const INVALIDATED = [
    '> [!IMPORTANT]',
    '> Minting this token invalidated every earlier token of this Personr account. Anything still using an older one (a stored secret, another job) now gets refused.'
];
function expiry(expiresAt, now) {
    // Rounded: a token minted a moment ago reads "in 365 days", not 364.
    const days = Math.round((expiresAt.getTime() - now) / DAY_MS);
    return `${expiresAt.toISOString()} (in ${days} day${days === 1 ? '' : 's'})`;
}
function tokenRows(minted, now, secrets) {
    return [
        '| | |',
        '| --- | --- |',
        `| User id | ${minted.userId === '' ? 'unknown' : writer(secrets).served(minted.userId)} |`,
        `| Expires | ${minted.expires === 0 ? 'unknown' : expiry(minted.expiresAt, now)} |`
    ];
}
/** The job summary of a minted token, as Markdown. Never the token itself. */
function tokenSummary(minted, now, secrets) {
    return [
        '### Personr API token minted',
        '',
        ...tokenRows(minted, now, secrets),
        '',
        ...INVALIDATED,
        ''
    ].join('\n');
}


/***/ }),

/***/ 7666:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   bX: () => (/* binding */ readServiceUrl),
/* harmony export */   uJ: () => (/* binding */ joinPath)
/* harmony export */ });
/* unused harmony export isLoopback */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);

/**
 * Checks a service URL input: https, or plain http for loopback hosts only, since credentials
 * travel to it. Returns it without fragment or trailing slash, and without query unless kept.
 */
function readServiceUrl(name, value, { keepQuery = false } = {}) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Input \`${name}\` is not a URL (got "${value}"). Leave it out to use the default, or give an https:// URL.`);
    }
    if (url.username || url.password) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Input \`${name}\` must not contain a user name or password: the action sends credentials its own way.`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Input \`${name}\` must use https:// (got ${url.protocol}//${url.host}): credentials travel to it. Plain http:// is accepted only for localhost, 127.0.0.0/8 and [::1].`);
    }
    if (!keepQuery)
        url.search = '';
    url.hash = '';
    url.pathname = url.pathname.replace(/\/+$/, '');
    return url;
}
/** `base` with `path` appended after its own path (URL's resolution would replace the last part). */
function joinPath(base, path) {
    const url = new URL(base.href);
    // Set, not resolved: a relative `//x` would be read as another host.
    url.pathname = `${base.pathname.replace(/\/+$/, '')}/${path}`;
    return url;
}
function isLoopback(hostname) {
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}


/***/ }),

/***/ 202:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("./stubs/mime-types.cjs");

/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 4607:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qq: () => (/* binding */ HttpClient)
});

// UNUSED EXPORTS: Headers, HttpClientError, HttpClientResponse, HttpCodes, MediaTypes, getProxyUrl, isHttps

// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(8611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(5692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
;// CONCATENATED MODULE: external "./stubs/undici.mjs"
var x = (y) => {
	var x = {}; __nccwpck_require__.d(x, y); return x
} 
var y = (x) => (() => (x))
const undici_mjs_namespaceObject = x({ ["ProxyAgent"]: () => (__WEBPACK_EXTERNAL_MODULE__stubs_undici_mjs_9a54a33a__.ProxyAgent) });
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new undici_mjs_namespaceObject.ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// NAMESPACE OBJECT: ./node_modules/@actions/core/lib/platform.js
var platform_namespaceObject = {};
__nccwpck_require__.r(platform_namespaceObject);
__nccwpck_require__.d(platform_namespaceObject, {
  arch: () => (arch),
  getDetails: () => (getDetails),
  isLinux: () => (isLinux),
  isMacOS: () => (isMacOS),
  isWindows: () => (isWindows),
  platform: () => (platform)
});

// NAMESPACE OBJECT: ./node_modules/@actions/core/lib/core.js
var core_namespaceObject = {};
__nccwpck_require__.r(core_namespaceObject);
__nccwpck_require__.d(core_namespaceObject, {
  ExitCode: () => (ExitCode),
  addPath: () => (addPath),
  debug: () => (debug),
  endGroup: () => (endGroup),
  error: () => (error),
  exportVariable: () => (exportVariable),
  getBooleanInput: () => (getBooleanInput),
  getIDToken: () => (getIDToken),
  getInput: () => (getInput),
  getMultilineInput: () => (getMultilineInput),
  getState: () => (getState),
  group: () => (group),
  info: () => (info),
  isDebug: () => (isDebug),
  markdownSummary: () => (markdownSummary),
  notice: () => (notice),
  platform: () => (platform_namespaceObject),
  saveState: () => (saveState),
  setCommandEcho: () => (setCommandEcho),
  setFailed: () => (setFailed),
  setOutput: () => (setOutput),
  setSecret: () => (setSecret),
  startGroup: () => (startGroup),
  summary: () => (summary),
  toPlatformPath: () => (toPlatformPath),
  toPosixPath: () => (toPosixPath),
  toWin32Path: () => (toWin32Path),
  warning: () => (warning)
});

;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
}
function issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
// EXTERNAL MODULE: external "crypto"
var external_crypto_ = __nccwpck_require__(6982);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 2 modules
var lib = __nccwpck_require__(4607);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new lib/* HttpClient */.Qq('actions/oidc-client', [new BearerCredentialHandler(OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_namespaceObject.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = _summary;
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, external_path_.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: external "./stubs/actions-exec.mjs"
var x = (y) => {
	var x = {}; __nccwpck_require__.d(x, y); return x
} 
var y = (x) => (() => (x))
const actions_exec_mjs_namespaceObject = x({ ["getExecOutput"]: () => (__WEBPACK_EXTERNAL_MODULE__stubs_actions_exec_mjs_00a8fe41__.getExecOutput) });
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield actions_exec_mjs_namespaceObject.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield actions_exec_mjs_namespaceObject.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield actions_exec_mjs_namespaceObject.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield actions_exec_mjs_namespaceObject.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_namespaceObject.platform();
const arch = external_os_namespaceObject.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${external_path_.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_namespaceObject.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_namespaceObject.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __nccwpck_require__(833);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/sanitize.ts
var sanitize = __nccwpck_require__(5540);
;// CONCATENATED MODULE: ./src/log.ts


function createLog(core, redactor) {
    const clean = (text) => (0,sanitize/* sanitize */.a)(redactor.redact(text));
    const log = {
        redactor,
        mask(secret, options) {
            // A blank value is no secret, and masking it would garble every line. A padded one is
            // masked trimmed too, since servers often echo values trimmed.
            for (const value of new Set([secret, secret.trim()])) {
                if (value.trim() !== '')
                    core.setSecret(value);
            }
            redactor.add(secret, options);
        },
        info: (line) => core.info(clean(line)),
        notice: (line) => core.notice(clean(line)),
        warning: (line) => core.warning(clean(line)),
        debug: (line) => core.debug(clean(line)),
        fail: (message) => core.setFailed(clean(message)),
        async summary(markdown) {
            try {
                await core.summary.addRaw(redactor.redact(markdown)).write();
            }
            catch (error) {
                log.warning(`Could not write the job summary: ${(0,errors/* messageOf */.bD)(error)}`);
            }
        }
    };
    return log;
}

;// CONCATENATED MODULE: ./src/clock.ts
const realClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
        }, { once: true });
    }),
    deadline: (ms) => AbortSignal.timeout(ms)
};

// EXTERNAL MODULE: ./src/inputs.ts
var src_inputs = __nccwpck_require__(8422);
;// CONCATENATED MODULE: ./src/duration.ts
const UNIT_MS = {
    w: 604_800_000,
    d: 86_400_000,
    h: 3_600_000,
    m: 60_000,
    s: 1000
};
/** Parses durations such as `30d`, `12h` or `1d12h` to milliseconds; undefined if it does not parse. */
function parseDuration(text) {
    const value = text.trim().toLowerCase();
    if (!/^(\d+[wdhms])+$/.test(value))
        return undefined;
    let ms = 0;
    for (const [, amount, unit] of value.matchAll(/(\d+)([wdhms])/g)) {
        ms += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0);
    }
    return ms > 0 ? ms : undefined;
}

;// CONCATENATED MODULE: ./src/targets.ts

const MAX_TARGETS = 20;
const STORES = {
    actions: 'Actions',
    dependabot: 'Dependabot',
    codespaces: 'Codespaces'
};
/** A target's API paths, words and permission, from a checked spec. */
function makeTarget(spec) {
    const { app, org } = spec;
    const store = STORES[app];
    if (org) {
        return {
            app,
            store,
            base: `/orgs/${org.name}/${app}`,
            label: `organization ${org.name} (visibility ${org.visibility})`,
            permission: permission(app, 'org', org.name),
            org
        };
    }
    const repo = spec.repo ?? '';
    if (spec.env !== undefined) {
        return {
            app,
            store,
            base: `/repos/${repo}/environments/${encodeURIComponent(spec.env)}`,
            label: `environment ${spec.env} of ${repo}`,
            permission: permission(app, 'env', repo),
            notFound: `The environment "${spec.env}" may not exist in ${repo}: create it under Settings \u2192 Environments, or correct the environment name.`,
            repo
        };
    }
    return {
        app,
        store,
        base: `/repos/${repo}/${app}`,
        label: `repository ${repo}`,
        permission: permission(app, 'repo', repo),
        repo
    };
}
/** Fine-grained token and GitHub App permissions per store and scope (GitHub's REST docs). */
function permission(app, kind, where) {
    const table = {
        'actions:repo': ['repository permission "Secrets"', 'secrets: write'],
        'actions:env': ['repository permission "Environments"', 'environments: write'],
        'actions:org': ['organization permission "Secrets"', 'organization_secrets: write'],
        'dependabot:repo': ['repository permission "Dependabot secrets"', 'dependabot_secrets: write'],
        'dependabot:org': [
            'organization permission "Organization dependabot secrets"',
            'organization_dependabot_secrets: write'
        ],
        'codespaces:repo': ['repository permission "Codespaces secrets"', 'codespaces_secrets: write'],
        'codespaces:org': [
            'organization permission "Organization codespaces secrets"',
            'organization_codespaces_secrets: write'
        ]
    };
    const [fineGrained, githubApp] = table[`${app}:${kind}`] ?? ['', ''];
    return `the ${fineGrained} (read and write) on ${where} as a fine-grained token, or \`${githubApp}\` as a GitHub App`;
}
/**
 * Where the expiry variable goes: beside the first Actions target, or in the workflow's own
 * repository when no target is an Actions one (Dependabot and Codespaces have no variables).
 */
function expiryPlace(targets, workflowRepo) {
    const actions = targets.find((target) => target.app === 'actions');
    if (actions?.org) {
        return {
            base: actions.base,
            label: actions.label,
            org: actions.org,
            permission: `the organization permission "Variables" (read and write) on ${actions.org.name} as a fine-grained token, or \`organization_actions_variables: write\` as a GitHub App`
        };
    }
    if (actions?.base.includes('/environments/')) {
        return {
            base: actions.base,
            label: actions.label,
            permission: actions.permission,
            ...(actions.notFound ? { notFound: actions.notFound } : {})
        };
    }
    const repo = actions?.repo ?? workflowRepo;
    if (repo === undefined || !isRepository(repo)) {
        throw new errors/* ActionError */.lZ('No repository for the expiry variable: no target is an Actions secret and GITHUB_REPOSITORY is not set. Add an Actions target to `secret-targets`.');
    }
    return {
        base: `/repos/${repo}/actions`,
        label: `repository ${repo}`,
        permission: `the repository permission "Variables" (read and write) on ${repo} as a fine-grained token, or \`actions_variables: write\` as a GitHub App`
    };
}
/** A repository or owner name; `.` and `..` would be resolved away inside the API path. */
function isName(part) {
    return /^[\w.-]+$/.test(part) && part !== '.' && part !== '..';
}
function isRepository(value) {
    const parts = value.split('/');
    return parts.length === 2 && parts.every(isName);
}
function isOrgName(value) {
    return /^[A-Za-z0-9-]+$/.test(value);
}
/** The same store and scope, however it was spelt (GitHub compares names case-insensitively). */
function sameTarget(a, b) {
    return a.app === b.app && a.base.toLowerCase() === b.base.toLowerCase();
}

;// CONCATENATED MODULE: ./src/target-lines.ts


const KEYS = ['app', 'repo', 'env', 'org', 'visibility', 'repos'];
const APPS = ['actions', 'dependabot', 'codespaces'];
const VISIBILITIES = ['all', 'private', 'selected'];
/**
 * Reads `secret-targets`: one target per line, `key=value` pairs named after the flags of
 * `gh secret set` (`app`, `repo`, `env`, `org`, `visibility`, `repos`), a bare `repo` for the
 * workflow's repository, blank lines and `#` comments ignored. Every line is checked before
 * anything is sent; an error names the line.
 */
function parseTargetLines(text, workflowRepo) {
    const targets = [];
    text.split(/\r\n|\r|\n/).forEach((raw, index) => {
        const line = index + 1;
        const content = raw.replace(/(^|\s)#.*$/, '').trim();
        if (content === '')
            return;
        const target = { ...parseLine(content, line, workflowRepo), line };
        const earlier = targets.find((other) => sameTarget(other, target));
        if (earlier) {
            throw lineError(line, `repeats line ${earlier.line} (the ${target.store} secret of ${target.label}); each store may appear once`);
        }
        targets.push(target);
    });
    if (targets.length === 0) {
        throw new errors/* ActionError */.lZ('Input `secret-targets` names no target: give one per line, such as `repo` or `env=production`.');
    }
    if (targets.length > MAX_TARGETS) {
        throw new errors/* ActionError */.lZ(`Input \`secret-targets\` names ${targets.length} targets, more than the ${MAX_TARGETS} one step writes. Split them across workflows with separate Personr accounts, or use an organization secret.`);
    }
    return targets;
}
function parseLine(content, line, workflowRepo) {
    const pairs = new Map();
    for (const word of content.split(/\s+/)) {
        const [key = '', value] = word === 'repo' ? ['repo', ''] : splitPair(word, line);
        if (!KEYS.includes(key)) {
            throw lineError(line, `unknown key \`${key}\`; the keys are ${KEYS.map((k) => `\`${k}\``).join(', ')}`);
        }
        if (pairs.has(key))
            throw lineError(line, `\`${key}\` is given twice`);
        pairs.set(key, value);
    }
    const app = (pairs.get('app') ?? 'actions');
    if (!APPS.includes(app)) {
        throw lineError(line, `\`app\` must be \`actions\`, \`dependabot\` or \`codespaces\` (got "${app}")`);
    }
    const org = pairs.get('org');
    const env = pairs.get('env');
    const visibility = pairs.get('visibility');
    const repos = pairs.get('repos');
    if (env !== undefined && app !== 'actions') {
        throw lineError(line, `\`env\` is for Actions secrets only: ${app === 'dependabot' ? 'Dependabot' : 'Codespaces'} has no environment secrets`);
    }
    if (org !== undefined) {
        if (pairs.has('repo') || env !== undefined) {
            throw lineError(line, '`org` cannot be combined with `repo` or `env`: an organization secret belongs to no repository');
        }
        if (!isOrgName(org))
            throw lineError(line, `\`org\` is not an organization name (got "${org}")`);
        const vis = (visibility ?? 'private');
        if (!VISIBILITIES.includes(vis)) {
            throw lineError(line, `\`visibility\` must be \`all\`, \`private\` or \`selected\` (got "${visibility}")`);
        }
        const repositories = (repos ?? '').split(',').filter((r) => r !== '');
        if (vis === 'selected' && repositories.length === 0) {
            throw lineError(line, '`visibility=selected` needs `repos`: the repositories that may read the secret, such as `repos=api,web`');
        }
        if (vis !== 'selected' && repos !== undefined) {
            throw lineError(line, '`repos` is only used with `visibility=selected`');
        }
        const bad = repositories.find((r) => !isRepository(r) && !isName(r));
        if (bad !== undefined) {
            throw lineError(line, `\`repos\` takes repository names or \`owner/name\` (got "${bad}")`);
        }
        return makeTarget({ app, org: { name: org, visibility: vis, repositories } });
    }
    if (visibility !== undefined || repos !== undefined) {
        throw lineError(line, '`visibility` and `repos` apply to organization secrets only; add `org` or remove them');
    }
    const repo = pairs.get('repo') || workflowRepo;
    if (repo === undefined || !isRepository(repo)) {
        throw lineError(line, pairs.get('repo')
            ? `\`repo\` must be \`owner/name\` (got "${pairs.get('repo')}")`
            : 'no repository: GITHUB_REPOSITORY is not set, so give `repo=owner/name`');
    }
    return makeTarget({ app, repo, ...(env === undefined ? {} : { env }) });
}
function splitPair(word, line) {
    const equals = word.indexOf('=');
    if (equals <= 0 || equals === word.length - 1) {
        throw lineError(line, `"${word}" is not a \`key=value\` pair (or a bare \`repo\`)`);
    }
    return [word.slice(0, equals), word.slice(equals + 1)];
}
function lineError(line, problem) {
    return new errors/* ActionError */.lZ(`Input \`secret-targets\`, line ${line}: ${problem}.`);
}

// EXTERNAL MODULE: ./src/url.ts
var src_url = __nccwpck_require__(7666);
;// CONCATENATED MODULE: ./src/secret-inputs.ts





/**
 * The check when `check-url` is empty: Personr's documented authenticated read, posted with an
 * empty body. Bubble authenticates the bearer token before it checks a workflow's parameters, so
 * a live token gets 400 (no `applicantId`) and a dead one 401; the live self-test proves it.
 */
const DEFAULT_CHECK_PATH = 'api-applicant-status';
/** `renew-before` when empty: a month's margin for a token that lives a year. */
const DEFAULT_RENEW_BEFORE_MS = 30 * 86_400_000;
const SINGLE_TARGET_INPUTS = [
    'secret-repository',
    'secret-environment',
    'secret-org',
    'secret-visibility',
    'secret-repositories'
];
const REFRESH_INPUTS = [
    'github-token',
    ...SINGLE_TARGET_INPUTS,
    'secret-targets',
    'renew-before',
    'max-age',
    'current-token',
    'check-url',
    'check-method'
];
/**
 * Reads the inputs of storing the token as a secret; undefined when `secret-name` is not set.
 * `workflowRepo` is the workflow's own (GITHUB_REPOSITORY), the default place; `apiUrl` is
 * Personr's, the only host `check-url` may point at. Both credentials are masked first.
 */
function readSecretInputs(read, mask, workflowRepo, apiUrl) {
    const githubToken = read('github-token');
    mask(githubToken);
    const currentToken = read('current-token').trim();
    mask(currentToken, { token: true });
    const name = read('secret-name');
    const dryRun = readBoolean(read, 'dry-run');
    if (name === '') {
        const stray = REFRESH_INPUTS.filter((input) => read(input) !== '');
        if (dryRun)
            stray.push('dry-run');
        if (stray.length > 0) {
            throw new errors/* ActionError */.lZ(`${stray.map((s) => `\`${s}\``).join(', ')} ${stray.length === 1 ? 'is' : 'are'} only used with \`secret-name\`. Set \`secret-name\` to store the token as a secret, or remove ${stray.length === 1 ? 'it' : 'them'}.`);
        }
        return undefined;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
        throw new errors/* ActionError */.lZ(`Input \`secret-name\` must be a valid secret name: letters, digits and underscores, not starting with a digit or GITHUB_ (got "${name}").`);
    }
    if (githubToken.trim() === '') {
        throw new errors/* ActionError */.lZ("Input `github-token` is required with `secret-name`: a fine-grained personal access token or GitHub App token allowed to write the secrets and the variable. The job's own GITHUB_TOKEN cannot write secrets.");
    }
    const targets = readTargets(read, workflowRepo);
    return {
        name: name.toUpperCase(),
        expiryVariable: `${name.toUpperCase()}_EXPIRES_AT`,
        githubToken: githubToken.trim(),
        apiUrl: (0,src_url/* readServiceUrl */.bX)('github-api-url', read('github-api-url')),
        targets,
        expiry: expiryPlace(targets, workflowRepo),
        renewBefore: readRenewBefore(read),
        maxAgeMs: readDuration(read, 'max-age'),
        currentToken: currentToken === '' ? undefined : currentToken,
        check: readCheck(read, apiUrl),
        dryRun
    };
}
function readTargets(read, workflowRepo) {
    const lines = read('secret-targets');
    if (lines.trim() === '')
        return [readSingleTarget(read, workflowRepo)];
    const combined = SINGLE_TARGET_INPUTS.filter((input) => read(input) !== '');
    if (combined.length > 0) {
        throw new errors/* ActionError */.lZ(`\`secret-targets\` cannot be combined with ${combined.map((s) => `\`${s}\``).join(', ')}: list every target in \`secret-targets\` instead.`);
    }
    return parseTargetLines(lines, workflowRepo);
}
/** The single-target inputs of version 1, as they have always worked. */
function readSingleTarget(read, workflowRepo) {
    const org = read('secret-org');
    const repository = read('secret-repository');
    const environment = read('secret-environment');
    const visibility = read('secret-visibility');
    const repositories = read('secret-repositories')
        .split(/[\s,]+/)
        .filter((r) => r !== '');
    if (org !== '') {
        if (repository !== '' || environment !== '') {
            throw new errors/* ActionError */.lZ('`secret-org` cannot be combined with `secret-repository` or `secret-environment`: an organization secret belongs to no repository. Pick one place.');
        }
        if (!isOrgName(org)) {
            throw new errors/* ActionError */.lZ(`Input \`secret-org\` is not an organization name (got "${org}").`);
        }
        const vis = visibility === '' ? 'private' : visibility;
        if (vis !== 'all' && vis !== 'private' && vis !== 'selected') {
            throw new errors/* ActionError */.lZ(`Input \`secret-visibility\` must be \`all\`, \`private\` or \`selected\` (got "${visibility}").`);
        }
        if ((vis === 'selected') !== repositories.length > 0) {
            throw new errors/* ActionError */.lZ(vis === 'selected'
                ? '`secret-visibility: selected` needs `secret-repositories`: the repositories that may read the secret.'
                : '`secret-repositories` is only used with `secret-visibility: selected`.');
        }
        const bad = repositories.find((r) => !isRepository(r) && !isName(r));
        if (bad !== undefined) {
            throw new errors/* ActionError */.lZ(`\`secret-repositories\` takes repository names or \`owner/name\` (got "${bad}").`);
        }
        return makeTarget({
            app: 'actions',
            org: { name: org, visibility: vis, repositories }
        });
    }
    if (visibility !== '' || repositories.length > 0) {
        throw new errors/* ActionError */.lZ('`secret-visibility` and `secret-repositories` apply to organization secrets only; set `secret-org` or remove them.');
    }
    const repo = repository || workflowRepo || '';
    if (!isRepository(repo)) {
        throw new errors/* ActionError */.lZ(repository
            ? `Input \`secret-repository\` must be \`owner/name\` (got "${repository}").`
            : 'No repository to store the secret in: GITHUB_REPOSITORY is not set. Set `secret-repository: owner/name`.');
    }
    const target = makeTarget({
        app: 'actions',
        repo,
        ...(environment === '' ? {} : { env: environment })
    });
    return target.notFound
        ? {
            ...target,
            notFound: target.notFound.replace('the environment name', '`secret-environment`')
        }
        : target;
}
function readCheck(read, apiUrl) {
    const value = read('check-url').trim();
    const given = read('check-method').toUpperCase();
    if (given !== '' && given !== 'GET' && given !== 'POST') {
        throw new errors/* ActionError */.lZ(`Input \`check-method\` must be \`GET\` or \`POST\` (got "${given}").`);
    }
    if (value.toLowerCase() === 'none')
        return undefined;
    if (value === '') {
        // A workflow endpoint of Bubble's takes POST: a GET would never get the 400 that proves it.
        if (given === 'GET') {
            throw new errors/* ActionError */.lZ(`\`check-method: GET\` needs a \`check-url\` of your own: the default check, ${DEFAULT_CHECK_PATH}, is a POST.`);
        }
        return { url: (0,src_url/* joinPath */.uJ)(apiUrl, DEFAULT_CHECK_PATH), method: 'POST', label: DEFAULT_CHECK_PATH };
    }
    const url = (0,src_url/* readServiceUrl */.bX)('check-url', value, { keepQuery: true });
    // The stored token goes to this URL: only to the host that issued it.
    if (url.host !== apiUrl.host) {
        throw new errors/* ActionError */.lZ(`Input \`check-url\` must be on the same host as \`api-url\` (${apiUrl.host}), so the stored token is never sent anywhere else (got ${url.protocol}//${url.host}).`);
    }
    return { url, method: given === 'POST' ? 'POST' : 'GET', label: 'check-url' };
}
/**
 * `renew-before`: a duration, `always`, or 30 days when empty. Every mint kills the token of every
 * consumer, so rotating on every run takes a word that says so.
 */
function readRenewBefore(read) {
    if (read('renew-before').trim().toLowerCase() === 'always')
        return 'always';
    return readDuration(read, 'renew-before') ?? DEFAULT_RENEW_BEFORE_MS;
}
function readDuration(read, name) {
    const value = read(name);
    if (value === '')
        return undefined;
    const ms = parseDuration(value);
    if (ms === undefined) {
        const always = name === 'renew-before' ? ', or `always`' : '';
        throw new errors/* ActionError */.lZ(`Input \`${name}\` must be a duration such as \`30d\`, \`12h\` or \`1d12h\` (units w, d, h, m, s)${always} (got "${value}").`);
    }
    return ms;
}
function readBoolean(read, name) {
    const value = read(name).toLowerCase();
    if (value === '' || value === 'false')
        return false;
    if (value === 'true')
        return true;
    throw new errors/* ActionError */.lZ(`Input \`${name}\` must be \`true\` or \`false\` (got "${value}").`);
}

// EXTERNAL MODULE: ./src/summary.ts
var src_summary = __nccwpck_require__(8855);
;// CONCATENATED MODULE: ./src/version.ts
// Kept equal to package.json's version by test/unit/version.test.ts; a constant keeps package.json out of the bundle.
const VERSION = '1.0.0';
const USER_AGENT = `personr-token-action/${VERSION}`;

;// CONCATENATED MODULE: ./src/main.ts









/** SIGTERM while the mint's answer was awaited: Personr may have minted for no one. */
const MINT_LOST = "The runner stopped the step (SIGTERM) before Personr's answer to the mint request came: if Personr minted, the new token reached no step, and earlier tokens of this account no longer work.";
const CANCELLED_AFTER_MINT = 'The step was cancelled after the mint request was sent: it waited for the answer and set the outputs, so a later step with `if: always()` can still use the token.';
/** The real collaborators. Code that only a request needs loads on the first request. */
function defaultDeps(redactor, cancel, core = core_namespaceObject) {
    const debug = (line) => createLog(core, redactor).debug(line);
    let transport;
    const send = async (request, signal) => {
        transport ??= Promise.all(/* import() */[__nccwpck_require__.e(454), __nccwpck_require__.e(152)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6152)).then((n) => n.createTransport(USER_AGENT, n.MAX_RESPONSE_BYTES, debug));
        const response = await (await transport).send(request, signal);
        // Whatever a server says may be quoted in a message: the redactor must be able to read it.
        await redactor.prepare(`${response.body} ${response.headers.location ?? ''}`);
        return response;
    };
    const close = () => void transport?.then((t) => t.close());
    return {
        core,
        redactor,
        cancel,
        send,
        close,
        clock: realClock,
        random: Math.random,
        env: process.env
    };
}
/** Mints a token and hands it to later steps, or keeps a stored secret fresh. Never throws. */
async function run(deps) {
    const { core } = deps;
    const log = createLog(core, deps.redactor);
    try {
        // The password is taken as given: leading or trailing spaces may be part of it.
        const read = (0,src_inputs/* withDefaults */.rO)((name) => core.getInput(name, { trimWhitespace: name !== 'password' }));
        const mask = (secret, options) => log.mask(secret, options);
        const inputs = (0,src_inputs/* readTokenInputs */.R7)(read, mask);
        // The Basic header is the credentials in another form: masked before it can be sent.
        if (inputs.auth === 'basic')
            mask((0,src_inputs/* basicAuthorization */.aR)(inputs));
        const secret = readSecretInputs(read, mask, deps.env.GITHUB_REPOSITORY, inputs.apiUrl);
        const mint = async () => {
            const { mintToken } = await Promise.all(/* import() */[__nccwpck_require__.e(454), __nccwpck_require__.e(152)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6152));
            deps.cancel.signal.throwIfAborted();
            log.info(`Minting a Personr API token at ${inputs.endpoint.href}`);
            try {
                return await mintToken(inputs, {
                    ...deps,
                    send: async (request, signal) => {
                        deps.cancel.startMint();
                        return deps.send(request, signal).catch((error) => {
                            deps.cancel.mintFailed(error);
                            throw error;
                        });
                    },
                    stop: deps.cancel,
                    mask,
                    redact: (text) => deps.redactor.read(text),
                    log: (line) => log.warning(line)
                });
            }
            catch (error) {
                if (error instanceof cancel/* CancelledBeforeMintError */.FD || error instanceof errors/* NotMintedError */.T)
                    throw error;
                if (error instanceof cancel/* CancelledError */.cc)
                    throw new cancel/* CancelledError */.cc(MINT_LOST);
                // Every attempt failed before it was sent: nothing reached Personr.
                if (!deps.cancel.minted)
                    throw new errors/* NotMintedError */.T((0,errors/* messageOf */.bD)(error));
                throw error;
            }
        };
        if (secret) {
            const { runRefresh } = await Promise.all(/* import() */[__nccwpck_require__.e(454), __nccwpck_require__.e(152)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6152));
            await runRefresh({
                ...deps,
                log,
                inputs,
                secret,
                mint,
                publish: (m) => publish(core, log, m)
            });
        }
        else {
            const minted = await mint();
            publish(core, log, minted);
            await log.summary((0,src_summary/* tokenSummary */.Wx)(minted, deps.clock.now(), deps.redactor));
            if (deps.cancel.cancelled)
                log.fail(CANCELLED_AFTER_MINT);
        }
    }
    catch (error) {
        log.fail((0,errors/* messageOf */.bD)(error));
    }
    finally {
        deps.close?.();
    }
}
/**
 * Sets the outputs of a minted token; its values were all checked before this is called. A
 * half-right answer's token (refresh only) sets what is known of it.
 */
function publish(core, log, minted) {
    // The token carries its user id, which is printed on purpose, and read as any server text is.
    log.redactor.show(minted.userId);
    const userId = log.redactor.read(minted.userId);
    const known = minted.expires > 0;
    const outputs = {
        token: minted.token,
        user_id: minted.userId || undefined,
        expires: known ? String(minted.expires) : undefined,
        expires_at: known ? minted.expiresAt.toISOString() : undefined,
        rotated: 'true'
    };
    for (const [name, value] of Object.entries(outputs)) {
        if (value !== undefined)
            core.setOutput(name, value);
    }
    log.info(minted.problem === undefined
        ? `Minted a token for Personr user ${userId}; it expires at ${outputs.expires_at}. Earlier tokens of this account no longer work.`
        : `Minted a token from a half-right answer (the error says what was wrong). Earlier tokens of this account no longer work, so it is stored anyway.`);
}

// EXTERNAL MODULE: ./src/redactor.ts
var redactor = __nccwpck_require__(1751);
;// CONCATENATED MODULE: ./src/index.ts






// One redactor for the whole step: whatever prints, the handlers below included, hides every
// secret masked so far.
const src_redactor = new redactor/* Redactor */.pO();
const log = createLog(core_namespaceObject, src_redactor);
// Whatever escapes run() still fails the step with a message instead of ending it green or silent.
const fail = (error) => log.fail(`Unexpected failure: ${(0,errors/* messageOf */.bD)(error)}`);
process.on('unhandledRejection', fail);
process.on('uncaughtException', fail);
// GitHub cancels a step with SIGINT, then SIGTERM; Node would exit at once on either, losing a
// token that Personr may already have minted (and so killing the stored one for nothing).
const src_cancel = new cancel/* Cancellation */.mT(() => Date.now());
process.on('SIGINT', () => {
    const line = src_cancel.cancel();
    if (line !== undefined)
        log.warning(line);
});
process.on('SIGTERM', () => log.warning(src_cancel.terminate()));
void run(defaultDeps(src_redactor, src_cancel));

