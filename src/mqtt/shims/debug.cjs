// `debug` for mqtt.js in the worker build (scripts/lean-mqtt.js). mqtt.js and mqtt-packet log
// through `debug`, whose browser build prints only when `localStorage.debug` names a namespace;
// a worker has no localStorage, so every logger is off there. This is that: loggers that are
// always off. CommonJS, like the `debug` package: mqtt-packet calls `require('debug')(name)`.
/* global module */
'use strict';

function createDebug(namespace) {
  const log = function () {};
  log.enabled = false;
  log.namespace = namespace;
  log.extend = (sub) => createDebug(`${namespace}:${sub}`);
  return log;
}
createDebug.enabled = () => false;
createDebug.enable = () => {};
createDebug.disable = () => '';

module.exports = createDebug;
module.exports.default = createDebug;
