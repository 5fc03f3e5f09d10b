export const id = 51;
export const ids = [51];
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

/***/ 51:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  decide: () => (/* binding */ decide),
  refreshSecret: () => (/* binding */ refreshSecret)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/error-body.ts
var error_body = __webpack_require__(6906);
// EXTERNAL MODULE: ./node_modules/libsodium-wrappers/dist/modules-esm/libsodium-wrappers.mjs + 1 modules
var libsodium_wrappers = __webpack_require__(4768);
;// CONCATENATED MODULE: ./src/sealed-box.ts

/** Encrypts `value` as GitHub's secrets API requires: a libsodium sealed box, base64 both ways. */
async function seal(value, publicKeyBase64) {
    await libsodium_wrappers/* default.ready */.Ay.ready;
    const key = libsodium_wrappers/* default.from_base64 */.Ay.from_base64(publicKeyBase64, libsodium_wrappers/* default.base64_variants */.Ay.base64_variants.ORIGINAL);
    const box = libsodium_wrappers/* default */.Ay.crypto_box_seal(libsodium_wrappers/* default.from_string */.Ay.from_string(value), key);
    return libsodium_wrappers/* default.to_base64 */.Ay.to_base64(box, libsodium_wrappers/* default.base64_variants */.Ay.base64_variants.ORIGINAL);
}

;// CONCATENATED MODULE: ./src/secret-store.ts



/**
 * Reads everything rotation needs before a token is minted, so that a token without the
 * right to store it fails here, while the stored token still works.
 */
async function readStoreState(github, secret) {
    const { scope } = secret;
    const key = await github({
        method: 'GET',
        path: `${scope.base}/secrets/public-key`,
        what: `read the Actions secrets public key of ${scope.label}`,
        permission: scope.permission
    });
    if (!(0,error_body/* isRecord */.u4)(key.json) ||
        typeof key.json.key !== 'string' ||
        typeof key.json.key_id !== 'string') {
        throw new errors/* ActionError */.lZ(`GitHub's answer for the public key of ${scope.label} has no key and key_id.`);
    }
    const variable = await github({
        method: 'GET',
        path: `${scope.base}/variables/${secret.expiryVariable}`,
        what: `read the variable ${secret.expiryVariable} of ${scope.label}`,
        permission: scope.permission,
        answers: [404]
    });
    const value = variable.status === 200 && (0,error_body/* isRecord */.u4)(variable.json) ? variable.json.value : undefined;
    return {
        publicKey: { keyId: key.json.key_id, key: key.json.key },
        storedExpiry: typeof value === 'string' ? value : undefined,
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
        const answer = await github({
            method: 'GET',
            path: `/repos/${fullName}`,
            what: `look up the repository ${fullName} for \`secret-repositories\``,
            permission: `read access ("Metadata") to ${fullName}`
        });
        if (!(0,error_body/* isRecord */.u4)(answer.json) || typeof answer.json.id !== 'number') {
            throw new errors/* ActionError */.lZ(`GitHub's answer for the repository ${fullName} has no id.`);
        }
        ids.push(answer.json.id);
    }
    return ids;
}
/** Encrypts the token with the scope's public key and writes the secret. */
async function writeSecret(github, secret, state, token) {
    const { scope } = secret;
    const body = {
        encrypted_value: await seal(token, state.publicKey.key),
        key_id: state.publicKey.keyId
    };
    if (scope.org)
        body.visibility = scope.org.visibility;
    if (state.selectedRepositoryIds)
        body.selected_repository_ids = state.selectedRepositoryIds;
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
    const update = () => github({
        ...call,
        method: 'PATCH',
        path: `${scope.base}/variables/${name}`,
        body: { name, value }
    });
    if (state.storedExpiry !== undefined) {
        await update();
        return;
    }
    const created = await github({
        ...call,
        method: 'POST',
        path: `${scope.base}/variables`,
        body: { name, value, ...(scope.org ? orgVisibility(state, scope.org.visibility) : {}) },
        answers: [409]
    });
    // 409: created by someone else since we looked; update it instead.
    if (created.status === 409)
        await update();
}
function orgVisibility(state, visibility) {
    return state.selectedRepositoryIds
        ? { visibility, selected_repository_ids: state.selectedRepositoryIds }
        : { visibility };
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
    const decision = decide(state.storedExpiry, secret.renewBeforeMs, deps.now());
    deps.log(decision.reason);
    if (!decision.due)
        return { rotated: false, expiresAt: decision.expiresAt };
    const minted = await deps.mint();
    deps.publish(minted);
    try {
        await writeSecret(github, secret, state, minted.token);
    }
    catch (error) {
        throw new errors/* ActionError */.lZ(`Minted a new Personr token but could not store it in the secret ${secret.name} of ${secret.scope.label}: ${(0,errors/* messageOf */.bD)(error)} The token stored there before no longer works, and the new one was not stored. It is in this step's \`token\` output (masked) for a following step to save; or fix the access and re-run this workflow to mint and store another.`);
    }
    try {
        await writeExpiry(github, secret, state, minted.expiresAt);
    }
    catch (error) {
        throw new errors/* ActionError */.lZ(`The new token is stored in the secret ${secret.name} of ${secret.scope.label} and works, but its expiry could not be recorded in the variable ${secret.expiryVariable}: ${(0,errors/* messageOf */.bD)(error)} Until it is, \`renew-before\` cannot tell when the token is due; set ${secret.expiryVariable} to ${minted.expiresAt.toISOString()} or fix the access and re-run.`);
    }
    return { rotated: true, minted };
}
/** Is the stored token due for rotation? Without `renew-before`, always. */
function decide(storedExpiry, renewBeforeMs, now) {
    if (renewBeforeMs === undefined)
        return { due: true, reason: 'No `renew-before` given: rotating.' };
    if (storedExpiry === undefined) {
        return { due: true, reason: 'No recorded expiry of a stored token: rotating.' };
    }
    const expiresAt = new Date(storedExpiry);
    if (Number.isNaN(expiresAt.getTime())) {
        return { due: true, reason: `The recorded expiry "${storedExpiry}" is not a date: rotating.` };
    }
    const left = expiresAt.getTime() - now;
    const days = (left / 86_400_000).toFixed(1);
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


/***/ })

};
