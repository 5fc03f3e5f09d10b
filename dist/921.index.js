export const id = 921;
export const ids = [921];
export const modules = {

/***/ 1921:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   decodeHtml: () => (/* binding */ decodeHtml)
/* harmony export */ });
/* harmony import */ var entities_decode__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1161);
// The HTML decoder, in its own chunk of dist/: its tables cost about 10 ms to load, so only a
// step that reads a server's text with a `&` in it pays for them (Redactor.prepare).

const decodeHtml = (text) => (0,entities_decode__WEBPACK_IMPORTED_MODULE_0__/* .decodeHTML */ .Gz)(text);


/***/ })

};
